// Browser and HTML checks of a built netra site, run by tests/testsuite/browser.rs:
//
//   node tests/browser/check.mjs <base-url> <output-dir>
//
// <base-url> is where the output folder is served (a sub-path such as
// http://127.0.0.1:PORT/situs/, to prove links are relative); the server
// also serves it where the site's own base URL puts it, for the 404 page,
// and answers every missing path with 404.html and status 404.
//
// On every page type, Indonesian and English, in headless Chromium:
//   load     the page answers 200 (404 for a missing URL), with no console
//            error, no uncaught exception, no failed request or 4xx/5xx
//            response, and no request that leaves where the site is served
//   csp      a strict Content-Security-Policy meta tag and no violation of it
//   links    every same-site link resolves to a page or file that exists,
//            inside the served path; every #anchor on the page exists
//   layout   at 390 and 1280 px wide: every svg.chart-svg has a non-zero box
//            inside the viewport width, and nothing overflows horizontally
//   axe      axe-core, WCAG 2.0/2.1 A and AA: zero violations; and the
//            drawn text and bars of every chart against the chart's ground
//            (4.5:1 and 3:1; a tile map's text against its tile, a shape by
//            its fill or its outline), which axe does not measure inside an SVG
//   axe dark the same with the reader's system set to dark
//            (prefers-color-scheme), where the page must turn dark too
// and on every HTML file of the output:
//   html     the Nu HTML Checker (vnu.jar --errors-only): zero errors
//
// Prints one line per failure (page, check, details) and a summary; exits
// 1 on any failure, 2 when it could not run.

import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const started = Date.now();

const [baseArg, outArg] = process.argv.slice(2);
if (!baseArg || !outArg) {
  console.error('usage: node check.mjs <base-url> <output-dir>');
  process.exit(2);
}
const base = new URL(baseArg.endsWith('/') ? baseArg : `${baseArg}/`);
const outDir = path.resolve(outArg);
const chromiumPath = process.env.NETRA_CHROMIUM || '/usr/bin/chromium';
const axePath = path.join(here, 'node_modules/axe-core/axe.min.js');
const vnuJar = path.join(here, 'node_modules/vnu-jar/build/dist/vnu.jar');
for (const [what, p] of [['chromium', chromiumPath], ['axe-core', axePath], ['vnu.jar', vnuJar]]) {
  if (!existsSync(p)) {
    console.error(`error: ${what} not found at ${p}; run \`sh tests/browser/setup.sh\``);
    process.exit(2);
  }
}
if (!existsSync(path.join(outDir, 'index.html')) || !existsSync(path.join(outDir, '404.html'))) {
  console.error(`error: ${outDir} holds no built site (index.html and 404.html)`);
  process.exit(2);
}

const failures = [];
const fail = (page, check, detail) => failures.push({ page, check, detail: String(detail).replace(/\s+/g, ' ').trim() });
const checksRun = new Map(); // page label -> Set of checks run on it
const ran = (page, check) => {
  if (!checksRun.has(page)) checksRun.set(page, new Set());
  checksRun.get(page).add(check);
};

// ---------------------------------------------------------------- the pages

const file = (rel) => path.join(outDir, rel, 'index.html');
const subdirs = (rel) => {
  const dir = path.join(outDir, rel);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((d) => statSync(path.join(dir, d)).isDirectory() && existsSync(path.join(dir, d, 'index.html')))
    .sort();
};
// A single press release or tag page: the first subfolder that is not the
// list's pagination ("halaman" / "page").
const firstItem = (rel) => subdirs(rel).find((d) => !['halaman', 'page'].includes(d));

// Where the site's configured base URL puts it (the 404 page links from
// there, since it is served at every depth): the path of 404.html's
// canonical URL, e.g. "/" for https://netra.example.org/404.html.
function deployPath() {
  const html = readFileSync(path.join(outDir, '404.html'), 'utf8');
  const link = html.match(/<link\b[^>]*\brel="canonical"[^>]*>/)?.[0] ?? '';
  const href = link.match(/\bhref="([^"]+)"/)?.[1];
  if (!href) return '/';
  return new URL(href.replace(/&amp;/g, '&'), 'http://site.invalid/').pathname.replace(/404\.html$/, '');
}
const root404 = new URL(deployPath(), base.origin);

const idRelease = firstItem('siaran-pers');
const enRelease = firstItem('en/press');
const idTag = firstItem('tag');
const enTag = firstItem('en/tags');

