// Renders images/icon.svg to images/icon.png, the Marketplace icon (vsce rejects SVG icons).
// Uses the e2e toolchain's chromium through playwright-core, so it needs no image tool:
// `node scripts/render-icon.mjs` after `npm run e2e:setup` (or with CONVEX_E2E_CHROMIUM set).
import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";

const SIZE = 256;
const svg = readFileSync("images/icon.svg", "utf8");
const browser = await chromium.launch({
  executablePath: process.env.CONVEX_E2E_CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
try {
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE } });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  // omitBackground keeps the rounded corners transparent
  await page.locator("svg").screenshot({ path: "images/icon.png", omitBackground: true });
} finally {
  await browser.close();
}
console.log("images/icon.png");
