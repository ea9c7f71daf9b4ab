// Fields of a table as the code writes them: `ctx.db.insert("t", { a: "x", n: 1, b: args.b })` gives
// `a: v.string()`, `n: v.number()` and the validator of the `b` argument. A field only some inserts
// write is optional; a field whose value cannot be read (or whose inserts disagree) is left out, so
// the declared fields are always ones the code is known to write.
import ts = require("typescript");
import { unwrap } from "../project/extract/ast";
import type { ConvexProject } from "../project/project";
import type { ModuleFacts, RegisteredFunction, Span } from "../project/types";
import { findNodeAtSpan, sourceFileOf } from "./source";

export interface InferredField {
  name: string;
  validator: string;
}

function findCall(sourceFile: ts.SourceFile, span: Span): ts.CallExpression | undefined {
  return findNodeAtSpan(sourceFile, span, ts.isCallExpression);
}

function findNodeAt<T extends ts.Node>(sourceFile: ts.SourceFile, span: Span | undefined, is: (n: ts.Node) => n is T): T | undefined {
  return span ? findNodeAtSpan(sourceFile, span, is) : undefined;
}

/** A validator written only with `v.…` (no constants of the module), so it means the same in schema.ts. */
function selfContained(text: string): boolean {
  const code = text.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
  return [...code.matchAll(/(?<![.\w$])[A-Za-z_$][\w$]*/g)].every((m) => m[0] === "v") && !/\bv\.any\(/.test(code);
}

/** The validators of a function's arguments, by the names its handler reads them under. */
function argumentValidators(module: ModuleFacts, fn: RegisteredFunction): { byName: Map<string, string> } {
  const sourceFile = sourceFileOf(module);
  const byName = new Map<string, string>();
  // `argsSpan` is the whole `args: {…}` property.
  const property = findNodeAt(sourceFile, fn.argsSpan, ts.isPropertyAssignment);
  const args = property && unwrap(property.initializer);
  const validators = new Map<string, string>();
  for (const p of args && ts.isObjectLiteralExpression(args) ? args.properties : []) {
    if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) validators.set(p.name.text, p.initializer.getText(sourceFile));
  }
  const handler = findNodeAt(sourceFile, fn.handlerSpan, (n): n is ts.ArrowFunction | ts.FunctionExpression | ts.MethodDeclaration =>
    ts.isArrowFunction(n) || ts.isFunctionExpression(n) || ts.isMethodDeclaration(n));
  const param = handler?.parameters[1]?.name;
  let viaArgs: string | undefined;
  if (param && ts.isIdentifier(param)) viaArgs = param.text;
  else if (param && ts.isObjectBindingPattern(param)) {
    for (const element of param.elements) {
      const key = element.propertyName && ts.isIdentifier(element.propertyName) ? element.propertyName.text : ts.isIdentifier(element.name) ? element.name.text : undefined;
      if (key !== undefined && ts.isIdentifier(element.name) && validators.has(key) && !element.dotDotDotToken) byName.set(element.name.text, validators.get(key)!);
    }
  }
  if (viaArgs) for (const [k, val] of validators) byName.set(`${viaArgs}.${k}`, val);
  return { byName };
}

function validatorOf(value: ts.Expression, argValidators: Map<string, string>, sourceFile: ts.SourceFile): string | undefined {
  const expr = unwrap(value);
  if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr) || ts.isTemplateExpression(expr)) return "v.string()";
  if (ts.isNumericLiteral(expr) || (ts.isPrefixUnaryExpression(expr) && ts.isNumericLiteral(expr.operand))) return "v.number()";
  if (expr.kind === ts.SyntaxKind.TrueKeyword || expr.kind === ts.SyntaxKind.FalseKeyword) return "v.boolean()";
  if (ts.isIdentifier(expr) || ts.isPropertyAccessExpression(expr)) {
    const found = argValidators.get(expr.getText(sourceFile));
    return found !== undefined && selfContained(found) ? found : undefined;
  }
  return undefined;
}

