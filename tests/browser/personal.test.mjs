// Browser tests of the gallery's "Make it yours" panel (issue 16): Debian's
// chromium, driven by playwright-core, opens the example campaign's gallery
// as `placard serve` serves it on 127.0.0.1, and a supporter makes their own
// card: types a name, picks a photo, previews, downloads. The card is then
// measured (pixels) and read back with tesseract (the name is on it), in the
// English and the Arabic edition. The same gallery on a static host shows no
// panel; written with --server, it talks to the server across origins.
//
// Run by ctest (see CMakeLists.txt) with PLACARD_BINARY, PLACARD_SOURCE_DIR and
// PLACARD_ARTIFACTS set; screenshots land in $PLACARD_ARTIFACTS.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { chromium } from 'playwright-core';

const binary = process.env.PLACARD_BINARY;
const sourceDir = process.env.PLACARD_SOURCE_DIR;
const artifacts = process.env.PLACARD_ARTIFACTS;
const chromiumPath = process.env.PLACARD_CHROMIUM || '/usr/bin/chromium';
for (const [name, value] of Object.entries({ PLACARD_BINARY: binary, PLACARD_SOURCE_DIR: sourceDir, PLACARD_ARTIFACTS: artifacts })) {
  if (!value) throw new Error(`${name} is not set: run this test through ctest`);
}
if (!fs.existsSync(chromiumPath)) {
  throw new Error(`no browser at ${chromiumPath}: run scripts/install-deps.sh (it installs Debian's chromium)`);
}
for (const lang of ['eng', 'ara']) {
  const langs = execFileSync('tesseract', ['--list-langs'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (!langs.split('\n').includes(lang)) throw new Error(`tesseract has no '${lang}': run scripts/install-deps.sh`);
}

// ---- The project: the example campaign in three languages, one card of which
// supporters may make their own ----

const project = path.join(artifacts, 'personal-project');
const site = path.join(project, 'site');
const staticSite = path.join(project, 'static-site');
const card = 'end-287g-agreements';
const sizes = { og: [1200, 630], story: [1080, 1920] };
// The same block in every edition, whatever the example itself says, so that
// this test knows which card and which fields to expect.
const personalize = [
  'personalize:',
  `  cards: [${card}]`,
  '  fields: {name: {max: 40, required: true}, city: {max: 40}}',
  '  photo: true',
  '  layout: frame',
].join('\n');

function setUpProject() {
  fs.rmSync(project, { recursive: true, force: true });
  fs.mkdirSync(path.join(project, 'campaign'), { recursive: true });
  const examples = path.join(sourceDir, 'examples');
  fs.cpSync(path.join(examples, 'brands'), path.join(project, 'brands'), { recursive: true });
  const files = [];
  for (const name of ['campaign.md', 'campaign.es.md', 'campaign.ar.md']) {
    const text = fs.readFileSync(path.join(examples, 'transforming-the-system', name), 'utf8');
    const end = text.indexOf('\n---', 4);
    const front = text.slice(0, end)
      .replace(/\npersonalize:[^\n]*(\n[ \t]+[^\n]*)*/, '');  // the example's own block, if any
    const file = path.join(project, 'campaign', name);
    fs.writeFileSync(file, `${front}\n${personalize}${text.slice(end)}`);
    files.push(file);
  }
  return files;
}

// ---- Servers: placard serve, and a static host for the same folder ----

let placard;
let serverLog = '';
let origin;     // placard serve, which serves the gallery too
let staticHost;
let staticOrigin;

function startPlacard(files) {
  placard = spawn(binary, ['serve', ...files, '--root', site, '--listen', '127.0.0.1:0', '--jobs', '2',
    '--personal-rate', '120',
    // A loaded test machine (ctest -j2 beside a build) renders slowly.
    '--render-timeout', '60000'], { stdio: ['ignore', 'pipe', 'pipe'] });
  placard.stderr.on('data', (d) => { serverLog += d; });
  // Bounded: the server never outlives this test, even if it hangs.
  setTimeout(() => placard.kill('SIGKILL'), 8 * 60 * 1000).unref();
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: placard.stdout });
    lines.once('line', (line) => {
      const m = /^listening on (http:\/\/127\.0\.0\.1:\d+)\/?$/.exec(line);
      if (m) resolve(m[1]); else reject(new Error(`unexpected first line: ${line}`));
    });
    placard.once('exit', (code) => reject(new Error(`placard serve exited with ${code}: ${serverLog}`)));
  });
}

