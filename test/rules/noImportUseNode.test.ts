import { noImportUseNode } from "../../server/src/rules/noImportUseNode";
import { HEADER, ruleTests } from "../support/ruleTester";

const PDF = `"use node";
import { internalAction } from "../_generated/server";
export const renderPdf = internalAction({ args: {}, handler: async () => {} });
export function parsePdf(data: string) { return data.length; }
export type Pdf = { pages: number };
`;
const NODE_INDEX = `"use node";
import { createHash } from "node:crypto";
export const sha = (s: string) => createHash("sha256").update(s).digest("hex");
`;
const PLAIN = `export function slugify(s: string) { return s.toLowerCase(); }
`;
const FILES = { "convex/node/pdf.ts": PDF, "convex/crypto/index.ts": NODE_INDEX, "convex/lib/plain.ts": PLAIN };

ruleTests(noImportUseNode, {
  valid: [
    {
      name: "a module without the directive",
      files: FILES,
      code: `${HEADER}import { slugify } from "./lib/plain";
export const listTasks = query({ args: {}, handler: async (ctx) => await ctx.db.query("tasks").take(10) });
`,
    },
    {
      name: "type-only imports are erased before bundling",
      files: FILES,
      code: `${HEADER}import type { Pdf } from "./node/pdf";
import { type Pdf as P2 } from "./node/pdf";
export type Both = Pdf | P2;
export const listTasks = query({ args: {}, handler: async (ctx) => await ctx.db.query("tasks").take(10) });
`,
    },
    {
      name: "the importer has \"use node\" itself",
      filename: "convex/node/batch.ts",
      files: FILES,
      code: `"use node";
import { internalAction } from "../_generated/server";
import { parsePdf } from "./pdf";
import { sha } from "../crypto";
export const renderAll = internalAction({ args: {}, handler: async () => { parsePdf(sha("x")); } });
`,
    },
    {
      name: "a package import (use-node-required's business)",
      files: FILES,
      code: `${HEADER}import OpenAI from "openai";
export const client = new OpenAI();
export const listTasks = query({ args: {}, handler: async (ctx) => await ctx.db.query("tasks").take(10) });
`,
    },
    {
      name: "a file outside the functions folder",
      files: { ...FILES, "shared/node.ts": `"use node";
export const x = 1;
` },
      code: `${HEADER}import { x } from "../shared/node";
export const y = x;
export const listTasks = query({ args: {}, handler: async (ctx) => await ctx.db.query("tasks").take(10) });
`,
    },
    {
      name: "\"use node\" that is not a directive (after an import)",
      files: { ...FILES, "convex/lib/late.ts": `import { slugify } from "./plain";
"use node";
export const z = slugify("A");
` },
      code: `${HEADER}import { z } from "./lib/late";
export const w = z;
export const listTasks = query({ args: {}, handler: async (ctx) => await ctx.db.query("tasks").take(10) });
`,
    },
    {
      name: "a module that does not exist",
      files: FILES,
      code: `${HEADER}import { gone } from "./node/missing";
export const g = gone;
export const listTasks = query({ args: {}, handler: async (ctx) => await ctx.db.query("tasks").take(10) });
`,
    },
  ],
  invalid: [
    {
      name: "named, namespace (.js), directory index, side-effect and re-export",
      files: FILES,
      code: `${HEADER}import { parsePdf } from "./node/pdf";
import * as Pdf from "./node/pdf.js";
import { sha } from "./crypto";
import "./node/pdf";
export { renderPdf } from "./node/pdf";
export const listTasks = query({ args: {}, handler: async (ctx) => await ctx.db.query("tasks").take(10) });
`,
      errors: [
        { line: 3, column: 26, endColumn: 38, message: "imports convex/node/pdf, which has \"use node\"" },
        { line: 4, column: 22, endColumn: 37 },
        { line: 5, column: 21, endColumn: 31, message: "convex/crypto/index" },
        { line: 6, column: 8, endColumn: 20 },
        { line: 7, column: 27, endColumn: 39 },
      ],
    },
    {
      name: "from a nested module, with a type among the values",
      filename: "convex/reports/pages.ts",
      files: FILES,
      code: `import { query } from "../_generated/server";
import { parsePdf, type Pdf } from "../node/pdf";
export const pageCount = query({ args: {}, handler: async (): Promise<Pdf["pages"]> => parsePdf("x") });
`,
      errors: [
        { line: 2, column: 36, endColumn: 49, message: "Convex bundles every file" },
      ],
    },
  ],
});
