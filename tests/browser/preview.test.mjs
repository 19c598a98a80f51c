// Browser tests of `placard preview`: Debian's chromium, driven by
// playwright-core, opens the live page of a copy of the example campaign
// (6 cards at og, square and story) while the test edits its files as a
// designer would.
//
// Run by ctest (see CMakeLists.txt) with PLACARD_BINARY, PLACARD_SOURCE_DIR and
// PLACARD_ARTIFACTS set; screenshots and save timings land in $PLACARD_ARTIFACTS.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { blockOtherHosts, launchArgs, previewLine, startPlacard, stopPlacard, testEnv } from './harness.mjs';

const { binary, sourceDir, artifacts, chromiumPath } = testEnv();

// ---- A project folder: the example campaign, its brand, and a layout of its own ----

const project = path.join(artifacts, 'preview-project');
const content = path.join(project, 'campaign', 'campaign.md');
const layoutFile = path.join(project, 'campaign', 'my-layout.yaml');
const sizes = ['og', 'square', 'story'];
const edited = 'continue-demanding-law-enforcement-to-work';  // its id does not depend on the word changed

function setUpProject() {
  fs.rmSync(project, { recursive: true, force: true });
  fs.mkdirSync(path.join(project, 'campaign'), { recursive: true });
  const example = path.join(sourceDir, 'examples');
  fs.cpSync(path.join(example, 'brands'), path.join(project, 'brands'), { recursive: true });
  const md = fs.readFileSync(path.join(example, 'transforming-the-system', 'campaign.md'), 'utf8')
    .replace('layout: standard', 'layout: my-layout.yaml');
  fs.writeFileSync(content, md);
  fs.copyFileSync(path.join(sourceDir, 'layouts', 'standard.yaml'), layoutFile);
}

// A save as an editor makes it: a new file renamed over the old one.
function save(file, text) {
  fs.writeFileSync(`${file}.tmp`, text);
  fs.renameSync(`${file}.tmp`, file);
}

// ---- The preview server and the browser ----

let server;  // { child, origin, log } of placard preview
let origin;
let context;
let profile;
const problems = [];

const startPreview = () => startPlacard(binary,
  ['preview', path.relative(project, content), '--sizes', sizes.join(','), '--listen', '127.0.0.1:0'],
  { cwd: project, firstLine: previewLine });

function watch(page) {
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('request', (req) => {
    if (!req.url().startsWith(origin + '/')) problems.push(`external request: ${req.url()}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()} for ${res.url()}`);
  });
  return page;
}

async function openPage(viewport = { width: 1440, height: 900 }) {
  const page = watch(await context.newPage());
  await page.setViewportSize(viewport);
  await page.goto(origin + '/', { waitUntil: 'load' });
  await page.waitForSelector('.live.on');
  await allLoaded(page);
  return page;
}

// Waits until every shown image has its current version loaded.
async function allLoaded(page) {
  await page.waitForFunction(() => {
    const imgs = [...document.querySelectorAll('.cell:not([hidden]) img')];
    return imgs.length > 0 && imgs.every((i) => i.getAttribute('src') && i.complete && i.naturalWidth > 0);
  }, null, { timeout: 20000 });
  await page.evaluate(() => Promise.all([...document.images].map((i) => i.decode().catch(() => null))));
}

const cell = (page, id, size) => page.locator(`.card[data-id="${id}"] .cell[data-size="${size}"]`);

before(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  setUpProject();
  server = await startPreview();
  origin = server.origin;
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'placard-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath, headless: true, args: launchArgs, locale: 'en-US',
    viewport: { width: 1440, height: 900 },
  });
  await blockOtherHosts(context, (url) => url.startsWith(origin + '/'), problems);
});

after(async () => {
  await context?.close();
  await stopPlacard(server?.child);
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
  if (server) fs.writeFileSync(path.join(artifacts, 'preview-server.log'), server.log());
});

