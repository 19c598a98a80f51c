// What a screen reader is given on the download page and in the "Make it
// yours" panel (issue 24, point 6), in English, Spanish and Arabic: Debian's
// chromium, driven by playwright-core, on a phone viewport, against a real
// placard serve on 127.0.0.1. The page is read through the browser's own
// accessibility tree (the DevTools Protocol's Accessibility domain), which is
// what the platform's screen reader (Orca, TalkBack, VoiceOver) is handed:
// each control's role, name, value, description, states and live regions.
//
// Run by ctest (see CMakeLists.txt) with PLACARD_BINARY, PLACARD_SOURCE_DIR and
// PLACARD_ARTIFACTS set; the trees it read land in $PLACARD_ARTIFACTS.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import {
  blockOtherHosts, drawPhoto, launchArgs, personalExample, serveLine, startPlacard, testEnv, within,
} from './harness.mjs';

const { binary, sourceDir, artifacts, chromiumPath } = testEnv();

// The words the page should say, from the page's own strings (so that a
// reworded label is not a failure here, and a missing one is).
const strings = (() => {
  // strings.yaml is plain enough to read its few keys here: "  key: text".
  const text = fs.readFileSync(path.join(sourceDir, 'gallery', 'strings.yaml'), 'utf8');
  const out = {};
  let lang = null;
  let group = null;
  for (const line of text.split('\n')) {
    let m = /^([a-z]{2}):\s*$/.exec(line);
    if (m) { lang = m[1]; out[lang] = {}; group = null; continue; }
    m = /^ {2}(\w+):\s*$/.exec(line);
    if (m && lang) { group = m[1]; out[lang][group] = {}; continue; }
    m = /^ {4}(\w+):\s+(.*)$/.exec(line);
    if (m && lang && group) out[lang][group][m[1]] = m[2].replace(/^"(.*)"$/, '$1');
    else if (/^ {2}\w/.test(line)) group = null;
  }
  return out;
})();
const langs = ['en', 'es', 'ar'];

// ---- The project: the example campaign, one card supporters make their own ----

const project = path.join(artifacts, 'screen-reader-project');
const site = path.join(project, 'site');
const card = 'end-287g-agreements';

function setUpProject() {
  const personalize = ['personalize:', `  cards: [${card}]`, '  fields: {name: {max: 40, required: true}, city: {max: 40}}',
    '  photo: true', '  layout: frame'].join('\n');
  return personalExample(sourceDir, project, personalize);
}

let placard;  // { child, origin, log } of placard serve
let origin;

// ---- The browser: a phone, 390 px wide, touch ----

let browser;
let phone;
let photo;
const problems = [];
const expectedStatus = new Set();

const ours = (url) => url.startsWith(origin + '/') || url.startsWith('blob:') || url.startsWith('data:');

async function openPhone(url, setUp) {
  const page = await phone.newPage();
  page.on('console', (msg) => {
    const provoked = [...expectedStatus].some((key) => msg.text().includes(`status of ${key.split(' ')[0]} `));
    if (msg.type() === 'error' && !provoked) problems.push(`console error on ${page.url()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error on ${page.url()}: ${err.message}`));
  page.on('response', (res) => {
    const key = `${res.status()} ${res.url()}`;
    if (res.status() >= 400 && !expectedStatus.has(key)) problems.push(`HTTP ${key}`);
  });
  if (setUp) await page.addInitScript(setUp);
  await page.goto(url, { waitUntil: 'load' });
  const cdp = await phone.newCDPSession(page);
  await cdp.send('Accessibility.enable');
  return { page, cdp };
}

// ---- The accessibility tree, as the DevTools Protocol gives it ----

// A node as a screen reader gets it: role, name, value, description, states.
function plain(n) {
  const props = Object.fromEntries((n.properties || []).map((p) => [p.name, p.value.value]));
  return {
    role: n.role && n.role.value, name: (n.name && n.name.value) || '', value: n.value && n.value.value,
    description: (n.description && n.description.value) || '', ignored: !!n.ignored, props,
    backend: n.backendDOMNodeId, id: n.nodeId, parent: n.parentId, children: n.childIds || [],
  };
}

// The node of each element a CSS selector finds (in document order), each
// with its ancestors (nearest first).
async function axOf(cdp, selector) {
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector });
  const out = [];
  for (const nodeId of nodeIds) {
    const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: true });
    const all = nodes.map(plain);
    const { node } = await cdp.send('DOM.describeNode', { nodeId });
    const self = all.find((n) => n.backend === node.backendNodeId);
    const byId = new Map(all.map((n) => [n.id, n]));
    const ancestors = [];
    for (let p = self && byId.get(self.parent); p; p = byId.get(p.parent)) ancestors.push(p);
    out.push({ ...self, ancestors });
  }
  return out;
}
const axOne = async (cdp, selector) => {
  const found = await axOf(cdp, selector);
  assert.equal(found.length, 1, `one element for ${selector}`);
  return found[0];
};

