import { modulePath } from "../../server/src/rules/modulePath";
import { HEADER, ruleTests } from "../support/ruleTester";

const FN = `export const f = query({ args: {}, handler: async () => null });\n`;

ruleTests(modulePath, {
  valid: [
    { name: "letters, digits, underscores and nested folders", filename: "convex/lib_2/user_profiles.ts", code: `${HEADER}${FN}` },
    { name: "a test file Convex skips that registers nothing", filename: "convex/tasks.test.ts", code: `import { api } from "./_generated/api";\ntest("x", () => api.tasks.f);\n` },
    { name: "a test file that defines functions for convex-test", filename: "convex/lib.test.ts", code: `${HEADER}${FN}` },
    { name: "a dotted config file", filename: "convex/auth.config.ts", code: `export default { providers: [] };\n` },
  ],
  invalid: [
    {
      name: "a hyphen in the file name",
      filename: "convex/user-profiles.ts",
      code: `${HEADER}${FN}`,
      errors: [{ file: "convex/user-profiles.ts", line: 1, column: 1, endColumn: 35, message: '"user-profiles" cannot be a Convex module path: "user-profiles" may only contain letters, digits, underscores and periods, and Convex rejects the push. Rename it (for example "user_profiles")' }],
    },
    {
      name: "a hyphen in a folder",
      filename: "convex/my-lib/util.ts",
      code: `${HEADER}${FN}`,
      errors: [{ file: "convex/my-lib/util.ts", line: 1, column: 1, message: '"my-lib/util" cannot be a Convex module path: "my-lib"' }],
    },
    {
      name: "functions in a file with two dots are never deployed",
      filename: "convex/tasks.helpers.ts",
      code: `${HEADER}${FN}export const g = mutation({ args: {}, handler: async () => null });\n`,
      errors: [{ file: "convex/tasks.helpers.ts", line: 1, column: 1, message: "Convex skips tasks.helpers.ts because its name has more than one dot, so its 2 functions (f, g) are never deployed" }],
    },
    {
      name: "a space in the path",
      filename: "convex/old stuff/tasks.ts",
      code: `${HEADER}${FN}`,
      errors: [{ file: "convex/old stuff/tasks.ts", line: 1, column: 1, message: "because its path contains a space, so its 1 function (f) is never deployed" }],
    },
  ],
});
