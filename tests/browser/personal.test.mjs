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
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import {
  blockOtherHosts, drawPhoto, launchArgs, personalExample, requireTesseract, serveLine, serveStatic, startPlacard,
  testEnv,
} from './harness.mjs';

const { binary, sourceDir, artifacts, chromiumPath } = testEnv();
requireTesseract(['eng', 'ara']);

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

const setUpProject = () => personalExample(sourceDir, project, personalize);

// ---- Servers: placard serve, and a static host for the same folder ----

let placard;    // { child, origin, log } of placard serve, which serves the gallery too
let origin;
let staticHost;
let staticOrigin;

// ---- The browser ----

let context;
let profile;
let phoneBrowser;
let phone;
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
  placard = await startPlacard(binary, ['serve', ...files, '--root', site, '--listen', '127.0.0.1:0', '--jobs', '2',
    '--personal-rate', '120',
    // A loaded test machine (ctest -j2 beside a build) renders slowly.
    '--render-timeout', '60000'], { firstLine: serveLine });
  origin = placard.origin;
  staticHost = await serveStatic(staticSite);
  staticOrigin = `http://127.0.0.1:${staticHost.address().port}`;
  fs.cpSync(site, staticSite, { recursive: true });
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'placard-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath, headless: true, args: launchArgs, acceptDownloads: true, locale: 'en-US',
  });
  await blockOtherHosts(context, ours, problems);
  // A phone: 390 px wide, three device pixels to the CSS pixel, touch.
  phoneBrowser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: launchArgs });
  phone = await phoneBrowser.newContext({
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true, locale: 'en-US',
  });
  await blockOtherHosts(phone, ours, problems);
  // A 1600x1200 photo, drawn and JPEG-encoded by the browser itself.
  const page = await context.newPage();
  const jpeg = await drawPhoto(page, { shoulders: true });
  await page.close();
  photo = path.join(project, 'supporter-photo.jpg');
  fs.writeFileSync(photo, jpeg);
});

after(async () => {
  await context?.close();
  await phoneBrowser?.close();
  staticHost?.close();
  if (placard && placard.child.exitCode === null) placard.child.kill('SIGTERM');
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
});