// The whole tree under the element `selector` finds, as a list of nodes, and
// written out (indented, as a screen reader's object navigation would walk
// it) for a person to read.
async function axTree(cdp, selector, file) {
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const all = nodes.map(plain);
  const byId = new Map(all.map((n) => [n.id, n]));
  const [top] = await axOf(cdp, selector);
  const out = [];
  const lines = [];
  const walk = (n, depth) => {
    out.push(n);
    const shown = !n.ignored && !['generic', 'none', 'StaticText', 'InlineTextBox', 'LineBreak', 'LabelText'].includes(n.role);
    if (shown) {
      const states = ['focusable', 'focused', 'expanded', 'invalid', 'required', 'busy', 'live', 'hidden']
        .filter((k) => k in n.props && n.props[k] !== false && n.props[k] !== 'false').map((k) => (n.props[k] === true ? k : `${k}=${n.props[k]}`));
      lines.push(`${'  '.repeat(depth)}${n.role} "${n.name}"${n.value !== undefined ? ` value="${n.value}"` : ''}${n.description ? ` description="${n.description}"` : ''}${states.length ? ` [${states.join(' ')}]` : ''}`);
    }
    for (const c of n.children) if (byId.has(c)) walk(byId.get(c), shown ? depth + 1 : depth);
  };
  walk(byId.get(top.id), 0);
  if (file) fs.writeFileSync(path.join(artifacts, file), lines.join('\n') + '\n');
  return out;
}

// Every focusable node under `selector`: named, and shown (a box of its own
// on the page, or for the file input hidden under the page's own picker,
// that picker's), in the language of the page (no symbol a CSS ::before
// drew in the name).
async function checkFocusables(cdp, page, selector, file) {
  const nodes = await axTree(cdp, selector, file);
  const focusable = nodes.filter((n) => !n.ignored && n.props.focusable && n.role !== 'dialog' && n.role !== 'RootWebArea');
  assert.ok(focusable.length > 5, `${selector}: ${focusable.length} focusable nodes`);
  for (const n of focusable) {
    assert.ok(n.name.trim(), `unnamed ${n.role} (backend node ${n.backend}) in ${selector}`);
    assert.doesNotMatch(n.name, /[✎⚠＋↗]/, `a drawn symbol in the name "${n.name}"`);
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: n.backend });
    const { result } = await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId, returnByValue: true,
      functionDeclaration: `function () {
        const shown = (el) => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
          return r.width >= 8 && r.height >= 8 && s.visibility !== 'hidden' && Number(s.opacity) > 0; };
        const proxy = this.matches('input[type=file]') && this.closest('.p-field') && this.closest('.p-field').querySelector('.p-pick');
        return { shown: shown(proxy || this), hidden: !!this.closest('[aria-hidden="true"], [hidden], [inert]'), tag: this.outerHTML.slice(0, 80) };
      }`,
    });
    assert.equal(result.value.hidden, false, `focusable but hidden: ${result.value.tag}`);
    assert.equal(result.value.shown, true, `focusable but not shown: ${result.value.tag} "${n.name}"`);
  }
  return focusable;
}