// label, path under base (or a full URL for missing pages), what to expect
const pages = [
  ['id home', '', { charts: true }],
  ['id statistics', 'statistik/', { charts: true }],
  ['id figure', 'angka/kasn-2020-10-07/'],
  ['id press release', idRelease ? `siaran-pers/${idRelease}/` : null],
  ['id press list', 'siaran-pers/'],
  ['id tag', idTag ? `tag/${idTag}/` : null],
  ['id tag list', 'tag/'],
  ['id chart embed', 'statistik/kasn-2020-07-31-position/', { charts: true }],
  ['id tile map', 'statistik/peta-pemilu-2024-kasn/', { charts: true }],
  ['id timeline embed', 'statistik/pilkada-2020-tindak-lanjut-waktu/', { charts: true }],
  ['id facet', 'statistik/jabatan/jpt/'],
  ['id data', 'data/'],
  ['id search', 'cari/'],
  ['id corrections', 'koreksi/'],
  ['id producers', 'produsen/'],
  ['id every figure', 'angka/'],
  ['id 404', new URL('halaman-yang-tidak-ada/', root404).href, { status: 404, scope: root404 }],
  ['en home', 'en/', { charts: true }],
  ['en statistics', 'en/statistics/', { charts: true }],
  ['en figure', 'en/figures/kasn-2020-10-07/'],
  ['en every figure', 'en/figures/'],
  ['en press release', enRelease ? `en/press/${enRelease}/` : undefined],
  ['en press list', 'en/press/'],
  ['en tag', enTag ? `en/tags/${enTag}/` : undefined],
  ['en tag list', 'en/tags/'],
  ['en chart embed', 'en/statistics/kasn-2020-07-31-position/', { charts: true }],
  ['en tile map', 'en/statistics/peta-pemilu-2024-kasn/', { charts: true }],
  ['en shares embed', 'en/statistics/jabatan-dari-waktu-ke-waktu/', { charts: true }],
  ['en facet', 'en/statistics/position/jpt/'],
  ['en data', 'en/data/'],
  ['en search', 'en/search/'],
  ['en corrections', 'en/corrections/'],
  ['en producers', 'en/producers/'],
  ['en 404', new URL('en/page-that-does-not-exist/', root404).href, { status: 404, scope: root404 }],
];

const skipped = [];
const targets = [];
for (const [label, rel, opts = {}] of pages) {
  if (rel === undefined) {
    // An English release or tag page exists only when a release is
    // written in English; the shipped content has none.
    skipped.push(`${label}: none in the output`);
    continue;
  }
  if (rel === null) {
    fail(label, 'load', 'no such page in the output');
    continue;
  }
  const isUrl = /^https?:/.test(rel);
  if (!isUrl && !existsSync(file(rel))) {
    fail(label, 'load', `${rel}index.html is not in the output`);
    continue;
  }
  targets.push({
    label,
    url: isUrl ? rel : new URL(rel, base).href,
    status: opts.status ?? 200,
    charts: !!opts.charts,
    scope: (opts.scope ?? base).href,
  });
}

// -------------------------------------------------------- Nu HTML Checker

// Runs alongside the browser; the JVM takes a few seconds to start.
const vnuDone = new Promise((resolve) => {
  const child = spawn('java', ['-jar', vnuJar, '--errors-only', '--skip-non-html', '--format', 'json', outDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  child.on('error', (e) => resolve({ error: `could not start java: ${e.message}` }));
  child.on('close', (code) => resolve({ code, out }));
});

// -------------------------------------------------------------- the browser

const STRICT = [/default-src\s+'self'/, /script-src\s+'self'/, /object-src\s+'none'/];
const LOOSE = /'unsafe-inline'|'unsafe-eval'|(^|\s)\*(\s|;|$)/;

// Installed before any page script: records every CSP violation.
const cspListener = () => {
  window.__netraCsp = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__netraCsp.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'}${e.sourceFile ? ` at ${e.sourceFile}:${e.lineNumber}` : ''}${e.sample ? ` "${e.sample}"` : ''}`);
  });
};

const launchArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const links = new Map(); // same-site URL (and #fragment) -> the first page linking to it

