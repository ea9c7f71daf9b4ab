// The ESLint side of the comparison: a flat config with the typescript-eslint parser (no type
// information: no `parserOptions.project`, so no type checker runs) on every .ts/.tsx file, plus
// `@convex-dev/eslint-plugin`'s own `configs.recommended` exactly as it ships (it applies its rules
// to `**/convex/**/*.ts`; client files are parsed but no Convex rule looks at them).
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";

const NODE_MODULES = path.resolve(__dirname, "../../node_modules");

function packageJson(name: string): { version: string; main?: string; exports?: unknown } {
  return JSON.parse(fs.readFileSync(path.join(NODE_MODULES, name, "package.json"), "utf8"));
}

/** The plugin defines `configs.recommended` for ESLint 9 only in its ESM build, so import that one. */
function pluginEsmEntry(): string {
  const pkg = packageJson("@convex-dev/eslint-plugin") as { exports: { ".": { import: { default: string } } } };
  return path.join(NODE_MODULES, "@convex-dev/eslint-plugin", pkg.exports["."].import.default);
}

export function eslintVersions(): Record<string, string> {
  return {
    eslint: packageJson("eslint").version,
    "@typescript-eslint/parser": packageJson("@typescript-eslint/parser").version,
    "@convex-dev/eslint-plugin": packageJson("@convex-dev/eslint-plugin").version,
  };
}

/**
 * Writes `eslint.config.mjs` into `dir` (outside the project: with `--config`, ESLint 9 resolves
 * the config's file patterns against the working directory, the project) and returns its path.
 */
export function writeEslintConfig(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const parser = path.join(NODE_MODULES, "@typescript-eslint/parser", packageJson("@typescript-eslint/parser").main ?? "dist/index.js");
  const file = path.join(dir, "eslint.config.mjs");
  fs.writeFileSync(
    file,
    [
      "// Written by the benchmark (bench/harness/eslintConfig.ts).",
      `import tsParser from ${JSON.stringify(pathToFileURL(parser).href)};`,
      `import convexPlugin from ${JSON.stringify(pathToFileURL(pluginEsmEntry()).href)};`,
      "",
      "export default [",
      '  { files: ["**/*.ts", "**/*.tsx"], languageOptions: { parser: tsParser } },',
      "  ...convexPlugin.configs.recommended,",
      "];",
      "",
    ].join("\n"),
  );
  return file;
}