// The node that has the focus, as the tree says (the page itself says it
// has the focus too).
async function focusedNode(cdp) {
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  return nodes.map(plain).filter((n) => n.props.focused && n.role !== 'RootWebArea').pop();
}

// A slider's value as a screen reader says it: its aria-valuetext. The
// DevTools Protocol's own "valuetext" leaves aria-valuetext out (Chromium
// 156), while the platform's tree has it (AT-SPI's valuetext attribute, which
// Orca reads), so the attribute is read from the node's element here.
async function valueText(cdp, node) {
  const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: node.backend });
  const { result } = await cdp.send('Runtime.callFunctionOn', {
    objectId: object.objectId, returnByValue: true, functionDeclaration: 'function () { return this.getAttribute("aria-valuetext"); }',
  });
  return result.value || node.props.valuetext || String(node.value);
}

before(async () => {
  const files = setUpProject();
  execFileSync(binary, ['render', ...files, '-o', site, '--sizes', 'og,story', '--gallery'], { stdio: 'inherit' });
  placard = await startPlacard(binary, ['serve', ...files, '--root', site, '--listen', '127.0.0.1:0', '--jobs', '2',
    '--personal-rate', '120', '--render-timeout', '60000'], { firstLine: serveLine });
  origin = placard.origin;
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: launchArgs });
  phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'en-US' });
  await blockOtherHosts(phone, ours, problems);
  // A 1600x1200 photo drawn by the browser: a face-like disc on a gradient.
  const page = await phone.newPage();
  const jpeg = await drawPhoto(page);
  await page.close();
  photo = path.join(project, 'photo.jpg');
  fs.writeFileSync(photo, jpeg);
});

after(async () => {
  await browser?.close();
  if (placard && placard.child.exitCode === null) placard.child.kill('SIGTERM');
});

const cardItem = (page, lang) => page.locator(`#${lang} .card.is-personal`);

async function openPanel(page, lang) {
  await cardItem(page, lang).locator('.make-yours').waitFor();
  await cardItem(page, lang).locator('.make-yours').click();
  const dialog = cardItem(page, lang).locator('dialog.personal');
  await dialog.waitFor({ state: 'visible' });
  return dialog;
}

