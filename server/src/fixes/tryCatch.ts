// Wrapping the statement that makes an external call in `try … catch`, re-indented one level, with
// a catch that records the failure and rethrows (so the action still fails as before).
import ts = require("typescript");
import { isFunctionLike, propertyName, unwrap, walkTree } from "../project/extract/ast";
import type { ConvexProject } from "../project/project";
import type { ModuleFacts, PlainCall, RegisteredFunction, Span } from "../project/types";
import type { FileEdit, Fix } from "../rules/types";
import { changeGeneratedImport, localNameOf } from "./imports";
import { expressionAtSpan } from "./rewrites";
import { indentUnitOf, newlineOf, nodeAtSpan, sourceFileOf, usesSemicolons } from "./source";

/** Names of internal mutations that record how a job went. */
const STATUS_MUTATION = /^(?:mark\w*(?:fail|error)\w*|set\w*status|update\w*status|record\w*(?:fail|error)\w*|(?:on|handle)?\w*fail(?:ed|ure)?|\w*error)$/i;
/** String args that take the error's message. */
const MESSAGE_ARG = /^(?:error|err|message|reason|errorMessage|failureReason|errorText)$/;
/** Literals that say "it failed" for a `status` arg. */
const FAILED_LITERAL = /^(?:failed|failure|error|errored)$/;

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

/** The statements to wrap: the one holding the call, through the end of its block when later statements use what it declares. */
function statementRange(call: ts.Node): ts.Statement[] | undefined {
  let statement: ts.Node = call;
  while (!(ts.isBlock(statement.parent) && ts.isStatement(statement))) {
    statement = statement.parent;
    if (!statement.parent || ts.isSourceFile(statement.parent) || ts.isClassLike(statement)) return undefined;
  }
  const block = statement.parent as ts.Block;
  const index = block.statements.indexOf(statement as ts.Statement);
  let last = index;
  if (ts.isVariableStatement(statement)) {
    const names = new Set<string>();
    const collect = (name: ts.BindingName) => {
      if (ts.isIdentifier(name)) names.add(name.text);
      else for (const e of name.elements) if (!ts.isOmittedExpression(e)) collect(e.name);
    };
    for (const d of statement.declarationList.declarations) collect(d.name);
    const usedLater = block.statements.slice(index + 1).some((s) => mentions(s, names));
    if (usedLater) last = block.statements.length - 1;
  }
  const range = block.statements.slice(index, last + 1);
  // A function declared in the range would become block-scoped: uses before it would break.
  if (range.some((s) => ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s))) return undefined;
  return range;
}

function mentions(node: ts.Node, names: Set<string>): boolean {
  let found = false;
  walkTree(node, (n) => {
    if (!found && ts.isIdentifier(n) && names.has(n.text)) found = true;
    return !found;
  });
  return found;
}

/** Template literals (their spans) in `range`: lines starting inside one must keep their indentation. */
function templateSpans(nodes: readonly ts.Node[], sourceFile: ts.SourceFile): Span[] {
  const spans: Span[] = [];
  for (const node of nodes) {
    walkTree(node, (n) => {
      if (ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateExpression(n)) spans.push({ start: n.getStart(sourceFile), end: n.getEnd() });
    });
  }
  return spans;
}

/** The `{ key: validator }` entries of an `args` property, as source text; undefined when not a literal object. */
function argValidators(sourceFile: ts.SourceFile, argsSpan: Span | undefined): Map<string, ts.Expression> | undefined {
  if (!argsSpan) return new Map();
  const property = nodeAtSpan(sourceFile, argsSpan);
  if (!property || !ts.isPropertyAssignment(property)) return undefined;
  const init = unwrap(property.initializer);
  if (!ts.isObjectLiteralExpression(init)) return undefined;
  const out = new Map<string, ts.Expression>();
  for (const p of init.properties) {
    if (!ts.isPropertyAssignment(p)) return undefined;
    const key = propertyName(p.name);
    if (key === undefined) return undefined;
    out.set(key, p.initializer);
  }
  return out;
}

/** `v.method(…)` → method and arguments. */
function validatorCall(expr: ts.Expression): { method: string; args: readonly ts.Expression[] } | undefined {
  const e = unwrap(expr);
  if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression) || !ts.isIdentifier(e.expression.expression)) return undefined;
  return { method: e.expression.name.text, args: e.arguments };
}

/** A literal of `validator` that says "failed", if it accepts one. */
function failedLiteral(validator: ts.Expression, sourceFile: ts.SourceFile): string | undefined {
  const call = validatorCall(validator);
  if (!call) return undefined;
  if (call.method === "literal" && call.args.length === 1 && ts.isStringLiteral(call.args[0]) && FAILED_LITERAL.test(call.args[0].text)) return call.args[0].getText(sourceFile);
  if (call.method === "union") for (const member of call.args) {
    const found = failedLiteral(member, sourceFile);
    if (found) return found;
  }
  return undefined;
}

interface StatusCall {
  mutation: RegisteredFunction;
  /** `{ jobId: args.jobId, error: … }` entries. */
  fields: string[];
}

/**
 * An internal mutation of the module whose name says it records a failure, with every required
 * argument satisfiable: the action's own argument of the same name and validator, the error's
 * message for a string `error`/`message`/`reason`, a "failed" literal for a status.
 */
