// Lighthouse on a built site, as a reader on a mid-range phone sees it:
// Lighthouse's default mobile emulation and simulated slow-4G throttling,
// in Debian's Chromium. Prints one JSON line per page with its four
// category scores (0-100) and, for a failing audit, its id and title, for
// the Rust test (tests/lighthouse/) to judge and show.
//
// A page whose Performance is under MIN_PERFORMANCE is scored twice more
// and its Performance is the median run's, as Lighthouse's documentation
// on score variance advises: one slow run on a busy machine is not the
// page.
//
//   node tests/browser/lighthouse.mjs BASE_URL MIN_PERFORMANCE PATH...
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const [base, minPerformance, ...paths] = process.argv.slice(2);
if (!base || !(Number(minPerformance) >= 0) || paths.length === 0) {
  console.error('usage: node lighthouse.mjs BASE_URL MIN_PERFORMANCE PATH...');
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
// One Lighthouse run of `url`: its four scores, the audits that cost
// points, and the largest paint and bytes.
//
// Emulation and throttling are Lighthouse's defaults. What is cut is time
// the scores do not use, 40 % of each run: the waits for the network and
// the main thread to go quiet after load (a second each by default; these
// pages are static, with no request after load), the full-page
// screenshot, and the back/forward-cache audit, which navigates away and
// back and weighs nothing in any score.
const config = {
  extends: 'lighthouse:default',
  settings: {
    pauseAfterFcpMs: 250,
    pauseAfterLoadMs: 250,
    networkQuietThresholdMs: 250,
    cpuQuietThresholdMs: 250,
    skipAudits: ['bf-cache'],
  },
};
async function score(url) {
  const flags = {
    port: chrome.port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
    disableFullPageScreenshot: true,
  };
  const result = await lighthouse(url, flags, config);
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
  return { scores, metrics, failing };
}

let failed = false;
try {
  for (const path of paths) {
    const url = new URL(path, base).href;
    const runs = [await score(url)];
    if (runs[0].scores.performance < Number(minPerformance)) {
      runs.push(await score(url), await score(url));
    }
    // Performance and the metrics from the median run; the other scores
    // are the lowest of any run and the failing audits those of every
    // run, so a fault seen once (an error in the console) is not outvoted.
    const byPerformance = [...runs].sort((a, b) => a.scores.performance - b.scores.performance);
    const median = byPerformance[Math.floor(runs.length / 2)];
    const scores = { ...median.scores };
    for (const id of Object.keys(scores)) {
      if (id !== 'performance') scores[id] = Math.min(...runs.map((r) => r.scores[id]));
    }
    const failing = [];
    for (const f of runs.flatMap((r) => r.failing)) {
      if (!failing.some((g) => g.id === f.id && g.category === f.category)) failing.push(f);
    }
    const runScores = runs.map((r) => r.scores.performance);
    console.log(JSON.stringify({ path, scores, metrics: median.metrics, failing, runs: runScores }));
  }
} catch (e) {
  console.error(e);
  failed = true;
} finally {
  await chrome.kill();
}
process.exit(failed ? 1 : 0);
