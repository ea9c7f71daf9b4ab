// End-to-end tests in a real VS Code: code-server 4.139.1 (VS Code 1.139) with headless Debian chromium
// as the window, driven by playwright-core. Needs the toolchain from `npm run e2e:setup` and a build
// (`npm run build`: dist/ for the extension, out/ext-tests/suite.js for the extension-host suite).
// The UI tests run the extension users get: the .vsix that `npm run package` builds, installed with
// `code-server --install-extension`. The extension-host suite loads the development build instead
// (a test runner needs `extensionDevelopmentPath`, which takes precedence over the installed copy).
//   1. the extension-host suite (test/e2e/suite/index.ts) through the smoke-test driver;
//   2. what a user sees: squiggles, the Problems panel, the status bar item;
//   3. quick fixes picked from the lightbulb menu (Ctrl+.), checked on disk;
//   4. the Convex panel, a snippet, go to definition;
//   5. outside a Convex project: the extension stays asleep, and its walkthrough.
// CONVEX_E2E_DOCS_IMAGES=1 also copies the screenshots the README shows into docs/images.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { format } from "node:util";
import type { Browser, Page } from "playwright-core";
import { copyFixture, REPO_ROOT, type TempProject } from "../support/demo";
import { launchBrowser, newPage, pickMenuItem, quickOpen, runCommand, waitForWorkbench } from "./browser";
import { installExtension, startCodeServer, type CodeServer } from "./codeServer";
import { assertToolchain } from "./toolchain";
import { packageVsix } from "../support/vsix";
import { walkthroughsOf } from "../support/walkthrough";

const SUITE = join(REPO_ROOT, "out", "ext-tests", "suite.js");
const ARTIFACTS = join(REPO_ROOT, "test", "e2e", "artifacts");
const MANIFEST = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8"));
const EXTENSION_ID = `${MANIFEST.publisher}.${MANIFEST.name}`;
/** Screenshots the README shows: artifact → docs/images name (copied with CONVEX_E2E_DOCS_IMAGES=1). */
const DOCS_IMAGES: Record<string, string> = {
  "quickfix-add-index.png": "quickfix-add-index.png",
  "quickfix-convert-internal.png": "quickfix-convert-internal.png",
  "convex-panel.png": "convex-panel.png",
  "snippet.png": "snippet.png",
  "walkthrough.png": "walkthrough.png",
};
const log = (...args: unknown[]) => console.log(`[e2e] ${format(...args)}`);
/** Workbench log messages that are expected on an offline machine (CONVEX_E2E_VERBOSE=1 shows them). */
const HARMLESS = [
  /open-vsx\.org/,
  /authentication provider 'github'/,
  /Long running operations during shutdown/,
  /vsda/,
  /^(Resolving|Resolved) connection token/,
  /^Creating a socket/,
  /^\[(reconnection-grace-time|AgentHost:remote|AccountPolicyGate|Service Worker)\]/,
  /^Updating additional builtin extensions cache/,
];

let runDir: string | undefined;
let server: CodeServer | undefined;
let browser: Browser | undefined;
const workspaces: TempProject[] = [];