async function loadChecks(context, t) {
  const page = await context.newPage();
  const problems = [];
  const statusFailed = new Set();
  const consoleLines = [];
  page.on('console', (m) => {
    const csp = /Content.Security.Policy/i.test(m.text());
    if (m.type() === 'error' || (m.type() === 'warning' && csp)) {
      consoleLines.push({ csp, type: m.type(), text: m.text(), url: m.location().url });
    }
  });
  page.on('pageerror', (e) => problems.push(['load', `uncaught exception: ${e.message}`]));
  page.on('requestfailed', (r) => problems.push(['load', `request failed: ${r.url()} (${r.failure()?.errorText})`]));
  page.on('request', (r) => {
    if (!r.url().startsWith(t.scope) && !r.url().startsWith('data:')) {
      problems.push(['load', `request leaves ${t.scope}: ${r.url()} (a link that is not relative?)`]);
    }
  });
  page.on('response', (r) => {
    if (r.status() >= 400) statusFailed.add(r.url());
    if (r.status() >= 400 && !(r.url() === t.url && r.status() === t.status)) {
      problems.push(['load', `HTTP ${r.status()} for ${r.url()}`]);
    }
  });

  let response;
  try {
    response = await gotoPatiently(page, t.url);
  } catch (e) {
    problems.push(['load', `could not load: ${e.message.split('\n')[0]}`]);
  }
  ran(t.label, 'load');
  if (response && response.status() !== t.status) {
    problems.push(['load', `HTTP ${response.status()}, expected ${t.status}`]);
  }
  if (response) {
    // Late console messages and violation reports.
    await page.waitForTimeout(100);
    for (const c of consoleLines) {
      // A 4xx/5xx response is reported once, above; the main document of a
      // missing URL is a 404 on purpose.
      if (/^Failed to load resource: the server responded/.test(c.text) && statusFailed.has(c.url)) continue;
      let text = c.text.replace(/ Either the 'unsafe-inline' keyword.*$/s, '');
      if (/\/favicon\.ico$/.test(c.url)) {
        text += ' (no <link rel="icon"> on the page, so the browser asked for /favicon.ico at the host root, outside the site)';
      }
      problems.push([c.csp ? 'csp' : 'load', `console ${c.type}: ${text}${c.url ? ` (${c.url})` : ''}`]);
    }

    ran(t.label, 'csp');
    const csp = await page.evaluate(() => ({
      metas: [...document.querySelectorAll('meta[http-equiv]')]
        .filter((m) => m.httpEquiv.toLowerCase() === 'content-security-policy')
        .map((m) => m.content),
      violations: window.__netraCsp ?? null,
    }));
    if (csp.metas.length !== 1) {
      problems.push(['csp', `${csp.metas.length} <meta http-equiv="Content-Security-Policy"> tags, expected 1`]);
    } else {
      const policy = csp.metas[0];
      for (const re of STRICT) {
        if (!re.test(policy)) problems.push(['csp', `policy lacks ${re.source.replace(/\\s\+/g, ' ')}: "${policy}"`]);
      }
      if (LOOSE.test(policy)) problems.push(['csp', `policy is not strict (${policy.match(LOOSE)[0]}): "${policy}"`]);
    }
    if (csp.violations === null) problems.push(['csp', 'the violation listener did not run']);
    for (const v of csp.violations ?? []) problems.push(['csp', `violation: ${v}`]);

    ran(t.label, 'links');
    const found = await page.evaluate(() => ({
      hrefs: [...document.querySelectorAll('a[href], link[href], img[src], script[src], iframe[src], source[src]')].map((e) => ({
        tag: e.tagName.toLowerCase(),
        rel: e.getAttribute('rel') || '',
        attr: e.hasAttribute('href') ? 'href' : 'src',
        raw: e.getAttribute('href') ?? e.getAttribute('src'),
        url: e.href || e.src,
      })),
      ids: [...document.querySelectorAll('[id]')].map((e) => e.id),
      names: [...document.querySelectorAll('a[name]')].map((e) => e.name),
    }));
    const anchors = new Set([...found.ids, ...found.names]);
    const here = new URL(page.url());
    here.hash = '';
    for (const h of found.hrefs) {
      let u;
      try {
        u = new URL(h.url);
      } catch {
        problems.push(['links', `<${h.tag}> has an unparsable URL "${h.raw}"`]);
        continue;
      }
      if (u.origin !== base.origin) continue; // other sites, and the canonical/alternate base URLs
      const frag = decodeURIComponent(u.hash.slice(1));
      u.hash = '';
      if (!u.href.startsWith(t.scope)) {
        problems.push(['links', `<${h.tag} ${h.attr}="${h.raw}"> leaves ${t.scope}: ${u.href}`]);
        continue;
      }
      // A link within the page is checked here; a link to the page itself
      // ("./") from a 404 page leads nowhere: the fetch below reports it.
      if (u.href === here.href && (h.raw.startsWith('#') || response.status() === 200)) {
        if (frag && !anchors.has(frag)) problems.push(['links', `<${h.tag} ${h.attr}="${h.raw}">: no element with id "${frag}"`]);
        continue;
      }
      const key = frag ? `${u.href}#${frag}` : u.href;
      if (!links.has(key)) links.set(key, { url: u.href, page: t.label, raw: h.raw, tag: h.tag, attr: h.attr, frag });
    }

    ran(t.label, 'layout');
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      const m = await page.evaluate(() => ({
        inner: window.innerWidth,
        scroll: document.documentElement.scrollWidth,
        charts: [...document.querySelectorAll('svg.chart-svg')].map((s) => {
          const r = s.getBoundingClientRect();
          const id = s.id || (s.getAttribute('aria-labelledby') || '').split(' ')[0].replace(/-title$/, '');
          return { id, left: r.left, right: r.right, width: r.width, height: r.height };
        }),
        // The outermost elements that reach past the right edge.
        wide: [...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
          .filter((e, _, all) => !all.includes(e.parentElement))
          .slice(0, 3)
          .map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.className && typeof e.className === 'string' ? `.${e.className.trim().split(/\s+/).join('.')}` : ''}`),
      }));
      if (t.charts && m.charts.length === 0) problems.push(['layout', `${width}px: no svg.chart-svg on the page`]);
      for (const c of m.charts) {
        if (!(c.width > 0 && c.height > 0)) {
          problems.push(['layout', `${width}px: chart ${c.id} has an empty box (${c.width}x${c.height})`]);
        } else if (c.left < -1 || c.right > m.inner + 1) {
          problems.push(['layout', `${width}px: chart ${c.id} spans ${Math.round(c.left)}..${Math.round(c.right)}px, wider than the viewport (${m.inner}px)`]);
        }
      }
      if (m.scroll > m.inner + 1) {
        problems.push(['layout', `${width}px: page scrolls sideways (scrollWidth ${m.scroll} > ${m.inner}); too wide: ${m.wide.join(', ')}`]);
      }
    }
  }
  await page.close();
  for (const [check, detail] of problems) fail(t.label, check, detail);
}

// A busy CI machine can stall a navigation (the local server and Chromium
// share two cores with the build): one retry with a longer wait before a
// timeout counts as a failure. Any other error fails at once.
async function gotoPatiently(page, url) {
  try {
    return await page.goto(url, { waitUntil: 'load', timeout: 30000 });
  } catch (e) {
    if (!String(e).includes('Timeout')) throw e;
    return await page.goto(url, { waitUntil: 'load', timeout: 60000 });
  }
}

// The contrast of each inline chart's drawing as the reader sees it: its
// text (4.5:1) and bars (3:1, WCAG 1.4.11) against the chart's ground,
// from the computed colours, so the light and the dark palette both count.
function chartContrast() {
  const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  // The nearest ancestor with a ground of its own.
  const ground = (e) => {
    for (let n = e; n; n = n.parentElement) {
      const c = rgb(getComputedStyle(n).backgroundColor);
      if (c.length >= 3 && (c.length < 4 || c[3] > 0)) return c;
    }
    return [255, 255, 255];
  };
  // A fill as a colour; a pattern's (`url("#id")`, the tile map's
  // hatching) as the colour of its ground, its first rect.
  const paint = (e) => {
    const f = getComputedStyle(e).fill;
    const url = f.match(/url\("?#([^")]+)"?\)/);
    if (!url) return rgb(f);
    const ground = document.getElementById(url[1])?.querySelector('rect');
    return ground ? rgb(getComputedStyle(ground).fill) : [];
  };
  const problems = [];
  for (const svg of document.querySelectorAll('svg.chart-svg')) {
    const id = (svg.getAttribute('aria-labelledby') || '').split(' ')[0].replace(/-title$/, '');
    const bg = ground(svg);
    for (const [sel, min] of [['text', 4.5], ['rect', 3]]) {
      for (const e of svg.querySelectorAll(sel)) {
        // A pattern's rects paint the shapes that use it, measured there.
        if (e.closest('pattern')) continue;
        // A tile map's text stands on its tile, not on the chart's ground.
        const tile = sel === 'text' && e.closest('g.tile')?.querySelector('rect');
        let r = ratio(paint(e), tile ? paint(tile) : bg);
        // A shape stands out by its fill or by its outline (WCAG 1.4.11).
        const stroke = getComputedStyle(e).stroke;
        if (sel === 'rect' && stroke !== 'none') r = Math.max(r, ratio(rgb(stroke), bg));
        if (!(r >= min)) {
          problems.push(`chart ${id}: <${sel} class="${e.getAttribute('class')}"> ${getComputedStyle(e).fill} on rgb(${bg.join(', ')}): ${r.toFixed(2)}:1, under ${min}:1`);
          break;
        }
      }
    }
  }
  return {
    problems,
    dark: matchMedia('(prefers-color-scheme: dark)').matches,
    body: lum(rgb(getComputedStyle(document.body).backgroundColor)),
  };
}

async function axeChecks(context, t, check) {
  const page = await context.newPage();
  ran(t.label, check);
  try {
    await gotoPatiently(page, t.url);
    const drawn = await page.evaluate(chartContrast);
    const wantDark = check.endsWith('dark');
    if (drawn.dark !== wantDark) fail(t.label, check, `prefers-color-scheme: dark is ${drawn.dark}, expected ${wantDark}`);
    // A dark page has a dark ground: luminance under that of #555.
    if (wantDark && drawn.body > 0.09) fail(t.label, check, `the page stays light under a dark colour scheme (body luminance ${drawn.body.toFixed(2)})`);
    for (const p of drawn.problems) fail(t.label, check, p);
    await page.addScriptTag({ path: axePath });
    const violations = await page.evaluate(async () => {
      const r = await window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        resultTypes: ['violations'],
      });
      return r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html.slice(0, 160), summary: n.failureSummary })),
      }));
    });
    for (const v of violations) {
      for (const n of v.nodes.slice(0, 5)) {
        fail(t.label, check, `${v.id} (${v.impact}): ${v.help}: ${n.target} ${n.html} -- ${(n.summary || '').split('\n').slice(1, 2).join(' ')}`);
      }
      if (v.nodes.length > 5) fail(t.label, check, `${v.id}: and ${v.nodes.length - 5} more elements`);
    }
  } catch (e) {
    fail(t.label, check, `could not run: ${e.message.split('\n')[0]}`);
  }
  await page.close();
}

// Search: a word from a release finds it, in either language, in the
// context that enforces the site's Content-Security-Policy.
async function searchChecks(context) {
  const cases = [
    ['id search', 'cari/', 'deklarasi', /siaran-pers\//],
    ['id search', 'cari/', 'pelanggaran', /(siaran-pers|angka|statistik)\//],
    ['en search', 'en/search/', 'breach', /en\/figures\//],
  ];
  for (const [label, rel, word, expected] of cases) {
    const page = await context.newPage();
    const errors = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await page.goto(new URL(`${rel}?q=${encodeURIComponent(word)}`, base).href, { waitUntil: 'load' });
      await page.waitForSelector('.pagefind-ui__result-link', { timeout: 15000 });
      const hrefs = await page.$$eval('.pagefind-ui__result-link', (as) => as.map((a) => a.getAttribute('href')));
      if (!hrefs.some((h) => expected.test(h))) fail(label, 'search', `"${word}": no result matches ${expected}: ${hrefs.join(', ')}`);
      if (!hrefs.every((h) => h.startsWith(base.pathname))) fail(label, 'search', `"${word}": a result leaves the site's path: ${hrefs.join(', ')}`);
      const csp = await page.evaluate(() => window.__netraCsp ?? []);
      for (const v of csp) fail(label, 'search', `CSP violation: ${v}`);
    } catch (e) {
      fail(label, 'search', `"${word}": ${e.message.split('\n')[0]}`);
    }
    for (const e of errors) fail(label, 'search', `console: ${e}`);
    checksRun.get(label)?.add('search');
    await page.close();
  }
}

let browser;
try {
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: launchArgs, timeout: 30000 });
} catch (e) {
  console.error(`error: could not start ${chromiumPath}: ${e.message.split('\n')[0]}`);
  process.exit(2);
}
try {
  // CSP, console and layout in a context that enforces the site's policy.
  const strict = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await strict.addInitScript(cspListener);
  // axe needs its script injected, which the site's own policy forbids.
  const axeContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true, colorScheme: 'light' });
  const axeDark = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true, colorScheme: 'dark' });
  // Two pages at a time: the machine has two cores.
  const queue = [...targets];
  await Promise.all(
    [0, 1].map(async () => {
      for (let t = queue.shift(); t; t = queue.shift()) {
        await loadChecks(strict, t);
        await axeChecks(axeContext, t, 'axe');
        await axeChecks(axeDark, t, 'axe dark');
      }
    }),
  );
  await searchChecks(strict);
  await strict.close();
  await axeContext.close();
  await axeDark.close();
} finally {
  await browser.close();
}

