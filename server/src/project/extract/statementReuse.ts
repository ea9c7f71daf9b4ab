// Reuse of what an unchanged top-level statement gave the previous extraction of the same module.
//
// After a keystroke, TypeScript's incremental parser hands back every top-level statement the edit
// did not touch as the same node object, moved by the length the edit added or removed. The file
// walk's facts of such a statement, and the facts of the handlers in it, are then those of the
// previous extraction, moved by as much: walking a 2,000-line module again for a one-line edit was
// most of an edit's cost.
//
// That holds only while nothing outside the statement that its facts depend on changed: the
// module's imports, helpers and custom builders (every statement that is not only a function
// definition, compared by node identity, plus the builders imported from other modules) and which
// handlers the statement holds. Every offset of a reused fact must lie in a reused statement of the
// previous extraction; one that does not stops the reuse (`NotMovable`) and the module is walked
// in full. Only edited trees take part: modules read from disk are parsed from scratch anyway.
import type ts = require("typescript");
import type { FunctionReference, LongString, ModuleFacts, ValidatorCall } from "../types";
import type { HandlerFacts } from "./handler";

/** What the file walk finds in one top-level statement. */
export interface StatementFacts {
  idValidators: ModuleFacts["idValidators"];
  validatorCalls: ValidatorCall[];
  longStrings: LongString[];
  setsCorsHeader: boolean;
  loadTimeImportUses: string[];
  /** `api.x.y` references by their outermost node (nodes of a reused statement stay the same). */
  references: [ts.Node, FunctionReference][];
}

interface Entry {
  /** The extraction that stored it: offsets are in that extraction's text. */
  extraction: object;
  /** The statement's `pos` then (the parser moves reused nodes in place). */
  pos: number;
  context: string;
  handlers: readonly ts.Node[];
  facts: StatementFacts;
  handlerFacts: readonly HandlerFacts[];
}

/** Thrown when a fact to reuse has an offset outside every reused statement. */
export class NotMovable extends Error {}

const entries = new WeakMap<ts.Node, Entry>();
const ids = new WeakMap<ts.Node, number>();
let nextId = 1;

function idOf(node: ts.Node): number {
  let id = ids.get(node);
  if (id === undefined) ids.set(node, (id = nextId++));
  return id;
}

/** A moved statement: old offsets in [from, to] (its end included, where spans end) become offset + delta. */
interface Segment {
  from: number;
  to: number;
  delta: number;
}

export class StatementReuse {
  private readonly extraction = {};
  private readonly context: string;
  private readonly handlersByStatement = new Map<ts.Node, ts.Node[]>();
  /** Reused statements with their entry, and the handlers whose facts are reused. */
  private readonly reused = new Map<ts.Node, Entry>();
  private readonly reusedHandlers = new Map<ts.Node, HandlerFacts>();
  private readonly segments: Segment[] = [];
  /** What each statement gave this extraction, stored once it is done. */
  private readonly pieces = new Map<ts.Node, StatementFacts>();

  /**
   * @param contextKey everything besides the statements that the facts depend on (role, imported builders)
   * @param isDefinitionOnly statements whose change no other statement's facts depend on
   * @param handlers the handler nodes of this extraction, in source order
   */
  constructor(
    private readonly sourceFile: ts.SourceFile,
    contextKey: string,
    isDefinitionOnly: (statement: ts.Statement) => boolean,
    handlers: readonly ts.Node[],
  ) {
    const statements = sourceFile.statements;
    const context = [contextKey];
    for (const statement of statements) if (!isDefinitionOnly(statement)) context.push(String(idOf(statement)));
    this.context = context.join(" ");
    for (const handler of handlers) {
      const statement = statementAt(statements, handler.pos);
      if (!statement) continue;
      const list = this.handlersByStatement.get(statement);
      if (list) list.push(handler);
      else this.handlersByStatement.set(statement, [handler]);
    }
    // Entries of one earlier extraction only, so that all reused offsets are in the same text.
    let previous: object | undefined;
    for (const statement of statements) {
      const entry = entries.get(statement);
      if (!entry || entry.context !== this.context) continue;
      previous ??= entry.extraction;
      if (entry.extraction !== previous || !sameNodes(entry.handlers, this.handlersByStatement.get(statement) ?? [])) continue;
      this.reused.set(statement, entry);
      this.segments.push({ from: entry.pos, to: entry.pos + (statement.end - statement.pos), delta: statement.pos - entry.pos });
    }
    this.segments.sort((a, b) => a.from - b.from);
    // An offset on the boundary of two statements moved by different lengths would be ambiguous.
    for (let i = 1; i < this.segments.length; i++) {
      if (this.segments[i].from <= this.segments[i - 1].to && this.segments[i].delta !== this.segments[i - 1].delta) {
        this.reused.clear();
        this.segments.length = 0;
        break;
      }
    }
    for (const entry of this.reused.values()) {
      entry.handlers.forEach((handler, i) => this.reusedHandlers.set(handler, this.move(entry.handlerFacts[i])));
    }
  }

