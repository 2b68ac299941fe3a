// pa11y (HTML_CodeSniffer, WCAG 2 AA) on every page given, one after another in one process, with
// the system Chromium (Puppeteer's own browser is never downloaded): prints {url: [issue]} as JSON.
//   node tests/quality/pa11y.mjs /usr/bin/chromium URL...
import pa11y from "pa11y";

const [executablePath, ...urls] = process.argv.slice(2);
const options = {
  runners: ["htmlcs"],
  standard: "WCAG2AA",
  timeout: 120000,
  chromeLaunchConfig: { executablePath, args: ["--no-sandbox", "--disable-gpu", "--no-first-run"] },
};
const found = {};
for (const url of urls) {
  found[url] = (await pa11y(url, options)).issues;
}
process.stdout.write(JSON.stringify(found));