// Every same-site link found on the pages above must answer 200.
const linkQueue = [...links.entries()];
await Promise.all(
  [0, 1, 2, 3].map(async () => {
    for (let e = linkQueue.shift(); e; e = linkQueue.shift()) {
      const [, from] = e;
      const { url } = from;
      try {
        const r = await fetch(url, { redirect: 'manual' });
        const body = from.frag ? await r.text() : (await r.arrayBuffer(), '');
        if (r.status !== 200) {
          fail(from.page, 'links', `<${from.tag} ${from.attr}="${from.raw}"> -> ${url}: HTTP ${r.status}`);
        } else if (from.frag && !new RegExp(`\\b(id|name)="${from.frag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`).test(body)) {
          fail(from.page, 'links', `<${from.tag} ${from.attr}="${from.raw}"> -> ${url}: no element with id "${from.frag}"`);
        }
      } catch (err) {
        fail(from.page, 'links', `<${from.tag} ${from.attr}="${from.raw}"> -> ${url}: ${err.message}`);
      }
    }
  }),
);

const vnu = await vnuDone;
let htmlFiles = 0;
(function countHtml(dir) {
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    if (d.isDirectory()) countHtml(path.join(dir, d.name));
    else if (d.name.endsWith('.html')) htmlFiles++;
  }
})(outDir);
if (vnu.error) {
  fail('all HTML', 'html', vnu.error);
} else {
  let report;
  try {
    report = JSON.parse(vnu.out.slice(vnu.out.indexOf('{')));
  } catch {
    fail('all HTML', 'html', `vnu.jar exited ${vnu.code} without a JSON report: ${vnu.out.slice(0, 400)}`);
  }
  if (report) {
    for (const m of report.messages) {
      const where = m.url ? path.relative(outDir, fileURLToPath(m.url)) : 'all HTML';
      fail(where, 'html', `${m.type}${m.subType ? `/${m.subType}` : ''}${m.lastLine ? ` line ${m.lastLine}:${m.firstColumn ?? m.lastColumn}` : ''}: ${m.message}${m.extract ? ` -- ${m.extract}` : ''}`);
    }
    if (report.messages.length === 0 && vnu.code !== 0) fail('all HTML', 'html', `vnu.jar exited ${vnu.code}`);
  }
}

