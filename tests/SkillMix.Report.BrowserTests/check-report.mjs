// Usage: node check-report.mjs <results.html>
// Opens the report in headless chromium and prints one JSON object of what it saw: console errors, requests, the rows
// shown for every option of every filter, and whether a script planted in any text ran once every sample was opened.
import { pathToFileURL } from "node:url";
import { launch, open } from "./browser.mjs";

const file = process.argv[2];
const browser = await launch();
try {
  const url = pathToFileURL(file).href;
  const { page, errors, requests } = await open(browser, url);
  const observed = { errors, requests, initial: await page.evaluate(() => window.skillmixReport.shown), filters: {} };
  observed.resultsRows = await page.locator("#results-table tr").count() - 1;
  observed.figure = await page.locator("#figure").count();
  observed.disagreementShown = await page.locator("#disagreement").isVisible();

  for (const id of await page.$$eval("#filters select", selects => selects.map(s => s.id))) {
    const options = await page.$$eval(`#${id} option`, os => os.map(o => ({ value: o.value, label: o.textContent })));
    observed.filters[id] = {};
    for (const o of options.slice(1)) {
      await page.selectOption(`#${id}`, o.value);
      observed.filters[id][o.label] = {
        shown: await page.evaluate(() => window.skillmixReport.shown),
        rows: await page.locator("#samples tbody tr.sample").count(),
      };
    }
    await page.selectOption(`#${id}`, "");
  }
  if (await page.locator("#filter-disagree").count() > 0) {
    await page.check("#filter-disagree");
    observed.disagreeOnly = await page.evaluate(() => window.skillmixReport.shown);
    await page.uncheck("#filter-disagree");
  }

  // Open every sample's detail once the prompts and replies are read, so every text is on the page, then look for the
  // planted script's effect.
  await page.waitForFunction(() => window.skillmixReport.textsReady === true, null, { timeout: 60000 });
  while (await page.locator("#more").isVisible()) {
    await page.click("#more");
  }
  const rows = page.locator("#samples tbody tr.sample");
  const total = await rows.count();
  for (let i = 0; i < total; i++) {
    await rows.nth(i).click();
  }
  await page.waitForFunction(() => window.skillmixReport.pendingTexts === 0, null, { timeout: 60000 });
  observed.details = await page.locator("#samples tbody tr.detail").count();
  observed.detailsFilled = await page.locator("#samples tbody tr.detail h3").count();
  observed.planted = await page.evaluate(() => window.__planted === undefined ? null : window.__planted);
  observed.scriptElements = await page.evaluate(() => document.querySelectorAll("script").length);
  observed.bodyText = await page.evaluate(() => document.body.innerText.includes("<script>window.__planted"));
  observed.replyText = await page.evaluate(() => document.body.innerText.includes("Third look <script>window.__planted"));
  observed.errorsAfterOpening = errors.length;
  console.log(JSON.stringify(observed));
} finally {
  await browser.close();
}
