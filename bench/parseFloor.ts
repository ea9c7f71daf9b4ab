// The parse floor: a process that loads `typescript` and parses every file of the project once,
// syntax only (`ts.createSourceFile`), which is the least any TypeScript-based linter of these files
// must do. Run by the benchmark as its own process, so it pays node and typescript start-up like
// the CLI it is compared with. Prints `{ files, bytes, statements }` as JSON.
import * as fs from "node:fs";
import * as ts from "typescript";
import { sourceFilesOf } from "./harness/projectFiles";

function parseAll(root: string): { files: number; bytes: number; statements: number } {
  let bytes = 0;
  let statements = 0;
  const files = sourceFilesOf(root);
  for (const file of files) {
    const text = fs.readFileSync(file, "utf8");
    bytes += text.length;
    const kind = file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
    // Counting statements keeps the parse result in use.
    statements += ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, kind).statements.length;
  }
  return { files: files.length, bytes, statements };
}

const root = process.argv[2];
if (!root) {
  process.stderr.write("usage: node out/bench/parseFloor.js <project dir>\n");
  process.exitCode = 2;
} else {
  process.stdout.write(JSON.stringify(parseAll(root)) + "\n");
}
