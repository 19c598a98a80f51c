// `placard diff`'s report in a real browser: Debian's chromium, driven by
// playwright-core, opens REPORT_DIR/index.html from file:// after the example
// campaign is rendered twice (one word changed, one card removed, one added).
//
// Run by ctest (see CMakeLists.txt) with PLACARD_BINARY, PLACARD_SOURCE_DIR and
// PLACARD_ARTIFACTS set; screenshots land in $PLACARD_ARTIFACTS.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { launchArgs, testEnv } from './harness.mjs';

const { binary, sourceDir, artifacts, chromiumPath } = testEnv();

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'placard-diff-report-'));
const report = path.join(artifacts, 'diff-report');
let browser;

function render(out) {
  execFileSync(binary, ['render', path.join(work, 'campaign.md'), '--sizes', 'og,square', '-o', path.join(work, out)], { stdio: 'pipe' });
}

before(async () => {
  fs.cpSync(path.join(sourceDir, 'examples', 'brands', 'transforming'), path.join(work, 'brand'), { recursive: true });
  let campaign = fs.readFileSync(path.join(sourceDir, 'examples', 'transforming-the-system', 'campaign.md'), 'utf8')
    .replace('brand: ../brands/transforming/brand.yaml', 'brand: brand/brand.yaml');
  fs.writeFileSync(path.join(work, 'campaign.md'), campaign);
  render('a');
  campaign = campaign
    .replace('Prohibit local law enforcement from collaborating', 'Prohibit local police from collaborating')
    .replace('- **End 287(g) agreements.** {#end-287g-agreements}\n', '')
    .replace('personalize:\n  cards: [end-287g-agreements, ', 'personalize:\n  cards: [')
    .replace(/(- Continue demanding[^\n]*\n)/, '$1- Fund legal help for every family facing deportation. {#fund-legal-help}\n');
  fs.writeFileSync(path.join(work, 'campaign.md'), campaign);
  render('b');
  fs.rmSync(report, { recursive: true, force: true });
  const r = spawnSync(binary, ['diff', path.join(work, 'a'), path.join(work, 'b'), '-o', report], { encoding: 'utf8' });
  assert.equal(r.status, 1, r.stderr);
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: launchArgs });
});

after(async () => {
  await browser?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

for (const width of [390, 1440]) {
  test(`the report at ${width} px: no errors, no outside requests, every image loads`, async () => {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const errors = [];
    const outside = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (req) => { if (!req.url().startsWith('file://')) outside.push(req.url()); });
    await page.goto(pathToFileURL(path.join(report, 'index.html')).href);
    // Lazy images: scroll each into view, then check it decoded.
    const images = await page.locator('img').all();
    assert.ok(images.length >= 6, `only ${images.length} images`);
    for (const img of images) {
      await img.scrollIntoViewIfNeeded();
      await img.evaluate((el) => (el.complete ? null : new Promise((ok) => { el.onload = ok; el.onerror = ok; })));
      const natural = await img.evaluate((el) => el.naturalWidth);
      assert.ok(natural > 0, `${await img.getAttribute('src')} did not load`);
    }
    assert.deepEqual(errors, []);
    assert.deepEqual(outside, []);
    // Nothing wider than the screen.
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scrollWidth <= width, `the page is ${scrollWidth} px wide at ${width}`);
    // The three kinds of change, most changed first (added and removed count whole).
    const nav = await page.locator('nav li').allInnerTexts();
    assert.equal(nav.length, 3, nav.join('\n'));
    assert.match(nav[2], /^prohibit-local-law-enforcement changed/);
    assert.ok(nav.some((t) => t.startsWith('fund-legal-help added')), nav.join('\n'));
    assert.ok(nav.some((t) => t.startsWith('end-287g-agreements removed')), nav.join('\n'));
    // The word diff.
    assert.equal(await page.locator('#card-prohibit-local-law-enforcement del').first().innerText(), 'law enforcement');
    assert.equal(await page.locator('#card-prohibit-local-law-enforcement ins').first().innerText(), 'police');
    // The shorter headline breaks elsewhere: its lines, before and after.
    const notes = await page.locator('#card-prohibit-local-law-enforcement .output li').allInnerTexts();
    assert.ok(notes.some((t) => /^headline breaks:\s+".+ \/ .+"\s+→ ".+"$/.test(t)), notes.join('\n'));
    // The keyboard: j moves to the next card, k back.
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    await page.keyboard.press('j');
    assert.equal(await page.evaluate(() => document.activeElement.className), 'card');
    await page.keyboard.press('j');
    const second = await page.evaluate(() => document.activeElement.id);
    await page.keyboard.press('k');
    assert.notEqual(await page.evaluate(() => document.activeElement.id), second);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(artifacts, `diff-report-${width}.png`), fullPage: true });
    await page.close();
  });
}