const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.png': 'image/png', '.jpg': 'image/jpeg', '.zip': 'application/zip', '.json': 'application/json' };

function serveStatic(root) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    let file = path.normalize(path.join(root, decodeURIComponent(url.pathname)));
    if (!file.startsWith(root + path.sep) && file !== root) return res.writeHead(403).end();
    if (file.endsWith(path.sep) || file === root) file = path.join(file, 'index.html');
    fs.readFile(file, (err, body) => {
      if (err) return res.writeHead(404).end();
      res.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream' });
      res.end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// ---- The browser ----

const launchArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'];

let context;
let profile;
let photo; // a generated JPEG photo, as a supporter's phone would give
const problems = [];
const expectedStatus = new Set(); // "status url" pairs a test provokes on purpose

const ours = (url) => url.startsWith(origin + '/') || url.startsWith(staticOrigin + '/') ||
  url.startsWith('blob:') || url.startsWith('data:');

function watch(page) {
  page.on('console', (msg) => {
    // The browser logs each 4xx a test provokes on purpose; those only.
    const provoked = [...expectedStatus].some((key) => msg.text().includes(`status of ${key.split(' ')[0]} `));
    if (msg.type() === 'error' && !provoked) problems.push(`console error on ${page.url()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error on ${page.url()}: ${err.message}`));
  page.on('request', (req) => {
    if (!ours(req.url())) problems.push(`request to another origin: ${req.url()}`);
  });
  page.on('response', (res) => {
    const key = `${res.status()} ${res.url()}`;
    if (res.status() >= 400 && !expectedStatus.has(key)) problems.push(`HTTP ${key}`);
  });
  return page;
}

async function openPage(url, viewport = { width: 1440, height: 900 }) {
  const page = watch(await context.newPage());
  await page.setViewportSize(viewport);
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

// The personal card's list item in the edition shown.
const cardItem = (page, lang) => page.locator(`#${lang} .card.is-personal`);

async function openPanel(page, lang) {
  const item = cardItem(page, lang);
  await item.locator('.make-yours').click();
  const dialog = item.locator('dialog.personal');
  await dialog.waitFor({ state: 'visible' });
  return dialog;
}

// Clicks Download and returns the saved file's path and suggested name.
async function download(page, dialog, name) {
  const button = dialog.getByRole('button', { name, exact: true });
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), button.click()]);
  const saved = path.join(artifacts, `personal-${file.suggestedFilename()}`);
  await file.saveAs(saved);
  return { saved, filename: file.suggestedFilename() };
}

// Decodes an image in the browser: its format (from its bytes) and pixels.
async function measure(page, file) {
  const bytes = fs.readFileSync(file);
  const head = bytes.subarray(0, 4).toString('latin1');
  const format = head === '\x89PNG' ? 'png' : head.startsWith('\xff\xd8\xff') ? 'jpeg' : 'unknown';
  const [width, height] = await page.evaluate(async (b64) => {
    const blob = await (await fetch(`data:application/octet-stream;base64,${b64}`)).blob();
    const bitmap = await createImageBitmap(blob);
    return [bitmap.width, bitmap.height];
  }, bytes.toString('base64'));
  return { format, width, height };
}

// A card is sparse text beside a photo, not a page: Arabic is read as such
// (page segmentation finds no text block on the og card once its headline
// is set large on two lines).
function ocr(file, lang) {
  const sparse = lang === 'ara' ? ['--psm', '11'] : [];
  return execFileSync('tesseract', [file, '-', '-l', lang, ...sparse], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
}

// Arabic as OCR returns it: no diacritics or tatweel, one form of alef,
// yeh and heh, so that a correct reading compares equal.
const arabicKey = (text) => text.normalize('NFKC').replace(/[\u064B-\u065F\u0670\u0640]/g, '')
  .replace(/[أإآ]/g, 'ا').replace(/ى/g, 'ي').replace(/ة/g, 'ه');

before(async () => {
  const files = setUpProject();
  // The gallery as placard serve serves it (the page asks its own origin),
  // and a copy written with --server for a static host of another origin.
  execFileSync(binary, ['render', ...files, '-o', site, '--sizes', Object.keys(sizes).join(','), '--gallery'], { stdio: 'inherit' });
  origin = await startPlacard(files);
  staticHost = await serveStatic(staticSite);
  staticOrigin = `http://127.0.0.1:${staticHost.address().port}`;
  fs.cpSync(site, staticSite, { recursive: true });
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'placard-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath, headless: true, args: launchArgs, acceptDownloads: true, locale: 'en-US',
  });
  await context.route((url) => !ours(url.href), (route) => {
    problems.push(`blocked request to another host: ${route.request().url()}`);
    return route.abort('blockedbyclient');
  });
  // A 1600x1200 photo, drawn and JPEG-encoded by the browser itself.
  const page = await context.newPage();
  const b64 = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(1600, 1200);
    const g = canvas.getContext('2d');
    const sky = g.createLinearGradient(0, 0, 0, 1200);
    sky.addColorStop(0, '#f4c48a');
    sky.addColorStop(1, '#7a4e8c');
    g.fillStyle = sky;
    g.fillRect(0, 0, 1600, 1200);
    g.fillStyle = '#3b2a4a';
    g.beginPath();
    g.arc(800, 520, 220, 0, 2 * Math.PI);
    g.fill();
    g.fillRect(520, 760, 560, 440);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s);
  });
  await page.close();
  photo = path.join(project, 'supporter-photo.jpg');
  fs.writeFileSync(photo, Buffer.from(b64, 'base64'));
});