before(
  async () => {
    assertToolchain();
    for (const built of [join(REPO_ROOT, "dist", "client.js"), join(REPO_ROOT, "dist", "server.js"), SUITE]) {
      assert.ok(existsSync(built), `${built} is missing: run \`npm run build\` first`);
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    runDir = mkdtempSync(join(tmpdir(), "convex-e2e-"));
    // if the run is killed, after() does not run: remove the temp folders anyway (codeServer.ts kills
    // code-server's process group on exit, playwright kills chromium)
    process.once("exit", removeTempFolders);
    const t0 = Date.now();
    const dir = runDir;
    // In parallel: chromium (~1 s); packaging (~10 s), installing the vsix (~3 s), then code-server (~2 s).
    const [started, launched] = await Promise.all([
      (async () => {
        const vsix = await packageVsix(mkdtempSync(join(dir, "package-")));
        const installed = await installExtension(dir, vsix.path);
        log(`packaged ${vsix.path} in ${vsix.ms} ms and installed it into ${installed} after ${Date.now() - t0} ms`);
        assert.equal(installed.split("/").pop(), `${EXTENSION_ID}-${MANIFEST.version}`);
        return startCodeServer({ runDir: dir });
      })(),
      launchBrowser(dir),
    ]);
    server = started;
    browser = launched;
    log(`${server} and chromium ${browser.version()} ready in ${Date.now() - t0} ms; run folder ${runDir}`);
  },
  { timeout: 150_000 },
);

after(
  async () => {
    const t0 = Date.now();
    await browser?.close().catch((e) => log("closing chromium:", e));
    if (server) {
      try {
        copyFileSync(server.logFile, join(ARTIFACTS, "code-server.log"));
      } catch {
        // no log to keep
      }
      await server.stop();
    }
    removeTempFolders();
    log(`stopped everything in ${Date.now() - t0} ms`);
    if (process.env.CONVEX_E2E_DOCS_IMAGES) copyDocsImages();
  },
  { timeout: 30_000 },
);

function removeTempFolders(): void {
  for (const w of workspaces.splice(0)) w.dispose();
  if (runDir) rmSync(runDir, { recursive: true, force: true });
  runDir = undefined;
}

/** Replaces the README's screenshots with this run's (only those the run took). */
function copyDocsImages(): void {
  for (const [artifact, image] of Object.entries(DOCS_IMAGES)) {
    if (!existsSync(join(ARTIFACTS, artifact))) continue;
    copyFileSync(join(ARTIFACTS, artifact), join(REPO_ROOT, "docs", "images", image));
    log(`docs/images/${image} ← ${artifact}`);
  }
}

/** A fresh copy of examples/demo (tests edit files). */
function demoWorkspace(): TempProject {
  const w = copyFixture("examples/demo");
  workspaces.push(w);
  return w;
}

/** Opens the workbench on a workspace folder; the extension is the installed vsix. */
async function openWorkspace(page: Page, workspace: TempProject): Promise<void> {
  await page.goto(server!.workbenchUrl(workspace.root, [["skipWelcome", "true"]]));
  await waitForWorkbench(page);
}

/** A log line per step of a UI test, with the time since the test's start. */
function stepLog(prefix: string): (what: string) => void {
  const t0 = Date.now();
  return (what) => log(`${prefix}: ${what} (${Date.now() - t0} ms)`);
}

async function withPage<T>(name: string, fn: (page: Page) => Promise<T>): Promise<T> {
  assert.ok(browser && server, "before() did not start code-server and chromium");
  const page = await newPage(browser);
  try {
    return await fn(page);
  } catch (error) {
    await page.screenshot({ path: join(ARTIFACTS, `${name}-failure.png`) }).catch(() => undefined);
    log(`code-server log tail:\n${server.logTail(30)}`);
    throw error;
  } finally {
    await page.context().close().catch(() => undefined);
  }
}

test("extension-host suite passes in VS Code (code-server)", { timeout: 150_000 }, async () => {
  const workspace = demoWorkspace();
  const code = await withPage("ext-host", async (page) => {
    const srv = server!;
    let exit!: (code: number | string) => void;
    const exited = new Promise<number | string>((r) => (exit = r));
    await page.exposeFunction("codeAutomationLog", (level: unknown, args: unknown) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      if (!process.env.CONVEX_E2E_VERBOSE && HARMLESS.some((re) => re.test(text))) return;
      for (const line of text.split("\n")) console.log(`[ext-host${level === "info" || level === undefined ? "" : ` ${level}`}] ${line}`);
    });
    await page.exposeFunction("codeAutomationExit", (c: number) => exit(c));
    page.on("pageerror", (e) => log("page error:", e.message));
    const url = srv.workbenchUrl(workspace.root, [
      ["extensionDevelopmentPath", srv.remote(REPO_ROOT)],
      ["extensionTestsPath", srv.remote(SUITE)],
      ["skipWelcome", "true"],
    ]);
    const t0 = Date.now();
    await page.goto(url);
    const timer = setTimeout(() => exit("timeout (130 s) waiting for the extension host to exit"), 130_000);
    const result = await exited;
    clearTimeout(timer);
    log(`extension host exited with ${result} after ${Date.now() - t0} ms`);
    return result;
  });
  assert.equal(code, 0, `the extension-host suite failed (exit ${code}); see the [ext-host] lines above`);
});