describe('placard preview', () => {
  test('shows every card at every size, true to its aspect ratio, and every image loads', async () => {
    const page = await openPage();
    const cells = await page.$$eval('.cell', (els) => els.map((el) => {
      const img = el.querySelector('img');
      const box = el.querySelector('.frame').getBoundingClientRect();
      return { id: el.closest('.card').dataset.id, size: el.dataset.size, label: el.querySelector('.label').textContent,
        natural: [img.naturalWidth, img.naturalHeight], ratio: box.width / box.height, alt: img.alt };
    }));
    assert.equal(cells.length, 6 * 3);
    const expected = { og: [1200, 630], square: [1080, 1080], story: [1080, 1920] };
    for (const c of cells) {
      assert.deepEqual(c.natural, expected[c.size], `${c.id} ${c.size}`);
      assert.ok(Math.abs(c.ratio - expected[c.size][0] / expected[c.size][1]) < 0.02, `${c.id} ${c.size} drawn at ${c.ratio}`);
      assert.match(c.label, new RegExp(`^${c.size} ${expected[c.size][0]}×${expected[c.size][1]}\\d+\\.\\d kB$`));
      assert.ok(c.alt.length > 10);
    }
    const heads = await page.$$eval('.card-head', (els) => els.map((e) => e.textContent));
    assert.ok(heads.some((h) => h.includes(edited) && h.includes('recommendation')));
    await page.close();
  });

  test('a word changed in the content swaps that card\'s images within 1 s and requests no other image', async () => {
    const page = await openPage();
    const requested = [];
    page.on('request', (req) => {
      const u = new URL(req.url());
      if (u.pathname.startsWith('/img/')) requested.push(u.pathname + u.search);
    });
    await page.evaluate(() => window.scrollTo(0, 600));
    const scrolled = await page.evaluate(() => window.scrollY);
    const original = fs.readFileSync(content, 'utf8');
    // Every save says something new, so each is a render and not an image
    // the browser has seen.
    const words = ['neighbourhood', 'town', 'city', 'county', 'street', 'parish', 'borough', 'village',
      'district', 'ward', 'township', 'hamlet', 'suburb', 'precinct', 'quarter', 'block', 'region',
      'province', 'valley', 'community'];
    const timings = [];
    for (let i = 0; i < 20; i++) {
      const before = await page.$$eval(`.card[data-id="${edited}"] img`, (imgs) => imgs.map((im) => im.src));
      // Listen for the load of every new image of the card (the evaluate
      // returns once the listeners are in place), then save.
      await page.evaluate(([id, old]) => { window.placardLoaded = new Promise((resolve) => {
        const imgs = [...document.querySelectorAll(`.card[data-id="${id}"] img`)];
        const done = new Map();
        const t0 = performance.now();
        for (const [k, im] of imgs.entries()) {
          im.addEventListener('load', function onload() {
            if (im.src === old[k]) return;
            im.removeEventListener('load', onload);
            done.set(k, performance.now() - t0);
            if (done.size === imgs.length) resolve({ first: Math.min(...done.values()), all: Math.max(...done.values()), t0: performance.timeOrigin + t0 });
          });
        }
      }); }, [edited, before]);
      const word = words[i];
      const t = Date.now();
      save(content, original.replace('with the community', `with the ${word}`));
      const r = await page.evaluate(() => window.placardLoaded);
      // From the file write (this process's clock) to the load event (the page's).
      timings.push({ first: r.t0 + r.first - t, all: r.t0 + r.all - t });
    }
    // The last word was the original one: the file is as it was.
    assert.equal(fs.readFileSync(content, 'utf8'), original);
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const firsts = timings.map((x) => x.first);
    const alls = timings.map((x) => x.all);
    fs.writeFileSync(path.join(artifacts, 'preview-save-timings.txt'),
      `file write -> load event of the new images, ${timings.length} saves (ms)\n` +
      `first image: median ${median(firsts).toFixed(0)}, min ${Math.min(...firsts).toFixed(0)}, max ${Math.max(...firsts).toFixed(0)}\n` +
      `all three sizes: median ${median(alls).toFixed(0)}, min ${Math.min(...alls).toFixed(0)}, max ${Math.max(...alls).toFixed(0)}\n` +
      `each (first/all): ${timings.map((x) => `${x.first.toFixed(0)}/${x.all.toFixed(0)}`).join(' ')}\n`);
    // The issue's bound is 1 s; a loaded 2-core CI machine gets the median.
    assert.ok(median(alls) < 1000, `median ${median(alls)} ms`);
    // Only the edited card's images were fetched again, each once per save.
    const others = requested.filter((p) => !p.startsWith(`/img/${edited}/`));
    assert.deepEqual(others, []);
    // Each save's three new images once; the last save brings the original
    // text back, whose images the page already holds (their URL names their inputs).
    assert.equal(new Set(requested).size, requested.length, 'no image is fetched twice');
    assert.equal(requested.length, 19 * 3);
    assert.equal(await page.evaluate(() => window.scrollY), scrolled, 'the scroll position stays');
    await allLoaded(page);
    await page.close();
  });

  test('the open card stays open and shows the new image after a save', async () => {
    const page = await openPage();
    await cell(page, edited, 'square').click();
    const img = page.locator('#detail-frame img');
    await page.waitForFunction(() => document.querySelector('#detail-frame img').complete);
    const before = await img.getAttribute('src');
    const original = fs.readFileSync(content, 'utf8');
    save(content, original.replace('with the community', 'with the whole community'));
    await page.waitForFunction((src) => document.querySelector('#detail-frame img').getAttribute('src') !== src, before);
    assert.equal(await page.locator('#detail').evaluate((d) => d.open), true);
    assert.match(await page.locator('#detail-alt').innerText(), /with the whole community/);
    save(content, original);
    await page.waitForFunction((src) => document.querySelector('#detail-frame img').getAttribute('src') === src, before);
    await page.close();
  });

  test('a broken layout opens the error overlay with its line and caret; fixing it closes it', async () => {
    const page = await openPage();
    const good = fs.readFileSync(layoutFile, 'utf8');
    const lines = good.split('\n');
    const at = lines.findIndex((l) => l.trim() === 'color: muted');
    assert.ok(at > 0);
    lines[at] = lines[at].replace('color:', 'colr:');
    save(layoutFile, lines.join('\n'));
    const overlay = page.locator('#errors');
    await overlay.waitFor({ state: 'visible', timeout: 5000 });
    const text = await overlay.innerText();
    assert.match(text, new RegExp(`my-layout\\.yaml:${at + 1}:\\d+: error`));
    assert.match(text, /unknown key 'colr'/);
    assert.match(text, /hint: did you mean 'color'\?/);
    const hit = await overlay.locator('.source .hit').innerText();
    assert.equal(hit.trim(), `${at + 1} | ${lines[at]}`.trim());
    assert.match(await overlay.locator('.source .caret').innerText(), /\^/);
    // The cards stay on the page, marked as not current.
    assert.equal(await page.locator('.cell.stale img').count(), 18);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: path.join(artifacts, 'preview-error-1440x900.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(artifacts, 'preview-error-390x844.png') });
    save(layoutFile, good);
    await overlay.waitFor({ state: 'hidden', timeout: 5000 });
    await page.waitForFunction(() => document.querySelectorAll('.cell.stale').length === 0);
    await page.close();
  });

  test('a layout change that makes a footer fail contrast outlines the card', async () => {
    const page = await openPage();
    const good = fs.readFileSync(layoutFile, 'utf8');
    // The footer in the brand's primary colour: indigo on indigo.
    const bad = good.replace(/(- name: footer[\s\S]*?color: )muted/, '$1primary');
    assert.notEqual(bad, good);
    save(layoutFile, bad);
    await page.waitForSelector('.cell.contrast-fail', { timeout: 5000 });
    const failing = page.locator('.cell.contrast-fail');
    assert.equal(await failing.count(), 18, 'every card has the footer');
    const outline = await failing.first().evaluate((el) => getComputedStyle(el).outlineColor);
    assert.equal(outline, 'rgb(208, 2, 27)');
    const badge = await failing.first().locator('.badge.contrast').innerText();
    assert.match(badge, /^contrast \d\.\d+:1 footer #2E2A78 on #1C1A4A \(needs 4\.5:1\)$/);
    await page.screenshot({ path: path.join(artifacts, 'preview-contrast-1440x900.png') });
    save(layoutFile, good);
    await page.waitForFunction(() => document.querySelectorAll('.cell.contrast-fail').length === 0, null, { timeout: 5000 });
    await page.close();
  });

  test('overlays line up with the layout dump to within 1 px at 100%', async () => {
    const page = await openPage();
    for (const o of ['safe', 'frames', 'lines', 'fit']) await page.check(`[data-overlay="${o}"]`);
    await cell(page, edited, 'og').click();
    const dialog = page.locator('#detail');
    await dialog.waitFor({ state: 'visible' });
    await page.waitForFunction(() => document.querySelectorAll('#detail-frame .ov-line').length > 0);
    const dump = await (await page.request.get(`${origin}/dump/${edited}/og.json`)).json();
    const got = await page.evaluate(() => {
      const img = document.querySelector('#detail-frame img');
      const o = img.getBoundingClientRect();
      const rel = (el) => {
        const r = el.getBoundingClientRect();
        return [r.x - o.x, r.y - o.y, r.width, r.height];
      };
      return {
        img: [o.width, o.height, img.naturalWidth],
        safe: rel(document.querySelector('#detail-frame .ov-safe')),
        frames: [...document.querySelectorAll('#detail-frame .ov-frame')].map(rel),
        lines: [...document.querySelectorAll('#detail-frame .ov-line')].map(rel),
        baselines: [...document.querySelectorAll('#detail-frame .ov-base')].map((el) => el.getBoundingClientRect().y - o.y),
      };
    });
    assert.deepEqual(got.img, [1200, 630, 1200], 'the detail view is at 100%');
    const near = (a, b, what) => a.forEach((v, i) => assert.ok(Math.abs(v - b[i]) <= 1, `${what}: ${a} vs ${b}`));
    near(got.safe, dump.safe, 'safe area');
    assert.equal(got.frames.length, dump.frames.length);
    dump.frames.forEach((f, i) => near(got.frames[i], f.box, `frame ${f.name}`));
    const lineBoxes = dump.frames.flatMap((f) => f.blocks.flatMap((b) => b.line_boxes));
    const baselines = dump.frames.flatMap((f) => f.blocks.flatMap((b) => b.baselines));
    assert.equal(got.lines.length, lineBoxes.length);
    lineBoxes.forEach((l, i) => near(got.lines[i], l, `line ${i}`));
    baselines.forEach((y, i) => assert.ok(Math.abs(got.baselines[i] - y) <= 1, `baseline ${i}: ${got.baselines[i]} vs ${y}`));
    // The detail view's facts.
    assert.match(await page.locator('#detail-alt').innerText(), /Continue demanding law enforcement/);
    assert.match(await page.locator('#detail-caption').innerText(), /#TransformingTheSystem/);
    assert.equal(await page.locator('#detail-sizes li').count(), 3);
    assert.equal(await page.locator('#detail-download').getAttribute('download'), `${edited}-og.png`);
    const png = await page.request.get(origin + await page.locator('#detail-download').getAttribute('href'));
    const state = await (await page.request.get(`${origin}/api/state`)).json();
    const out = state.cards.find((c) => c.id === edited).outputs.find((x) => x.size === 'og');
    assert.equal((await png.body()).length, out.bytes);
    assert.match(await page.locator('#detail-sizes').innerText(), new RegExp(`og 1200×630: ${out.bytes.toLocaleString('en')} bytes`));
    await page.screenshot({ path: path.join(artifacts, 'preview-detail-1440x900.png') });
    await page.close();
  });

  test('the size filter and the layout picker work without a reload', async () => {
    const page = await openPage();
    await page.evaluate(() => { window.stillHere = true; });
    await page.uncheck('[data-size="story"]');
    assert.equal(await page.locator('.cell:not([hidden])').count(), 12);
    const options = await page.$$eval('#layout option', (os) => os.map((o) => o.textContent));
    for (const name of ['standard', 'quote', 'statement', 'my-layout.yaml']) assert.ok(options.includes(name), `${name} in ${options}`);
    const brands = await page.$$eval('#brand option', (os) => os.map((o) => o.textContent));
    assert.ok(brands.includes('default (built in)'));
    const before = await cell(page, edited, 'og').locator('img').getAttribute('src');
    await page.selectOption('#layout', 'quote');
    await page.waitForFunction(([id, src]) => document.querySelector(`.card[data-id="${id}"] .cell[data-size="og"] img`).getAttribute('src') !== src, [edited, before]);
    await allLoaded(page);
    assert.equal(await page.evaluate(() => window.stillHere), true);
    await page.selectOption('#layout', '');
    await page.waitForFunction(([id, src]) => document.querySelector(`.card[data-id="${id}"] .cell[data-size="og"] img`).getAttribute('src') === src, [edited, before]);
    await page.close();
  });

  test('the images follow the front matter\'s format: a JPEG campaign shows, links and names JPEGs', async () => {
    const page = await openPage();
    const original = fs.readFileSync(content, 'utf8');
    const src = () => cell(page, edited, 'og').locator('img').getAttribute('src');
    assert.match(await src(), /\/og\.png\?v=/);
    save(content, original.replace(/^---\n/, '---\nformat: jpeg\n'));
    await page.waitForFunction((id) => /\/og\.jpg\?v=/.test(document.querySelector(`.card[data-id="${id}"] .cell[data-size="og"] img`).getAttribute('src')),
      edited, { timeout: 20000 });
    await allLoaded(page);
    const res = await page.request.get(origin + await src());
    assert.equal(res.headers()['content-type'], 'image/jpeg');
    assert.deepEqual([...(await res.body()).subarray(0, 3)], [0xff, 0xd8, 0xff]);
    assert.deepEqual(await cell(page, edited, 'og').locator('img').evaluate((img) => [img.naturalWidth, img.naturalHeight]), [1200, 630]);
    // The PNG path of a JPEG image is not served.
    assert.equal((await page.request.get(origin + (await src()).replace('.jpg?', '.png?'))).status(), 404);
    await cell(page, edited, 'og').click();
    await page.locator('#detail').waitFor({ state: 'visible' });
    assert.equal(await page.locator('#detail-download').getAttribute('download'), `${edited}-og.jpg`);
    assert.match(await page.locator('#detail-sizes').innerText(), /og 1200×630: [\d,]+ bytes JPEG/);
    await page.locator('#detail-close').click();
    save(content, original);
    await page.waitForFunction((id) => /\/og\.png\?v=/.test(document.querySelector(`.card[data-id="${id}"] .cell[data-size="og"] img`).getAttribute('src')),
      edited, { timeout: 20000 });
    await allLoaded(page);
    await page.close();
  });

  test('the detail view lists the brand\'s own fonts and the characters that fell back', async () => {
    const page = await openPage();
    const original = fs.readFileSync(content, 'utf8');
    // The bundled brand first: the detail view says so.
    await cell(page, edited, 'og').click();
    await page.locator('#detail').waitFor({ state: 'visible' });
    assert.match(await page.locator('#detail-fonts').innerText(), /bundled fonts/);
    // The example brand with Debian's Cantarell beside it (and Noto Sans
    // Arabic as its face for Arabic), and a Hebrew word neither has.
    const before = await cell(page, edited, 'og').locator('img').getAttribute('src');
    save(content, original.replace('brand: ../brands/transforming/brand.yaml', 'brand: ../brands/open-house/brand.yaml')
      .replace('with the community, **not ICE**', 'with the community \u05e9\u05dc\u05d5\u05dd, **not ICE**'));
    await page.waitForFunction(([id, src]) => document.querySelector(`.card[data-id="${id}"] .cell[data-size="og"] img`).getAttribute('src') !== src,
      [edited, before], { timeout: 20000 });
    await page.waitForFunction(() => document.querySelectorAll('#detail-fonts tbody tr').length > 0, null, { timeout: 20000 });
    const rows = await page.$$eval('#detail-fonts tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
    const files = rows.map((r) => r[1]);
    assert.ok(files.includes('fonts/Cantarell-Bold.otf') && files.includes('fonts/Cantarell-Regular.otf'), JSON.stringify(rows));
    const bold = rows.find((r) => r[1] === 'fonts/Cantarell-Bold.otf');
    assert.deepEqual(bold.slice(0, 6), ['display', 'fonts/Cantarell-Bold.otf', 'Cantarell Bold', 'OpenType (CFF)', 'none', 'static']);
    assert.match(bold[6], /SIL Open Font License/);
    assert.match(await page.locator('.fonts-faces').innerText(), /Cantarell-Bold\.otf · static/);
    const fell = await page.locator('.fonts-fallbacks').innerText();
    assert.match(fell, /\u05e9 U\+05E9 in headline: drawn with Noto Sans Hebrew/);
    assert.ok(!(await page.locator('#detail-fonts').innerText()).includes(project), 'no folder above the brand is shown');
    await page.locator('#detail-fonts').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(artifacts, 'preview-detail-fonts-1440x900.png') });
    await page.locator('#detail-close').click();
    const branded = await cell(page, edited, 'og').locator('img').getAttribute('src');
    save(content, original);
    await page.waitForFunction(([id, src]) => document.querySelector(`.card[data-id="${id}"] .cell[data-size="og"] img`).getAttribute('src') !== src,
      [edited, branded], { timeout: 20000 });
    await allLoaded(page);
    await page.close();
  });

  test('the platform picker shows each card as each surface shows it, its covered areas within 1 px of the dump', async () => {
    // Tall enough for a story's mock whole in the detail view's screenshot.
    const page = await openPage({ width: 1440, height: 1400 });
    const state = await (await page.request.get(`${origin}/api/state`)).json();
    const sizesOf = new Map();  // surface -> the sizes it is for
    for (const s of state.sizes) for (const f of s.surfaces) sizesOf.set(f.name, [...(sizesOf.get(f.name) || []), s.name]);
    const options = await page.$$eval('#platform option', (os) => os.map((o) => o.value).filter(Boolean));
    assert.deepEqual(options, [...sizesOf.keys()], 'one choice per surface of the sizes shown');
    for (const name of ['x-card', 'whatsapp-link', 'imessage-link', 'linkedin-link', 'instagram-feed', 'instagram-story', 'reels', 'tiktok', 'shorts']) {
      assert.ok(options.includes(name), `${name} in ${options}`);
    }
    let checkedAreas = 0;
    let dumpAreas = 0;
    for (const name of options) {
      await page.selectOption('#platform', name);
      const sizesFor = sizesOf.get(name);
      // Only the sizes the surface is for stay, each card drawn as it shows it.
      await page.waitForFunction((n) => {
        const views = [...document.querySelectorAll(`.cell:not([hidden]) .pv[data-surface="${n}"] .pv-media img`)];
        return views.length > 0 && views.length === document.querySelectorAll('.cell:not([hidden])').length &&
          views.every((i) => i.complete && i.naturalWidth > 0);
      }, name, { timeout: 20000 });
      assert.equal(await page.locator('.cell:not([hidden])').count(), 6 * sizesFor.length, name);
      for (const size of sizesFor) {
        const d = await (await page.request.get(`${origin}/dump/${edited}/${size}.json`)).json();
        const s = d.surfaces.find((x) => x.name === name);
        assert.ok(s, `${name} in the ${size} dump`);
        const got = await cell(page, edited, size).evaluate((el) => {
          const media = el.querySelector('.pv-media');
          const m = media.getBoundingClientRect();
          const rel = (r) => [r.x - m.x, r.y - m.y, r.width, r.height];
          return {
            media: [m.width, m.height],
            img: rel(media.querySelector('img').getBoundingClientRect()),
            covers: [...media.querySelectorAll('.pv-cover')].map((g) => ({
              name: g.dataset.name, box: rel(g.querySelector('rect').getBoundingClientRect()), label: g.querySelector('text').textContent,
            })),
            issues: [...media.querySelectorAll('.pv-issue')].length,
            facts: el.querySelector('.pv-facts').textContent,
          };
        });
        // From the page's px to the card's: the media box is the shown area.
        const [sx, sy, sw, sh] = s.shown;
        const k = got.media[0] / sw;
        const toCard = (b) => [b[0] / k + sx, b[1] / k + sy, b[2] / k, b[3] / k];
        const near = (a, b, what) => a.forEach((v, i) => assert.ok(Math.abs(v - b[i]) <= 1, `${name} ${size} ${what}: ${a.map((x) => x.toFixed(2))} vs ${b}`));
        assert.ok(Math.abs(got.media[1] / k - sh) <= 1, `${name} ${size}: shown height ${got.media[1] / k} vs ${sh}`);
        near(toCard(got.img), [0, 0, d.width, d.height], 'the card under the crop');
        dumpAreas += s.covered.length;
        assert.deepEqual(got.covers.map((c) => c.name), s.covered.map((c) => c.name), `${name} ${size} covered areas`);
        got.covers.forEach((c, i) => {
          near(toCard(c.box), s.covered[i].area, `covered area '${c.name}'`);
          assert.equal(c.label, `${s.platform}: ${c.name}`);
          checkedAreas += 1;
        });
        assert.equal(got.issues, s.issues.length, `${name} ${size}: the check's findings`);
        assert.ok(got.facts.startsWith(`${s.platform}: ${s.shows}`), got.facts);
      }
      // The first card on this surface at its first size, in the detail view.
      await cell(page, edited, sizesFor[0]).click();
      await page.waitForFunction((n) => {
        const img = document.querySelector(`#detail-platform .pv[data-surface="${n}"] .pv-media img`);
        return img && img.complete && img.naturalWidth > 0;
      }, name, { timeout: 20000 });
      assert.equal(await page.locator('#detail-frame').isHidden(), true);
      await page.locator('#detail-platform').screenshot({ path: path.join(artifacts, `preview-platform-${name}.png`) });
      await page.locator('#detail-close').click();
    }
    // X's title band, Meta's bars and edges, TikTok's and Shorts' rails.
    assert.equal(checkedAreas, dumpAreas);
    assert.ok(checkedAreas >= 1 + 4 * 5, `${checkedAreas} covered areas compared`);
    await page.selectOption('#platform', 'tiktok');
    await page.screenshot({ path: path.join(artifacts, 'preview-platform-tiktok-grid-1440x900.png') });
    // Back to the cards as files: every size, no mock.
    await page.selectOption('#platform', '');
    assert.equal(await page.locator('.cell:not([hidden])').count(), 18);
    assert.equal(await page.locator('.cell:not([hidden]) .pv').count(), 0);
    await page.close();
  });

  test('a story footer under the Reels caption is outlined where the check says, with its words', async () => {
    const page = await openPage();
    const good = fs.readFileSync(layoutFile, 'utf8');
    // The layout's own story safe area, the old one (top 14%, bottom 20%):
    // its footer lands in the bottom 35% Meta covers.
    const bad = good.replace(/^background: paper$/m, 'background: paper\nsafe_area:\n  story: {top: 0.14, bottom: 0.2, left: 0, right: 0}');
    assert.notEqual(bad, good);
    await page.selectOption('#platform', 'reels');
    const before = await cell(page, edited, 'story').locator('.pv-media img').getAttribute('src');
    save(layoutFile, bad);
    await page.waitForFunction(([id, src]) => {
      const img = document.querySelector(`.card[data-id="${id}"] .cell[data-size="story"] .pv-media img`);
      return img && img.getAttribute('src') !== src && img.complete && document.querySelector(`.card[data-id="${id}"] .cell[data-size="story"] .pv-issue`);
    }, [edited, before], { timeout: 20000 });
    const d = await (await page.request.get(`${origin}/dump/${edited}/story.json`)).json();
    const reels = d.surfaces.find((x) => x.name === 'reels');
    const footer = reels.issues.find((i) => i.element === 'footer' && i.cover === 'caption and buttons');
    assert.ok(footer, JSON.stringify(reels.issues));
    // The dump's finding is the warning render_one() gave.
    assert.ok(d.warnings.some((w) => w.startsWith('platform: ') && w.endsWith(footer.text)), JSON.stringify(d.warnings));
    const got = await cell(page, edited, 'story').evaluate((el) => {
      const media = el.querySelector('.pv-media').getBoundingClientRect();
      const r = el.querySelector('.pv-issue[data-element="footer"] rect').getBoundingClientRect();
      return { k: media.width, box: [r.x - media.x, r.y - media.y, r.width, r.height], facts: el.querySelector('.pv-issues').textContent };
    });
    const k = got.k / reels.shown[2];
    got.box.map((v) => v / k).forEach((v, i) => assert.ok(Math.abs(v - footer.box[i]) <= 1, `footer box ${got.box} vs ${footer.box}`));
    assert.match(got.facts, /footer is under Instagram Reels' caption and buttons by \d+ px \(reels\)/);
    await cell(page, edited, 'story').click();
    await page.waitForFunction(() => document.querySelector('#detail-platform .pv-issue'), null, { timeout: 20000 });
    await page.locator('#detail-platform').screenshot({ path: path.join(artifacts, 'preview-platform-reels-footer-under-caption.png') });
    await page.locator('#detail-close').click();
    save(layoutFile, good);
    await page.waitForFunction((id) => !document.querySelector(`.card[data-id="${id}"] .cell[data-size="story"] .pv-issue`), edited, { timeout: 20000 });
    await page.selectOption('#platform', '');
    await page.close();
  });

  test('screenshots at 1440x900 and 390x844; the page fits a phone', async () => {
    for (const [width, height] of [[1440, 900], [390, 844]]) {
      const page = await openPage({ width, height });
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= width, 'no sideways scrolling');
      await page.screenshot({ path: path.join(artifacts, `preview-${width}x${height}.png`) });
      for (const o of ['safe', 'frames', 'lines', 'fit']) await page.check(`[data-overlay="${o}"]`);
      await page.waitForFunction(() => document.querySelectorAll('.cell .ov-line').length > 0);
      await page.screenshot({ path: path.join(artifacts, `preview-overlays-${width}x${height}.png`) });
      // The platform views fit too.
      for (const surface of ['x-card', 'tiktok']) {
        await page.selectOption('#platform', surface);
        await page.waitForFunction((n) => document.querySelectorAll(`.cell:not([hidden]) .pv[data-surface="${n}"] .pv-media img`).length === 6, surface);
        assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= width, `${surface}: no sideways scrolling`);
        await page.screenshot({ path: path.join(artifacts, `preview-platform-${surface}-${width}x${height}.png`) });
      }
      await page.close();
    }
  });

  test('no console errors, failed requests or requests to other hosts; nothing outside the project', async () => {
    for (const p of ['/../../etc/passwd', '/img/../../etc/passwd.png', '/img/x/og.png', '/dump/%2e%2e/og.json']) {
      const res = await fetch(origin + p);
      assert.ok(res.status === 404 || res.status === 400, `${p}: ${res.status}`);
    }
    // The icon every browser asks for is no error in anyone's console.
    assert.equal((await fetch(origin + '/favicon.ico')).status, 204);
    // A page elsewhere reaching this port through its own host name (DNS rebinding).
    const rebound = await new Promise((resolve, reject) => {
      http.get(origin + '/', { headers: { Host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      }).on('error', reject);
    });
    assert.equal(rebound, 421);
    assert.deepEqual(problems, []);
  });
});
