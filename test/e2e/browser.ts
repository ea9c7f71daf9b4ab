// Debian chromium, driven by playwright-core (no browser download), as the VS Code window; plus the
// few workbench interactions the tests need.
import { chromium, type Browser, type Page } from "playwright-core";
import { join } from "node:path";
import { CHROMIUM } from "./toolchain";

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

/**
 * A headless chromium with a throw-away profile (playwright removes it on close). `stateDir` receives
 * what chromium would otherwise write below $HOME (crash reports, caches).
 */
export async function launchBrowser(stateDir: string): Promise<Browser> {
  return chromium.launch({
    env: {
      ...process.env,
      XDG_CONFIG_HOME: join(stateDir, "chromium-config"),
      XDG_CACHE_HOME: join(stateDir, "chromium-cache"),
    },
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    timeout: 60_000,
    // playwright kills the browser when this process exits or gets SIGINT/SIGTERM/SIGHUP
    handleSIGINT: true,
    handleSIGTERM: true,
    handleSIGHUP: true,
  });
}

export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return page;
}

/** Waits until the workbench and its status bar are rendered. */
export async function waitForWorkbench(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForSelector(".monaco-workbench", { timeout });
  await page.waitForSelector(".statusbar", { timeout });
}

/** Ctrl+P, type a path, open the matching file. */
export async function quickOpen(page: Page, path: string): Promise<void> {
  const name = path.split("/").pop() ?? path;
  await page.keyboard.press("Control+P");
  await page.waitForSelector(".quick-input-widget input", { state: "visible" });
  await page.keyboard.type(path, { delay: 5 });
  // Enter opens the focused row: on a busy machine the list can still show the results for the text
  // typed so far (convex.json for "convex/"), with the wanted file further down.
  await page.waitForSelector(`.quick-input-list .monaco-list-row.focused[aria-label*="${name}"]`, { timeout: 30_000 });
  await page.keyboard.press("Enter");
  await page.waitForSelector(`.tabs-container .tab.active[aria-label*="${name}"], .tab.active .label-name:has-text("${name}")`, {
    timeout: 30_000,
  });
}

/** Runs a command from the command palette (F1) by its title. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press("F1");
  await page.waitForSelector(".quick-input-widget input", { state: "visible" });
  await page.keyboard.type(title, { delay: 5 });
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${title}"]`, { timeout: 15_000 });
  await page.keyboard.press("Enter");
}

/**
 * Picks an item of the context menu that is open. The workbench ignores a click that arrives while
 * the menu is still opening, so the click is repeated until the menu closes.
 */
export async function pickMenuItem(page: Page, name: RegExp): Promise<void> {
  const item = page.getByRole("menuitem", { name }).first();
  await item.waitFor({ state: "visible", timeout: 15_000 });
  for (let attempt = 0; attempt < 5; attempt++) {
    await item.click().catch(() => undefined);
    try {
      await item.waitFor({ state: "hidden", timeout: 1_000 });
      return;
    } catch {
      // still open: the click was swallowed
    }
  }
  throw new Error(`the context menu item ${name} did not respond to clicks`);
}