test("a user sees Convex findings: squiggles, Problems panel rows, status bar", { timeout: 120_000 }, async () => {
  const workspace = demoWorkspace();
  await withPage("ui", async (page) => {
    const step = stepLog("ui");
    await openWorkspace(page, workspace);
    step("workbench visible");

    await quickOpen(page, "convex/tasks.ts");
    step("convex/tasks.ts open");
    // first diagnostics need the extension host, the extension and its language server: allow 60 s
    await page.waitForSelector(".monaco-editor .squiggly-warning, .monaco-editor .squiggly-error", { timeout: 60_000 });
    step("squiggle visible");

    await page.keyboard.press("Control+Shift+M");
    const rows = page.locator(".markers-panel .monaco-list-row");
    await rows.first().waitFor({ timeout: 15_000 });
    let labels: string[] = [];
    const deadline = Date.now() + 30_000;
    for (;;) {
      labels = (await rows.evaluateAll((els) => els.map((e) => `${e.getAttribute("aria-label") ?? ""} ${e.textContent ?? ""}`)))
        .map((s) => s.replace(/\s+/g, " ").trim());
      if (["no-filter-in-query", "unknown-index"].every((id) => labels.some((l) => l.includes(id)))) break;
      if (Date.now() > deadline) assert.fail(`Problems panel rows lack our rule ids:\n${labels.join("\n")}`);
      await page.waitForTimeout(250);
    }
    step("Problems panel lists our findings");
    log(`Problems panel rows:\n  ${labels.map((l) => (l.length > 150 ? `${l.slice(0, 150)}…` : l)).join("\n  ")}`);
    // rows are flat: a file row ("N problems in file tasks.ts …"), then its markers
    const fileRow = (l: string) => /problems? in file /.test(l);
    const start = labels.findIndex((l) => fileRow(l) && l.includes(" tasks.ts"));
    assert.ok(start >= 0, "no Problems panel row for tasks.ts");
    const end = labels.findIndex((l, i) => i > start && fileRow(l));
    const tasksRows = labels.slice(start + 1, end < 0 ? undefined : end);
    for (const id of ["no-filter-in-query", "unknown-index", "require-args-validator", "query-no-writes", "unknown-table"]) {
      assert.ok(tasksRows.some((l) => l.includes(id)), `no ${id} row under tasks.ts in the Problems panel`);
    }
    const unknownIndex = tasksRows.find((l) => l.includes("unknown-index"))!;
    assert.match(unknownIndex, /by_user_and_completed/, "the unknown-index row should name the index");
    assert.match(unknownIndex, /convex/, "the row should show the source `convex`");

    const status = page.locator('.statusbar-item[id$="convex.status"]');
    let statusText = "";
    const statusDeadline = Date.now() + 30_000;
    for (;;) {
      statusText = (await status.count()) > 0 ? ((await status.first().textContent()) ?? "").replace(/\s+/g, " ").trim() : "";
      if (statusText.includes("convex/") && statusText.includes("findings")) break;
      if (Date.now() > statusDeadline) {
        const items = await page.locator(".statusbar-item").evaluateAll((els) => els.map((e) => `${e.id}: ${e.textContent}`));
        assert.fail(`status bar item convex.status shows ${JSON.stringify(statusText)}; items:\n${items.join("\n")}`);
      }
      await page.waitForTimeout(250);
    }
    step(`status bar shows ${JSON.stringify(statusText)}`);
    assert.match(statusText, /convex\/ · \d+ findings?/);
    const hover = page.locator('.monaco-hover, .workbench-hover, [role="tooltip"]').filter({ hasText: "Convex Guidelines" });
    // Status bar items shift while their texts update, so a hover can land on a neighbour: retry.
    for (let attempt = 1; ; attempt++) {
      await page.mouse.move(150, 650);
      await status.first().hover();
      try {
        await hover.first().waitFor({ state: "visible", timeout: 5_000 });
        break;
      } catch (error) {
        if (attempt === 3) throw error;
        step(`status bar tooltip not shown on attempt ${attempt}; hovering again`);
      }
    }
    step(`status bar tooltip: ${JSON.stringify(((await hover.first().innerText()) ?? "").replace(/\s+/g, " ").slice(0, 100))}`);
    // park the mouse on the empty part of the explorer so no hover covers the screenshot
    await page.mouse.move(150, 650);
    await hover.first().waitFor({ state: "hidden", timeout: 10_000 }).catch(() => page.keyboard.press("Escape"));

    await page.screenshot({ path: join(ARTIFACTS, "problems.png") });
    step(`screenshot ${join(ARTIFACTS, "problems.png")}`);
  });
});

/** The Problems panel's rows as text (file rows and marker rows). */
async function problemRows(page: Page): Promise<string[]> {
  return (await page.locator(".markers-panel .monaco-list-row").evaluateAll((els) => els.map((e) => `${e.getAttribute("aria-label") ?? ""} ${e.textContent ?? ""}`)))
    .map((s) => s.replace(/\s+/g, " ").trim());
}

/**
 * The rows the Problems panel (open) lists under `file`. The list renders only the rows in view:
 * filter it to the file, let it settle, then read the rows between the file's row and the next file's.
 */