  /** The walk's facts of a statement, moved, when it is reused; undefined when it must be walked. */
  statementFacts(statement: ts.Statement): StatementFacts | undefined {
    const entry = this.reused.get(statement);
    if (!entry) return undefined;
    const facts = entry.facts;
    const references = this.move(facts.references.map(([, reference]) => reference));
    return {
      idValidators: this.move(facts.idValidators),
      validatorCalls: this.move(facts.validatorCalls),
      longStrings: this.move(facts.longStrings),
      setsCorsHeader: facts.setsCorsHeader,
      loadTimeImportUses: facts.loadTimeImportUses,
      references: facts.references.map(([node], i) => [node, references[i]]),
    };
  }

  /** Records what a statement gave this extraction (walked or reused). */
  walked(statement: ts.Statement, facts: StatementFacts): void {
    this.pieces.set(statement, facts);
  }

  /** The facts of a handler in a reused statement, moved; undefined when it is analysed anew. */
  handlerFacts(handler: ts.Node): HandlerFacts | undefined {
    return this.reusedHandlers.get(handler);
  }

  /** Keeps this extraction's facts for the next one, by statement. */
  store(analysed: ReadonlyMap<ts.Node, HandlerFacts>): void {
    for (const statement of this.sourceFile.statements) {
      const facts = this.pieces.get(statement);
      if (!facts) continue;
      const handlers = this.handlersByStatement.get(statement) ?? [];
      const handlerFacts = handlers.map((h) => analysed.get(h));
      if (handlerFacts.some((f) => f === undefined)) continue;
      entries.set(statement, { extraction: this.extraction, pos: statement.pos, context: this.context, handlers, facts, handlerFacts: handlerFacts as HandlerFacts[] });
    }
  }

  private map(offset: number): number {
    const segments = this.segments;
    let low = 0;
    let high = segments.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const s = segments[mid];
      if (offset < s.from) high = mid - 1;
      else if (offset > s.to) low = mid + 1;
      else return offset + s.delta;
    }
    throw new NotMovable(`offset ${offset} is outside every reused statement`);
  }

  /**
   * The value with its offsets moved: the value itself when none moves, else a copy that shares
   * every part without a moved offset (facts are never changed once made).
   */
  private move<T>(value: T): T {
    if (typeof value !== "object" || value === null) return value;
    if (Array.isArray(value)) {
      let out: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        const item = value[i];
        const moved = this.move(item);
        if (moved !== item && !out) out = value.slice(0, i);
        if (out) out.push(moved);
      }
      return (out ?? value) as T;
    }
    const record = value as Record<string, unknown>;
    if (isSpan(record)) {
      const start = this.map(record.start);
      const end = this.map(record.end);
      return (start === record.start && end === record.end ? value : { start, end }) as T;
    }
    let out: Record<string, unknown> | undefined;
    for (const key in record) {
      const item = record[key];
      const moved = this.move(item);
      if (moved !== item) (out ??= { ...record })[key] = moved;
    }
    return (out ?? value) as T;
  }
}

function isSpan(record: Record<string, unknown>): record is { start: number; end: number } {
  return typeof record.start === "number" && typeof record.end === "number";
}

function sameNodes(a: readonly ts.Node[], b: readonly ts.Node[]): boolean {
  return a.length === b.length && a.every((node, i) => node === b[i]);
}

/** The top-level statement whose full range holds `pos`. */
function statementAt(statements: ts.NodeArray<ts.Statement>, pos: number): ts.Statement | undefined {
  let low = 0;
  let high = statements.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const s = statements[mid];
    if (pos < s.pos) high = mid - 1;
    else if (pos >= s.end) low = mid + 1;
    else return s;
  }
  return undefined;
}
