// The browser editor end to end, run by tests/cms.rs:
//
//   node tests/browser/cms.mjs <admin-url> <content-dir> <title> <date> <source-id>
//
// <admin-url> serves a built site's admin/ whose config.yml points Decap
// CMS at a running decap-server (`backend: local`); <content-dir> is the
// content folder that server writes into. In headless Chromium it logs
// in, opens the new-record forms of figures and cases, then a new press
// release, fills the form as an editor would
// (title, date, language, summary, a source picked from the list, an
// embargo moment, the body in the rich-text editor), publishes it, and waits for the file to
// appear under <content-dir>/press/. Fails on any console error, uncaught
// exception or Content-Security-Policy violation on the way.
//
// With NETRA_CMS_SHOTS=<dir>, also saves the filled form at 390 and
// 1280 px wide as <dir>/cms-390.png and <dir>/cms-1280.png.
//
// Prints the saved file's path on success; exits 1 on a failure, 2 when
// it could not run.

import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const [adminUrl, contentDir, title, date, source] = process.argv.slice(2);
if (!adminUrl || !contentDir || !title || !date || !source) {
  console.error('usage: node cms.mjs <admin-url> <content-dir> <title> <date> <source-id>');
  process.exit(2);
}
const chromiumPath = process.env.NETRA_CHROMIUM || '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
  console.error(`error: chromium not found at ${chromiumPath}; run \`sh tests/browser/setup.sh\``);
  process.exit(2);
}
const shots = process.env.NETRA_CMS_SHOTS;
const pressDir = path.join(contentDir, 'press');
const before = new Set(readdirSync(pressDir));
// Each step gets its own deadline, so a hang names the step.
const STEP_MS = 15_000;

const problems = [];
let step = 'start';
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(STEP_MS);
  page.on('console', (m) => {
    // Decap logs its versions; a missing favicon is the static server's.
    if (m.type() === 'error' && !/favicon|status of 404/.test(m.text())) {
      problems.push(`console error during "${step}": ${m.text()}`);
    }
  });
  // Leaving a form Decap thinks unsaved asks first: go on.
  page.on('dialog', (d) => d.accept());
  page.on('pageerror', (e) => problems.push(`uncaught exception during "${step}": ${e.message}`));
  await page.exposeFunction('__netraViolation', (v) => problems.push(`CSP violation during "${step}": ${v}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__netraViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline code'}`),
    );
  });

  step = 'open admin/ and log in';
  await page.goto(adminUrl);
  await page.getByRole('button', { name: 'Login' }).click();
  await page.getByText('Siaran pers').first().waitFor();

  // A fresh load for each form: Decap keeps the previous form's widgets
  // when only the #route changes between two new records. The login
  // stays in localStorage.
  const open = async (collection) => {
    await page.goto('about:blank');
    await page.goto(`${adminUrl}#/collections/${collection}/new`);
  };
  // The other forms render (lists, localised texts, selects) without error.
  for (const collection of ['figures', 'cases']) {
    step = `open a new record of ${collection}`;
    await open(collection);
    await page.locator('[id^="id-field-"]').first().waitFor();
  }

  step = 'open a new press release';
  await open('press');
  const field = (name) => page.locator(`[id^="${name}-field-"]`).first();
  await field('title').waitFor();

  step = 'fill the form';
  await field('title').fill(title);
  await field('date').fill(date);
  await field('summary').fill('Ringkasan siaran pers yang ditulis lewat formulir CMS.');
  // A react-select: type to filter, Enter to take the first match.
  await field('sources').click();
  await field('sources').pressSequentially(source);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await field('tags').fill('cms, uji-coba');
  // An embargo that is already over: saved with the browser's UTC
  // offset, and published by the next build.
  await field('publish_at').fill(`${date}T10:00`);
  // Picked, then removed: the release is about no one province, and the
  // file must not say `region:` at all (themes/default/cms/netra-cms.js).
  await field('region').click();
  await field('region').pressSequentially('Sulawesi Selatan');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Escape');
  const body = page.locator('[data-slate-editor="true"], [role="textbox"][contenteditable="true"]').first();
  await body.click();
  await page.keyboard.type('Isi siaran pers yang ditulis di CMS. ');
  await page.keyboard.press('Control+b');
  await page.keyboard.type('Tebal');
  await page.keyboard.press('Control+b');
  await page.keyboard.type('.');

  if (shots) {
    step = 'screenshots';
    await field('title').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, 'cms-1280.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(shots, 'cms-390.png') });
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  step = 'publish';
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await page.getByText('Publish now').click();

  step = 'wait for the file';
  const deadline = Date.now() + STEP_MS;
  let added = [];
  while (Date.now() < deadline) {
    added = readdirSync(pressDir).filter((f) => !before.has(f));
    if (added.length) break;
    await page.waitForTimeout(100);
  }
  if (added.length !== 1) {
    const toast = await page.locator('.Toastify').innerText().catch(() => '');
    problems.push(`publishing wrote ${added.length} new files to ${pressDir} (expected 1): ${added.join(', ')} ${toast}`);
  } else if (!problems.length) {
    console.log(path.join(pressDir, added[0]));
  }
} catch (e) {
  problems.push(`step "${step}" failed: ${e.message.split('\n')[0]}`);
} finally {
  await browser.close();
}
if (problems.length) {
  for (const p of problems) console.error(p);
  process.exit(1);
}