async function problemsOf(page: Page, file: string, settleMs: number): Promise<string[]> {
  const filter = page.getByPlaceholder(/^Filter \(e\.g\. text/);
  if ((await filter.inputValue()) !== file) await filter.fill(file);
  await page.waitForTimeout(settleMs);
  const labels = await problemRows(page);
  const fileRow = (l: string) => /problems? in file /.test(l);
  const start = labels.findIndex((l) => fileRow(l) && l.includes(` ${file}`));
  if (start < 0) return [];
  const end = labels.findIndex((l, i) => i > start && fileRow(l));
  return labels.slice(start + 1, end < 0 ? undefined : end);
}

async function waitFor(what: string, check: () => Promise<boolean>, timeout = 30_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Puts the cursor on `line:column` of the active editor, opens the lightbulb menu with Ctrl+.,
 * takes a screenshot of it, and picks the action whose title matches.
 */
async function applyQuickFix(page: Page, line: number, column: number, title: RegExp, screenshot: string): Promise<string> {
  await page.locator(".editor-group-container.active .monaco-editor textarea").first().focus();
  await page.keyboard.press("Control+G");
  await page.waitForSelector(".quick-input-widget input", { state: "visible" });
  await page.keyboard.type(`${line}:${column}`, { delay: 5 });
  await page.keyboard.press("Enter");
  await page.waitForSelector(".quick-input-widget", { state: "hidden" });
  const item = page.locator(".action-widget .monaco-list-row").filter({ hasText: title });
  // The menu lists what the server returned for the diagnostics under the cursor; retry while
  // diagnostics are still being published.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press("Control+.");
    try {
      await item.first().waitFor({ state: "visible", timeout: 10_000 });
      break;
    } catch (error) {
      const shown = await page.locator(".action-widget .monaco-list-row").allInnerTexts().catch(() => []);
      log(`quick fix menu attempt ${attempt} shows: ${JSON.stringify(shown)}`);
      await page.keyboard.press("Escape");
      if (attempt === 4) throw error;
      await page.waitForTimeout(1_000);
    }
  }
  await page.screenshot({ path: join(ARTIFACTS, screenshot) });
  const chosen = ((await item.first().innerText()) ?? "").trim();
  await item.first().click();
  return chosen;
}

test("quick fixes from the lightbulb: Add index, Add \"use node\", convert to internal across two files", { timeout: 240_000 }, async () => {
  const workspace = demoWorkspace();
  // A query that filters on a field no index covers, and a second module that schedules jobs.run.
  workspace.write("convex/search.ts", [
    'import { v } from "convex/values";',
    'import { query } from "./_generated/server";',
    "",
    "export const findByText = query({",
    "  args: { text: v.string() },",
    "  handler: async (ctx, args) => {",
    '    return await ctx.db.query("tasks").filter((q) => q.eq(q.field("text"), args.text)).take(10);',
    "  },",
    "});",
    "",
  ].join("\n"));
  workspace.write("convex/cleanup.ts", [
    'import { api } from "./_generated/api";',
    'import { internalMutation } from "./_generated/server";',
    "",
    "export const rerunJobs = internalMutation({",
    "  args: {},",
    "  handler: async (ctx) => {",
    "    for (const job of await ctx.db.query(\"jobs\").take(10)) {",
    "      await ctx.scheduler.runAfter(0, api.jobs.run, { jobId: job._id });",
    "    }",
    "  },",
    "});",
    "",
  ].join("\n"));
  await withPage("quickfix", async (page) => {
    const step = stepLog("quickfix");
    await openWorkspace(page, workspace);
    await page.keyboard.press("Control+Shift+M");
    const saveAll = async () => {
      await runCommand(page, "File: Save All");
    };
    const rowsOf = (file: string) => problemsOf(page, file, 300);

    // 1. Add index: the .filter in search.ts becomes a withIndex on a new index in schema.ts.
    await quickOpen(page, "convex/search.ts");
    await waitFor("no-filter-in-query in search.ts", async () => (await rowsOf("search.ts")).some((l) => l.includes("no-filter-in-query")), 60_000);
    step("search.ts shows no-filter-in-query");
    const addIndex = await applyQuickFix(page, 7, 40, /Add index/, "quickfix-add-index.png");
    step(`picked ${JSON.stringify(addIndex)}`);
    await saveAll();
    await waitFor("schema.ts to gain the index", async () => workspace.read("convex/schema.ts").includes('.index("by_text", ["text"])'));
    assert.match(workspace.read("convex/search.ts"), /\.withIndex\("by_text", \(q\) => q\.eq\("text", args\.text\)\)/);
    await waitFor("no-filter-in-query to clear", async () => !(await rowsOf("search.ts")).some((l) => l.includes("no-filter-in-query")));
    step("schema.ts has by_text, search.ts uses it, the finding is gone");

    // 2. Add "use node": files.ts imports crypto and defines only actions.
    await quickOpen(page, "convex/files.ts");
    await waitFor("use-node-required in files.ts", async () => (await rowsOf("files.ts")).some((l) => l.includes("use-node-required")));
    const useNode = await applyQuickFix(page, 1, 28, /Add "use node"/, "quickfix-use-node.png");
    step(`picked ${JSON.stringify(useNode)}`);
    await saveAll();
    await waitFor('"use node" at the top of files.ts', async () => workspace.read("convex/files.ts").startsWith('"use node";\n'));
    await waitFor("use-node-required to clear", async () => !(await rowsOf("files.ts")).some((l) => l.includes("use-node-required")));
    step('files.ts starts with "use node", the finding is gone');

    // 3. Convert to internal: jobs.run is public but only scheduled by the server, from jobs.ts and cleanup.ts.
    await quickOpen(page, "convex/jobs.ts");
    await waitFor("prefer-internal in jobs.ts", async () => (await rowsOf("jobs.ts")).some((l) => l.includes("prefer-internal")));
    const convert = await applyQuickFix(page, 17, 15, /Convert .*internalAction/, "quickfix-convert-internal.png");
    step(`picked ${JSON.stringify(convert)}`);
    await saveAll();
    await waitFor("both modules to name internal.jobs.run", async () =>
      workspace.read("convex/jobs.ts").includes("internal.jobs.run") && workspace.read("convex/cleanup.ts").includes("internal.jobs.run"));
    assert.match(workspace.read("convex/jobs.ts"), /export const run = internalAction\(/);
    assert.match(workspace.read("convex/cleanup.ts"), /^import \{ internal \} from "\.\/_generated\/api";/);
    await waitFor("prefer-internal and schedule-internal-only to clear", async () =>
      !(await rowsOf("jobs.ts")).some((l) => /prefer-internal|schedule-internal-only/.test(l)) &&
      !(await rowsOf("cleanup.ts")).some((l) => l.includes("schedule-internal-only")));
    step("jobs.run is an internalAction, both references rewritten, the findings are gone");
    await page.screenshot({ path: join(ARTIFACTS, "quickfix-done.png") });
  });
});

// --- Convex panel ---

test("the Convex panel: the Schema view lists tables and indexes, follows schema.ts edits; Add Index… and Convert to Internal… from context menus", { timeout: 150_000 }, async () => {
  const workspace = demoWorkspace();
  await withPage("convex-panel", async (page) => {
    const step = stepLog("panel");
    await openWorkspace(page, workspace);
    // The palette lists the extension's commands once the extension host has read it: wait for its status item.
    await page.waitForSelector('.statusbar-item[id$="convex.status"]', { timeout: 60_000 });
    await runCommand(page, "Convex: Show Schema");
    step("ran Convex: Show Schema");
    // The Schema pane of the Convex container (the Functions pane also names modules tasks, jobs, users).
    const pane = page.locator(".part.sidebar .pane").filter({ has: page.locator(".pane-header .title", { hasText: /^Schema$/ }) });
    const rows = pane.locator(".monaco-list-row");
    const labels = async () => rows.evaluateAll((els) => els.map((e) => (e.querySelector(".label-name")?.textContent ?? e.textContent ?? "").trim()));
    const waitForLabels = async (what: string, wanted: string[], timeout = 60_000, unwanted: string[] = []) => {
      const deadline = Date.now() + timeout;
      for (;;) {
        const now = await labels();
        if (wanted.every((w) => now.includes(w)) && !unwanted.some((u) => now.includes(u))) return now;
        if (Date.now() > deadline) assert.fail(`Schema view lacks ${what}; rows: ${JSON.stringify(now)}`);
        await page.waitForTimeout(250);
      }
    };
    const tables = await waitForLabels("the demo's tables", ["users", "tasks", "jobs"]);
    step(`Schema view rows ${JSON.stringify(tables)}`);
    const tasksRow = rows.filter({ has: page.locator(".label-name", { hasText: /^tasks$/ }) });
    assert.match((await tasksRow.textContent()) ?? "", /3 fields · 1 index/);
    await tasksRow.locator(".monaco-tl-twistie").click();
    const expanded = await waitForLabels("the by_user index under tasks", ["by_user", "text", "isCompleted", "userId"], 15_000);
    assert.match((await rows.filter({ has: page.locator(".label-name", { hasText: /^by_user$/ }) }).textContent()) ?? "", /\[userId\]/);
    step(`tasks expanded: ${JSON.stringify(expanded)}`);

    // An unsaved edit to schema.ts: a new table shows up in the view.
    await quickOpen(page, "convex/schema.ts");
    await page.locator(".monaco-editor .view-lines").first().click();
    await page.keyboard.press("Control+Home");
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowDown");
    await page.keyboard.press("End");
    await page.keyboard.press("Enter");
    await page.keyboard.type("notes: defineTable({}),", { delay: 10 });
    step("typed a new table into schema.ts");
    // Until the view shows the finished line, it may show the half-typed one ("Schema partly read"),
    // and Add Index… refuses a schema it cannot fully read.
    let after = await waitForLabels("the new table notes in a fully read schema", ["notes", "users", "tasks", "jobs"], 30_000, ["Schema partly read"]);
    // The view refreshes while the line is half typed (the schema then does not parse), and tasks can
    // come back collapsed (seen in CI): open it again for the steps below.
    if (!after.includes("by_user")) {
      await tasksRow.locator(".monaco-tl-twistie").click();
      after = await waitForLabels("the by_user index under tasks again", ["notes", "by_user"], 15_000, ["Schema partly read"]);
    }
    step(`Schema view rows after the edit ${JSON.stringify(after)}`);
    assert.ok(after.indexOf("notes") < after.indexOf("users"), "notes is listed first, as in schema.ts");
    await page.screenshot({ path: join(ARTIFACTS, "convex-panel.png") });

    // Add Index… from the table's context menu: first field "text", then Done, then the suggested name.
    await tasksRow.click({ button: "right" });
    await pickMenuItem(page, /Add Index/);
    const title = page.locator(".quick-input-widget .quick-input-title");
    await title.filter({ hasText: "(field 1)" }).waitFor({ state: "visible", timeout: 15_000 });
    await page.keyboard.type("text", { delay: 10 });
    await page.keyboard.press("Enter");
    await title.filter({ hasText: "(field 2)" }).waitFor({ state: "visible", timeout: 15_000 });
    await page.keyboard.type("Done", { delay: 10 });
    await page.keyboard.press("Enter");
    const input = page.locator(".quick-input-widget input");
    await waitFor("the suggested index name", async () => (await input.inputValue()) === "by_text", 15_000);
    await page.screenshot({ path: join(ARTIFACTS, "convex-panel-add-index.png") });
    await page.keyboard.press("Enter");
    await waitForLabels("the new index by_text under tasks", ["by_text", "by_user"], 30_000);
    await runCommand(page, "File: Save All");
    await waitFor("schema.ts on disk to hold the new index and the typed table", async () => {
      const schema = workspace.read("convex/schema.ts");
      return schema.includes('.index("by_text", ["text"])') && schema.includes("notes: defineTable({}),");
    });
    step("Add Index… added by_text to tasks");

    // Convert to Internal… from a function's context menu in the Functions view.
    const functionsPane = page.locator(".part.sidebar .pane").filter({ has: page.locator(".pane-header .title", { hasText: /^Functions$/ }) });
    const functionRow = (name: string) => functionsPane.locator(".monaco-list-row").filter({ has: page.locator(".label-name", { hasText: new RegExp(`^${name}$`) }) });
    await functionRow("jobs").locator(".monaco-tl-twistie").click();
    await functionRow("run").waitFor({ state: "visible", timeout: 15_000 });
    await functionRow("run").click({ button: "right" });
    await pickMenuItem(page, /Convert to Internal/);
    await functionRow("run").filter({ hasText: "internal action" }).waitFor({ state: "visible", timeout: 30_000 });
    await runCommand(page, "File: Save All");
    await waitFor("jobs.ts on disk to register run with internalAction and schedule internal.jobs.run", async () => {
      const jobs = workspace.read("convex/jobs.ts");
      return jobs.includes("export const run = internalAction(") && jobs.includes("internal.jobs.run");
    });
    await page.screenshot({ path: join(ARTIFACTS, "convex-panel-convert.png") });
    step("Convert to Internal… made run an internalAction");
  });
});

// --- snippets ---

test("a snippet from its prefix: convex:query in a new module", { timeout: 120_000 }, async () => {
  const workspace = demoWorkspace();
  workspace.write("convex/notes.ts", 'import { v } from "convex/values";\nimport { query } from "./_generated/server";\n\n');
  await withPage("snippet", async (page) => {
    await openWorkspace(page, workspace);
    await quickOpen(page, "convex/notes.ts");
    // Click into the text (VS Code 1.139 edits through an EditContext, not the textarea), then go to the end.
    await page.locator(".editor-group-container.active .monaco-editor .view-lines").first().click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type("convex:query", { delay: 20 });
    const row = page.locator(".suggest-widget .monaco-list-row").filter({ hasText: /convex:query(?![a-z])/ });
    for (let attempt = 1; ; attempt++) {
      try {
        await row.first().waitFor({ state: "visible", timeout: 10_000 });
        break;
      } catch (error) {
        const shown = await page.locator(".suggest-widget .monaco-list-row").allInnerTexts().catch(() => []);
        log(`suggestions attempt ${attempt}: ${JSON.stringify(shown)}`);
        if (attempt === 3) throw error;
        await page.keyboard.press("Control+Space");
      }
    }
    await page.screenshot({ path: join(ARTIFACTS, "snippet-suggest.png") });
    await row.first().click();
    await page.waitForSelector(".suggest-widget", { state: "hidden" });
    await page.screenshot({ path: join(ARTIFACTS, "snippet.png") });
    await page.keyboard.press("Escape");
    await page.keyboard.press("Control+S");
    await waitFor("notes.ts to hold the expanded snippet", async () => workspace.read("convex/notes.ts").includes("handler:"));
    const text = workspace.read("convex/notes.ts");
    assert.match(text, /export const listTasks = query\(\{\n\s+args: \{ userId: v\.id\("users"\) \},/);
    assert.ok(!text.includes("convex:query") && !text.includes("${"), text);
  });
});

// --- navigation ---

test("go to definition (F12) on api.jobs.run lands on the run export", { timeout: 150_000 }, async () => {
  const workspace = demoWorkspace();
  await withPage("navigation", async (page) => {
    const step = stepLog("navigation");
    await openWorkspace(page, workspace);
    await quickOpen(page, "convex/jobs.ts");
    // The language server is up once its diagnostics show.
    await page.waitForSelector(".monaco-editor .squiggly-warning, .monaco-editor .squiggly-error", { timeout: 60_000 });
    step("jobs.ts open, server ready");
    const lines = workspace.read("convex/jobs.ts").split("\n");
    const from = lines.findIndex((l) => l.includes("api.jobs.run")) + 1;
    const column = lines[from - 1].indexOf("api.jobs.run") + "api.jobs.ru".length;
    const target = lines.findIndex((l) => l.startsWith("export const run =")) + 1;
    const selection = page.locator('.statusbar-item[id$="status.editor.selection"]');
    const position = async () => ((await selection.first().textContent()) ?? "").replace(/\s+/g, " ").trim();
    for (let attempt = 1; ; attempt++) {
      await page.locator(".editor-group-container.active .monaco-editor textarea").first().focus();
      await page.keyboard.press("Control+G");
      await page.waitForSelector(".quick-input-widget input", { state: "visible" });
      await page.keyboard.type(`${from}:${column}`, { delay: 5 });
      await page.keyboard.press("Enter");
      await page.waitForSelector(".quick-input-widget", { state: "hidden" });
      step(`cursor at ${await position()}`);
      await page.keyboard.press("F12");
      const deadline = Date.now() + 10_000;
      let now = await position();
      while (!now.startsWith(`Ln ${target},`) && Date.now() < deadline) {
        await page.waitForTimeout(250);
        now = await position();
      }
      step(`after F12 (attempt ${attempt}): ${now}`);
      if (now.startsWith(`Ln ${target},`)) break;
      // A peek view (several answers) or a server still starting: close it and retry.
      await page.keyboard.press("Escape");
      if (attempt === 3) assert.fail(`F12 did not land on line ${target}: the status bar shows ${JSON.stringify(now)}`);
      await page.waitForTimeout(2_000);
    }
    assert.match(await position(), new RegExp(`^Ln ${target}, Col 14\\b`));
    const activeTab = await page.locator(".tabs-container .tab.active").first().getAttribute("aria-label");
    assert.match(activeTab ?? "", /jobs\.ts/);
    await page.screenshot({ path: join(ARTIFACTS, "navigation-definition.png") });
    step("landed on the run export");
  });
});

// --- crash recovery ---

/**
 * Pids of the language servers serving `folder`: processes running our dist/server.js whose working
 * folder is the workspace folder (vscode-languageclient starts the server there).
 */
function serverPids(folder: string): number[] {
  // The installed vsix's dist/server.js (the UI tests run the packaged extension), or the dev build's.
  const isServer = (arg: string) => arg.endsWith("/dist/server.js");
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      if (!args.some(isServer) || readlinkSync(`/proc/${entry}/cwd`) !== folder) continue;
      pids.push(Number(entry));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return pids;
}

/** Files named `name` below `dir`. */
function findFiles(dir: string, name: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findFiles(full, name));
    else if (entry.name === name) out.push(full);
  }
  return out;
}

test("crash recovery: the language server killed with SIGKILL is restarted and its findings return to the Problems panel", { timeout: 150_000 }, async () => {
  const workspace = demoWorkspace();
  await withPage("crash", async (page) => {
    const step = stepLog("crash");
    await openWorkspace(page, workspace);
    await quickOpen(page, "convex/tasks.ts");
    await page.waitForSelector(".monaco-editor .squiggly-warning, .monaco-editor .squiggly-error", { timeout: 60_000 });
    await page.keyboard.press("Control+Shift+M");
    const rowsOf = (file: string) => problemsOf(page, file, 200);
    const tasksFindings = async () => {
      const rows = await rowsOf("tasks.ts");
      return ["no-filter-in-query", "unknown-index", "unknown-table"].every((id) => rows.some((l) => l.includes(id)));
    };
    await waitFor("tasks.ts findings in the Problems panel", tasksFindings, 60_000);
    const before = serverPids(workspace.root);
    assert.equal(before.length, 1, `one language server for the workspace, found pids ${JSON.stringify(before)}`);
    step(`Problems panel lists tasks.ts findings; language server pid ${before[0]}`);

    process.kill(before[0], "SIGKILL");
    step(`killed pid ${before[0]} with SIGKILL`);
    // The client disposes the crashed server's diagnostics and starts a new server, which publishes them again.
    let cleared = false;
    let restarted: number[] = [];
    try {
      await waitFor("a new language server process for the workspace", async () => {
        if (!(await tasksFindings())) cleared = true;
        restarted = serverPids(workspace.root).filter((pid) => pid !== before[0]);
        return restarted.length === 1;
      }, 30_000);
    } catch (error) {
      // What the client said about the crash tells why no server came back.
      for (const f of findFiles(server!.runDir, "Convex Guidelines.log")) log(`${f}:\n${readFileSync(f, "utf8")}`);
      throw error;
    }
    step(`new language server pid ${restarted[0]}`);
    await waitFor("tasks.ts findings back in the Problems panel", async () => {
      const back = await tasksFindings();
      if (!back) cleared = true;
      return back;
    }, 60_000);
    step(`tasks.ts findings are back (seen cleared in between: ${cleared})`);
    assert.ok(!serverPids(workspace.root).includes(before[0]), "the killed server is gone");

    // The new server is live: a module written after the restart gets its findings.
    workspace.write("convex/late.ts", [
      'import { v } from "convex/values";',
      'import { query } from "./_generated/server";',
      "",
      "export const getAnything = query({",
      "  args: { value: v.any() },",
      "  handler: async () => null,",
      "});",
      "",
    ].join("\n"));
    await waitFor("no-any-validator for a module written after the restart", async () => (await rowsOf("late.ts")).some((l) => l.includes("no-any-validator")), 60_000);
    step("late.ts shows no-any-validator");
    await page.screenshot({ path: join(ARTIFACTS, "crash-recovery.png") });

    // The restart is explained in the extension's output channel (a log file of the extension host).
    const logs = findFiles(server!.runDir, "Convex Guidelines.log");
    const restartLog = logs.map((f) => readFileSync(f, "utf8")).find((text) => text.includes("stopped unexpectedly; restarting it (restart 1 of at most 4 in 3 minutes)"));
    assert.ok(restartLog, `no output channel log mentions the restart; logs: ${JSON.stringify(logs)}`);
    step("the output channel says the server was restarted");
  });
});

// --- outside a Convex project: activation and the walkthrough ---

/** A TypeScript project with no Convex in it. */
function plainWorkspace(): TempProject {
  const root = mkdtempSync(join(tmpdir(), "convex-e2e-plain-"));
  mkdirSync(join(root, "src"));
  writeFileSync(join(root, "package.json"), '{ "name": "plain", "private": true }\n');
  writeFileSync(join(root, "src", "index.ts"), "export function greet(name: string): string {\n  return `Hello, ${name}`;\n}\n");
  const w: TempProject = {
    root,
    path: (relative) => join(root, relative),
    read: (relative) => readFileSync(join(root, relative), "utf8"),
    write: (relative, text) => writeFileSync(join(root, relative), text),
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
  workspaces.push(w);
  return w;
}

test("outside a Convex project the extension stays asleep; its walkthrough opens, and the first step wakes it and shows the Convex panel", { timeout: 180_000 }, async () => {
  const workspace = plainWorkspace();
  const walkthrough = walkthroughsOf(MANIFEST)[0];
  await withPage("walkthrough", async (page) => {
    const step = stepLog("walkthrough");
    const earlier = new Set(server!.extensionHostLogs());
    await openWorkspace(page, workspace);
    await quickOpen(page, "src/index.ts");
    // The window's extension host logs every activation with its event, and when the start-up
    // activations (`*`, workspaceContains) are settled. (All new logs: a host may be restarted.)
    const hostLogs = () => server!.extensionHostLogs().filter((f) => !earlier.has(f));
    const logText = () => hostLogs().map((f) => readFileSync(f, "utf8")).join("\n");
    // (TypeScript's own extension may have woken earlier, on another event such as onLanguage:jsonc.)
    const settled = () => logText().includes("Eager extensions activated") && logText().includes("_doActivateExtension vscode.typescript-language-features,");
    await waitFor("TypeScript to activate and the start-up activations to settle", async () => settled(), 60_000).catch((error) => {
      log(`extension host logs ${JSON.stringify(hostLogs())}:\n${logText().split("\n").filter((l) => /activat/i.test(l)).join("\n")}`);
      throw error;
    });
    assert.equal((await page.locator('.statusbar-item[id$="status.editor.mode"]').first().textContent())?.trim(), "TypeScript");
    // onLanguage:typescript was fired when the editor opened the file; give an activation it would
    // have caused the time to reach the log.
    await page.waitForTimeout(3_000);
    const activation = new RegExp(`_doActivateExtension ${EXTENSION_ID.replace(/\./g, "\\.")}, .*activationEvent: '([^']*)'`);
    assert.doesNotMatch(logText(), activation, "a TypeScript file outside a Convex project woke the extension");
    step("src/index.ts open, TypeScript active, Convex Guidelines asleep");

    await runCommand(page, "Welcome: Open Walkthrough...");
    step("ran Welcome: Open Walkthrough...");
    // the palette's input (">Welcome: …") is emptied when the walkthrough picker takes its place
    const input = page.locator(".quick-input-widget input");
    await waitFor("the walkthrough picker", async () => (await input.isVisible()) && !(await input.inputValue()).startsWith(">"), 15_000);
    await page.keyboard.type(walkthrough.title, { delay: 5 });
    await page.locator(`.quick-input-list .monaco-list-row[aria-label*="${walkthrough.title}"]`).first().waitFor({ timeout: 15_000 });
    step("picked it in the walkthrough picker");
    await page.keyboard.press("Enter");
    const stepId = (id: string) => `${EXTENSION_ID}#${walkthrough.id}#${id}`;
    const stepButton = (id: string) => page.locator(`button.getting-started-step[data-step-id="${stepId(id)}"]`);
    await stepButton(walkthrough.steps[0].id).waitFor({ timeout: 30_000 });
    const titles = await page.locator("button.getting-started-step .step-title").allInnerTexts();
    assert.deepEqual(titles.map((t) => t.trim()), walkthrough.steps.map((s) => s.title));
    step(`walkthrough open with steps ${JSON.stringify(titles)}`);
    assert.equal(await stepButton("openPanel").getAttribute("aria-checked"), "false");

    // The first step is expanded: its button runs convex.showSchema.
    await stepButton("openPanel").locator(".monaco-button, a").filter({ hasText: "Open the Convex panel" }).first().click();
    const sidebar = page.locator(".part.sidebar");
    await sidebar.getByText("No Convex project found in this workspace").waitFor({ timeout: 60_000 });
    await waitFor("the step to be marked done", async () => (await stepButton("openPanel").getAttribute("aria-checked")) === "true", 15_000);
    // With no project the status bar item does not stay at "analysing…".
    await page.locator('.statusbar-item[id$="convex.status"]').waitFor({ state: "hidden", timeout: 30_000 });
    const woke = activation.exec(logText());
    assert.ok(woke, "the Convex panel showed its welcome, yet the log records no activation");
    step(`the Convex panel shows its welcome; the extension woke on ${woke[1]}; the step is done`);
    await page.mouse.move(700, 850);
    await page.screenshot({ path: join(ARTIFACTS, "walkthrough.png") });
  });
});
