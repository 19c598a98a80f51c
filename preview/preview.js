// The preview page: every card at every size, kept up to date over
// Server-Sent Events. Each event carries the whole state (cards, sizes,
// errors); the page changes only what differs, so an image is fetched again
// only when its version changed, and the scroll position and the open card
// stay. Overlays are drawn in SVG in each card's own pixels from its layout
// dump, so they sit on the pixels exactly. No dependencies.
'use strict';
(() => {
  const $ = (id) => document.getElementById(id);
  const make = (tag, className, text) => {
    const el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  };
  const SVG = 'http://www.w3.org/2000/svg';
  const svg = (tag, attrs) => {
    const el = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    return el;
  };
  const enc = encodeURIComponent;
  // Each image in the format `placard render` writes for it (o.ext: png, jpg or webp).
  const formatNames = { png: 'PNG', jpeg: 'JPEG', webp: 'WebP' };
  const imgUrl = (id, o) => `/img/${enc(id)}/${enc(o.size)}.${o.ext}?v=${o.version}`;
  const dumpUrl = (id, o) => `/dump/${enc(id)}/${enc(o.size)}.json?v=${o.version}`;
  const kB = (n) => (n < 1000 ? `${n} B` : `${(n / 1000).toFixed(1)} kB`);

  let state = null;
  let shape = '';            // cards and sizes the DOM was built for
  const cells = new Map();   // "id/size" -> {cell, img, overlay, label, badges, output}
  const hidden = new Set();  // sizes filtered out
  const overlays = new Set();
  const dumps = new Map();   // dump URL -> promise of JSON
  let dismissed = '';        // errors the designer hid, until they change
  let open = null;           // [card id, size] in the detail view

  function dump(id, o) {
    const url = dumpUrl(id, o);
    if (!dumps.has(url)) dumps.set(url, fetch(url).then((r) => (r.ok ? r.json() : null)).catch(() => null));
    return dumps.get(url);
  }

  // ---- Overlays: safe area, text frames, lines with baselines, chosen sizes ----

  function drawOverlay(layer, d) {
    layer.replaceChildren();
    if (!d) return;
    layer.setAttribute('viewBox', `0 0 ${d.width} ${d.height}`);
    const rect = (r, cls) => layer.append(svg('rect', { x: r[0], y: r[1], width: r[2], height: r[3], class: cls }));
    if (overlays.has('safe')) rect(d.safe, 'ov-safe');
    for (const f of d.frames) {
      if (overlays.has('frames')) rect(f.box, 'ov-frame');
      for (const b of f.blocks) {
        if (overlays.has('lines')) {
          (b.line_boxes || []).forEach((l, i) => {
            rect(l, 'ov-line');
            const y = b.baselines[i];
            layer.append(svg('line', { x1: l[0], x2: l[0] + l[2], y1: y, y2: y, class: 'ov-base' }));
          });
        }
        if (overlays.has('fit') && b.lines > 0) {
          // At the frame's far edge, level with the block's first line.
          const [min, max] = b.size_range || [b.font_size, b.font_size];
          const first = (b.line_boxes && b.line_boxes[0]) || b.ink;
          const t = svg('text', { x: f.box[0] + f.box[2] - 4, y: first[1] + Math.max(16, d.width / 50),
            class: 'ov-fit', 'text-anchor': 'end', 'font-size': Math.max(16, d.width / 50) });
          t.textContent = `${b.field} ${b.font_size}px (${min}–${max})`;
          layer.append(t);
        }
      }
    }
  }

  function refreshOverlay(entry, id) {
    entry.overlay.replaceChildren();
    if (!overlays.size || !entry.output.version) return;
    dump(id, entry.output).then((d) => {
      if (entry.output.version && d && d.size === entry.output.size) drawOverlay(entry.overlay, d);
    });
  }

  // ---- The grid: one row per card, one column per size ----

  function build() {
    const main = $('cards');
    main.replaceChildren();
    cells.clear();
    for (const card of state.cards) {
      const row = make('section', 'card');
      row.dataset.id = card.id;
      const head = make('h2', 'card-head');
      head.append(make('span', 'card-id', card.id), make('span', 'card-kind', card.kind), make('span', 'card-where', card.where));
      const strip = make('div', 'strip');
      for (const o of card.outputs) {
        const cell = make('figure', 'cell');
        cell.dataset.size = o.size;
        cell.tabIndex = 0;
        cell.setAttribute('role', 'button');
        const frame = make('div', 'frame');
        frame.style.aspectRatio = `${o.width} / ${o.height}`;
        cell.style.setProperty('--ratio', o.width / o.height);
        const img = make('img');
        img.width = o.width;
        img.height = o.height;
        img.alt = card.alt;
        const overlay = svg('svg', { class: 'overlay', viewBox: `0 0 ${o.width} ${o.height}`, 'aria-hidden': 'true' });
        frame.append(img, overlay);
        const label = make('figcaption', 'label');
        const badges = make('div', 'badges');
        const pv = make('div', 'pv-slot');
        pv.hidden = true;
        cell.append(frame, pv, label, badges);
        const entry = { cell, frame, img, overlay, pv, label, badges, output: {} };
        cells.set(`${card.id}/${o.size}`, entry);
        cell.addEventListener('click', () => openDetail(card.id, o.size));
        cell.addEventListener('keydown', (e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            openDetail(card.id, o.size);
          }
        });
        strip.append(cell);
      }
      row.append(head, strip);
      main.append(row);
    }
    applyFilter();
  }

  function update(card, o) {
    const entry = cells.get(`${card.id}/${o.size}`);
    const was = entry.output;
    entry.output = o;
    if (o.version && o.version !== was.version) {
      entry.img.src = imgUrl(card.id, o);  // the only request an update makes
      refreshOverlay(entry, card.id);
    }
    refreshPlatform(entry, card);
    entry.img.alt = card.alt;
    entry.label.replaceChildren(make('b', '', o.size), ` ${o.width}×${o.height}`,
      make('span', 'bytes', o.bytes ? kB(o.bytes) : ''));
    const c = entry.cell.classList;
    c.toggle('failed', !!o.error);
    c.toggle('stale', !o.current);
    c.toggle('contrast-fail', !!(o.contrast && o.contrast.length));
    entry.badges.replaceChildren();
    if (o.error) {
      const where = o.error.where.split('/').pop();
      entry.badges.append(make('span', 'badge error', `error at ${where}`));
      entry.badges.lastChild.title = o.error.message;
    }
    for (const f of o.contrast || []) {
      entry.badges.append(make('span', 'badge contrast',
        `contrast ${f.ratio}:1 ${f.field} ${f.text} on ${f.background} (needs ${f.needed}:1)`));
    }
    for (const w of o.warnings || []) entry.badges.append(make('span', 'badge warning', w));
  }

  // ---- Platform views: each card as a platform shows it ----
  //
  // All geometry comes from the dump's `surfaces`: platforms.yaml through the
  // same C++ (shown_area, covered_areas) the platform check measures with,
  // in the card's px, and the check's findings on each surface. The crop is
  // the shown area, each covered area is drawn translucent with the
  // platform's name, each finding is outlined, and around the image a plain
  // mock of the platform's page is drawn here in HTML and CSS: no logo,
  // font or image comes from anywhere else.

  let platform = '';  // the surface picked; '' = the cards as files

  // An element with children (nodes or strings).
  const el = (tag, className, ...children) => {
    const e = make(tag, className);
    e.append(...children);
    return e;
  };

  const surfacesOf = (size) => ((state && state.sizes.find((s) => s.name === size)) || {}).surfaces || [];
  const pct = (v) => `${(v * 100).toFixed(4)}%`;

  // Which mock a surface gets: a full screen (stories, Reels, TikTok,
  // Shorts), a chat bubble, a chat app's embed, or a post in a feed.
  const STORIES = new Set(['instagram-story', 'facebook-story', 'whatsapp-status']);
  const BUBBLES = new Set(['whatsapp-link', 'imessage-link', 'telegram-link']);
  const EMBEDS = new Set(['discord-embed', 'slack-unfurl']);
  function mockKind(s, d) {
    if (STORIES.has(s.name) || ['reels', 'tiktok', 'shorts'].includes(s.name)) return 'screen';
    if (BUBBLES.has(s.name)) return 'bubble';
    if (EMBEDS.has(s.name)) return 'embed';
    return d.height >= d.width * 1.6 ? 'screen' : 'post';
  }

  // The card's first line as a page title, and the campaign's domain.
  const titleOf = (card) => {
    const line = (card.caption || card.id).split('\n')[0].trim();
    return line.length > 90 ? `${line.slice(0, 88).trimEnd()}…` : line;
  };
  const domainOf = (card) => {
    const m = /https?:\/\/(?:www\.)?([^/\s]+)/.exec(card.caption || '') ||
      /(?:^|\s)(?:www\.)?((?:[a-z0-9-]+\.)+[a-z]{2,})(?:\/\S*)?(?=\s|$)/i.exec(card.caption || '');
    return m ? m[1] : 'your page';
  };

  // An element placed over the shown image at `area` (card px).
  function place(cls, area, shown, ...children) {
    const box = el('div', cls, ...children);
    box.style.left = pct((area[0] - shown[0]) / shown[2]);
    box.style.top = pct((area[1] - shown[1]) / shown[3]);
    box.style.width = pct(area[2] / shown[2]);
    box.style.height = pct(area[3] / shown[3]);
    return box;
  }

  // The image as the surface shows it: cut to its shown area, its covered
  // areas and the check's findings drawn over it in the card's own px.
  function media(s, d, card, o) {
    const [sx, sy, sw, sh] = s.shown;
    const box = el('div', 'pv-media');
    box.style.aspectRatio = `${sw} / ${sh}`;
    const img = el('img');
    img.alt = card.alt;
    img.src = imgUrl(card.id, o);
    img.style.width = pct(d.width / sw);
    img.style.height = pct(d.height / sh);
    img.style.left = pct(-sx / sw);
    img.style.top = pct(-sy / sh);
    const chrome = el('div', 'pv-chrome');
    const layer = svg('svg', { class: 'pv-layer', viewBox: `${sx} ${sy} ${sw} ${sh}`, preserveAspectRatio: 'none', 'aria-hidden': 'true' });
    const size = Math.max(14, d.width / 40);
    for (const c of s.covered) {
      const [x, y, w, h] = c.area;
      const g = svg('g', { class: 'pv-cover', 'data-name': c.name, 'data-edge': c.edge });
      g.append(svg('rect', { x, y, width: w, height: h }));
      const vertical = c.edge === 'left' || c.edge === 'right' || h > w * 2;
      const room = vertical ? w : h;
      const fontSize = Math.min(size, room * 0.42);
      // At the middle of the area; a band's at its inner edge and a rail's
      // in its upper part, clear of the interface the mock draws there.
      const cx = x + w / 2;
      const cy = c.edge === 'bottom' && h > fontSize * 4 ? y + fontSize * 1.2
        : c.edge === 'top' && h > fontSize * 4 ? y + h - fontSize * 1.2
          : vertical && h > w * 4 ? y + h * 0.3 : y + h / 2;
      const t = svg('text', { x: cx, y: cy, 'text-anchor': 'middle', 'dominant-baseline': 'central',
        'font-size': fontSize, ...(vertical ? { transform: `rotate(-90 ${cx} ${cy})` } : {}) });
      t.textContent = `${s.platform}: ${c.name}`;
      g.append(t);
      layer.append(g);
    }
    for (const i of s.issues) {
      const [x, y, w, h] = i.box;
      const g = svg('g', { class: 'pv-issue', 'data-element': i.element });
      g.append(svg('rect', { x, y, width: w, height: h }));
      const t = svg('text', { x: x + 4, y: y - 6, 'font-size': size * 0.9 });
      t.textContent = `${i.element}: ${i.px} px`;
      g.append(t);
      layer.append(g);
    }
    box.append(img, chrome, layer);
    return { box, chrome };
  }

  const covered = (s, edge) => s.covered.find((c) => c.edge === edge);
  const dots = (n) => Array.from({ length: n }, () => el('span', 'pv-dot'));

  // Stories, Reels, TikTok, Shorts: the interface sits in the areas the
  // surface covers (or at the usual places where it publishes none).
  function screenChrome(s, d, chrome, card) {
    const [sx, sy, sw, sh] = s.shown;
    const top = covered(s, 'top') || { area: [sx, sy, sw, sh * 0.1] };
    const bottom = covered(s, 'bottom') || { area: [sx, sy + sh * 0.88, sw, sh * 0.12] };
    const right = covered(s, 'right');
    const story = STORIES.has(s.name);
    const name = el('b', '', 'your_campaign');
    if (story) {
      const bars = el('div', 'pv-progress', ...dots(3));
      const who = el('div', 'pv-who', el('span', 'pv-avatar'), name, el('span', 'pv-muted', '2 h'));
      chrome.append(place('pv-top pv-story-top', top.area, s.shown, bars, who));
      chrome.append(place('pv-bottom pv-story-bottom', bottom.area, s.shown,
        el('div', 'pv-reply', el('span', 'pv-input', s.name === 'whatsapp-status' ? 'Reply' : 'Send message'), el('span', 'pv-dot'), el('span', 'pv-dot'))));
      return;
    }
    const tabs = s.name === 'tiktok' ? ['Following', 'For You'] : s.name === 'shorts' ? ['Shorts'] : ['Reels'];
    chrome.append(place('pv-top pv-tabs', top.area, s.shown, ...tabs.map((t, i) => el('span', i === tabs.length - 1 ? 'pv-tab on' : 'pv-tab', t))));
    // The buttons: in the right rail, or at the right of the bottom band
    // when the rail is only a margin.
    const wide = right && right.area[2] >= sw * 0.1;
    const railArea = wide ? [right.area[0], bottom.area[1] - sh * 0.25, right.area[2], sh * 0.25 + bottom.area[3] * 0.5]
      : [sx + sw * 0.84, bottom.area[1] - sh * 0.2, sw * 0.16, sh * 0.2 + bottom.area[3] * 0.5];
    const rail = place('pv-rail', railArea, s.shown);
    for (const count of ['12k', '340', '1.2k', 'Share']) rail.append(el('div', 'pv-button', el('span', 'pv-dot'), el('small', '', count)));
    chrome.append(rail);
    const capW = (wide ? right.area[0] : sx + sw * 0.84) - bottom.area[0];
    chrome.append(place('pv-bottom pv-caption', [bottom.area[0], bottom.area[1], capW, bottom.area[3]], s.shown,
      el('div', 'pv-who', el('span', 'pv-avatar'), name), el('p', 'pv-text', titleOf(card)), el('p', 'pv-muted', 'original audio')));
  }

  function postHead(card, handle) {
    return el('div', 'pv-head', el('span', 'pv-avatar'),
      el('span', 'pv-names', el('b', '', 'Your Campaign'), el('span', 'pv-muted', handle)));
  }

  // The whole mock of one card on one surface, with what the check found.
  function platformView(s, d, card, o) {
    const kind = mockKind(s, d);
    const root = el('div', 'pv');
    root.dataset.surface = s.name;
    const view = el('div', `pv-mock pv-as-${kind}`);
    const { box, chrome } = media(s, d, card, o);
    const title = titleOf(card);
    const domain = domainOf(card);
    const linkBox = () => el('div', 'pv-link', el('span', 'pv-muted', domain), el('b', '', title));
    if (kind === 'screen') {
      screenChrome(s, d, chrome, card);
      view.append(el('div', 'pv-phone', box));
    } else if (kind === 'bubble') {
      const bubble = el('div', 'pv-bubble');
      if (s.name === 'imessage-link') {
        bubble.append(box, el('div', 'pv-link', el('b', '', title), el('span', 'pv-muted', domain)));
      } else {
        bubble.append(el('div', 'pv-quote', box, el('b', '', title), el('span', 'pv-muted', domain)),
          el('p', 'pv-text', `${domain}`), el('span', 'pv-time', '12:04'));
      }
      view.append(el('div', 'pv-chat', bubble));
    } else if (kind === 'embed') {
      const embed = el('div', 'pv-embed', el('span', 'pv-muted', domain), el('b', 'pv-title', title), box);
      view.append(postHead(card, 'Today at 12:04'), el('p', 'pv-text pv-url', domain), embed);
    } else {
      const handles = { 'x-card': '@your_campaign · 1h', 'x-post': '@your_campaign · 1h', 'linkedin-link': '1,204 followers · 1h',
        'facebook-link': '1 h', 'facebook-feed': '1 h', 'bluesky-link': '@campaign.bsky · 1h', 'mastodon-link': '@campaign · 1h' };
      view.append(postHead(card, handles[s.name] || '1 h'));
      const link = s.name.endsWith('-link') || s.name === 'x-card';
      if (s.name !== 'pinterest') view.append(el('p', 'pv-text', link ? `${title} ${domain}` : title));
      if (s.name === 'x-card') {
        // X lays the page's title over the bottom of the image.
        const band = covered(s, 'bottom');
        if (band) chrome.append(place('pv-xtitle', band.area, s.shown, el('span', 'pv-pill', title.length > 60 ? `${title.slice(0, 58).trimEnd()}…` : title)));
        view.append(box);
      } else if (link && s.name !== 'mastodon-link' && s.name !== 'threads-link') {
        view.append(el('div', 'pv-card', box, linkBox()));
      } else {
        view.append(box);
      }
      view.append(el('div', 'pv-actions', ...['Reply', 'Repost', 'Like', 'Share'].map((a) => el('span', '', a))));
    }
    // What the crop keeps and what the check says, in words.
    const [sx, sy, sw, sh] = s.shown;
    const facts = el('div', 'pv-facts');
    const cut = s.crop.kind === 'none' ? 'shown whole'
      : `${s.crop.kind === 'square' ? 'square thumbnail' : `${s.crop.ratio}:1 crop`}: shows x ${Math.round(sx)}–${Math.round(sx + sw)}, y ${Math.round(sy)}–${Math.round(sy + sh)} of ${d.width}×${d.height}`;
    facts.append(el('p', 'pv-where', `${s.platform}: ${s.shows}; ${cut}`));
    if (s.covered.length) facts.append(el('p', 'pv-covers', `covers: ${s.covered.map((c) => c.name).join(', ')}`));
    facts.append(s.issues.length ? el('ul', 'pv-issues', ...s.issues.map((i) => el('li', '', i.text)))
      : el('p', 'pv-ok', 'text, logo and important elements clear of it'));
    root.append(view, facts);
    return root;
  }

  // Draws (or clears) a cell's platform view; fetches the dump once per version.
  function refreshPlatform(entry, card) {
    const o = entry.output;
    const on = platform !== '' && surfacesOf(o.size).some((f) => f.name === platform);
    entry.cell.classList.toggle('pv-on', on);
    entry.frame.hidden = on;
    entry.pv.hidden = !on;
    const key = on ? `${platform}/${o.version}/${card.caption}` : '';
    if (entry.pv.dataset.key === key) return;
    entry.pv.dataset.key = key;
    entry.pv.replaceChildren();
    if (!on || !o.version) return;
    dump(card.id, o).then((d) => {
      if (entry.pv.dataset.key !== key || !d || !d.surfaces) return;
      const s = d.surfaces.find((x) => x.name === platform);
      if (s) entry.pv.replaceChildren(platformView(s, d, card, o));
    });
  }

  function fillPlatforms() {
    const select = $('platform');
    const key = JSON.stringify(state.sizes.map((s) => [s.name, (s.surfaces || []).map((f) => f.name)]));
    if (select.dataset.key === key) return;
    select.dataset.key = key;
    const seen = new Set();
    const groups = [];
    for (const s of state.sizes) {
      const fresh = (s.surfaces || []).filter((f) => !seen.has(f.name));
      if (!fresh.length) continue;
      fresh.forEach((f) => seen.add(f.name));
      const group = document.createElement('optgroup');
      group.label = `${s.name} ${s.width}×${s.height}`;
      group.append(...fresh.map((f) => new Option(`${f.platform}: ${f.shows}`, f.name)));
      groups.push(group);
    }
    select.replaceChildren(new Option('none: the cards as files', ''), ...groups);
    if (!seen.has(platform)) platform = '';
    select.value = platform;
  }

  $('platform').addEventListener('change', () => {
    platform = $('platform').value;
    document.body.classList.toggle('platforming', platform !== '');
    applyFilter();
    for (const card of state.cards) for (const o of card.outputs) refreshPlatform(cells.get(`${card.id}/${o.size}`), card);
    if (open && $('detail').open) openDetail(...open);
  });

  // ---- Controls ----

  function fillSelect(select, choices, chosen, own) {
    const key = JSON.stringify([choices, chosen]);
    if (select.dataset.key === key) return;
    select.dataset.key = key;
    select.replaceChildren(new Option(own, ''), ...choices.map((c) => new Option(c.label, c.id)));
    select.value = chosen;
  }

  function fillSizes() {
    const box = $('sizes');
    const key = state.sizes.map((s) => s.name).join();
    if (box.dataset.key === key) return;
    box.dataset.key = key;
    box.querySelectorAll('label').forEach((l) => l.remove());
    for (const s of state.sizes) {
      const label = make('label', 'chip');
      const input = make('input');
      input.type = 'checkbox';
      input.checked = !hidden.has(s.name);
      input.dataset.size = s.name;
      input.addEventListener('change', () => {
        if (input.checked) hidden.delete(s.name); else hidden.add(s.name);
        applyFilter();
      });
      label.append(input, ` ${s.name}`);
      label.title = `${s.width}×${s.height} ${s.label}`;
      box.append(label);
    }
  }

  // A size is shown unless filtered out, or a platform is picked that the
  // size is not for.
  function applyFilter() {
    for (const entry of cells.values()) {
      const size = entry.cell.dataset.size;
      entry.cell.hidden = hidden.has(size) || (platform !== '' && !surfacesOf(size).some((f) => f.name === platform));
    }
  }

  // A pick changes the server's state: a POST with the token only this page
  // holds (the server refuses one from any other page).
  function choose() {
    const form = new FormData();
    form.append('layout', $('layout').value);
    form.append('brand', $('brand').value);
    form.append('token', document.querySelector('meta[name="placard-token"]').content);
    fetch('/api/choose', { method: 'POST', body: form });
  }
  $('layout').addEventListener('change', choose);
  $('brand').addEventListener('change', choose);
  for (const box of document.querySelectorAll('[data-overlay]')) {
    box.addEventListener('change', () => {
      if (box.checked) overlays.add(box.dataset.overlay); else overlays.delete(box.dataset.overlay);
      document.body.classList.toggle('overlaying', overlays.size > 0);
      for (const [key, entry] of cells) refreshOverlay(entry, key.slice(0, key.lastIndexOf('/')));
      if (open && $('detail').open) openDetail(...open);
    });
  }

  // ---- Errors: an overlay with the place, the source lines and a caret ----

  function renderError(e, cards) {
    const box = make('article', 'error');
    box.append(make('p', 'where', `${e.where}: ${e.severity}`), make('p', 'message', e.message));
    if (cards) box.append(make('p', 'cards-of', `cards: ${cards}`));
    if (e.source.length) {
      const pre = make('pre', 'source');
      for (const l of e.source) {
        const line = make('span', l.n === e.line ? 'line hit' : 'line', `${String(l.n).padStart(4)} | ${l.text}\n`);
        pre.append(line);
        if (l.n === e.line && e.col > 0) pre.append(make('span', 'caret', `${' '.repeat(4)} | ${' '.repeat(e.col - 1)}^\n`));
      }
      box.append(pre);
    }
    for (const h of e.hints) box.append(make('p', 'hint', `hint: ${h}`));
    return box;
  }

  function showErrors() {
    const seen = new Map();
    for (const e of state.errors) seen.set(e.text, [e, []]);
    for (const card of state.cards) {
      for (const o of card.outputs) {
        if (!o.error) continue;
        if (!seen.has(o.error.text)) seen.set(o.error.text, [o.error, []]);
        const ids = seen.get(o.error.text)[1];
        if (!ids.includes(card.id)) ids.push(card.id);
      }
    }
    const key = [...seen.keys()].join('\n');
    const panel = $('errors');
    panel.hidden = seen.size === 0 || key === dismissed;
    if (panel.dataset.key === key) return;
    panel.dataset.key = key;
    $('errors-title').textContent = `${seen.size} error${seen.size === 1 ? '' : 's'}`;
    $('errors-list').replaceChildren(...[...seen.values()].map(([e, ids]) => renderError(e, ids.join(', '))));
  }
  $('errors-close').addEventListener('click', () => {
    dismissed = $('errors').dataset.key;
    $('errors').hidden = true;
  });

  // ---- The card in detail: at 100%, with its texts, dump and sizes ----

  function openDetail(id, size) {
    const card = state.cards.find((c) => c.id === id);
    const o = card && card.outputs.find((x) => x.size === size);
    if (!o) return;
    open = [id, size];
    $('detail-title').textContent = `${id} · ${size} · ${o.width}×${o.height}`;
    const frame = $('detail-frame');
    const key = `${id}/${size}/${o.version}/${[...overlays].join()}`;
    if (frame.dataset.key !== key) {
      frame.dataset.key = key;
      const img = make('img');
      img.width = o.width;
      img.height = o.height;
      img.alt = card.alt;
      if (o.version) img.src = imgUrl(id, o);
      const layer = svg('svg', { class: 'overlay', viewBox: `0 0 ${o.width} ${o.height}`, width: o.width, height: o.height });
      frame.replaceChildren(img, layer);
      frame.style.width = `${o.width}px`;
      frame.style.height = `${o.height}px`;
      $('detail-dump').textContent = '';
      if (o.version) {
        dump(id, o).then((d) => {
          if (overlays.size) drawOverlay(layer, d);
          $('detail-dump').textContent = JSON.stringify(d, null, 2);
        });
      }
    }
    // With a platform picked: the card as that platform shows it.
    const view = $('detail-platform');
    const on = platform !== '' && surfacesOf(size).some((f) => f.name === platform);
    frame.hidden = on;
    view.hidden = !on;
    const viewKey = on ? `${id}/${size}/${o.version}/${platform}` : '';
    if (view.dataset.key !== viewKey) {
      view.dataset.key = viewKey;
      view.replaceChildren();
      if (on && o.version) {
        dump(id, o).then((d) => {
          const s = d && d.surfaces && d.surfaces.find((x) => x.name === platform);
          if (s && view.dataset.key === viewKey) view.replaceChildren(platformView(s, d, card, o));
        });
      }
    }
    $('detail-alt').textContent = card.alt;
    $('detail-caption').textContent = card.caption;
    $('detail-sizes').replaceChildren(...card.outputs.map((x) =>
      make('li', '', `${x.size} ${x.width}×${x.height}: ${x.bytes ? `${x.bytes.toLocaleString('en')} bytes ${formatNames[x.format]}` : 'no image'}`)));
    showFonts(card, o);
    const link = $('detail-download');
    link.href = o.version ? imgUrl(id, o) : '#';
    link.download = `${id}-${size}.${o.ext}`;
    const dialog = $('detail');
    if (!dialog.open) dialog.showModal();
  }
  // The brand's own fonts: each file with its family, format, axes, the
  // instance the brand asks for and its licence; the faces this size is set
  // in (with the optical size chosen); the characters another font drew.
  function showFonts(card, o) {
    const box = $('detail-fonts');
    const fonts = card.fonts || [];
    if (!fonts.length) {
      box.replaceChildren(make('p', 'fonts-bundled', 'the bundled fonts (the brand brings none)'));
      return;
    }
    const table = make('table', 'fonts');
    const head = make('tr');
    for (const h of ['Role', 'File', 'Family', 'Format', 'Axes', 'Instance', 'Licence']) head.append(make('th', '', h));
    table.append(make('thead'), make('tbody'));
    table.tHead.append(head);
    for (const f of fonts) {
      const row = make('tr');
      row.dataset.file = f.file;
      const licence = make('td', 'licence', f.licence || 'none stated');
      if (f.restricted) licence.append(make('span', 'badge warning', 'restricted: may not be embedded'));
      row.append(make('td', '', f.role), make('td', 'file', f.file), make('td', '', `${f.family} ${f.style}`),
        make('td', '', f.format), make('td', '', f.axes), make('td', '', f.instance), licence);
      table.tBodies[0].append(row);
    }
    const parts = [table];
    if (o.faces && o.faces.length) {
      parts.push(make('p', 'fonts-head', `Set in at ${o.size}:`));
      const list = make('ul', 'fonts-faces');
      for (const face of o.faces) list.append(make('li', '', face));
      parts.push(list);
    }
    const fell = o.fallbacks || [];
    parts.push(make('p', 'fonts-head', fell.length ? 'Characters the brand\'s fonts lack:' : 'Every character is in the brand\'s fonts.'));
    if (fell.length) {
      const list = make('ul', 'fonts-fallbacks');
      for (const f of fell) list.append(make('li', '', `${f.char} ${f.code} in ${f.field}: drawn with ${f.font}`));
      parts.push(list);
    }
    box.replaceChildren(...parts);
  }
  // The dialog's close event comes a task later: a control changed in between
  // (the platform picker, an overlay) must not see the card as still open and
  // open the dialog again (it did, in the browser test, under a slow build).
  $('detail-close').addEventListener('click', () => {
    open = null;
    $('detail').close();
  });
  $('detail').addEventListener('close', () => {
    open = null;
  });

  // ---- State from the server ----

  function apply(next) {
    // A headline edited into a new id is still the open card: same place.
    if (open && !next.cards.some((c) => c.id === open[0]) && state) {
      const at = state.cards.findIndex((c) => c.id === open[0]);
      if (next.cards[at]) open = [next.cards[at].id, open[1]];
    }
    state = next;
    const newShape = JSON.stringify(next.cards.map((c) => [c.id, c.outputs.map((o) => o.size)]));
    if (newShape !== shape) {
      shape = newShape;
      build();
    }
    fillSizes();
    fillPlatforms();
    applyFilter();
    fillSelect($('layout'), next.layouts, next.layout, 'as the content says');
    fillSelect($('brand'), next.brands, next.brand, 'as the content says');
    for (const card of next.cards) for (const o of card.outputs) update(card, o);
    showErrors();
    if (open && $('detail').open) openDetail(...open);
    document.body.dataset.version = next.version;
  }

  const live = $('live');
  const events = new EventSource('/events');
  events.addEventListener('state', (e) => apply(JSON.parse(e.data)));
  events.addEventListener('open', () => {
    live.textContent = 'live';
    live.className = 'live on';
  });
  events.addEventListener('error', () => {
    live.textContent = 'reconnecting…';
    live.className = 'live off';
  });
})();
