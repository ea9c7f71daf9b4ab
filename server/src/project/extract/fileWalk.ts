// The one walk over a module's whole tree. Walking costs about as much as parsing, so everything
// that needs to see every node happens in this single pass: parent pointers (the tree is parsed
// without them), api/internal references, `v.*` validators, long strings, the CORS header, which
// imports are used while the module loads, and what each handler body does (fed to its
// HandlerAnalysis). Iterative, because generated or hostile files nest deeper than the call stack.
// Statement by statement, so that an edited module's unchanged statements can be skipped
// (statementReuse.ts).
import ts = require("typescript");
import type { FunctionReference, ModuleFacts, ValidatorCall, LongString } from "../types";
import { isFunctionLike, propertyName, spanOf, stringValue } from "./ast";
import { HandlerExit, reverse, type HandlerAnalysis } from "./handler";
import type { StatementFacts, StatementReuse } from "./statementReuse";

/** Strings shorter than this are not credentials worth looking at. */
const MIN_SECRET_LENGTH = 16;
const MAX_LONG_STRINGS = 500;

export interface FileFacts {
  idValidators: ModuleFacts["idValidators"];
  validatorCalls: ValidatorCall[];
  longStrings: LongString[];
  setsCorsHeader: boolean;
  /** Imported names used while the module loads: outside every function body (top-level code, initialisers). */
  loadTimeImportUses: string[];
}

export interface WalkInput {
  /** Local names of `api`/`internal` from `_generated/api`, with which of the two each is. */
  apiRoots: ReadonlyMap<string, "api" | "internal">;
  /** Local names of `v` from `convex/values`. */
  validators: ReadonlySet<string>;
  /** Imported (value) names whose use at load time is recorded. */
  importedNames: ReadonlySet<string>;
  /** Handlers to analyse, by function node: the analysis is fed the nodes of its body. */
  handlers: ReadonlyMap<ts.Node, HandlerAnalysis>;
  /** Filled with every `api.x.y` / `internal.x.y` reference, by its outermost node. */
  references: Map<ts.Node, FunctionReference>;
  /** Facts of statements unchanged since the previous extraction, and where this one's go. */
  reuse?: StatementReuse;
}

/** Stack entries that are not nodes: what to undo once a subtree is done. */
enum Marker {
  /** A handler's body is done. */
  HandlerEnd = 100,
  /** A function body or type is done: imports used below it were not used at load time. */
  LoadTimeEnd = 101,
  /** An `api.x.y` chain is done: its parts were not references of their own. */
  ReferenceEnd = 102,
}

type StackItem = ts.Node | HandlerExit | Marker;

const { FirstNode, StringLiteral, NoSubstitutionTemplateLiteral, Identifier, PropertyAccessExpression, CallExpression } = ts.SyntaxKind;

export function walkFile(sourceFile: ts.SourceFile, input: WalkInput): FileFacts {
  const facts: FileFacts = { idValidators: [], validatorCalls: [], longStrings: [], setsCorsHeader: false, loadTimeImportUses: [] };
  const loadTimeUses = new Set<string>();
  for (const statement of sourceFile.statements) {
    (statement as { parent: ts.Node }).parent = sourceFile;
    const piece = input.reuse?.statementFacts(statement) ?? walkStatement(statement, sourceFile, input);
    input.reuse?.walked(statement, piece);
    for (const idValidator of piece.idValidators) facts.idValidators.push(idValidator);
    for (const validatorCall of piece.validatorCalls) facts.validatorCalls.push(validatorCall);
    for (const longString of piece.longStrings) if (facts.longStrings.length < MAX_LONG_STRINGS) facts.longStrings.push(longString);
    if (piece.setsCorsHeader) facts.setsCorsHeader = true;
    for (const name of piece.loadTimeImportUses) loadTimeUses.add(name);
    for (const [node, reference] of piece.references) input.references.set(node, reference);
  }
  facts.loadTimeImportUses = [...loadTimeUses];
  return facts;
}