function statusCall(module: ModuleFacts, action: RegisteredFunction, handler: ts.FunctionLikeDeclaration): StatusCall | undefined {
  const sourceFile = sourceFileOf(module);
  const actionArgs = argValidators(sourceFile, action.argsSpan);
  const argsParam = handler.parameters[1]?.name;
  const valueOf = (key: string): string | undefined => {
    if (!argsParam) return undefined;
    if (ts.isIdentifier(argsParam)) return `${argsParam.text}.${key}`;
    if (ts.isObjectBindingPattern(argsParam)) {
      const element = argsParam.elements.find((e) => !e.dotDotDotToken && ts.isIdentifier(e.name) && propertyName(e.propertyName ?? e.name) === key);
      return element ? (element.name as ts.Identifier).text : undefined;
    }
    return undefined;
  };
  for (const mutation of module.functions) {
    if (mutation.kind !== "mutation" || mutation.visibility !== "internal" || !STATUS_MUTATION.test(mutation.name) || mutation.syntax !== "object") continue;
    const args = argValidators(sourceFile, mutation.argsSpan);
    if (!args || !actionArgs) continue;
    const fields: string[] = [];
    let satisfiable = true;
    for (const [key, validator] of args) {
      const call = validatorCall(validator);
      const own = actionArgs.get(key);
      const value = own !== undefined && own.getText(sourceFile).replace(/\s+/g, "") === validator.getText(sourceFile).replace(/\s+/g, "") ? valueOf(key) : undefined;
      if (value !== undefined) fields.push(value === key ? key : `${key}: ${value}`);
      else if (MESSAGE_ARG.test(key) && call?.method === "string" && call.args.length === 0) fields.push(`${key}: error instanceof Error ? error.message : String(error)`);
      else if (failedLiteral(validator, sourceFile) !== undefined) fields.push(`${key}: ${failedLiteral(validator, sourceFile)}`);
      else if (call?.method === "optional") continue;
      else {
        satisfiable = false;
        break;
      }
    }
    if (satisfiable) return { mutation, fields };
  }
  return undefined;
}

/**
 * `try { <statement> } catch (error) { … }`. The catch calls the module's status-recording internal
 * mutation when one can be called with what is at hand, then rethrows; the plain variant logs and
 * rethrows. Not offered when the statement does not start its own line, or sits where a block
 * cannot hold it.
 */
export function wrapInTryCatch(project: ConvexProject, module: ModuleFacts, fn: RegisteredFunction, call: PlainCall): Fix[] {
  const sourceFile = sourceFileOf(module);
  const text = module.text;
  const node = expressionAtSpan(sourceFile, call.span);
  if (!node) return [];
  const range = statementRange(node);
  if (!range) return [];
  const first = range[0];
  const firstStart = first.getStart(sourceFile);
  const lineStart = lineStartOf(text, firstStart);
  if (!/^[ \t]*$/.test(text.slice(lineStart, firstStart))) return [];
  let end = range[range.length - 1].getEnd();
  const rest = /^[^\r\n]*/.exec(text.slice(end))![0];
  if (/^[ \t]*\/\/.*$/.test(rest)) end += rest.replace(/[ \t]+$/, "").length;
  else if (!/^[ \t]*$/.test(rest)) return [];
  const nl = newlineOf(text);
  const unit = indentUnitOf(text);
  const indent = text.slice(lineStart, firstStart);
  const semi = usesSemicolons(text) ? ";" : "";
  const templates = templateSpans(range, sourceFile);
  // Re-indent every line of the range that starts outside a template literal.
  let body = "";
  let offset = lineStart;
  for (const line of text.slice(lineStart, end).split("\n")) {
    const insideTemplate = templates.some((t) => offset > t.start && offset < t.end);
    body += (insideTemplate || /^[ \t]*\r?$/.test(line) ? line : unit + line) + "\n";
    offset += line.length + 1;
  }
  body = body.slice(0, -1);
  const wrap = (catchLines: string[], title: string, extra: FileEdit[] = []): Fix => ({
    title,
    safe: true,
    edits: [
      {
        path: module.path,
        start: lineStart,
        end,
        newText: `${indent}try {${nl}${body}${nl}${indent}} catch (error) {${nl}${catchLines.map((l) => `${indent}${unit}${l}`).join(nl)}${nl}${indent}}`,
      },
      ...extra,
    ],
  });
  const fixes: Fix[] = [];
  const handler = fn.handlerSpan && nodeAtSpan(sourceFile, fn.handlerSpan);
  const ctxParam = handler && isFunctionLike(handler) ? handler.parameters[0]?.name : undefined;
  if (call.via === undefined && handler && isFunctionLike(handler) && ctxParam && ts.isIdentifier(ctxParam) && /^[\w/]+$/.test(module.modulePath)) {
    const status = statusCall(module, fn, handler);
    const segments = module.modulePath.split("/");
    if (status && segments.every((s) => /^[A-Za-z_$][\w$]*$/.test(s))) {
      const internal = localNameOf(module, "api", "internal") ?? "internal";
      const args = status.fields.length === 0 ? "{}" : `{ ${status.fields.join(", ")} }`;
      fixes.push(wrap(
        [`await ${ctxParam.text}.runMutation(${internal}.${segments.join(".")}.${status.mutation.name}, ${args})${semi}`, `throw error${semi}`],
        `Wrap in \`try … catch\` that records the failure with \`${status.mutation.name}\``,
        changeGeneratedImport(project, module, "api", { add: ["internal"] }),
      ));
    }
  }
  fixes.push(wrap([`console.error(error)${semi}`, `throw error${semi}`], "Wrap in `try … catch` that logs and rethrows"));
  return fixes;
}
