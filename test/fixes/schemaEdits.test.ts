import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { applyEdits } from "../../server/src/engine/fixes";
import { addIndex, freeIndexName, quoted, removeIndex } from "../../server/src/fixes/schemaEdits";
import { projectFor, ROOT } from "../support/ruleTester";

const CODE = `export const x = 1;\n`;

function schemaAfter(schema: string, edit: (p: ReturnType<typeof projectFor>) => { start: number; end: number; newText: string } | undefined): string | undefined {
  const project = projectFor({ code: CODE, schema });
  const e = edit(project);
  return e && applyEdits(project.modules.get(`${ROOT}/convex/schema.ts`)!.text, [e]);
}

describe("schema edits", () => {
  test("addIndex keeps CRLF and the own-line layout", () => {
    const schema = `import { defineSchema, defineTable } from "convex/server";\r\nimport { v } from "convex/values";\r\nexport default defineSchema({\r\n  t: defineTable({ a: v.string() })\r\n\t.index("by_b", ["b"]),\r\n});\r\n`;
    const out = schemaAfter(schema, (p) => addIndex(p, "t", "by_a", ["a"]));
    assert.equal(out, schema.replace(`["b"])`, `["b"])\r\n\t.index("by_a", ["a"])`));
  });

  test("addIndex follows single quotes", () => {
    const schema = `import { defineSchema, defineTable } from 'convex/server';\nexport default defineSchema({ t: defineTable({}) });\n`;
    assert.equal(schemaAfter(schema, (p) => addIndex(p, "t", "by_a", ["a"])), schema.replace("defineTable({})", "defineTable({}).index('by_a', ['a'])"));
  });

  test("addIndex declines a table constant shared by two tables, or a table built by a helper", () => {
    const shared = `import { defineSchema, defineTable } from "convex/server";\nconst t = defineTable({});\nexport default defineSchema({ a: t, b: t });\n`;
    assert.equal(schemaAfter(shared, (p) => addIndex(p, "a", "by_x", ["x"])), undefined);
    const helper = `import { defineSchema, defineTable } from "convex/server";\nexport default defineSchema({ a: wrap(defineTable({})) });\n`;
    assert.equal(schemaAfter(helper, (p) => addIndex(p, "a", "by_x", ["x"])), undefined);
  });

  test("removeIndex removes the call and its own line, or the inline call", () => {
    const own = `import { defineSchema, defineTable } from "convex/server";\nexport default defineSchema({\n  t: defineTable({})\n    .index("by_a", ["a"])\n    .index("by_b", ["b"]),\n});\n`;
    const removeFirst = (p: ReturnType<typeof projectFor>) => removeIndex(p, "t", p.schema!.tables[0].indexes[0]);
    assert.equal(schemaAfter(own, removeFirst), own.replace(`\n    .index("by_a", ["a"])`, ""));
    const inline = `import { defineSchema, defineTable } from "convex/server";\nexport default defineSchema({ t: defineTable({}).index("by_a", ["a"]).index("by_b", ["b"]) });\n`;
    assert.equal(schemaAfter(inline, removeFirst), inline.replace(`.index("by_a", ["a"])`, ""));
  });

  test("names and quoting", () => {
    const project = projectFor({ code: CODE, schema: `import { defineSchema, defineTable } from "convex/server";\nexport default defineSchema({ t: defineTable({}).index("by_a", ["b"]).index("by_a_2", ["c"]) });\n` });
    assert.equal(freeIndexName(project.schema!.tables[0], "by_a"), "by_a_3");
    assert.equal(freeIndexName(project.schema!.tables[0], "by_b"), "by_b");
    assert.equal(quoted(`it's "x"`, "'"), `'it\\'s "x"'`);
    assert.equal(quoted(`it's "x"`, '"'), `"it's \\"x\\""`);
  });
});
