// Suppression comments: next-line and file-level, with and without rule ids and reasons.
import assert from "node:assert/strict";
import { test } from "node:test";
import { extractSuppressions } from "../../server/src/project/extract/suppressions";
import { queryNoWrites } from "../../server/src/rules/queryNoWrites";
import { requireArgsValidator } from "../../server/src/rules/requireArgsValidator";
import { HEADER, findingsFor } from "../support/ruleTester";

const NO_ARGS = `export const f = query({ handler: async () => null });\n`;
const lines = (rule = requireArgsValidator, code: string) => findingsFor(rule, { code }).map((f) => f.start.line + 1);

test("convex-disable-next-line silences the named rule on the next line only", () => {
  const code = `${HEADER}// convex-disable-next-line require-args-validator -- called by a trusted webhook\n${NO_ARGS}${NO_ARGS.replace("f =", "g =")}`;
  assert.deepEqual(lines(requireArgsValidator, code), [5]);
});

test("several ids, and no id at all (every rule)", () => {
  assert.deepEqual(lines(requireArgsValidator, `${HEADER}// convex-disable-next-line query-no-writes, require-args-validator\n${NO_ARGS}`), []);
  assert.deepEqual(lines(requireArgsValidator, `${HEADER}// convex-disable-next-line\n${NO_ARGS}`), []);
  assert.deepEqual(lines(requireArgsValidator, `${HEADER}// convex-disable-next-line query-no-writes\n${NO_ARGS}`), [4], "another rule's id does not silence this one");
});

test("file-level /* convex-disable rule */ anywhere in the file", () => {
  const code = `${HEADER}${NO_ARGS}\n/* convex-disable require-args-validator */\n${NO_ARGS.replace("f =", "g =")}`;
  assert.deepEqual(lines(requireArgsValidator, code), []);
  const writes = `${HEADER}/* convex-disable require-args-validator */\nexport const q = query({ args: {}, handler: async (ctx) => { await ctx.db.insert("tasks", {}); } });\n`;
  assert.deepEqual(lines(queryNoWrites, writes), [4], "other rules still report");
});

test("comments are read even when the module does not parse", () => {
  assert.deepEqual(extractSuppressions(`const x = {{{ \n// convex-disable-next-line a,b -- why\n/* convex-disable c */`), [
    { scope: "next-line", rules: ["a", "b"], line: 1, span: { start: 15, end: 53 } },
    { scope: "file", rules: ["c"], line: 2, span: { start: 54, end: 76 } },
  ]);
});

test("the official ESLint plugin's disable comments count for the rules that share its ids", () => {
  const code = `${HEADER}// eslint-disable-next-line @convex-dev/require-args-validator -- legacy endpoint\n${NO_ARGS}${NO_ARGS.replace("f =", "g =")}`;
  assert.deepEqual(lines(requireArgsValidator, code), [5]);
  assert.deepEqual(lines(requireArgsValidator, `/* eslint-disable @convex-dev/require-args-validator */\n${HEADER}${NO_ARGS}`), []);
  assert.deepEqual(lines(requireArgsValidator, `${HEADER}// eslint-disable-next-line\n${NO_ARGS}`), [4], "a bare eslint-disable is about ESLint's rules");
  assert.deepEqual(lines(requireArgsValidator, `${HEADER}// eslint-disable-next-line @typescript-eslint/no-explicit-any\n${NO_ARGS}`), [4]);
});
