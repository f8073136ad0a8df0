// Lighthouse on a built site, as a reader on a mid-range phone sees it:
// Lighthouse's default mobile emulation and simulated slow-4G throttling,
// in Debian's Chromium. Prints one JSON line per page with its four
// category scores (0-100) and, for a failing audit, its id and title, for
// the Rust test (the `lighthouse` test) to judge and show.
//
//   node tests/browser/lighthouse.mjs BASE_URL PATH...
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const [base, ...paths] = process.argv.slice(2);
if (!base || paths.length === 0) {
  console.error('usage: node lighthouse.mjs BASE_URL PATH...');
  process.exit(2);
}

const chrome = await chromeLauncher.launch({
  chromePath: process.env.NETRA_CHROMIUM || '/usr/bin/chromium',
  chromeFlags: [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
let failed = false;
try {
  for (const path of paths) {
    const url = new URL(path, base).href;
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
    });
    const lhr = result.lhr;
    const scores = {};
    const failing = [];
    for (const [id, cat] of Object.entries(lhr.categories)) {
      scores[id] = Math.round((cat.score ?? 0) * 100);
      for (const ref of cat.auditRefs) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
          failing.push({ category: id, id: ref.id, title: audit.title, display: audit.displayValue ?? '' });
        }
      }
    }
    const metrics = {
      lcp_ms: Math.round(lhr.audits['largest-contentful-paint']?.numericValue ?? 0),
      bytes: Math.round(lhr.audits['total-byte-weight']?.numericValue ?? 0),
    };
    if (lhr.runtimeError) failing.push({ category: 'runtime', id: lhr.runtimeError.code, title: lhr.runtimeError.message });
    console.log(JSON.stringify({ path, scores, metrics, failing }));
  }
} catch (e) {
  console.error(e);
  failed = true;
} finally {
  await chrome.kill();
}
process.exit(failed ? 1 : 0);
