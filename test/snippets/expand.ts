// A small implementation of VS Code's snippet syntax, enough to insert a snippet the way the editor
// does when the user accepts every default: `${n:default}` becomes its text, `${n|a,b|}` its first
// choice (or a chosen one), `$n` / `${n}` mirror the placeholder with the same number (empty when
// none has text), `$NAME` / `${NAME:default}` a variable, `\$ \} \\` (and `\, \|` in choices) escapes.

type Node =
  | { kind: "text"; value: string }
  | { kind: "tabstop"; index: number; children: Node[] | undefined; choices: string[] | undefined }
  | { kind: "variable"; name: string; children: Node[] | undefined };

class Parser {
  private pos = 0;
  constructor(private readonly src: string) {}

  parse(): Node[] {
    const nodes = this.nodes(false);
    if (this.pos < this.src.length) throw new Error(`unexpected "${this.src[this.pos]}" at ${this.pos}`);
    return nodes;
  }

  /** Nodes up to the end (or up to the `}` that closes a placeholder when `nested`). */
  private nodes(nested: boolean): Node[] {
    const out: Node[] = [];
    let text = "";
    const flush = () => {
      if (text) out.push({ kind: "text", value: text });
      text = "";
    };
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === "\\" && "$}\\".includes(this.src[this.pos + 1] ?? "")) {
        text += this.src[this.pos + 1];
        this.pos += 2;
      } else if (c === "}" && nested) {
        break;
      } else if (c === "$") {
        const node = this.dollar();
        if (node) {
          flush();
          out.push(node);
        } else {
          text += c;
          this.pos++;
        }
      } else {
        text += c;
        this.pos++;
      }
    }
    flush();
    return out;
  }

  /** `$1`, `${1}`, `${1:…}`, `${1|a,b|}`, `$NAME`, `${NAME}`, `${NAME:…}`; undefined for a plain `$`. */
  private dollar(): Node | undefined {
    const rest = this.src.slice(this.pos + 1);
    let m = /^(\d+)/.exec(rest);
    if (m) {
      this.pos += 1 + m[1].length;
      return { kind: "tabstop", index: Number(m[1]), children: undefined, choices: undefined };
    }
    m = /^([_a-zA-Z][_a-zA-Z0-9]*)/.exec(rest);
    if (m) {
      this.pos += 1 + m[1].length;
      return { kind: "variable", name: m[1], children: undefined };
    }
    m = /^\{(\d+|[_a-zA-Z][_a-zA-Z0-9]*)([:|}])/.exec(rest);
    if (!m) return undefined;
    const id = m[1];
    const isTabstop = /^\d/.test(id);
    this.pos += 1 + m[0].length;
    if (m[2] === "}") return isTabstop ? { kind: "tabstop", index: Number(id), children: undefined, choices: undefined } : { kind: "variable", name: id, children: undefined };
    if (m[2] === "|") {
      if (!isTabstop) throw new Error(`a variable cannot have choices: ${id}`);
      const choices: string[] = [];
      let current = "";
      for (;;) {
        const c = this.src[this.pos];
        if (c === undefined) throw new Error("unterminated choice");
        if (c === "\\" && ",|\\".includes(this.src[this.pos + 1] ?? "")) {
          current += this.src[this.pos + 1];
          this.pos += 2;
        } else if (c === ",") {
          choices.push(current);
          current = "";
          this.pos++;
        } else if (c === "|" && this.src[this.pos + 1] === "}") {
          choices.push(current);
          this.pos += 2;
          return { kind: "tabstop", index: Number(id), children: undefined, choices };
        } else {
          current += c;
          this.pos++;
        }
      }
    }
    const children = this.nodes(true);
    if (this.src[this.pos] !== "}") throw new Error(`unterminated placeholder \${${id}:`);
    this.pos++;
    return isTabstop ? { kind: "tabstop", index: Number(id), children, choices: undefined } : { kind: "variable", name: id, children };
  }
}

export interface ExpandOptions {
  /** Values of `$TM_FILENAME_BASE` and friends. Unknown variables expand to their default, or their name. */
  variables?: Record<string, string>;
  /** Which option each choice tab stop takes (by tab stop number); the first by default. */
  choose?: Record<number, string>;
}

export interface ChoiceStop {
  index: number;
  choices: string[];
}

export function parseSnippet(body: string | string[]): Node[] {
  return new Parser(Array.isArray(body) ? body.join("\n") : body).parse();
}

/** Every tab stop with choices, each once. */
export function choiceStops(body: string | string[]): ChoiceStop[] {
  const out = new Map<number, string[]>();
  const walk = (nodes: Node[]) => {
    for (const n of nodes) {
      if (n.kind === "tabstop" && n.choices && !out.has(n.index)) out.set(n.index, n.choices);
      if (n.kind !== "text" && n.children) walk(n.children);
    }
  };
  walk(parseSnippet(body));
  return [...out].map(([index, choices]) => ({ index, choices }));
}

/** The text VS Code inserts when every placeholder keeps its default. */
export function expandSnippet(body: string | string[], options: ExpandOptions = {}): string {
  const nodes = parseSnippet(body);
  // As in VS Code, the first occurrence of a tab stop that has a default or choices gives every
  // occurrence (mirrors included) its value.
  const defining = new Map<number, Node & { kind: "tabstop" }>();
  const collect = (list: Node[]) => {
    for (const n of list) {
      if (n.kind === "tabstop" && (n.children || n.choices) && !defining.has(n.index)) defining.set(n.index, n);
      if (n.kind !== "text" && n.children) collect(n.children);
    }
  };
  collect(nodes);
  const values = new Map<number, string>();
  const resolving = new Set<number>();
  const valueOf = (index: number): string => {
    const known = values.get(index);
    if (known !== undefined) return known;
    const def = defining.get(index);
    if (!def) return "";
    if (resolving.has(index)) throw new Error(`tab stop ${index} contains itself`);
    resolving.add(index);
    let value: string;
    if (def.choices) {
      value = options.choose?.[index] ?? def.choices[0];
      if (!def.choices.includes(value)) throw new Error(`"${value}" is not a choice of tab stop ${index}`);
    } else value = render(def.children ?? []);
    resolving.delete(index);
    values.set(index, value);
    return value;
  };
  const render = (list: Node[]): string =>
    list
      .map((n) => {
        if (n.kind === "text") return n.value;
        if (n.kind === "tabstop") return valueOf(n.index);
        const v = options.variables?.[n.name];
        return v ?? (n.children ? render(n.children) : n.name);
      })
      .join("");
  return render(nodes);
}
