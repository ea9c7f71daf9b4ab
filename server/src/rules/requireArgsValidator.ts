import { ensureValuesImport, inferArgs } from "../fixes/inferArgs";
import type { ModuleFacts, RegisteredFunction } from "../project/types";
import type { Fix, Rule } from "./types";

export const requireArgsValidator: Rule = {
  meta: {
    id: "require-args-validator",
    description: "A public function registered without an `args` validator.",
    category: "function-types",
    defaultSeverity: "error",
    fixKind: "fix",
    eslint: true,
  },
  check({ module, report }) {
    for (const fn of module.functions) {
      if (fn.visibility !== "public" || fn.kind === "httpAction" || fn.hasArgs) continue;
      report(
        fn.nameSpan,
        `Public ${fn.kind} "${fn.name}" has no \`args\` validator. Any client can call it with any arguments, and ` +
          `Convex checks arguments only against a declared validator. Add \`args: { … }\` with validators from ` +
          `convex/values (\`args: {}\` when it takes none).`,
        { fixes: () => [...addEmptyArgs(module.text, module.path, fn), ...addInferredArgs(module, fn)] },
      );
    }
  },
};

/**
 * `args: {}` as the first property of the options object, on its own line when the object spans
 * lines. Only when the handler takes no arguments: with a second parameter, `{}` would change its type.
 */
function addEmptyArgs(text: string, path: string, fn: RegisteredFunction): Fix[] {
  if (fn.syntax !== "object" || !fn.optionsSpan || fn.handlerParams > 1) return [];
  return [{ title: "Add `args: {}`", safe: true, edits: [insertArgs(text, path, fn.optionsSpan.start, "{}")] }];
}

/**
 * `args` spelled from the handler's arguments annotation (`{ id }: { id: Id<"t"> }` →
 * `args: { id: v.id("t") }`), importing `v` when needed; none when the type has no obvious validator.
 */
function addInferredArgs(module: ModuleFacts, fn: RegisteredFunction): Fix[] {
  if (fn.syntax !== "object" || !fn.optionsSpan || fn.handlerParams !== 2) return [];
  const values = ensureValuesImport(module);
  const args = inferArgs(module, fn, values.v);
  if (args === undefined) return [];
  return [{
    title: "Add `args` inferred from the handler's parameter type",
    safe: true,
    edits: [insertArgs(module.text, module.path, fn.optionsSpan.start, args), ...(args === "{}" ? [] : values.edits)],
  }];
}

/** `args: <value>,` as the first property of the options object, on its own line when the object spans lines. */
function insertArgs(text: string, path: string, optionsStart: number, value: string): Fix["edits"][number] {
  const open = optionsStart + 1;
  const after = text.slice(open);
  const multiline = /^[ \t]*\r?\n([ \t]*)/.exec(after);
  const newText = multiline ? `${after.startsWith("\r\n") ? "\r\n" : "\n"}${multiline[1]}args: ${value},` : ` args: ${value},`;
  return { path, start: open, end: open, newText };
}
