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
        cell.append(frame, label, badges);
        const entry = { cell, img, overlay, label, badges, output: {} };
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

  function applyFilter() {
    for (const entry of cells.values()) entry.cell.hidden = hidden.has(entry.cell.dataset.size);
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
      if (open) openDetail(...open);
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
  $('detail-close').addEventListener('click', () => $('detail').close());
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
