// Text snapshots kept in Markdown next to the tests (`__snapshots__/<name>.md`), one section per
// entry. A changed entry fails; `UPDATE_SNAPSHOTS=1` rewrites the file. A missing entry is written
// locally and fails under CI, so a run in CI never blesses its own output.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

const HEADING = "## ";

export class SnapshotFile {
  private readonly stored = new Map<string, string>();
  private readonly produced = new Map<string, string>();
  private readonly file: string;

  constructor(dir: string, name: string) {
    this.file = path.resolve(dir, "__snapshots__", `${name}.md`);
    if (fs.existsSync(this.file)) {
      const sections = fs.readFileSync(this.file, "utf8").split(/^## /m).slice(1);
      for (const section of sections) {
        const nl = section.indexOf("\n");
        this.stored.set(section.slice(0, nl), section.slice(nl + 1).replace(/\n+$/, ""));
      }
    }
  }

  private get updating(): boolean {
    return process.env.UPDATE_SNAPSHOTS === "1";
  }

  /** Compares `value` with the stored entry `key`. */
  match(key: string, value: string): void {
    assert.ok(!key.includes("\n"), "snapshot keys are one line");
    assert.ok(!this.produced.has(key), `snapshot key used twice: ${key}`);
    const body = value.replace(/\n+$/, "");
    this.produced.set(key, body);
    const stored = this.stored.get(key);
    if (this.updating) return;
    if (stored === undefined) {
      assert.ok(!process.env.CI, `no snapshot for "${key}" in ${this.file}; run the tests locally (or with UPDATE_SNAPSHOTS=1) and commit it`);
      return;
    }
    assert.equal(body, stored, `snapshot "${key}" in ${this.file} differs (UPDATE_SNAPSHOTS=1 rewrites it)`);
  }

  /** Writes new entries (or everything when updating); fails on entries no test produced any more. */
  finish(): void {
    const obsolete = [...this.stored.keys()].filter((k) => !this.produced.has(k));
    const missing = [...this.produced.keys()].filter((k) => !this.stored.has(k));
    if (this.updating || (!process.env.CI && (missing.length > 0 || obsolete.length > 0))) {
      if (this.produced.size === 0) {
        if (fs.existsSync(this.file)) fs.rmSync(this.file);
        return;
      }
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      fs.writeFileSync(this.file, [...this.produced].map(([k, v]) => `${HEADING}${k}\n${v}\n`).join("\n"));
      return;
    }
    assert.deepEqual(obsolete, [], `snapshots in ${this.file} that no test produces any more (UPDATE_SNAPSHOTS=1 removes them)`);
  }
}

/** A fix's result as Markdown: each touched file, whole, in a fenced block. */
export function renderTexts(texts: ReadonlyMap<string, string>, root: string): string {
  return [...texts].map(([file, text]) => `\`${file.startsWith(`${root}/`) ? file.slice(root.length + 1) : file}\`\n\n\`\`\`ts\n${text.replace(/\n$/, "")}\n\`\`\`\n`).join("\n");
}