describe('Make it yours', () => {
  test('the page weight stays in budget: the panel is loaded only when a server answers', () => {
    const page = ['index.html', 'gallery.css', 'gallery.js'].reduce((n, f) => n + fs.statSync(path.join(site, f)).size, 0);
    const panel = ['personal.js', 'personal.css'].reduce((n, f) => n + fs.statSync(path.join(site, f)).size, 0);
    const share = ['share.js', 'share.css'].reduce((n, f) => n + fs.statSync(path.join(site, f)).size, 0);
    fs.writeFileSync(path.join(artifacts, 'personal-weight.txt'), `page ${page}\npanel ${panel}\nshare ${share}\n`);
    assert.ok(page < 50000, `page weighs ${page} bytes`);
    // The panel grew with the photo's placing and scaling (issue 24): it is
    // loaded only where a server makes personal cards.
    assert.ok(panel < 40000, `panel weighs ${panel} bytes`);
    // The Share buttons come after the page, on every card.
    assert.ok(share < 12000, `share weighs ${share} bytes`);
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

  // ---- Share, and the photo placed by the supporter (issue 24) ----

  test('Share gives the phone\'s share sheet the card\'s image file and its caption', async () => {
    const page = watch(await context.newPage());
    await page.addInitScript(() => {
      // A phone that shares files: what the share sheet receives is kept.
      navigator.canShare = (data) => !!(data && data.files && data.files.every((f) => f instanceof File));
      navigator.share = async (data) => {
        const [file] = data.files;
        const bytes = new Uint8Array(await file.arrayBuffer());
        window.sharedWith = { name: file.name, type: file.type, size: file.size, text: data.text, head: Array.from(bytes.slice(0, 4)) };
      };
    });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${origin}/#es`, { waitUntil: 'load' });
    const item = page.locator('#es .card').first();
    // Named "Compartir: " and the card's text (screen_reader.test.mjs).
    const share = item.getByRole('button', { name: /^Compartir: / });
    await share.click();
    await page.waitForFunction(() => window.sharedWith, null, { timeout: 10000 });
    const shared = await page.evaluate(() => window.sharedWith);
    // The card's square download if it has one, else its first (here og).
    const link = item.locator('.downloads a').first();
    const href = await link.getAttribute('href');
    assert.equal(shared.name, await link.evaluate((a) => a.download));
    assert.equal(shared.type, 'image/png');
    assert.equal(shared.size, fs.statSync(path.join(site, decodeURIComponent(href))).size);
    assert.deepEqual(shared.head, [0x89, 0x50, 0x4e, 0x47]);
    assert.equal(shared.text, await item.locator('.text-caption').textContent());
    assert.equal(await page.locator('#status').textContent(), 'Compartida.');
    await page.close();
  });

  test('without file sharing, Share lists the platforms\' links with the caption and URL encoded, in each language', async () => {
    const page = watch(await context.newPage());
    await page.addInitScript(() => {
      navigator.canShare = () => false;
    });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${origin}/`, { waitUntil: 'load' });
    const labels = { en: ['Share', 'Email'], es: ['Compartir', 'Correo'], ar: ['مشاركة', 'البريد الإلكتروني'] };
    for (const lang of ['en', 'es', 'ar']) {
      await page.evaluate((l) => { location.hash = l; }, lang);
      const item = page.locator(`#${lang} .card`).nth(1);
      // The campaign's URL ends the caption when it has one; else the page's.
      const caption = await item.locator('.text-caption').textContent();
      const last = caption.trim().split(/\s+/).pop();
      const url = /^https?:\/\//.test(last) ? last : `${origin}/`;
      const text = caption.endsWith(url) ? caption.slice(0, -url.length).trimEnd() : caption;
      assert.ok(text.length > 20 && text.includes('#'), text);
      const button = item.getByRole('button', { name: new RegExp(`^${labels[lang][0]}: `) });
      assert.equal(await button.getAttribute('aria-expanded'), 'false');
      await button.click();
      const list = item.locator('.share-links');
      await list.waitFor({ state: 'visible' });
      assert.equal(await button.getAttribute('aria-expanded'), 'true');
      await list.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(artifacts, `share-links-${lang}-390.png`) });
      // The focus moves to the first link; every link opens in a new tab
      // without giving the platform this page.
      assert.equal(await page.evaluate(() => document.activeElement.textContent), 'WhatsApp');
      const links = await list.locator('a').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href'), a.rel]));
      assert.deepEqual(links.map(([label]) => label), ['WhatsApp', 'X', 'Facebook', 'Telegram', 'Bluesky', 'LinkedIn', labels[lang][1]]);
      for (const [, , rel] of links) assert.equal(rel, 'noopener noreferrer');
      const byName = Object.fromEntries(links.map(([label, href]) => [label, href]));
      const q = (href) => new URL(href).searchParams;
      assert.equal(q(byName.WhatsApp).get('text'), `${text} ${url}`);
      assert.equal(q(byName.X).get('text'), text);
      assert.equal(q(byName.X).get('url'), url);
      assert.equal(q(byName.Facebook).get('u'), url);
      assert.equal(q(byName.Telegram).get('url'), url);
      assert.equal(q(byName.Telegram).get('text'), text);
      assert.equal(q(byName.Bluesky).get('text'), `${text} ${url}`);
      assert.equal(q(byName.LinkedIn).get('url'), url);
      const mail = byName[labels[lang][1]];
      assert.ok(mail.startsWith('mailto:?subject='), mail);
      assert.equal(decodeURIComponent(mail.split('&body=')[1]), `${text}\n\n${url}`);
      // Encoded as URLs must be: no raw space, '#' or newline, and a '+' is
      // never a space (mailto: reads '+' literally).
      for (const [, href] of links) {
        assert.doesNotMatch(href.slice(href.indexOf('?')), /[ #\n]|\+/, href);
        assert.match(href, /^(https:\/\/(wa\.me|x\.com|www\.facebook\.com|t\.me|bsky\.app|www\.linkedin\.com)\/|mailto:\?)/);
      }
      // Escape closes the list and gives the focus back to Share.
      await page.keyboard.press('Escape');
      assert.equal(await list.isVisible(), false);
      assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-expanded')), 'false');
      // The downloads are still plain links.
      assert.ok(await item.locator('.downloads a[download]').count() > 0);
    }
    // No platform was contacted: the links were only built.
    assert.equal(await page.evaluate(() => performance.getEntriesByType('resource').some((r) => !r.name.startsWith(location.origin))), false);
    await page.close();
  });

  // A page on the phone, and a DevTools session to touch it with.
  async function openPhone(url, setUp) {
    const page = watch(await phone.newPage());
    const cdp = await phone.newCDPSession(page);
    // Every POST of a card: the size of its body, as the browser sends it,
    // and the photo part's type, dimensions and first bytes.
    await page.addInitScript((code) => {
      window.uploads = [];
      const send = window.fetch;
      window.fetch = async (input, init) => {
        if (init && init.method === 'POST' && init.body instanceof FormData) {
          const body = await new Response(init.body).arrayBuffer();
          const photo = init.body.get('photo');
          let seen = null;
          if (photo) {
            const bytes = new Uint8Array(await photo.arrayBuffer());
            const bitmap = await createImageBitmap(photo, { imageOrientation: 'none' });
            let exif = false;
            for (let i = 0; i + 3 < bytes.length; i++) if (bytes[i] === 0x45 && bytes[i + 1] === 0x78 && bytes[i + 2] === 0x69 && bytes[i + 3] === 0x66) exif = true;
            seen = { type: photo.type, size: photo.size, width: bitmap.width, height: bitmap.height, exif };
          }
          const status = document.querySelector('dialog[open] .p-status');
          window.uploads.push({ bytes: body.byteLength, photo: seen, said: status && status.textContent, fields: Object.fromEntries([...init.body].filter(([k]) => k.startsWith('photo_'))) });
        }
        return send(input, init);
      };
      if (code) (0, eval)(code);
    }, setUp || '');
    await page.goto(url, { waitUntil: 'load' });
    return { page, cdp };
  }

  // A drag of one finger across `box` (its bounding box), from its centre.
  async function drag(cdp, box, [dx, dy]) {
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });
    await touch('touchStart', [[cx, cy]]);
    for (let i = 1; i <= 5; i++) await touch('touchMove', [[cx + (dx * i) / 5, cy + (dy * i) / 5]]);
    await touch('touchEnd', []);
  }
  // Two fingers 60 px apart around the centre, spread to `spread` px.
  async function pinch(cdp, box, spread) {
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });
    await touch('touchStart', [[cx - 30, cy], [cx + 30, cy]]);
    for (let i = 1; i <= 5; i++) {
      const half = 30 + ((spread - 60) / 2) * (i / 5);
      await touch('touchMove', [[cx - half, cy], [cx + half, cy]]);
    }
    await touch('touchEnd', []);
  }
  // Zoomed in first, so that there is room to move the photo either way.
  async function pinchAndDrag(cdp, box, spread, move) {
    await pinch(cdp, box, spread);
    await drag(cdp, box, move);
  }

  // The centre of the red pixels of an image (a canvas or an image URL) in
  // its own pixels, within [x, y, w, h] when given.
  const redCentreIn = (page, source, box) => page.evaluate(async ([src, b]) => {
    let canvas = src === 'stage' ? document.querySelector('dialog[open] .p-crop-canvas') : null;
    if (!canvas) {
      const bitmap = await createImageBitmap(await (await fetch(src)).blob());
      canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      canvas.getContext('2d').drawImage(bitmap, 0, 0);
    }
    const [x0, y0, w, h] = b ? b.map(Math.round) : [0, 0, canvas.width, canvas.height];
    const data = canvas.getContext('2d').getImageData(x0, y0, w, h).data;
    let sx = 0; let sy = 0; let n = 0;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const i = (y * w + x) * 4;
        if (data[i] > 170 && data[i + 1] < 90 && data[i + 2] < 90) { sx += x + 0.5; sy += y + 0.5; n++; }
      }
    }
    return { x: x0 + sx / n, y: y0 + sy / n, n, width: canvas.width, height: canvas.height };
  }, [source, box]);

  // A 1600x1200 photo, grey, with a red dot of radius 16 at (900, 520).
  async function dotPhoto(page) {
    const b64 = await page.evaluate(async () => {
      const canvas = new OffscreenCanvas(1600, 1200);
      const g = canvas.getContext('2d');
      g.fillStyle = '#b4b4b4';
      g.fillRect(0, 0, 1600, 1200);
      g.fillStyle = '#e61414';
      g.beginPath();
      g.arc(900, 520, 16, 0, 2 * Math.PI);
      g.fill();
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.95 });
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let s = '';
      for (const b of bytes) s += String.fromCharCode(b);
      return btoa(s);
    });
    const file = path.join(project, 'dot-photo.jpg');
    fs.writeFileSync(file, Buffer.from(b64, 'base64'));
    return file;
  }

  // Waits for the card the server drew for the inputs as they are now.
  async function previewCard(page, dialog) {
    const picture = dialog.locator('.p-preview img');
    const before = await picture.getAttribute('src');
    await dialog.locator('button[type=submit]').click();
    await page.waitForFunction(([img, old]) => img.src !== old && img.src.startsWith('blob:') && img.complete && img.naturalWidth > 0,
      [await picture.elementHandle(), before], { timeout: 60000 });
    return picture.getAttribute('src');
  }

  test('a photo dragged and pinched in the frame is where the preview showed it on the card, at og, square and story', async () => {
    fs.rmSync(path.join(artifacts, 'personal-placement.txt'), { force: true });
    const { page, cdp } = await openPhone(`${origin}/#en`);
    const offer = await page.evaluate(async (u) => (await fetch(u)).json(), `${origin}/personal`);
    const slots = offer.cards[card].slots;
    const file = await dotPhoto(page);
    await cardItem(page, 'en').locator('.make-yours').waitFor();
    const dialog = await openPanel(page, 'en');
    await dialog.getByLabel(/Your name/).fill('Ana Ortega');
    for (const size of ['og', 'square', 'story']) {
      await dialog.locator(`input[type="radio"][value="${size}"]`).check();
      await dialog.locator('input[type=file]').setInputFiles(file);
      const stage = dialog.locator('.p-crop');
      await stage.waitFor({ state: 'visible' });
      await stage.scrollIntoViewIfNeeded();
      // Home puts the photo back in the middle, unzoomed.
      await stage.focus();
      await page.keyboard.press('Home');
      assert.equal(await dialog.getByLabel('Zoom', { exact: true }).inputValue(), '1');
      await pinch(cdp, await stage.boundingBox(), 96);
      const zoom = Number(await dialog.getByLabel('Zoom', { exact: true }).inputValue());
      // The finger carries the photo: the dot moves as far as it did (in
      // device pixels of the stage: three to the CSS pixel).
      const start = await redCentreIn(page, 'stage');
      await drag(cdp, await stage.boundingBox(), [-24, 18]);
      const moved = await redCentreIn(page, 'stage');
      assert.ok(Math.abs(moved.x - start.x + 24 * 3) < 3 && Math.abs(moved.y - start.y - 18 * 3) < 3,
        `${size}: a drag of -24,18 px moved the dot from ${start.x},${start.y} to ${moved.x},${moved.y}`);
      assert.ok(zoom > 1.3 && zoom < 1.9, `the pinch zoomed to ${zoom}`);
      // The shape of the stage is the slot's.
      const seen = await redCentreIn(page, 'stage');
      assert.ok(seen.n > 20, `the dot is on the stage (${seen.n} px)`);
      const [sx, sy, sw, sh] = slots[size].slot;
      assert.ok(Math.abs(seen.width / seen.height - sw / sh) < 0.02, `stage ${seen.width}x${seen.height}, slot ${sw}x${sh}`);
      const expected = { x: sx + (seen.x / seen.width) * sw, y: sy + (seen.y / seen.height) * sh };
      const src = await previewCard(page, dialog);
      const drawn = await redCentreIn(page, src, [sx + 16, sy + 16, sw - 32, sh - 32]);
      assert.ok(drawn.n > 20, `the dot is on the ${size} card`);
      fs.appendFileSync(path.join(artifacts, 'personal-placement.txt'),
        `${size} zoom ${zoom} preview ${expected.x.toFixed(2)},${expected.y.toFixed(2)} card ${drawn.x.toFixed(2)},${drawn.y.toFixed(2)} off ${Math.hypot(drawn.x - expected.x, drawn.y - expected.y).toFixed(2)} px\n`);
      assert.ok(Math.hypot(drawn.x - expected.x, drawn.y - expected.y) <= 2,
        `${size}: the preview put the dot at ${expected.x.toFixed(1)},${expected.y.toFixed(1)}, the card at ${drawn.x.toFixed(1)},${drawn.y.toFixed(1)}`);
      const sent = await page.evaluate(() => window.uploads[window.uploads.length - 1]);
      assert.deepEqual(Object.keys(sent.fields).sort(), ['photo_x', 'photo_y', 'photo_zoom']);
      assert.equal(Number(sent.fields.photo_zoom), Number(zoom.toFixed(4)));
    }
    // The keyboard moves it too: the stage takes the focus, an arrow moves
    // the photo, + zooms.
    await dialog.locator('.p-crop').focus();
    const before = await redCentreIn(page, 'stage');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('+');
    const after = await redCentreIn(page, 'stage');
    assert.ok(after.x > before.x + 2, `ArrowRight moved the dot from ${before.x} to ${after.x}`);
    assert.ok(Number(await dialog.getByLabel('Zoom', { exact: true }).inputValue()) > 1.5);
    await page.close();
  });

  test('a 12-megapixel photo goes up small (og 600 KB, story 1.2 MB at most), re-encoded with no EXIF', async () => {
    fs.rmSync(path.join(artifacts, 'personal-uploads.txt'), { force: true });
    const { page } = await openPhone(`${origin}/#en`);
    // A 4000x3000 camera-like JPEG: gradients, shapes and sensor noise.
    const b64 = await page.evaluate(async () => {
      const w = 4000; const h = 3000;
      const canvas = new OffscreenCanvas(w, h);
      const g = canvas.getContext('2d');
      const sky = g.createLinearGradient(0, 0, w, h);
      sky.addColorStop(0, '#8fb8de');
      sky.addColorStop(1, '#40603a');
      g.fillStyle = sky;
      g.fillRect(0, 0, w, h);
      for (let i = 0; i < 400; i++) {
        g.fillStyle = `hsl(${(i * 47) % 360} 45% ${30 + (i % 40)}%)`;
        g.beginPath();
        g.arc((i * 977) % w, (i * 613) % h, 20 + (i % 90), 0, 2 * Math.PI);
        g.fill();
      }
      const img = g.getImageData(0, 0, w, h);
      let seed = 7;
      for (let i = 0; i < img.data.length; i += 4) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        const n = (seed % 13) - 6;
        img.data[i] += n; img.data[i + 1] += n; img.data[i + 2] += n;
      }
      g.putImageData(img, 0, 0);
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let s = '';
      for (const b of bytes) s += String.fromCharCode(b);
      return btoa(s);
    });
    const big = path.join(project, 'camera-12mp.jpg');
    fs.writeFileSync(big, Buffer.from(b64, 'base64'));
    const original = fs.statSync(big).size;
    assert.ok(original > 2e6, `the camera file is ${original} bytes`);
    await cardItem(page, 'en').locator('.make-yours').waitFor();
    const dialog = await openPanel(page, 'en');
    await dialog.getByLabel(/Your name/).fill('Ana Ortega');
    await dialog.locator('input[type=file]').setInputFiles(big);
    const limits = { og: 600e3, story: 1.2e6 };
    for (const size of ['og', 'story']) {
      await dialog.locator(`input[type="radio"][value="${size}"]`).check();
      await previewCard(page, dialog);
      const sent = await page.evaluate(() => window.uploads[window.uploads.length - 1]);
      assert.ok(sent.bytes <= limits[size], `${size}: the request body is ${sent.bytes} bytes`);
      assert.equal(sent.photo.type, 'image/jpeg');
      assert.equal(sent.photo.exif, false);
      assert.ok(sent.photo.width < 4000, `${size}: sent ${sent.photo.width}x${sent.photo.height}`);
      // The panel said how much it was sending while it was on its way.
      assert.match(sent.said, /^Sending your photo \((\d+ kB|\d\.\d MB)\)…$/);
      fs.appendFileSync(path.join(artifacts, 'personal-uploads.txt'), `${size} original ${original} body ${sent.bytes} photo ${sent.photo.width}x${sent.photo.height} ${sent.photo.size}\n`);
    }
    await page.close();
  });

  test('a photo stored sideways (EXIF orientation 6) is upright in the preview and on the card', async () => {
    const { page } = await openPhone(`${origin}/#en`);
    // Upright: red above, blue below (600x800); stored turned a quarter
    // counter-clockwise (800x600) with orientation 6.
    const b64 = await page.evaluate(async () => {
      const canvas = new OffscreenCanvas(800, 600);
      const g = canvas.getContext('2d');
      g.fillStyle = '#dc1e1e';
      g.fillRect(0, 0, 400, 600); // the upright top, turned to the left
      g.fillStyle = '#1e1edc';
      g.fillRect(400, 0, 400, 600);
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.95 });
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let s = '';
      for (const b of bytes) s += String.fromCharCode(b);
      return btoa(s);
    });
    const jpeg = Buffer.from(b64, 'base64');
    // APP1 Exif: big-endian TIFF, IFD0 with one entry, Orientation (0x0112) = 6.
    const tiff = Buffer.from([0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0]);
    const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
    const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 255]), payload]);
    const turned = path.join(project, 'turned.jpg');
    fs.writeFileSync(turned, Buffer.concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)]));
    await cardItem(page, 'en').locator('.make-yours').waitFor();
    const dialog = await openPanel(page, 'en');
    await dialog.getByLabel(/Your name/).fill('Ana Ortega');
    await dialog.locator('input[type="radio"][value="og"]').check();
    await dialog.locator('input[type=file]').setInputFiles(turned);
    await dialog.locator('.p-crop').waitFor({ state: 'visible' });
    // Red above blue, not beside it: upright. Sampled at fractions of the
    // slot (the stage is the slot's shape), away from the frame's tint.
    const colours = (src, box) => page.evaluate(async ([s, b]) => {
      let canvas = s === 'stage' ? document.querySelector('dialog[open] .p-crop-canvas') : null;
      if (!canvas) {
        const bitmap = await createImageBitmap(await (await fetch(s)).blob());
        canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        canvas.getContext('2d').drawImage(bitmap, 0, 0);
      }
      const [x, y, w, h] = b || [0, 0, canvas.width, canvas.height];
      const at = (u, v) => Array.from(canvas.getContext('2d').getImageData(Math.round(x + u * w), Math.round(y + v * h), 1, 1).data.slice(0, 3));
      return { top: at(0.75, 0.3), bottom: at(0.75, 0.7), topLeft: at(0.55, 0.3), topRight: at(0.95, 0.3) };
    }, [src, box]);
    const red = ([r, g, b]) => r > 170 && g < 90 && b < 90;
    const blue = ([r, g, b]) => b > 170 && r < 90 && g < 90;
    const upright = (c) => red(c.top) && blue(c.bottom) && red(c.topLeft) && red(c.topRight);
    const stage = await colours('stage');
    assert.ok(upright(stage), `preview: ${JSON.stringify(stage)}`);
    const src = await previewCard(page, dialog);
    const offer = await page.evaluate(async (u) => (await fetch(u)).json(), `${origin}/personal`);
    const drawn = await colours(src, offer.cards[card].slots.og.slot);
    assert.ok(upright(drawn), `card: ${JSON.stringify(drawn)}`);
    const sent = await page.evaluate(() => window.uploads[window.uploads.length - 1]);
    assert.equal(sent.photo.exif, false);
    assert.ok(sent.photo.height > sent.photo.width, `sent upright: ${sent.photo.width}x${sent.photo.height}`);
    await page.close();
  });

  test('the photo picker is the page\'s own, in its language, a real file input underneath', async () => {
    for (const [lang, choose, none] of [['en', 'Choose a photo', 'No photo chosen'], ['es', 'Elegir una foto', 'Ninguna foto elegida'], ['ar', 'اختر صورة', 'لم تُختر أي صورة']]) {
      const page = await openPage(`${origin}/#${lang}`, { width: 360, height: 740 });
      await cardItem(page, lang).locator('.make-yours').waitFor();
      const dialog = await openPanel(page, lang);
      const input = dialog.locator('input[type=file]');
      assert.equal(await dialog.locator('.p-pick').textContent(), choose);
      assert.equal(await dialog.locator('.p-file-name').textContent(), none);
      // The browser's own button is not shown; the input keeps the focus
      // and names the chosen file through its description.
      assert.equal(await input.evaluate((i) => i.getBoundingClientRect().width <= 1), true);
      assert.equal(await input.getAttribute('capture'), null);  // camera and gallery both offered
      assert.ok((await input.getAttribute('aria-describedby')).includes(await dialog.locator('.p-file-name').getAttribute('id')));
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), dialog.locator('.p-pick').click()]);
      await chooser.setFiles(photo);
      await dialog.locator('.p-file-name', { hasText: 'supporter-photo.jpg' }).waitFor();
      await dialog.locator('.p-crop').waitFor({ state: 'visible' });
      // 360 px: nothing wider than the panel, the zoom slider and stage in it.
      const [scroll, inner] = await dialog.evaluate((d) => [d.scrollWidth, d.clientWidth]);
      assert.ok(scroll <= inner, `${lang}: panel is ${scroll} px wide in ${inner}`);
      const stage = await dialog.locator('.p-crop').boundingBox();
      assert.ok(stage.width > 100 && stage.x >= 0 && stage.x + stage.width <= 360, JSON.stringify(stage));
      assert.ok((await dialog.locator('.p-pick').boundingBox()).height >= 44);
      await page.close();
    }
  });

  test('the supporter\'s own card is shared as a file with its caption', async () => {
    const { page } = await openPhone(`${origin}/#ar`, `
      navigator.canShare = (data) => !!(data && data.files);
      let taps = 0;
      navigator.share = async (data) => {
        // The first time, as a phone does when the card took longer to draw
        // than a tap counts: refused.
        if (++taps === 1) throw new DOMException('no user activation', 'NotAllowedError');
        const [file] = data.files;
        window.sharedWith = { name: file.name, type: file.type, size: file.size, text: data.text };
      };`);
    await cardItem(page, 'ar').locator('.make-yours').waitFor();
    const dialog = await openPanel(page, 'ar');
    await dialog.getByLabel(/اسمك/).fill('كريم نادر');
    await dialog.locator('input[type="radio"][value="square"]').check();
    await dialog.locator('input[type=file]').setInputFiles(photo);
    await dialog.locator('.p-crop').waitFor({ state: 'visible' });
    // Shows "مشاركة"; a screen reader says what it shares (screen_reader.test.mjs).
    const share = dialog.getByRole('button', { name: 'مشاركة صورتك', exact: true });
    assert.equal(await share.textContent(), 'مشاركة');
    await share.click();
    await dialog.locator('.p-status', { hasText: 'صورتك جاهزة: اضغط «مشاركة» مرة أخرى.' }).waitFor({ timeout: 60000 });
    assert.equal(await dialog.locator('.share-links').isVisible(), false);
    await share.click();
    await page.waitForFunction(() => window.sharedWith, null, { timeout: 60000 });
    assert.equal(await dialog.locator('.p-status').textContent(), 'تمت المشاركة.');
    const shared = await page.evaluate(() => window.sharedWith);
    assert.equal(shared.name, `${card}-ar-square-personal.jpg`);
    assert.equal(shared.type, 'image/jpeg');
    const src = await dialog.locator('.p-preview img').getAttribute('src');
    const [w, h, size] = await page.evaluate(async (s) => {
      const blob = await (await fetch(s)).blob();
      const bitmap = await createImageBitmap(blob);
      return [bitmap.width, bitmap.height, blob.size];
    }, src);
    assert.deepEqual([w, h], [1080, 1080]);  // square, offered though the campaign renders og and story
    assert.equal(shared.size, size);
    assert.equal(shared.text, await cardItem(page, 'ar').locator('.text-caption').textContent());
    await page.close();
  });

  test('screenshots at 360 and 390 px with a photo placed, in English, Spanish and Arabic', async () => {
    for (const [lang, name, width] of [['en', 'Ana Ortega', 390], ['es', 'Lucía Gómez', 390], ['ar', 'كريم نادر', 390],
      ['en', 'Ana Ortega', 360], ['es', 'Lucía Gómez', 360], ['ar', 'كريم نادر', 360]]) {
      const { page, cdp } = await openPhone(`${origin}/#${lang}`);
      if (width !== 390) await page.setViewportSize({ width, height: 740 });
      await cardItem(page, lang).locator('.make-yours').waitFor();
      const dialog = await openPanel(page, lang);
      await dialog.locator('input[type=text]').first().fill(name);
      await dialog.locator('input[type="radio"][value="square"]').check();
      await dialog.locator('input[type=file]').setInputFiles(photo);
      const stage = dialog.locator('.p-crop');
      await stage.waitFor({ state: 'visible' });
      await stage.scrollIntoViewIfNeeded();
      await pinchAndDrag(cdp, await stage.boundingBox(), 80, [30, -20]);
      await previewCard(page, dialog);
      await stage.scrollIntoViewIfNeeded();
      const file = path.join(artifacts, `personal-placed-${lang}-${width}.png`);
      await page.screenshot({ path: file });
      // Nothing in the panel is wider than the screen.
      const [scroll, inner] = await dialog.evaluate((d) => [d.scrollWidth, d.clientWidth]);
      assert.ok(scroll <= inner, `${lang} at ${width} px: the panel is ${scroll} px wide in ${inner}`);
      await dialog.locator('.p-actions').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(artifacts, `personal-placed-actions-${lang}-${width}.png`) });
      await dialog.locator('.p-preview').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(artifacts, `personal-placed-card-${lang}-${width}.png`) });
      assert.ok(fs.statSync(file).size > 10000);
      await page.close();
    }
  });

  test('no console errors, failed requests or requests to other origins', () => {
    assert.deepEqual(problems, []);
  });
});
