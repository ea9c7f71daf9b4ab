import type { Span } from "../project/types";
import { plural } from "./text";
import type { Rule } from "./types";

/** Test files (convex-test) define functions on purpose that are never deployed. */
const TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$/;

/** What Convex accepts in each component of a module path. */
const PATH_COMPONENT = /^[A-Za-z0-9_.]+$/;

/** Why Convex's bundler skips a file, judged from its path inside the functions folder. */
function skipReason(modulePath: string, fileName: string): string {
  if (modulePath.includes(" ")) return "its path contains a space";
  if (fileName.startsWith("#") || fileName.startsWith(".")) return `its name starts with "${fileName[0]}"`;
  return "its name has more than one dot";
}

export const modulePath: Rule = {
  meta: {
    id: "module-path",
    description: "A file in the functions folder whose path Convex cannot route.",
    category: "code-structure",
    defaultSeverity: "warning",
    fixKind: "none",
    deploy: true,
    unroutedFiles: true,
  },
  check({ module, report }) {
    const firstLine: Span = { start: 0, end: Math.max(0, (module.lineStarts[1] ?? module.text.length + 1) - 1) };
    const fileName = module.path.slice(module.path.lastIndexOf("/") + 1);
    if (module.role === "function") {
      const bad = module.modulePath.split("/").filter((part) => !PATH_COMPONENT.test(part));
      if (bad.length === 0) return;
      report(
        firstLine,
        `"${module.modulePath}" cannot be a Convex module path: ${bad.map((b) => `"${b}"`).join(", ")} may only contain ` +
          `letters, digits, underscores and periods, and Convex rejects the push. Rename it (for example ` +
          `"${bad[0].replace(/[^A-Za-z0-9_.]/g, "_")}") and update the api.* references.`,
      );
    } else if (module.role === "unrouted" && module.functions.length > 0 && !TEST_FILE.test(fileName)) {
      const names = module.functions.map((f) => f.name);
      report(
        firstLine,
        `Convex skips ${fileName} because ${skipReason(module.modulePath, fileName)}, so its ` +
          `${plural(names.length, "function")} (${names.join(", ")}) ${names.length === 1 ? "is" : "are"} never deployed. ` +
          `Rename the file to a single-dot name without spaces.`,
      );
    }
  },
};
