import type { RegisteredFunction } from "../project/types";
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
        { fixes: addEmptyArgs(module.text, module.path, fn) },
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
  const open = fn.optionsSpan.start + 1;
  const after = text.slice(open, fn.optionsSpan.end);
  const multiline = /^[ \t]*\r?\n([ \t]*)/.exec(after);
  const newText = multiline ? `${after.startsWith("\r\n") ? "\r\n" : "\n"}${multiline[1]}args: {},` : " args: {},";
  return [{ title: "Add `args: {}`", safe: true, edits: [{ path, start: open, end: open, newText }] }];
}
