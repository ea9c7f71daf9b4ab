// generated-readonly only fires on role "generated": a file under _generated/ whose editor text
// differs from the disk. The rule tester has no disk and no editor, so those files are never
// tracked here; the finding itself is tested through the language server (test/lsp/crossFile.test.ts).
import { generatedReadonly } from "../../server/src/rules/generatedReadonly";
import { HEADER, ruleTests } from "../support/ruleTester";

const FN = `export const f = query({ args: {}, handler: async () => null });\n`;
const API = `/* eslint-disable */
/**
 * Generated \`api\` utility.
 */
export declare const api: any;
export declare const internal: any;
`;

ruleTests(generatedReadonly, {
  valid: [
    { name: "a function module", code: `${HEADER}${FN}` },
    { name: "a function module next to a generated folder", files: { "convex/_generated/api.d.ts": API }, code: `${HEADER}import { api } from "./_generated/api";\n${FN}` },
    { name: "a module Convex skips (still not generated)", filename: "convex/tasks.helpers.ts", code: `${HEADER}${FN}` },
    { name: "a module in a folder that only looks generated", filename: "convex/generated/util.ts", code: `export const x = 1;\n` },
    { name: "a generated file without an editor: the CLI never reports it", filename: "convex/_generated/server.js", code: `export const query = () => {};\n// hand edit\n` },
    { name: "a generated declaration file without an editor", filename: "convex/_generated/api.d.ts", code: `${API}export declare const extra: number;\n` },
    { name: "client code that imports the generated api", filename: "src/App.tsx", code: `import { api } from "../convex/_generated/api";\nexport const ref = api.tasks.f;\n` },
  ],
  invalid: [],
});