after(async () => {
  await context?.close();
  staticHost?.close();
  if (placard && placard.exitCode === null) placard.kill('SIGTERM');
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
});

describe('Make it yours', () => {
  test('the page weight stays in budget: the panel is loaded only when a server answers', () => {
    const page = ['index.html', 'gallery.css', 'gallery.js'].reduce((n, f) => n + fs.statSync(path.join(site, f)).size, 0);
    const panel = ['personal.js', 'personal.css'].reduce((n, f) => n + fs.statSync(path.join(site, f)).size, 0);
    fs.writeFileSync(path.join(artifacts, 'personal-weight.txt'), `page ${page}\npanel ${panel}\n`);
    assert.ok(page < 50000, `page weighs ${page} bytes`);
    assert.ok(panel < 25000, `panel weighs ${panel} bytes`);
  });

  test('an English supporter makes their card: name, photo, preview, download; OCR reads the name', async () => {
    const page = await openPage(`${origin}/#en`);
    // Only the card the campaign lets supporters personalise has the button.
    await cardItem(page, 'en').locator('.make-yours').waitFor();
    assert.equal(await page.locator('#en .make-yours').count(), 1);
    const dialog = await openPanel(page, 'en');
    // The name field has the focus, its label, and says it is required.
    assert.equal(await page.evaluate(() => document.activeElement.labels[0].textContent), 'Your name (required)');
    await page.keyboard.type('Ana Ortega');
    await dialog.getByLabel(/Your town or city/).fill('Tucson');
    await dialog.getByLabel(/Your photo/).setInputFiles(photo);
    // Each size is labelled with the platforms platforms.yaml names for it.
    const og = dialog.locator('input[type="radio"][value="og"]');
    assert.match(await og.evaluate((r) => r.labels[0].textContent), /^X, WhatsApp, Facebook, LinkedIn, .*iMessage 1200×630$/);
    await og.check();
    await dialog.getByRole('button', { name: 'Preview', exact: true }).click();
    const picture = dialog.locator('.p-preview img');
    await page.waitForFunction((img) => img.src.startsWith('blob:') && img.complete && img.naturalWidth > 0,
      await picture.elementHandle(), { timeout: 30000 });
    assert.equal(await dialog.getByRole('status').textContent(), 'Your card is ready. Check it, then download it.');
    assert.equal(await picture.getAttribute('alt'), await cardItem(page, 'en').locator(':scope > img').getAttribute('alt'));
    assert.deepEqual(await picture.evaluate((img) => [img.naturalWidth, img.naturalHeight]), sizes.og);

    const { saved, filename } = await download(page, dialog, 'Download');
    // Named after the card and size, not the supporter (see personal.js).
    assert.equal(filename, `${card}-og-personal.jpg`);
    assert.deepEqual(await measure(page, saved), { format: 'jpeg', width: 1200, height: 630 });
    // tesseract reads nothing on this photo card (the name over the generated
    // photo), so the name is read back from the card without the photo below.

    // Without the photo, at story size: a PNG, 1080x1920, the name on it.
    await dialog.getByLabel(/Your photo/).setInputFiles([]);
    await dialog.getByRole('radio', { name: /TikTok/ }).check();
    const story = await download(page, dialog, 'Download');
    assert.equal(story.filename, `${card}-story-personal.png`);
    assert.deepEqual(await measure(page, story.saved), { format: 'png', width: 1080, height: 1920 });
    assert.match(ocr(story.saved, 'eng'), /Ana\s+Ortega/);
    await page.close();
  });

  test('an Arabic supporter makes their card in the Arabic edition; OCR reads the Arabic name', async () => {
    const page = await openPage(`${origin}/#ar`);
    await cardItem(page, 'ar').locator('.make-yours').waitFor();
    assert.equal(await cardItem(page, 'ar').locator('.make-yours').textContent(), 'اجعلها صورتك');
    const dialog = await openPanel(page, 'ar');
    assert.equal(await dialog.evaluate((d) => getComputedStyle(d).direction), 'rtl');
    const name = 'كريم نادر';
    const input = dialog.getByLabel(/اسمك/);
    await input.fill(name);
    // dir="auto": an Arabic name runs right to left, a Latin one left to right.
    assert.equal(await input.getAttribute('dir'), 'auto');
    await dialog.locator('input[type="radio"][value="og"]').check();
    const { saved, filename } = await download(page, dialog, 'تنزيل');
    assert.equal(filename, `${card}-ar-og-personal.png`);
    assert.deepEqual(await measure(page, saved), { format: 'png', width: 1200, height: 630 });
    const text = ocr(saved, 'ara');
    for (const word of name.split(' ')) assert.ok(arabicKey(text).includes(arabicKey(word)), `OCR read: ${text}`);
    assert.equal(await dialog.getByRole('status').textContent(), 'تم تنزيل صورتك.');
    await page.close();
  });

  test('errors show next to their field, in the words of the edition', async () => {
    const page = await openPage(`${origin}/#en`);
    await cardItem(page, 'en').locator('.make-yours').waitFor();
    const dialog = await openPanel(page, 'en');
    // A missing required name: said under the name field, which is marked
    // invalid and described by the message, and gets the focus.
    await dialog.getByRole('button', { name: 'Preview', exact: true }).click();
    const nameInput = dialog.getByLabel(/Your name/);
    const error = dialog.locator('.p-field', { has: page.locator('input[name="name"]') }).locator('.p-error');
    assert.equal(await error.textContent(), 'Fill this in.');
    assert.equal(await error.isVisible(), true);
    assert.equal(await nameInput.getAttribute('aria-invalid'), 'true');
    assert.match(await nameInput.getAttribute('aria-describedby'), new RegExp(await error.getAttribute('id')));
    assert.equal(await page.evaluate(() => document.activeElement.name), 'name');
    // Typing clears it.
    await nameInput.type('A');
    assert.equal(await error.isVisible(), false);
    // Too long for the server (41 characters; the page only hints): the
    // server's 422 names the field and the page says why under it.
    const url = `${origin}/personal/${card}/og.png`;
    expectedStatus.add(`422 ${url}`);
    await nameInput.fill('A'.repeat(41));
    await dialog.getByRole('button', { name: 'Preview', exact: true }).click();
    await error.waitFor({ state: 'visible' });
    assert.equal(await error.textContent(), 'Use 40 characters or fewer.');
    // A file that is not a photo is refused before it is sent.
    const photoInput = dialog.getByLabel(/Your photo/);
    await photoInput.setInputFiles({ name: 'notes.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a') });
    assert.equal(await dialog.locator('.p-field', { has: page.locator('input[type=file]') }).locator('.p-error').textContent(), 'Pick a JPEG, PNG or WebP photo.');
    // Escape closes the panel and gives the focus back to its button.
    await page.keyboard.press('Escape');
    assert.equal(await dialog.isVisible(), false);
    assert.equal(await page.evaluate(() => document.activeElement.className), 'make-yours');
    await page.close();

    // The Spanish page says it in Spanish.
    const es = await openPage(`${origin}/#es`);
    await cardItem(es, 'es').locator('.make-yours').waitFor();
    const panel = await openPanel(es, 'es');
    await panel.getByRole('button', { name: 'Vista previa' }).click();
    assert.equal(await panel.locator('.p-error:visible').textContent(), 'Completa este campo.');
    await es.close();
  });

  test('the panel works from the keyboard alone', async () => {
    const page = await openPage(`${origin}/#en`);
    const button = cardItem(page, 'en').locator('.make-yours');
    await button.waitFor();
    await button.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.type('Ana Ortega');
    // Tab through the panel to Preview, pressing Enter there.
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement.textContent) === 'Preview') break;
    }
    // The focused control is visibly outlined.
    assert.notEqual(await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle), 'none');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('#en dialog[open] .p-preview img').src.startsWith('blob:'), null, { timeout: 30000 });
    await page.close();
  });

  test('fits a 360 px phone, with 44 px targets', async () => {
    const page = await openPage(`${origin}/#ar`, { width: 360, height: 740 });
    await cardItem(page, 'ar').locator('.make-yours').waitFor();
    const dialog = await openPanel(page, 'ar');
    const [scroll, inner] = await dialog.evaluate((d) => [d.scrollWidth, d.clientWidth]);
    assert.ok(scroll <= inner, `panel is ${scroll} px wide in ${inner}`);
    const small = await dialog.evaluate((d) => Array.from(d.querySelectorAll('button, .p-size, input[type=text]'))
      .filter((el) => el.getBoundingClientRect().height < 44).map((el) => el.outerHTML.slice(0, 80)));
    assert.deepEqual(small, []);
    const openButton = await cardItem(page, 'ar').locator('.make-yours').boundingBox();
    assert.ok(openButton.height >= 44);
    await page.close();
  });

  test('on a static host the page shows no panel and no error', async () => {
    // The same folder from a plain static server: the page's question is
    // answered by the file placard gallery wrote beside it, listing no card.
    const page = watch(await context.newPage());
    const [answer] = await Promise.all([page.waitForResponse(`${staticOrigin}/personal`), page.goto(`${staticOrigin}/#en`)]);
    assert.equal(answer.status(), 200);
    assert.deepEqual(await answer.json(), { cards: {} });
    await page.waitForLoadState('networkidle');
    assert.equal(await page.locator('.make-yours').count(), 0);
    assert.equal(await page.locator('dialog').count(), 0);
    // Nothing of the panel was loaded.
    assert.equal(await page.evaluate(() => performance.getEntriesByType('resource').some((r) => /personal\.(js|css)$/.test(r.name))), false);
    await page.close();
  });

  test('written with --server, a page on another origin makes cards with that server', async () => {
    execFileSync(binary, ['gallery', staticSite, '--server', `${origin}/`], { stdio: 'inherit' });
    const page = await openPage(`${staticOrigin}/#es`);
    await cardItem(page, 'es').locator('.make-yours').waitFor();
    const dialog = await openPanel(page, 'es');
    await dialog.getByLabel(/Tu nombre/).fill('Lucía Gómez');
    await dialog.locator('input[type="radio"][value="og"]').check();
    const { saved, filename } = await download(page, dialog, 'Descargar');
    assert.equal(filename, `${card}-es-og-personal.png`);
    assert.deepEqual(await measure(page, saved), { format: 'png', width: 1200, height: 630 });
    assert.match(ocr(saved, 'spa'), /Lucía\s+Gómez/);  // a Spanish card, read as Spanish
    await page.close();
  });

  test('screenshots with the panel open at 390x844 and 1440x900', async () => {
    for (const [width, height] of [[390, 844], [1440, 900]]) {
      for (const [lang, name] of [['en', 'Ana Ortega'], ['es', 'Lucía Gómez'], ['ar', 'كريم نادر']]) {
        const page = await openPage(`${origin}/#${lang}`, { width, height });
        await cardItem(page, lang).locator('.make-yours').waitFor();
        await cardItem(page, lang).scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(artifacts, `personal-button-${lang}-${width}x${height}.png`) });
        const dialog = await openPanel(page, lang);
        await dialog.locator('input[type=text]').first().fill(name);
        await dialog.locator('button[type=submit]').click();
        await page.waitForFunction((d) => d.querySelector('.p-preview img').src.startsWith('blob:') && d.querySelector('.p-preview img').complete,
          await dialog.elementHandle(), { timeout: 30000 });
        await dialog.locator('input[type=text]').first().focus();
        const file = path.join(artifacts, `personal-${lang}-${width}x${height}.png`);
        await page.screenshot({ path: file });
        assert.ok(fs.statSync(file).size > 10000);
        await page.close();
      }
    }
  });

  test('no console errors, failed requests or requests to other origins', () => {
    assert.deepEqual(problems, []);
  });
});