describe('what a screen reader is told', () => {
  test('every Share button names its card, and the links offered instead are named in the page\'s language', async () => {
    for (const lang of langs) {
      const words = strings[lang].share;
      assert.ok(words.share && words.links_note && words.link, `${lang}: share words`);
      const { page, cdp } = await openPhone(`${origin}/#${lang}`, () => { navigator.canShare = () => false; });
      await page.locator(`#${lang} .share-button`).first().waitFor();
      const headings = await page.locator(`#${lang} .card h3`).allTextContents();
      const buttons = await axOf(cdp, `#${lang} .card .share .share-button`);
      assert.equal(buttons.length, headings.length);
      // "Share: " then the card's text, cut after a word near 60 characters:
      // each button says which card it shares, short enough to hear.
      buttons.forEach((b, i) => {
        assert.equal(b.role, 'button');
        const prefix = `${words.share}: `;
        assert.ok(b.name.startsWith(prefix), `${lang}: Share button ${i + 1} is "${b.name}"`);
        const text = b.name.slice(prefix.length);
        const heading = headings[i].trim().replace(/\s+/g, ' ');
        if (heading.length <= 60) assert.equal(text, heading);
        else {
          assert.ok(text.endsWith('…') && text.length <= 61 && text.length > 30, `${lang}: "${text}"`);
          assert.ok(heading.startsWith(text.slice(0, -1)), `${lang}: "${text}" begins "${heading}"`);
        }
        assert.equal(b.props.expanded, false);
      });
      assert.equal(new Set(buttons.map((b) => b.name)).size, buttons.length, `${lang}: no two Share buttons are named alike`);
      const shareName = buttons[1].name;

      // Pressed, with no file sharing: a group of links, named as the
      // button is; the focus on its first link, which the note describes
      // (the focus went past the note).
      const item = page.locator(`#${lang} .card`).nth(1);
      const itemId = await item.getAttribute('id');
      const button = item.locator('.share-button');
      await button.focus();
      await page.keyboard.press('Enter');
      await item.locator('.share-links').waitFor({ state: 'visible' });
      const group = await axOne(cdp, `#${itemId} .share-links`);
      assert.equal(group.role, 'group');
      assert.equal(group.name, shareName);
      const links = await axOf(cdp, `#${itemId} .share-links a`);
      const platforms = ['WhatsApp', 'X', 'Facebook', 'Telegram', 'Bluesky', 'LinkedIn'];
      assert.deepEqual(links.map((l) => [l.role, l.name]),
        [...platforms.map((p) => ['link', words.link.replace('{n}', p)]), ['link', words.email]]);
      for (const l of links) assert.ok(l.ancestors.some((a) => a.id === group.id), `${l.name} is in the group`);
      const focused = await focusedNode(cdp);
      assert.equal(focused.name, words.link.replace('{n}', 'WhatsApp'));
      assert.equal(focused.description, words.links_note);
      assert.equal((await axOne(cdp, `#${itemId} .share-button`)).props.expanded, true);
      await axTree(cdp, `#${itemId}`, `screen-reader-share-${lang}.txt`);
      // Escape closes it; the focus goes back to the button, now collapsed.
      await page.keyboard.press('Tab');
      await page.keyboard.press('Escape');
      const back = await focusedNode(cdp);
      assert.equal(back.name, shareName);
      assert.equal(back.props.expanded, false);
      assert.equal(await item.locator('.share-links').isVisible(), false);
      // Every focusable thing on the page is named and shown.
      await checkFocusables(cdp, page, `#${lang}`, `screen-reader-page-${lang}.txt`);
      await page.close();
    }
  });

  test('the panel: every control named in the page\'s language, none hidden, the photo\'s place a slider that says where it is', async () => {
    for (const lang of langs) {
      const words = strings[lang].personal;
      const { page, cdp } = await openPhone(`${origin}/#${lang}`);
      const dialog = await openPanel(page, lang);
      await dialog.locator('input[type=text]').first().fill(lang === 'ar' ? 'كريم نادر' : 'Ana Ortega');
      await dialog.locator('input[type=file]').setInputFiles(photo);
      const stage = dialog.locator('.p-crop');
      await stage.waitFor({ state: 'visible' });
      const sel = `#${lang} dialog.personal`;
      const panel = await axOne(cdp, sel);
      assert.equal(panel.role, 'dialog');
      assert.equal(panel.name, words.title);
      await checkFocusables(cdp, page, sel, `screen-reader-panel-${lang}.txt`);

      // The stage: a slider, named, described by its keys, its value the
      // zoom and the place, in words of the page's language.
      await stage.focus();
      const place = async () => axOne(cdp, `${sel} .p-crop`);
      const zoomText = async () => valueText(cdp, await axOne(cdp, `${sel} input[type=range]`));
      const start = await place();
      assert.equal(start.role, 'slider');
      assert.equal(start.name, words.place_label);
      assert.ok(start.description.includes(words.place_keys), `${lang}: described as "${start.description}"`);
      assert.equal(start.props.focused, true);
      const said = (z, x, y) => words.place_value.replace('{n}', z).replace('{x}', x).replace('{y}', y);
      // The number is the zoom in percent; its decimals flip as the photo
      // moves, so that Orca (which says a value only if the number changed)
      // says the new place.
      assert.equal(Math.round(start.value), 100);
      assert.equal(start.props.valuemin, 100);
      assert.equal(start.props.valuemax, 400);
      assert.equal(await valueText(cdp, start), said(100, 50, 50));
      assert.equal(await zoomText(), words.zoom_value.replace('{n}', 100));
      const zoomNode = await axOne(cdp, `${sel} input[type=range]`);
      assert.equal(zoomNode.name, words.zoom);
      // + zooms: both say so; an arrow moves the photo: the place says so.
      await page.keyboard.press('+');
      const zoomed = await place();
      assert.equal(Math.round(zoomed.value), 110);
      assert.equal(await valueText(cdp, zoomed), said(110, 50, 50));
      assert.equal(await zoomText(), words.zoom_value.replace('{n}', 110));
      await page.keyboard.press('ArrowRight');
      // The photo moves right: the frame's centre is further left on it.
      const movedNode = await place();
      assert.notEqual(movedNode.value, zoomed.value, 'the number changed with the place');
      const moved = await valueText(cdp, movedNode);
      const across = Number(/(\d+)/.exec(moved.replace(/^\D*110\D*/, ''))[1]);
      assert.ok(across < 50 && across > 40, `${lang}: after ArrowRight "${moved}"`);
      assert.equal(moved, said(110, across, 50));
      await page.keyboard.press('ArrowDown');
      assert.notEqual(await valueText(cdp, await place()), moved);
      await page.keyboard.press('Home');
      assert.equal(await valueText(cdp, await place()), said(100, 50, 50));
      // The zoom slider from the keys: ten steps of 1 %, said by it and by
      // the stage (ArrowUp: up is more in either direction of the page).
      await dialog.locator('input[type=range]').focus();
      for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowUp');
      assert.equal(await zoomText(), words.zoom_value.replace('{n}', 110));
      assert.equal(await valueText(cdp, await place()), said(110, 50, 50));

      // The personal Share button: named for what it shares.
      const share = await axOne(cdp, `${sel} .share-button`);
      assert.equal(share.name, words.share_label);
      await page.close();
    }
  });

  test('the upload\'s size is said while it is on its way, and a refusal is said, in the page\'s language', async () => {
    for (const lang of langs) {
      const words = strings[lang].personal;
      const { page, cdp } = await openPhone(`${origin}/#${lang}`);
      const dialog = await openPanel(page, lang);
      const sel = `#${lang} dialog.personal`;
      // The status line exists, empty, before anything is said: a live
      // region a screen reader already watches.
      const idle = await axOne(cdp, `${sel} .p-status`);
      assert.equal(idle.role, 'status');
      assert.equal(idle.ignored, false);
      assert.equal(idle.props.live, 'polite');

      await dialog.locator('input[type=text]').first().fill(lang === 'ar' ? 'كريم نادر' : 'Ana Ortega');
      await dialog.locator('input[type=file]').setInputFiles(photo);
      await dialog.locator('.p-crop').waitFor({ state: 'visible' });
      // The card's request is held until the status line has been read.
      let release;
      const held = new Promise((resolve) => { release = resolve; });
      let seen;
      const asked = new Promise((resolve) => { seen = resolve; });
      await page.route(/\/personal\/.*\.jpg$/, async (route) => {
        seen();
        await held;
        await route.continue();
      });
      await dialog.locator('button[type=submit]').click();
      await within(asked, 60000, 'no request for the card');
      const sending = await axOne(cdp, `${sel} .p-status`);
      const said = await dialog.locator('.p-status').textContent();
      const pattern = new RegExp(`^${words.sending.replace(/[.*+?()[\]\\]/g, '\\$&').replace('\\{n\\}', '{n}').replace('{n}', '(\\d+ kB|\\d\\.\\d MB)')}$`);
      assert.match(said, pattern, `${lang}: "${said}"`);
      assert.equal(sending.role, 'status');
      assert.equal(sending.props.live, 'polite');
      // Nothing around it is busy (a screen reader holds back what a busy
      // region says until it is done); the card's preview is.
      assert.deepEqual([sending, ...sending.ancestors].filter((n) => n.props.busy).map((n) => n.role), []);
      assert.ok((await axOne(cdp, `${sel} .p-preview`)).props.busy, 'the preview is busy');
      release();
      await dialog.locator('.p-status', { hasText: words.ready }).waitFor({ timeout: 60000 });
      await page.unroute(/\/personal\/.*\.jpg$/);

      // A name the server refuses (41 characters: 422), sent with Enter from
      // the name field itself: the focus is already there, so the error is
      // said through the alert; and it describes the field, marked invalid.
      const refused = `${origin}/personal/${card}${lang === 'en' ? '' : `-${lang}`}/og.jpg`;
      expectedStatus.add(`422 ${refused}`);
      const name = dialog.locator('input[type=text]').first();
      const answered = page.waitForResponse((res) => res.url() === refused && res.status() === 422, { timeout: 60000 });
      await name.fill('A'.repeat(41));
      await name.focus();
      await page.keyboard.press('Enter');
      const error = dialog.locator('.p-field', { has: page.locator('input[name="name"]') }).locator('.p-error');
      await answered;
      await error.waitFor({ state: 'visible', timeout: 60000 });
      const problem = words.too_long.replace('{n}', 40);
      assert.equal(await error.textContent(), problem);
      const alert = await axOne(cdp, `${sel} [role=alert]`);
      assert.equal(alert.role, 'alert');
      assert.equal((await dialog.locator('[role=alert]').textContent()).trim(), problem);
      const field = await focusedNode(cdp);
      assert.equal(field.props.invalid, 'true');
      assert.ok(field.description.includes(problem), `${lang}: the name field is described as "${field.description}"`);
      // From the Preview button: the focus moves to the field, which says its
      // error as it gets the focus.
      await dialog.locator('button[type=submit]').focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement && document.activeElement.name === 'name', null, { timeout: 60000 });
      const again = await focusedNode(cdp);
      assert.equal(again.props.invalid, 'true');
      assert.ok(again.description.includes(problem));
      await page.close();
    }
  });

  test('the panel\'s share links close back onto its Share button, and the panel onto its opener', async () => {
    const words = strings.es;
    const { page, cdp } = await openPhone(`${origin}/#es`, () => { navigator.canShare = () => false; });
    const dialog = await openPanel(page, 'es');
    await dialog.locator('input[type=text]').first().fill('Lucía Gómez');
    await dialog.locator('input[type=file]').setInputFiles(photo);
    await dialog.locator('.p-crop').waitFor({ state: 'visible' });
    const share = dialog.locator('.share-button');
    await share.focus();
    await page.keyboard.press('Enter');
    await dialog.locator('.share-links').waitFor({ state: 'visible', timeout: 60000 });
    const group = await axOne(cdp, '#es dialog.personal .share-links');
    assert.equal(group.role, 'group');
    assert.equal(group.name, words.personal.share_label);
    const first = await focusedNode(cdp);
    assert.equal(first.name, words.share.link.replace('{n}', 'WhatsApp'));
    assert.equal(first.description, words.share.links_note);
    // Escape closes the links, not the panel.
    await page.keyboard.press('Escape');
    assert.equal(await dialog.isVisible(), true);
    const back = await focusedNode(cdp);
    assert.equal(back.name, words.personal.share_label);
    assert.equal(back.props.expanded, false);
    // Escape again closes the panel; the focus is on "Make it yours" again.
    await page.keyboard.press('Escape');
    assert.equal(await dialog.isVisible(), false);
    assert.equal((await focusedNode(cdp)).name, words.personal.open);
    await page.close();
  });

  test('no console errors or unexpected failed requests', () => {
    assert.deepEqual(problems, []);
  });
});

