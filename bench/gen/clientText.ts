// Renders the React client files under src/: components that call public functions through
// `useQuery(api.area.module.fn, …)` / `useMutation(…)`, the way a Convex app's frontend does.
// These calls are what tells a public function used by the app from one only the server calls.
import type { PublicFunction } from "./moduleText";
import type { Random } from "./random";

const pascalCase = (s: string) => s[0].toUpperCase() + s.slice(1);
const camelCase = (s: string) => s[0].toLowerCase() + s.slice(1);

export function clientFileName(index: number, first: PublicFunction): string {
  const area = first.ref.split(".")[0];
  return `src/${pascalCase(area)}${first.table.pascal}View${index}.tsx`;
}

function argsExpression(fn: PublicFunction, props: Map<string, string>): string {
  const t = fn.table;
  switch (fn.args) {
    case "owner":
      return fn.name.startsWith("listRecent") ? "{ ownerId: userId }" : '{ ownerId: userId, status: "pending" }';
    case "status":
      return '{ status: "failed" }';
    case "search":
      return "{ ownerId: userId, text: searchText }";
    case "parent": {
      const parent = t.parent!;
      props.set(parent.field, `Id<"${parent.table.name}">`);
      return `${parent.field} ? { ${parent.field} } : "skip"`;
    }
    case "id":
    case "create": {
      const prop = `${t.singular}Id`;
      props.set(prop, `Id<"${t.name}">`);
      return `${prop} ? { id: ${prop} } : "skip"`;
    }
  }
}

/** The arguments a button passes to a mutation or action. */
function mutationCall(local: string, fn: PublicFunction, props: Map<string, string>): string {
  const t = fn.table;
  if (fn.args === "create") {
    if (!t.parent) return `${local}({ title: searchText })`;
    props.set(t.parent.field, `Id<"${t.parent.table.name}">`);
    return `${local}({ title: searchText, ${t.parent.field}: ${t.parent.field}! })`;
  }
  const prop = `${t.singular}Id`;
  props.set(prop, `Id<"${t.name}">`);
  if (fn.name.startsWith("update")) return `${local}({ id: ${prop}!, title: searchText })`;
  if (fn.name.startsWith("invite")) return `${local}({ id: ${prop}!, email: searchText })`;
  return `${local}({ id: ${prop}! })`;
}

export function renderClientFile(functions: readonly PublicFunction[], random: Random): string {
  const first = functions[0];
  const component = `${pascalCase(first.ref.split(".")[0])}${first.table.pascal}View`;
  const props = new Map<string, string>([["userId", 'Id<"users">'], ["searchText", "string"]]);
  const hooks = new Set<string>();
  const body: string[] = [];
  const views: string[] = [];
  const used = new Set<string>();
  for (const fn of functions) {
    let local = camelCase(fn.name);
    if (used.has(local)) local = `${local}${used.size}`;
    used.add(local);
    const target = `api.${fn.ref}.${fn.name}`;
    if (fn.kind === "query") {
      hooks.add("useQuery");
      body.push(`  const ${local} = useQuery(${target}, ${argsExpression(fn, props)});`);
      if (random.chance(0.5)) views.push(`      <pre>{JSON.stringify(${local} ?? null)}</pre>`);
      else views.push(`      {${local} === undefined ? <p>Loading…</p> : <p>{Array.isArray(${local}) ? ${local}.length : 1} loaded</p>}`);
    } else {
      const hook = fn.kind === "mutation" ? "useMutation" : "useAction";
      hooks.add(hook);
      body.push(`  const ${local} = ${hook}(${target});`);
      views.push(`      <button onClick={() => void ${mutationCall(local, fn, props)}}>${fn.name}</button>`);
    }
  }
  const lines = [
    `// ${component}: one screen of the app (generated benchmark client code).`,
    `import { ${[...hooks].sort().join(", ")} } from "convex/react";`,
    'import { api } from "../convex/_generated/api";',
    'import type { Id } from "../convex/_generated/dataModel";',
    "",
    `export interface ${component}Props {`,
    ...[...props].map(([name, type]) => (name === "userId" || name === "searchText" ? `  ${name}: ${type};` : `  ${name}?: ${type};`)),
    "}",
    "",
    `export function ${component}({ ${[...props.keys()].join(", ")} }: ${component}Props) {`,
    ...body,
    "  return (",
    "    <section>",
    `      <h2>${first.table.pascal}s</h2>`,
    ...views,
    "    </section>",
    "  );",
    "}",
  ];
  return lines.join("\n") + "\n";
}
