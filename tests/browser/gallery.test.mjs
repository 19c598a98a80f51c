// Browser tests of the gallery page: Debian's chromium, driven by
// playwright-core, opens the example campaign's gallery (English, Spanish and
// Arabic) as a supporter would, from a static server on 127.0.0.1 and from file://.
//
// Run by ctest (see CMakeLists.txt) with PLACARD_BINARY, PLACARD_SOURCE_DIR and
// PLACARD_ARTIFACTS set; screenshots land in $PLACARD_ARTIFACTS.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { blockOtherHosts, launchArgs, serveStatic, testEnv } from './harness.mjs';

const { binary, sourceDir, artifacts, chromiumPath } = testEnv();

const site = path.join(artifacts, 'site');
// The example's editions: the switcher's name, the language, the decimal mark.
const languages = [['English', 'en', '.'], ['Español', 'es', ','], ['العربية', 'ar', '.']];
const example = path.join(sourceDir, 'examples', 'transforming-the-system');

// ---- What the page should say, worked out from the manifest ----

// "42 kB", "1.4 MB" (with the language's decimal mark), as the page states sizes.
function human(bytes, mark) {
  if (bytes < 1000) return `${bytes} B`;
  const kb = Math.round(bytes / 1000);
  if (kb < 1000) return `${kb} kB`;
  const tenths = Math.round(bytes / 100000);
  return `${Math.floor(tenths / 10)}${mark}${tenths % 10} MB`;
}

function expectedCaption(card, edition, baseUrl) {
  const tags = (edition.footer || '').split(/\s+/).filter((w) => w.length > 1 && w.startsWith('#'));
  tags.push(edition.url || baseUrl);
  return `${card.text}\n\n${tags.join(' ')}`;
}

// ---- The browser ----

let server;
let origin;
let baseUrl;
let manifest;
let context;
let profile;
const problems = []; // console errors, page errors, failed or foreign requests

function watch(page) {
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error on ${page.url()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error on ${page.url()}: ${err.message}`));
  page.on('requestfailed', (req) => {
    // A download hands its request over to the download manager, which
    // Chromium reports as an aborted request.
    if (!/\.(png|zip)$/.test(new URL(req.url()).pathname)) problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`);
  });
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(origin + '/') && !url.startsWith('file://') && !url.startsWith('data:')) problems.push(`external request: ${url}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()} for ${res.url()}`);
  });
  return page;
}

async function openPage(url, viewport = { width: 1440, height: 900 }) {
  const page = watch(await context.newPage());
  await page.setViewportSize(viewport);
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

// Scrolls every image of the shown edition into view (they load lazily) and
// waits until each has decoded; returns their sources and sizes.
async function loadImages(page) {
  const images = page.locator('.edition.is-current img, .edition:only-of-type img');
  const n = await images.count();
  const seen = [];
  for (let i = 0; i < n; i++) {
    const img = images.nth(i);
    await img.scrollIntoViewIfNeeded();
    await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle(), { timeout: 10000 });
    seen.push(await img.evaluate((el) => ({ src: el.getAttribute('src'), alt: el.alt, width: el.naturalWidth, height: el.naturalHeight, attrWidth: el.width, declared: +el.getAttribute('width'), declaredHeight: +el.getAttribute('height') })));
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  return seen;
}

async function showLanguage(page, name) {
  await page.getByRole('navigation').getByRole('link', { name }).click();
}

before(async () => {
  fs.rmSync(site, { recursive: true, force: true });
  fs.mkdirSync(site, { recursive: true });
  server = await serveStatic(site);
  origin = `http://127.0.0.1:${server.address().port}`;
  baseUrl = `${origin}/`;
  // A clean render of the example, all three languages, with its gallery.
  execFileSync(binary, ['render', path.join(example, 'campaign.md'), path.join(example, 'campaign.es.md'),
    path.join(example, 'campaign.ar.md'), '-o', site, '--sizes', 'all', '--gallery', '--base-url', baseUrl], { stdio: 'inherit' });
  manifest = JSON.parse(fs.readFileSync(path.join(site, 'manifest.json'), 'utf8'));
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'placard-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: launchArgs,
    acceptDownloads: true,
    locale: 'en-US',
    viewport: { width: 1440, height: 900 },
  });
  // Nothing leaves the machine: a request for another host is recorded and
  // answered here with a failure, before any lookup.
  const local = (url) => url.startsWith(origin + '/') || url.startsWith('file://') || url.startsWith('data:');
  await blockOtherHosts(context, local, problems);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
});

