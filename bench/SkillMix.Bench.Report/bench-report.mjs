// Usage: node bench-report.mjs <results.html> <baseline.html> [runs]
// Opens the report and a baseline page of the same size in headless chromium, each in a fresh page, and times: opening
// (navigation until the page says it is ready), and filtering (each filter set to an option, then all cleared), as the
// page itself measures it (window.skillmixReport.lastFilterMs) and as seen from outside until the next frame.
import { pathToFileURL } from "node:url";
import { launch, open } from "../../tests/SkillMix.Report.BrowserTests/browser.mjs";

const [file, baseline, runsText] = process.argv.slice(2);
const runs = Number(runsText || 3);
const browser = await launch();
const median = xs => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
try {
  const opens = [], baselines = [], filters = {}, errors = [], timings = [];
  for (let run = 0; run < runs; run++) {
    const base = await open(browser, pathToFileURL(baseline).href);
    baselines.push(base.openMs);
    await base.page.close();
    const report = await open(browser, pathToFileURL(file).href);
    opens.push(report.openMs);
    errors.push(...report.errors);
    const page = report.page;
    await page.waitForFunction(() => window.skillmixReport.textsReady === true, null, { timeout: 60000 });
    timings.push(await page.evaluate(() => ({ ...window.skillmixReport.timings, texts: window.skillmixReport.textsMs })));
    for (const [id, option] of [["filter-model", 3], ["filter-model", 0], ["filter-setting", 2], ["filter-setting", 0], ["filter-k", 4],
      ["filter-k", 0], ["filter-skill", 7], ["filter-skill", 0], ["filter-topic", 9], ["filter-topic", 0], ["filter-outcome", 1], ["filter-outcome", 0]]) {
      const value = option === 0 ? "" : await page.$eval(`#${id}`, (s, i) => s.options[i].value, option);
      const started = Date.now();
      await page.selectOption(`#${id}`, value);
      await page.evaluate(() => new Promise(r => requestAnimationFrame(() => r())));
      const outside = Date.now() - started;
      const inside = await page.evaluate(() => window.skillmixReport.lastFilterMs);
      const shown = await page.evaluate(() => window.skillmixReport.shown);
      const key = `${id}${option === 0 ? " (cleared)" : ""}`;
      (filters[key] ??= { inside: [], outside: [], shown });
      filters[key].inside.push(inside);
      filters[key].outside.push(outside);
    }
    await page.close();
  }
  console.log(`open: median ${median(opens)} ms (runs ${opens.join(", ")}); baseline page of the same size: median ${median(baselines)} ms; ratio ${(median(opens) / median(baselines)).toFixed(1)}`);
  const part = name => median(timings.map(t => t[name])).toFixed(0);
  console.log(`open, inside the page (median ms): script started at ${part("start")}, index JSON.parse ${part("parse")}, build the page ${part("build")}; then prompts and replies read in ${part("texts")}`);
  for (const [key, f] of Object.entries(filters)) {
    console.log(`filter ${key}: ${f.shown} rows match; in page median ${median(f.inside).toFixed(1)} ms, to next frame median ${median(f.outside)} ms`);
  }
  if (errors.length) { console.log("console errors: " + errors.join("; ")); process.exitCode = 1; }
} finally {
  await browser.close();
}
