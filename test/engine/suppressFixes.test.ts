// The "disable for this line / file" edits, applied and re-analysed: the finding is gone, the file
// still parses, and applying the edit again changes nothing.
import assert from "node:assert/strict";
import { test } from "node:test";
import { disableForFile, disableForLine, type TextEdit } from "../../server/src/fixes/suppress";
import { parseModule, parseProblems } from "../../server/src/project/parse";
import { requireArgsValidator } from "../../server/src/rules/requireArgsValidator";
import { HEADER, findingsFor } from "../support/ruleTester";

const apply = (text: string, e: TextEdit) => text.slice(0, e.start) + e.newText + text.slice(e.end);
const CODE = `${HEADER}export const list = query({\n  handler: async () => null,\n});\nexport const other = query({ handler: async () => null });\n`;

test("disable for this line: comment above the finding, indented like it; the finding goes, the other stays", () => {
  const [first] = findingsFor(requireArgsValidator, { code: CODE });
  const fixed = apply(CODE, disableForLine(CODE, first.start.line, "require-args-validator"));
  assert.equal(fixed.split("\n")[2], "// convex-disable-next-line require-args-validator");
  assert.deepEqual(parseProblems(parseModule("/p/convex/tasks.ts", fixed)), []);
  assert.deepEqual(findingsFor(requireArgsValidator, { code: fixed }).map((f) => f.start.line + 1), [7]);
  const again = disableForLine(fixed, first.start.line + 1, "require-args-validator");
  assert.equal(apply(fixed, again), fixed, "a second time changes nothing");
});

test("disable for this line adds to an existing comment and keeps its reason", () => {
  const text = `  // convex-disable-next-line query-no-writes -- legacy\n  foo();\n`;
  assert.equal(apply(text, disableForLine(text, 1, "action-no-db")), `  // convex-disable-next-line query-no-writes, action-no-db -- legacy\n  foo();\n`);
  const crlf = "a();\r\n  b();\r\n";
  assert.equal(apply(crlf, disableForLine(crlf, 1, "x")), "a();\r\n  // convex-disable-next-line x\r\n  b();\r\n");
});

test("disable for this file: one comment at the top (after a shebang), silencing every finding of the rule", () => {
  const fixed = apply(CODE, disableForFile(CODE, "require-args-validator"));
  assert.ok(fixed.startsWith("/* convex-disable require-args-validator */\n"));
  assert.deepEqual(findingsFor(requireArgsValidator, { code: fixed }), []);
  assert.equal(apply(fixed, disableForFile(fixed, "require-args-validator")), fixed);
  assert.equal(apply("#!/usr/bin/env node\nx();\n", disableForFile("#!/usr/bin/env node\nx();\n", "r")), "#!/usr/bin/env node\n/* convex-disable r */\nx();\n");
  const useNode = `"use node";\n${CODE}`;
  const withDirective = apply(useNode, disableForFile(useNode, "require-args-validator"));
  assert.deepEqual(parseProblems(parseModule("/p/convex/tasks.ts", withDirective)), []);
  assert.equal(findingsFor(requireArgsValidator, { code: withDirective }).length, 0);
});