after(async () => {
  await context?.close();
  server?.close();
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
});

describe('gallery page', () => {
  test('HTML, CSS and JS together stay under 50 kB with three languages', () => {
    assert.deepEqual(manifest.editions.map((e) => e.lang), ['en', 'es', 'ar']);
    const bytes = ['index.html', 'gallery.css', 'gallery.js'].map((f) => fs.statSync(path.join(site, f)).size);
    const total = bytes.reduce((a, b) => a + b, 0);
    fs.writeFileSync(path.join(artifacts, 'page-weight.txt'), `index.html ${bytes[0]}\ngallery.css ${bytes[1]}\ngallery.js ${bytes[2]}\ntotal ${total}\n`);
    assert.ok(total < 50000, `page weighs ${total} bytes`);
  });

  test('head carries Open Graph and Twitter tags for the lead card', async () => {
    const page = await openPage(baseUrl);
    const meta = await page.evaluate(() => Object.fromEntries(
      Array.from(document.querySelectorAll('meta[property], meta[name]')).map((m) => [m.getAttribute('property') || m.name, m.content])));
    const lead = manifest.cards[0];
    const og = lead.outputs.find((o) => o.size === 'og');
    assert.equal(meta['og:image'], baseUrl + og.file);
    assert.equal(meta['og:image:width'], '1200');
    assert.equal(meta['og:image:height'], '630');
    assert.equal(meta['og:image:alt'], lead.alt);
    assert.equal(meta['og:title'], 'Transforming the System');
    assert.equal(meta['og:url'], baseUrl);
    assert.equal(meta['twitter:card'], 'summary_large_image');
    assert.equal(meta['twitter:image'], baseUrl + og.file);
    assert.equal(meta['twitter:image:alt'], lead.alt);
    const res = await page.request.get(meta['og:image']);
    assert.equal(res.status(), 200);
    assert.equal((await res.body()).length, og.bytes);
    await page.close();
  });

  test('every image loads, at its size, with its alt text, in every language', async () => {
    const page = await openPage(baseUrl);
    for (const [name, lang] of languages) {
      await showLanguage(page, name);
      const images = await loadImages(page);
      const cards = manifest.cards.filter((c) => c.lang === lang);
      assert.equal(images.length, cards.length, `${lang}: one preview per card`);
      images.forEach((img, i) => {
        const out = cards[i].outputs.find((o) => o.file === img.src);
        assert.ok(out, `${img.src} is one of the card's outputs`);
        assert.equal(img.width, out.width, `${img.src} decoded width`);
        assert.equal(img.height, out.height, `${img.src} decoded height`);
        assert.equal(img.alt, cards[i].alt);
      });
    }
    await page.close();
  });

  test('the language switcher shows one language at a time and works from the keyboard', async () => {
    const page = await openPage(baseUrl);
    assert.equal(await page.locator('#en').isVisible(), true);
    assert.equal(await page.locator('#es').isVisible(), false);
    assert.equal(await page.title(), 'Transforming the System');
    // Tab to "Español", the second link on the page, and press Enter.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Español');
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('#es').isVisible(), true);
    assert.equal(await page.locator('#en').isVisible(), false);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'es');
    assert.equal(await page.title(), 'Transformar el sistema');
    assert.equal(await page.getByRole('link', { name: 'Español' }).getAttribute('aria-current'), 'true');
    // The page's own words follow the language.
    assert.equal(await page.getByRole('button', { name: 'Copiar texto' }).first().isVisible(), true);
    assert.equal(await page.getByText('Hecho con Placard').isVisible(), true);
    assert.equal(await page.locator('#en').getByText('Made with Placard').isVisible(), false);
    assert.equal(new URL(page.url()).hash, '#es');
    // The hash keeps the choice on reload.
    await page.reload();
    assert.equal(await page.locator('#es').isVisible(), true);
    await page.close();
  });

  test('the Arabic edition reads right to left, switcher included, in its own words', async () => {
    const page = await openPage(baseUrl);
    await showLanguage(page, 'العربية');
    assert.equal(await page.locator('#ar').isVisible(), true);
    assert.deepEqual(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), ['ar', 'rtl']);
    const dirs = await page.evaluate(() => ['.langs ul', '#ar h1', '#ar .card h3', '#ar .downloads'].map(
      (sel) => getComputedStyle(document.querySelector(sel)).direction));
    assert.deepEqual(dirs, ['rtl', 'rtl', 'rtl', 'rtl']);
    // The switcher runs right to left: English, the first, is rightmost.
    const [english, arabic] = await Promise.all(['English', 'العربية'].map((name) =>
      page.getByRole('navigation').getByRole('link', { name }).evaluate((a) => a.getBoundingClientRect().x)));
    assert.ok(english > arabic, `English at x=${english}, Arabic at x=${arabic}`);
    // The title starts at the right edge of its column.
    const [titleRight, wrapRight] = await page.evaluate(() => {
      const range = document.createRange();
      range.selectNodeContents(document.querySelector('#ar h1'));
      const wrap = document.querySelector('#ar .hero .wrap');
      return [range.getBoundingClientRect().right, wrap.getBoundingClientRect().right - parseFloat(getComputedStyle(wrap).paddingRight)];
    });
    assert.ok(Math.abs(titleRight - wrapRight) < 2, `title ends at ${titleRight}, column at ${wrapRight}`);
    assert.equal(await page.locator('#ar').getByRole('button', { name: 'نسخ نص المنشور' }).first().isVisible(), true);
    assert.equal(await page.locator('#ar').getByText('صُنعت هذه الصفحة باستخدام Placard').isVisible(), true);
    // Back to English: left to right again.
    await showLanguage(page, 'English');
    assert.deepEqual(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), ['en', 'ltr']);
    await page.close();
  });

  test('nothing overlaps, in any language, on a phone or a desktop', async () => {
    for (const viewport of [{ width: 390, height: 844 }, { width: 1440, height: 900 }]) {
      for (const [, lang] of languages) {
        const page = await openPage(`${baseUrl}#${lang}`, viewport);
        const clashes = await page.evaluate((id) => {
          const out = [];
          const boxes = (root, sel) => Array.from(root.querySelectorAll(sel)).map((el) => [el, el.getBoundingClientRect()])
            .filter(([, r]) => r.width > 0 && r.height > 0);
          const overlap = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
          const check = (root, sel) => {
            const list = boxes(root, sel);
            for (let i = 0; i < list.length; i++) {
              for (let j = i + 1; j < list.length; j++) {
                if (overlap(list[i][1], list[j][1])) out.push(`${list[i][0].className || list[i][0].tagName} / ${list[j][0].className || list[j][0].tagName}`);
              }
            }
          };
          const edition = document.getElementById(id);
          check(edition, '.hero .lede > *, .hero .all');
          check(edition, '.zips a');
          for (const card of edition.querySelectorAll('.card')) {
            check(card, 'img, .body > *');
            check(card, '.share button, .downloads a');
          }
          check(document, '.langs a');
          return out;
        }, lang);
        assert.deepEqual(clashes, [], `${lang} at ${viewport.width}x${viewport.height}`);
        await page.close();
      }
    }
  });

  test('every download link gives the file it names, of the size it states', async () => {
    const page = await openPage(baseUrl);
    const outputs = new Map(manifest.cards.flatMap((c) => c.outputs.map((o) => [o.file, o])));
    let checked = 0;
    // What one link should be: its name, its stated size and pixels, its bytes.
    const expectLink = ({ href, download, stated }, bytes, lang, mark) => {
      // The script names each card's file in full; a ZIP keeps its own name.
      const expectedName = href.endsWith('.png') ? href.split('/').slice(-2).join('-') : href;
      assert.equal(download || href.split('/').pop(), expectedName, `${href}: download name`);
      assert.ok(stated.endsWith(` ${human(bytes, mark)}`), `${href}: states "${stated}", got ${bytes} bytes`);
      assert.equal(bytes, fs.statSync(path.join(site, href)).size, `${href} is the file on disk`);
      const file = fs.readFileSync(path.join(site, href));
      const head = file.subarray(0, 4).toString('latin1');
      if (href.endsWith('.png')) {
        assert.equal(head, '\x89PNG', `${href} is a PNG`);
        const out = outputs.get(href);
        assert.ok(out, `${href} is in the manifest`);
        assert.equal(bytes, out.bytes, `${href} has the manifest's size`);
        assert.ok(stated.startsWith(`${out.width}×${out.height} · `), `${href} states its pixels: "${stated}"`);
      } else {
        assert.equal(head, 'PK\x03\x04', `${href} is a ZIP`);
        // Named after the campaign's first edition, the Arabic one too.
        assert.match(href, new RegExp(`^(transforming-the-system|transformar-el-sistema)-${lang}-`));
        if (lang === 'ar') assert.match(href, /^transforming-the-system-ar-/);
        const entries = file.toString('latin1').split('PK\x01\x02').length - 1;
        assert.equal(`${entries}`, stated.split(' · ')[1].match(/\d+/)[0], `${href}: entries vs "${stated}"`);
      }
      return expectedName;
    };
    for (const [name, lang, mark] of languages) {
      await showLanguage(page, name);
      // Every link, fetched by the page itself: what a tap would get.
      const links = await page.$$eval('.edition.is-current a[download]', (as) => Promise.all(as.map(async (a) => {
        const answer = await fetch(a.href);
        const body = await answer.arrayBuffer();
        return { href: a.getAttribute('href'), download: a.getAttribute('download'),
          stated: a.querySelector('small').textContent, status: answer.status, bytes: body.byteLength };
      })));
      for (const link of links) {
        assert.equal(link.status, 200, `${link.href} answers`);
        expectLink(link, link.bytes, lang, mark);
        checked++;
      }
      // A real download, clicked, of the first card's every size and the
      // first ZIP: the browser saves each under the name the page gives it.
      const anchors = page.locator('.edition.is-current a[download]');
      const firstZip = links.findIndex((l) => !l.href.endsWith('.png'));
      const firstCard = links.find((l) => l.href.endsWith('.png')).href.split('/')[0];
      const clicked = links.map((l, i) => i).filter((i) => i === firstZip || links[i].href.split('/')[0] === firstCard);
      for (const i of clicked) {
        const link = anchors.nth(i);
        await link.scrollIntoViewIfNeeded();
        const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
        const saved = await file.path();
        const expectedName = expectLink(links[i], fs.statSync(saved).size, lang, mark);
        assert.equal(file.suggestedFilename(), expectedName);
        assert.ok(fs.readFileSync(saved).equals(fs.readFileSync(path.join(site, links[i].href))), `${links[i].href}: the saved file`);
      }
      assert.ok(clicked.length >= 2, `${name}: a card and a ZIP downloaded`);
    }
    const pngs = manifest.cards.reduce((n, c) => n + c.outputs.length, 0);
    assert.equal(checked, pngs + 18, 'one link per PNG, one ZIP per language and size');
    await page.close();
  });

  test('copy buttons put the caption and the alt text on the clipboard', async () => {
    const page = await openPage(baseUrl);
    const editions = Object.fromEntries(manifest.editions.map((e) => [e.lang, e]));
    let copied = 0;
    for (const [name] of languages) {
      await showLanguage(page, name);
      const buttons = page.locator('.edition.is-current button[data-copy]');
      const n = await buttons.count();
      for (let i = 0; i < n; i++) {
        const button = buttons.nth(i);
        const kind = await button.getAttribute('data-copy');
        const number = (await button.evaluate((b) => b.closest('.card').id)).split('-')[1];
        const target = `${kind}-${number}`;
        const card = manifest.cards[Number(number) - 1];
        const expected = kind === 'alt' ? card.alt : expectedCaption(card, editions[card.lang], baseUrl);
        await page.evaluate(() => navigator.clipboard.writeText('(nothing copied)'));
        // Every other button from the keyboard: focus it and press Enter.
        if (i % 2) {
          await button.focus();
          await page.keyboard.press('Enter');
        } else {
          await button.click();
        }
        await page.waitForFunction((el) => el.classList.contains('done'), await button.elementHandle());
        assert.equal(await page.evaluate(() => navigator.clipboard.readText()), expected, `${name} ${target}`);
        copied++;
      }
    }
    assert.equal(copied, manifest.cards.length * 2);
    await page.close();
  });

  test('copying works without the Clipboard API too', async () => {
    const page = watch(await context.newPage());
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }));
    await page.goto(baseUrl);
    const card = manifest.cards[2];
    await page.locator('#card-3 button[data-copy="alt"]').click();
    await page.waitForFunction(() => document.querySelector('#card-3 button[data-copy="alt"]').classList.contains('done'));
    const reader = await context.newPage();
    await reader.goto(baseUrl);
    assert.equal(await reader.evaluate(() => navigator.clipboard.readText()), card.alt);
    await reader.close();
    await page.close();
  });

  test('without JavaScript every language, text, hashtag line and download is there', async () => {
    const page = watch(await context.newPage());
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
    await page.goto(baseUrl);
    for (const edition of manifest.editions) {
      const section = page.locator(`#${edition.lang}`);
      assert.equal(await section.isVisible(), true, `${edition.lang} is shown`);
      assert.match(await section.locator('.tags').textContent(), new RegExp(edition.footer));
      const cards = manifest.cards.filter((c) => c.lang === edition.lang);
      assert.deepEqual(await section.locator('h3').allTextContents(), cards.map((c) => c.text));
      assert.equal(await section.locator('.downloads a[download]').count(),
        cards.reduce((n, c) => n + c.outputs.length, 0));
    }
    assert.equal(await page.locator('button').count(), 0, 'no buttons that need the script');
    await page.close();
  });

  test('fits a 360 px phone without sideways scrolling', async () => {
    const page = await openPage(baseUrl, { width: 360, height: 740 });
    await loadImages(page);
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert.ok(widths[0] <= widths[1], `page is ${widths[0]} px wide in a ${widths[1]} px window`);
    // Tap targets: every download link and copy button is at least 44 px tall.
    const small = await page.evaluate(() => Array.from(document.querySelectorAll('.edition.is-current a[download], .edition.is-current button'))
      .filter((el) => el.getBoundingClientRect().height < 44).map((el) => el.textContent));
    assert.deepEqual(small, []);
    await page.close();
  });

  test('works from a file:// folder', async () => {
    const page = await openPage(pathToFileURL(path.join(site, 'index.html')).href);
    const images = await loadImages(page);
    assert.equal(images.length, manifest.cards.filter((c) => c.lang === 'en').length);
    assert.equal(await page.locator('#es').isVisible(), false);
    await showLanguage(page, 'Español');
    assert.equal(await page.locator('#es').isVisible(), true);
    await page.close();
  });

  test('screenshots at 390x844 and 1440x900', async () => {
    for (const [width, height] of [[390, 844], [1440, 900]]) {
      for (const lang of ['en', 'es', 'ar']) {
        const page = await openPage(`${baseUrl}#${lang}`, { width, height });
        await loadImages(page);
        const name = `gallery-${lang}-${width}x${height}`;
        await page.screenshot({ path: path.join(artifacts, `${name}.png`) });
        await page.screenshot({ path: path.join(artifacts, `${name}-full.png`), fullPage: true });
        assert.ok(fs.statSync(path.join(artifacts, `${name}.png`)).size > 10000);
        await page.close();
      }
    }
  });

  test('an edition that lacks a card names it, in the language of the edition that has it', async () => {
    // Three editions of a small campaign; the Spanish one lacks the second card.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'placard-gaps-'));
    const write = (name, front, body) => {
      fs.writeFileSync(path.join(dir, name), `---\n${front}\nsizes: og\n---\n${body}`);
      return path.join(dir, name);
    };
    const files = [
      write('en.md', 'name: Health for All\nlang: en', '# Health for All\n\n- Fund clinics in every county. {#clinics}\n- Hire nurses for the night shift. {#nurses}\n'),
      write('es.md', 'name: Salud para todos\nlang: es', '# Salud para todos\n\n- Financiar clínicas en cada condado. {#clinics}\n'),
      write('ar.md', 'name: الصحة للجميع\nlang: ar', '# الصحة للجميع\n\n- تمويل العيادات في كل مقاطعة. {#clinics}\n- توظيف ممرضات للمناوبة الليلية. {#nurses}\n'),
    ];
    execFileSync(binary, ['render', ...files, '-o', path.join(site, 'gaps'), '--gallery', '--base-url', `${baseUrl}gaps/`], { stdio: 'ignore' });
    fs.rmSync(dir, { recursive: true, force: true });
    const page = await openPage(`${baseUrl}gaps/#es`);
    const note = page.locator('#es .lacks');
    assert.equal(await note.isVisible(), true);
    assert.equal(await note.getByRole('heading').textContent(), 'Aún sin traducir a este idioma:');
    assert.deepEqual(await note.locator('li').allTextContents(), ['Hire nurses for the night shift.']);
    assert.equal(await note.locator('li').getAttribute('lang'), 'en');
    assert.equal(await note.locator('li').evaluate((li) => getComputedStyle(li).direction), 'ltr');
    await page.screenshot({ path: path.join(artifacts, 'gallery-gaps-es.png'), fullPage: true });
    // The editions that have every card say nothing.
    for (const name of ['English', 'العربية']) {
      await showLanguage(page, name);
      assert.equal(await page.locator('.edition.is-current .lacks').count(), 0, name);
    }
    await page.close();
  });

  test('no console errors, failed requests or requests to other hosts', () => {
    assert.deepEqual(problems, []);
  });
});