/** Walks one top-level statement (its parent already set). */
function walkStatement(statement: ts.Statement, sourceFile: ts.SourceFile, input: WalkInput): StatementFacts {
  const facts: StatementFacts = { idValidators: [], validatorCalls: [], longStrings: [], setsCorsHeader: false, loadTimeImportUses: [], references: [] };
  const { apiRoots, validators, importedNames, handlers } = input;
  const loadTimeUses = new Set<string>();
  const stack: StackItem[] = [statement];
  /** Inside an `api.x.y` chain already recorded: its parts are not references of their own. */
  let inReference = false;
  /** Whether an enclosing node hides identifiers from load time (a function, a type, an import). */
  let hidden = false;
  /** The handler whose body is being walked; the body of a handler function just entered. */
  let handler: HandlerAnalysis | undefined;
  let pendingBody: ts.Node | undefined;
  let pendingHandler: HandlerAnalysis | undefined;
  let parent: ts.Node = sourceFile;
  const push = (child: ts.Node) => {
    // The tree is parsed without parent pointers: this walk sets them.
    (child as { parent: ts.Node }).parent = parent;
    const kind = child.kind;
    // Identifiers, keywords and punctuation have no children; identifiers only matter for load time.
    if (kind >= FirstNode || kind === StringLiteral || kind === NoSubstitutionTemplateLiteral) stack.push(child);
    else if (kind === Identifier && !hidden && importedNames.has((child as ts.Identifier).text)) loadTimeUses.add((child as ts.Identifier).text);
  };
  /** Pushes a node's children so that they come off the stack in source order. */
  const pushChildren = (node: ts.Node) => {
    parent = node;
    const from = stack.length;
    ts.forEachChild(node, push);
    reverse(stack, from);
  };
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item === "number") {
      if (item === Marker.LoadTimeEnd) hidden = false;
      else if (item === Marker.ReferenceEnd) inReference = false;
      else if (item === Marker.HandlerEnd) handler = undefined;
      else handler!.exit(item);
      continue;
    }
    const node = item;
    // Markers go on the stack before the children, so they come off after the whole subtree.
    if (node === pendingBody) {
      handler = pendingHandler;
      pendingBody = pendingHandler = undefined;
      stack.push(Marker.HandlerEnd);
    }
    if (handler) {
      const exit = handler.enter(node);
      if (exit !== undefined) stack.push(exit);
    } else if (isFunctionLike(node) && node.body) {
      // Handlers do not nest: each is part of a different top-level statement.
      const analysis = handlers.get(node);
      if (analysis) {
        pendingBody = node.body;
        pendingHandler = analysis;
      }
    }
    if (!hidden && hidesLoadTime(node)) {
      hidden = true;
      stack.push(Marker.LoadTimeEnd);
    }
    const kind = node.kind;
    if (inReference) {
      pushChildren(node);
      continue;
    }
    if (kind === PropertyAccessExpression) {
      if (apiRoots.size > 0 && recordReference(node as ts.PropertyAccessExpression, apiRoots, facts.references, sourceFile)) {
        inReference = true;
        stack.push(Marker.ReferenceEnd);
      }
    } else if (kind === CallExpression) {
      const call = node as ts.CallExpression;
      const callee = call.expression;
      if (validators.size > 0 && ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && validators.has(callee.expression.text)) {
        const method = callee.name.text;
        facts.validatorCalls.push({ method, span: spanOf(node, sourceFile), key: nameFor(node) });
        const table = stringValue(call.arguments[0]);
        if (method === "id" && table !== undefined) facts.idValidators.push({ table, span: spanOf(call.arguments[0], sourceFile) });
      }
    } else if (kind === StringLiteral || kind === NoSubstitutionTemplateLiteral) {
      const text = (node as ts.StringLiteral).text;
      if (/access-control-allow-origin/i.test(text)) facts.setsCorsHeader = true;
      if (text.length >= MIN_SECRET_LENGTH && facts.longStrings.length < MAX_LONG_STRINGS && !ts.isImportDeclaration(node.parent) && !ts.isExportDeclaration(node.parent)) {
        facts.longStrings.push({ text, span: spanOf(node, sourceFile), name: nameFor(node) });
      }
    }
    pushChildren(node);
  }
  facts.loadTimeImportUses = [...loadTimeUses];
  return facts;
}

/** Nodes below which identifiers are not used while the module loads. */
function hidesLoadTime(node: ts.Node): boolean {
  return isFunctionLike(node) || ts.isTypeNode(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isImportDeclaration(node);
}

/** Records `api.x.y` (a chain of names on an api/internal root) as a reference; false for anything else. */
function recordReference(
  node: ts.PropertyAccessExpression,
  apiRoots: ReadonlyMap<string, "api" | "internal">,
  references: [ts.Node, FunctionReference][],
  sourceFile: ts.SourceFile,
): boolean {
  // Only the outermost access of a chain is followed to its root: the inner accesses have the same
  // root (were it api/internal, they would be inside a reference already), and following each of
  // them made a 10,000-long member chain take quadratic time.
  if (ts.isPropertyAccessExpression(node.parent) && node.parent.expression === node) return false;
  const path: string[] = [];
  let current: ts.Expression = node;
  while (ts.isPropertyAccessExpression(current)) {
    path.push(current.name.text);
    current = current.expression;
  }
  const rootName = ts.isIdentifier(current) ? apiRoots.get(current.text) : undefined;
  if (!rootName) return false;
  references.push([node, { root: rootName, path: path.reverse(), span: spanOf(node, sourceFile) }]);
  return true;
}

/** The name a value is given: `const apiKey = …`, `{ token: … }`, `this.secret = …`. */
function nameFor(node: ts.Node): string | undefined {
  let current = node;
  for (let hops = 0; hops < 4; hops++) {
    const parent = current.parent;
    if (!parent) return undefined;
    if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
    if (ts.isPropertyAssignment(parent) && parent.initializer === current) return propertyName(parent.name);
    if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const target = parent.left;
      return ts.isIdentifier(target) ? target.text : ts.isPropertyAccessExpression(target) ? target.name.text : undefined;
    }
    if (!ts.isCallExpression(parent) && !ts.isParenthesizedExpression(parent) && !ts.isAsExpression(parent) && !ts.isBinaryExpression(parent)) return undefined;
    current = parent;
  }
  return undefined;
}
