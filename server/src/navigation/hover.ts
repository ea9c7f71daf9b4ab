// Hover: what Convex knows about the symbol under the cursor, as markdown. A function shows its kind
// and visibility, its args with their validators, its module and how often it is referenced; a table
// its fields and indexes; an index its table, fields and kind; a field its validator.
import * as path from "node:path";
import ts = require("typescript");
import { AnalysisIndex } from "../engine/index";
import { nodeAtSpan, sourceFileOf } from "../fixes/source";
import { propertyName, unwrap } from "../project/extract/ast";
import type { ConvexProject } from "../project/project";
import type { ModuleFacts, RegisteredFunction, SchemaIndex, SchemaTable, Span } from "../project/types";
import { resolveFunction, schemaIndex, schemaTable } from "./definition";
import { moduleOf, symbolAt } from "./symbols";

export interface NavHover {
  markdown: string;
  /** The symbol's span in the hovered module. */
  span: Span;
}

const KIND_NAMES: Record<SchemaIndex["kind"], string> = { index: "index", searchIndex: "search index", vectorIndex: "vector index" };

export function hoverAt(project: ConvexProject, file: string, offset: number): NavHover | undefined {
  const module = moduleOf(project, file);
  const symbol = module && symbolAt(module, offset);
  if (!symbol) return undefined;
  let markdown: string | undefined;
  switch (symbol.kind) {
    case "function": {
      const resolved = resolveFunction(project, symbol.path);
      if (resolved) markdown = functionHover(project, resolved.module, resolved.fn);
      break;
    }
    case "table": {
      const found = schemaTable(project, symbol.name);
      if (found) markdown = tableHover(found.table);
      break;
    }
    case "index": {
      const found = schemaIndex(project, symbol.table, symbol.name);
      if (found) markdown = indexHover(found.table, found.index);
      else if (symbol.name === "by_creation_time" && symbol.table !== undefined && schemaTable(project, symbol.table)) {
        markdown = `**index** \`by_creation_time\` on table \`${symbol.table}\` (built in)\n\nFields: \`_creationTime\``;
      }
      break;
    }
    case "field": {
      const found = symbol.table !== undefined ? schemaTable(project, symbol.table) : undefined;
      const field = found?.table.fields.find((f) => f.name === symbol.name);
      if (found && field) {
        markdown = `**field** \`${field.name}\` of table \`${found.table.name}\`${field.optional ? " (optional)" : ""}\n\n\`${oneLine(field.validator)}\``;
      }
      break;
    }
  }
  return markdown === undefined ? undefined : { markdown, span: symbol.span };
}

function functionHover(project: ConvexProject, module: ModuleFacts, fn: RegisteredFunction): string {
  const kind = fn.kind === "httpAction" ? "HTTP action" : fn.kind;
  const lines = [`**${fn.visibility === "internal" ? "internal " : ""}${kind}** \`${module.modulePath}:${fn.name}\``, ""];
  const args = argsOf(module, fn);
  if (!fn.hasArgs) lines.push("No `args` validator");
  else if (args === undefined) lines.push("Args: not written out as an object");
  else if (args.length === 0) lines.push("No args");
  else {
    lines.push("Args:");
    for (const arg of args) lines.push(`- \`${arg.name}\`: \`${oneLine(arg.validator)}\``);
  }
  const index = new AnalysisIndex(project);
  const server = index.serverReferencesTo(module, fn).length;
  const client = index.clientReferencesTo(module, fn).length;
  const total = server + client;
  const sites = `${total} reference${total === 1 ? "" : "s"}${total > 0 ? ` (${server} server, ${client} client)` : ""}`;
  lines.push("", `Defined in \`${path.posix.relative(project.location.root, module.path)}\` · ${sites}`);
  return lines.join("\n");
}

/** `args: { a: v.string() }` → a with its validator text; undefined when args is not an object literal. */
function argsOf(module: ModuleFacts, fn: RegisteredFunction): { name: string; validator: string }[] | undefined {
  if (!fn.argsSpan) return fn.argNames.length === 0 ? undefined : fn.argNames.map((name) => ({ name, validator: "?" }));
  const sourceFile = sourceFileOf(module);
  const property = nodeAtSpan(sourceFile, fn.argsSpan);
  if (!property || !ts.isPropertyAssignment(property)) return undefined;
  const object = unwrap(property.initializer);
  if (!ts.isObjectLiteralExpression(object)) return undefined;
  return object.properties.flatMap((p) => {
    const name = propertyName(p.name);
    if (name === undefined) return [];
    return [{ name, validator: ts.isPropertyAssignment(p) ? p.initializer.getText(sourceFile) : "…" }];
  });
}

function tableHover(table: SchemaTable): string {
  const lines = [`**table** \`${table.name}\``, ""];
  if (table.fields.length > 0) {
    lines.push("Fields:");
    for (const field of table.fields) lines.push(`- \`${field.name}\`${field.optional ? " (optional)" : ""}: \`${oneLine(field.validator)}\``);
  } else if (table.fieldsKnown) {
    lines.push("No fields");
  }
  if (!table.fieldsKnown) lines.push("", "_Not every field could be read from the schema._");
  if (table.indexes.length > 0) {
    lines.push("", "Indexes:");
    for (const index of table.indexes) {
      lines.push(`- \`${index.name}\`${index.kind === "index" ? "" : ` (${KIND_NAMES[index.kind]})`}: ${index.fields.map((f) => `\`${f}\``).join(", ")}`);
    }
  }
  return lines.join("\n");
}

function indexHover(table: SchemaTable, index: SchemaIndex): string {
  const lines = [`**${KIND_NAMES[index.kind]}** \`${index.name}\` on table \`${table.name}\``, ""];
  if (index.kind === "index") lines.push(`Fields: ${index.fields.map((f) => `\`${f}\``).join(", ")}`);
  else {
    const [main, ...filters] = index.fields;
    lines.push(`${index.kind === "searchIndex" ? "Search field" : "Vector field"}: ${main !== undefined ? `\`${main}\`` : "?"}`);
    if (filters.length > 0) lines.push("", `Filter fields: ${filters.map((f) => `\`${f}\``).join(", ")}`);
    if (index.dimensions !== undefined) lines.push("", `Dimensions: ${index.dimensions}`);
  }
  if (!index.fieldsKnown) lines.push("", "_Not every field could be read from the schema._");
  return lines.join("\n");
}

/** Validator text on one line, for inline code. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ");
}
