// Launches Debian's chromium headless through playwright-core, with no network features, for the report's checks.
import { chromium } from "playwright-core";

export const executablePath = process.env.SKILLMIX_CHROMIUM || "/usr/bin/chromium";

export async function launch() {
  return chromium.launch({
    executablePath,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
}

// Opens a report and records every console error, page error and request that leaves the page's own file.
export async function open(browser, url) {
  const page = await browser.newPage();
  const errors = [];
  const requests = [];
  page.on("console", m => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", e => errors.push(String(e)));
  // data: and blob: URLs are the page's own bytes (the figure, the texts worker); anything else would be a fetch.
  page.on("request", r => { if (r.url() !== url && !/^(data|blob):/.test(r.url())) requests.push(r.url()); });
  const started = Date.now();
  await page.goto(url);
  await page.waitForFunction(() => window.skillmixReport && window.skillmixReport.ready, null, { timeout: 60000 });
  return { page, errors, requests, openMs: Date.now() - started };
}