/** The fields every `ctx.db.insert("table", {…})` in the project writes, inferred as far as they can be. */
export function inferTableFields(project: ConvexProject, table: string): InferredField[] {
  const inserts: Map<string, string | undefined>[] = [];
  const seen = new Set<string>();
  for (const module of project.modules.values()) {
    if (module.role !== "function") continue;
    for (const fn of module.functions) {
      for (const call of fn.ctxCalls) {
        if (call.area !== "db" || call.method !== "insert" || call.tableName !== table) continue;
        const key = `${module.path}:${call.span.start}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const sourceFile = sourceFileOf(module);
        const node = findCall(sourceFile, call.span);
        const object = node?.arguments[1] && unwrap(node.arguments[1]);
        // A document built elsewhere: its fields are unknown, so no field can be called required.
        if (!object || !ts.isObjectLiteralExpression(object)) return [];
        // In a helper the handler calls, `args` is not the function's.
        const byName = call.via === undefined ? argumentValidators(module, fn).byName : new Map<string, string>();
        const fields = new Map<string, string | undefined>();
        for (const p of object.properties) {
          if (ts.isSpreadAssignment(p)) return [];
          const name = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
          if (name === undefined) return [];
          if (ts.isPropertyAssignment(p)) fields.set(name, validatorOf(p.initializer, byName, sourceFile));
          else if (ts.isShorthandPropertyAssignment(p)) fields.set(name, validatorOf(p.name, byName, sourceFile));
          else fields.set(name, undefined);
        }
        inserts.push(fields);
      }
    }
  }
  const names = [...new Set(inserts.flatMap((f) => [...f.keys()]))];
  const out: InferredField[] = [];
  for (const name of names) {
    if (name.startsWith("_")) continue;
    const values = new Set(inserts.map((f) => f.get(name)).filter((val) => val !== undefined));
    const unreadable = inserts.some((f) => f.has(name) && f.get(name) === undefined);
    if (values.size !== 1 || unreadable) continue;
    const validator = [...values][0]!;
    const everywhere = inserts.every((f) => f.has(name));
    out.push({ name, validator: everywhere || /^v\.optional\(/.test(validator) ? validator : `v.optional(${validator})` });
  }
  return out;
}

/** Only fields whose `v.id("t")` tables are all among `known` (a field pointing at an undeclared table would be reported). */
export function withKnownIds(fields: InferredField[], known: (table: string) => boolean): InferredField[] {
  return fields.filter((f) => [...f.validator.matchAll(/v\.id\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].every((m) => known(m[1])));
}

/**
 * Every table the project's code uses (`ctx.db` calls and `v.id("t")`, system tables aside), in
 * order of first use, with the fields its inserts write and the indexes its `withIndex` calls name
 * (when their fields are literal and among the inferred fields).
 */
export function inferSchemaTables(project: ConvexProject, isSystem: (table: string) => boolean): { name: string; fields: InferredField[]; indexes: { name: string; fields: string[] }[] }[] {
  const names: string[] = [];
  const indexes = new Map<string, Map<string, string[]>>();
  const add = (name: string | undefined) => {
    if (name !== undefined && !isSystem(name) && /^[A-Za-z][A-Za-z0-9_]*$/.test(name) && !names.includes(name)) names.push(name);
  };
  for (const module of project.modules.values()) {
    for (const fn of module.functions) {
      for (const call of fn.ctxCalls) if (call.area === "db") add(call.tableName);
      for (const chain of fn.queries) {
        add(chain.table);
        for (const step of chain.steps) {
          if (chain.table === undefined || step.method !== "withIndex" || step.indexName === undefined || !step.fieldsKnown || step.fields.length === 0) continue;
          const byName = indexes.get(chain.table) ?? new Map<string, string[]>();
          indexes.set(chain.table, byName);
          if (!byName.has(step.indexName)) byName.set(step.indexName, [...new Set(step.fields.map((f) => f.name))]);
        }
      }
    }
    for (const id of module.idValidators) add(id.table);
  }
  return names.map((name) => {
    const fields = withKnownIds(inferTableFields(project, name), (t) => isSystem(t) || names.includes(t));
    const declared = new Set(fields.map((f) => f.name));
    const wanted = [...(indexes.get(name) ?? new Map<string, string[]>())].filter(([, f]) => f.every((x) => declared.has(x.split(".")[0])));
    return { name, fields, indexes: wanted.map(([n, f]) => ({ name: n, fields: f })) };
  });
}
