// Runs the extension-host suite (test/e2e/suite/index.ts) in desktop VS Code downloaded by
// @vscode/test-electron, for machines that can reach Microsoft's update server (a developer's own
// machine, public CI). `npm run test:electron` (builds first). The same suite runs in code-server
// through `node --test out/test/e2e` where VS Code cannot be downloaded.
// Set VSCODE_VERSION to pick a version (default: stable).
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runTests } from "@vscode/test-electron";

// bundled to out/ext-tests/run-electron.js
const REPO_ROOT = resolve(__dirname, "..", "..");

async function main(): Promise<number> {
  const workspace = mkdtempSync(join(tmpdir(), "convex-guidelines-electron-"));
  cpSync(join(REPO_ROOT, "examples", "demo"), workspace, { recursive: true });
  const userData = mkdtempSync(join(tmpdir(), "convex-guidelines-electron-ud-"));
  try {
    return await runTests({
      version: process.env.VSCODE_VERSION || "stable",
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: join(REPO_ROOT, "out", "ext-tests", "suite.js"),
      launchArgs: [
        workspace,
        "--disable-extensions",
        "--disable-workspace-trust",
        "--skip-welcome",
        "--skip-release-notes",
        `--user-data-dir=${userData}`,
      ],
    });
  } finally {
    rmSync(workspace, { recursive: true, force: true });
    rmSync(userData, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error("Failed to run the extension-host suite in VS Code:", error);
    process.exit(1);
  },
);