// ------------------------------------------------------------------ report

const secs = ((Date.now() - started) / 1000).toFixed(1);
console.log(`netra browser checks: ${targets.length} pages at ${base.href} (404 at ${root404.href}), ${links.size} same-site links, ${htmlFiles} HTML files`);
const width = Math.max(...targets.map((t) => t.label.length), 12);
for (const t of targets) {
  const bad = new Set(failures.filter((f) => f.page === t.label).map((f) => f.check));
  const cells = [...(checksRun.get(t.label) ?? [])].map((c) => (bad.has(c) ? `${c} FAIL` : `${c} ok`));
  console.log(`  ${t.label.padEnd(width)}  ${cells.join('  ')}  ${t.url}`);
}
const htmlBad = failures.filter((f) => f.check === 'html').length;
console.log(`  ${'all HTML'.padEnd(width)}  html ${htmlBad ? `FAIL (${htmlBad} errors)` : 'ok'}  vnu.jar --errors-only on ${htmlFiles} files`);
for (const s of skipped) console.log(`  skipped: ${s}`);
if (failures.length) {
  console.log(`\nfailures (page | check | details):`);
  for (const f of failures) console.log(`  ${f.page} | ${f.check} | ${f.detail}`);
}
console.log(`\n${failures.length ? 'FAILED' : 'ok'}: ${failures.length} failures in ${secs}s`);
process.exit(failures.length ? 1 : 0);
