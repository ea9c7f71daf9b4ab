// The files every contender works on: each .ts/.tsx under convex/ and src/ of the project.
import * as fs from "node:fs";
import * as path from "node:path";

export const SOURCE_DIRS = ["convex", "src"] as const;

export function sourceFilesOf(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name)) out.push(full);
    }
  };
  for (const dir of SOURCE_DIRS) {
    if (fs.existsSync(path.join(root, dir))) walk(path.join(root, dir));
  }
  return out.sort();
}
