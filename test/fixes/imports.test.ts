// The import edits fixes share: adding and dropping names from `_generated/*` imports, keeping the
// file's layout, quotes and semicolons.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { applyEdits } from "../../server/src/engine/fixes";
import { changeGeneratedImport, generatedSpecifier, localNameOf, type GeneratedFile, type ImportChange } from "../../server/src/fixes/imports";
import { projectFor, ROOT } from "../support/ruleTester";

function change(code: string, file: GeneratedFile, what: ImportChange, filename = "convex/tasks.ts"): string {
  const project = projectFor({ code, filename, schema: null });
  const module = project.modules.get(`${ROOT}/${filename}`) ?? project.clients.get(`${ROOT}/${filename}`)!;
  const edits = changeGeneratedImport(project, module, file, what);
  assert.ok(edits.every((e) => e.path === module.path));
  return applyEdits(code, edits);
}

describe("changeGeneratedImport", () => {
  test("adds to a single-line clause, in sorted position when the clause is sorted", () => {
    assert.equal(
      change(`import { action, query } from "./_generated/server";\nexport const f = query({ args: {}, handler: async () => null });\n`, "server", { add: ["internalAction"] }),
      `import { action, internalAction, query } from "./_generated/server";\nexport const f = query({ args: {}, handler: async () => null });\n`,
    );
    assert.equal(
      change(`import { query, action } from "./_generated/server";\nquery; action;\n`, "server", { add: ["internalAction"] }),
      `import { query, action, internalAction } from "./_generated/server";\nquery; action;\n`,
    );
  });

  test("adds to a multi-line clause, one name a line", () => {
    assert.equal(
      change(`import {\n    mutation,\n    query,\n} from "./_generated/server";\nmutation; query;\n`, "server", { add: ["internalQuery"] }),
      `import {\n    internalQuery,\n    mutation,\n    query,\n} from "./_generated/server";\nmutation; query;\n`,
    );
  });

  test("an already imported name is not added again", () => {
    assert.deepEqual(changeOf(`import { internal } from "./_generated/api";\ninternal;\n`, "api", { add: ["internal"] }), 0);
  });

  test("a new import goes after the last import, matching quotes and semicolons", () => {
    assert.equal(
      change(`import { v } from 'convex/values'\nimport { query } from './_generated/server'\n\nexport const a = 1\n`, "api", { add: ["internal"] }),
      `import { v } from 'convex/values'\nimport { query } from './_generated/server'\nimport { internal } from './_generated/api'\n\nexport const a = 1\n`,
    );
  });

  test("a new import in a file without imports goes after \"use node\"", () => {
    assert.equal(
      change(`"use node";\n\nexport const a = 1;\n`, "api", { add: ["internal"] }),
      `"use node";\nimport { internal } from "./_generated/api";\n\nexport const a = 1;\n`,
    );
  });

  test("the specifier is relative to the file", () => {
    assert.equal(change(`export const a = 1;\n`, "api", { add: ["api"] }, "convex/lib/util.ts"), `import { api } from "../_generated/api";\nexport const a = 1;\n`);
    const project = projectFor({ code: `import { query } from "../_generated/server";\n`, filename: "convex/lib/x.ts", schema: null });
    assert.equal(generatedSpecifier(project, project.modules.get(`${ROOT}/convex/lib/x.ts`)!, "api"), "../_generated/api");
  });

  test("removes a name nothing uses any more, and keeps one still used", () => {
    const code = `import { api, internal } from "./_generated/api";\nexport const a = internal.x.y;\n`;
    assert.equal(change(code, "api", { removeIfUnused: ["api", "internal"] }), `import { internal } from "./_generated/api";\nexport const a = internal.x.y;\n`);
  });

  test("uses inside the rewritten spans do not count", () => {
    const code = `import { api } from "./_generated/api";\nexport const a = api.x.y;\n`;
    const at = code.indexOf("api.x.y");
    assert.equal(change(code, "api", { removeIfUnused: ["api"], add: ["internal"], rewritten: [{ start: at, end: at + 7 }] }), `import { internal } from "./_generated/api";\nexport const a = api.x.y;\n`);
  });

  test("removes the whole declaration and its line break when nothing is left", () => {
    const code = `import { v } from "convex/values";\nimport { api } from "./_generated/api";\nexport const a = v;\n`;
    assert.equal(change(code, "api", { removeIfUnused: ["api"] }), `import { v } from "convex/values";\nexport const a = v;\n`);
    const crlf = code.replace(/\n/g, "\r\n");
    assert.equal(change(crlf, "api", { removeIfUnused: ["api"] }), `import { v } from "convex/values";\r\nexport const a = v;\r\n`);
  });

  test("an alias: the local name decides whether it is used, and the alias is kept", () => {
    const code = `import { api as API, internal } from "./_generated/api";\nexport const a = API.x.y;\n`;
    assert.equal(change(code, "api", { removeIfUnused: ["internal"] }), `import { api as API } from "./_generated/api";\nexport const a = API.x.y;\n`);
    assert.equal(change(code, "api", { removeIfUnused: ["api"] }), code);
    const project = projectFor({ code, schema: null });
    assert.equal(localNameOf(project.modules.get(`${ROOT}/convex/tasks.ts`)!, "api", "api"), "API");
  });
});

function changeOf(code: string, file: GeneratedFile, what: ImportChange): number {
  const project = projectFor({ code, schema: null });
  return changeGeneratedImport(project, project.modules.get(`${ROOT}/convex/tasks.ts`)!, file, what).length;
}
