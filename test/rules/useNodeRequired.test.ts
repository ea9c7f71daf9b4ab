import { useNodeRequired } from "../../server/src/rules/useNodeRequired";
import { HEADER, ruleTests } from "../support/ruleTester";

const ACTION = `export const f = action({ args: {}, handler: async () => null });\n`;

ruleTests(useNodeRequired, {
  valid: [
    { name: `"use node" present`, code: `"use node";\nimport { readFileSync } from "fs";\n${HEADER}${ACTION}` },
    { name: `"use node" after a leading comment`, code: `// Node action\n"use node";\nimport crypto from "node:crypto";\n${HEADER}${ACTION}` },
    { name: "type-only imports of built-ins", code: `import type { Readable } from "stream";\nimport { type Buffer } from "buffer";\n${HEADER}${ACTION}` },
    { name: "packages that only look like built-ins", code: `import { z } from "zod";\nimport path from "path-browserify";\n${HEADER}${ACTION}` },
    { name: "client code outside the functions folder", filename: "src/util.ts", code: `import { readFileSync } from "fs";\nimport { api } from "../convex/_generated/api";\nexport const x = api.tasks.f;\n` },
  ],
  invalid: [
    {
      name: "a bare built-in",
      code: `import { createHash } from "crypto";\n${HEADER}${ACTION}`,
      errors: [{ line: 1, column: 28, endColumn: 36, message: '"crypto" is a Node.js built-in' }],
    },
    {
      name: "node: prefixed and subpath imports, and re-exports",
      code: `import fs from "node:fs";\nimport { readFile } from "fs/promises";\nexport { join } from "path";\n${HEADER}${ACTION}`,
      errors: [
        { line: 1, column: 16, endColumn: 25 },
        { line: 2, column: 26, endColumn: 39 },
        { line: 3, column: 22, endColumn: 28 },
      ],
    },
    {
      name: `a "use node" that is not the first statement does not count`,
      code: `import { z } from "zod";\n"use node";\nimport { spawn } from "child_process";\n${HEADER}${ACTION}`,
      errors: [{ line: 3, column: 23, endColumn: 38 }],
    },
  ],
});
