// The "Make it yours" panel: a supporter types their name (and picks a
// photo), the Placard server draws their own card, they look at it and
// download it. gallery.js loads this file only after the server answered
// GET /personal, and leaves {url, offer} (where it asked, and the answer) in
// window.placardPersonal. placard gallery puts window.placardPanel above
// this code: by card element id, each card's fields, labels and sizes; by
// edition id, the panel's words. What the supporter enters goes to the
// server in one POST and nowhere else; the card comes back as a blob held by
// this page. A photo is placed in the frame's slot here (dragged, pinched,
// zoomed with the slider or the keys), then scaled down in the page to what
// the slot needs and sent as a fresh JPEG: the camera's file, and its
// metadata, stay on the phone. The server draws it where the supporter put it
// (photo_x, photo_y, photo_zoom), with the drawing code of a layout's focus.
'use strict';
(() => {
  const { url, offer } = window.placardPersonal || {};
  const panel = window.placardPanel;
  if (!offer || !panel) return;
  const photoMb = Number(offer.photo_mb) > 0 ? Number(offer.photo_mb) : 10;
  const photoTypes = ['image/jpeg', 'image/png', 'image/webp'];
  // Lengths are counted as the server counts them: in graphemes, so that an
  // accented or joined letter counts once.
  const segmenter = window.Intl && Intl.Segmenter ? new Intl.Segmenter() : null;
  const graphemes = (text) => (segmenter ? Array.from(segmenter.segment(text)).length : Array.from(text).length);
  const fill = (text, n) => String(text).replace('{n}', n);
  let panels = 0;

  function make(tag, props, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (key === 'class') el.className = value;
      else if (key in el && typeof value !== 'string') el[key] = value;
      else el.setAttribute(key, value);
    }
    el.append(...children);
    return el;
  }
  const parse = (text) => {
    try {
      return JSON.parse(text);
    } catch (err) {
      return null;
    }
  };

  // One labelled control with its hint and the place for its error, which
  // the control names as its description.
  function field(id, labelText, note, control, hintText) {
    const hint = make('p', { class: 'p-hint', id: id + '-hint' }, hintText);
    const error = make('p', { class: 'p-error', id: id + '-error', hidden: true });
    control.id = id;
    control.setAttribute('aria-describedby', `${id}-hint ${id}-error`);
    const label = make('label', { for: id }, labelText, ' ', make('span', { class: 'p-note' }, note));
    return { box: make('div', { class: 'p-field' }, label, control, hint, error), control, error };
  }

  // "312 kB", "1.2 MB": the size of what is being sent.
  const byteText = (n) => (n < 1e6 ? `${Math.max(1, Math.round(n / 1000))} kB` : `${(n / 1e6).toFixed(1)} MB`);
  const maxZoom = 4; // the server's bound for photo_zoom

  // Where a photo of iw x ih lands in a box of bw x bh that it covers,
  // `zoom` times larger than it must be, its point (fx, fy) at the box's
  // centre as far as the photo allows: the server's fit_image, line for line.
  function coverRect(bw, bh, iw, ih, fx, fy, zoom) {
    const s = Math.max(bw / iw, bh / ih) * Math.max(zoom, 1);
    const w = iw * s;
    const h = ih * s;
    const x = Math.min(Math.max(bw / 2 - fx * w, bw - w), 0);
    const y = Math.min(Math.max(bh / 2 - fy * h, bh - h), 0);
    return { x, y, w, h };
  }

  // The photo decoded upright (by its EXIF orientation, as the browser
  // shows it), or null when the browser cannot read it.
  async function decodePhoto(file) {
    try {
      if (window.createImageBitmap) return await createImageBitmap(file, { imageOrientation: 'from-image' });
    } catch (err) {
      // An older browser: an <img>, which turns it as well.
    }
    const src = URL.createObjectURL(file);
    try {
      const img = new Image();
      img.src = src;
      await img.decode();
      return img;
    } catch (err) {
      return null;
    } finally {
      URL.revokeObjectURL(src);
    }
  }
  const sizeOf = (img) => [img.naturalWidth || img.width, img.naturalHeight || img.height];

  // The photo in the frame's slot: the supporter drags it (a finger or the
  // mouse), pinches or uses the slider to zoom, or the keys (arrows move,
  // + and - zoom, Home puts it back). What it shows is what the server draws.
  // To a screen reader: a slider, its value the zoom and the place.
  function makePlacer(id, words) {
    const canvas = make('canvas', { class: 'p-crop-canvas' });
    const hint = make('p', { class: 'p-hint', id: `${id}-place-hint` }, words.place,
      make('span', { class: 'visually-hidden', id: `${id}-place-keys` }, ' ', words.place_keys || ''));
    const stage = make('div', { class: 'p-crop', tabindex: '0', role: 'slider', 'aria-label': words.place_label,
      'aria-describedby': `${id}-place-keys`, 'aria-valuemin': '100', 'aria-valuemax': String(maxZoom * 100) }, canvas);
    const zoomInput = make('input', { type: 'range', min: '1', max: String(maxZoom), step: '0.01', value: '1', id: `${id}-zoom` });
    const box = make('div', { class: 'p-place', hidden: true }, stage,
      make('div', { class: 'p-zoom' }, make('label', { for: zoomInput.id }, words.zoom), zoomInput), hint);
    const pc = (v) => Math.round(v * 100);
    // Orca says a value only if its number changed: a move flips a decimal.
    let told = '';
    let flip = 0;
    function tell() {
      const text = fill(words.place_value, pc(zoom)).replace('{x}', pc(fx)).replace('{y}', pc(fy));
      if (text !== told) flip = 0.01 - flip;
      told = text;
      stage.setAttribute('aria-valuenow', pc(zoom) + flip);
      stage.setAttribute('aria-valuetext', text);
      zoomInput.setAttribute('aria-valuetext', fill(words.zoom_value, pc(zoom)));
    }
    let photo = null; // decoded, upright
    let slot = null; // {width, height, slot: [x, y, w, h]} at the chosen size
    let fx = 0.5;
    let fy = 0.5;
    let zoom = 1;
    let sent = null; // {key, blob}: the last scaled copy

    // The focal point that gives the same picture without clamping, so that a
    // drag back from an edge moves the photo at once.
    function settle() {
      const [iw, ih] = sizeOf(photo);
      const [, , bw, bh] = slot.slot;
      const r = coverRect(bw, bh, iw, ih, fx, fy, zoom);
      fx = (bw / 2 - r.x) / r.w;
      fy = (bh / 2 - r.y) / r.h;
    }
    function draw() {
      if (!photo || !slot || box.hidden) return;
      const ratio = window.devicePixelRatio || 1;
      const cw = Math.max(1, Math.round(stage.clientWidth * ratio));
      const ch = Math.max(1, Math.round(stage.clientHeight * ratio));
      if (canvas.width !== cw || canvas.height !== ch) {
        canvas.width = cw;
        canvas.height = ch;
      }
      // Placed in the slot's own px, then shown at the stage's size: a point
      // is as far across the stage as it will be across the slot.
      const [iw, ih] = sizeOf(photo);
      const [, , sw, sh] = slot.slot;
      const r = coverRect(sw, sh, iw, ih, fx, fy, zoom);
      const kx = cw / sw;
      const ky = ch / sh;
      const ctx = canvas.getContext('2d');
      ctx.imageSmoothingQuality = 'high';
      ctx.clearRect(0, 0, cw, ch);
      ctx.drawImage(photo, r.x * kx, r.y * ky, r.w * kx, r.h * ky);
      zoomInput.value = String(zoom);
      tell();
    }
    // Moves the photo by (dx, dy) px of the stage as shown.
    function pan(dx, dy) {
      const [iw, ih] = sizeOf(photo);
      const [, , sw, sh] = slot.slot;
      const r = coverRect(sw, sh, iw, ih, fx, fy, zoom);
      fx -= (dx * sw) / Math.max(1, stage.clientWidth) / r.w;
      fy -= (dy * sh) / Math.max(1, stage.clientHeight) / r.h;
      settle();
      draw();
    }
    function setZoom(value) {
      zoom = Math.min(Math.max(Number(value) || 1, 1), maxZoom);
      settle();
      draw();
    }

    const pointers = new Map();
    let pinch = null; // {distance, zoom} as two fingers came down
    const spread = () => {
      const [a, b] = [...pointers.values()];
      return Math.hypot(a.x - b.x, a.y - b.y) || 1;
    };
    stage.addEventListener('pointerdown', (event) => {
      if (!photo) return;
      stage.setPointerCapture(event.pointerId);
      pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
      pinch = pointers.size === 2 ? { distance: spread(), zoom } : null;
      event.preventDefault();
    });
    stage.addEventListener('pointermove', (event) => {
      const last = pointers.get(event.pointerId);
      if (!last) return;
      const dx = event.clientX - last.x;
      const dy = event.clientY - last.y;
      last.x = event.clientX;
      last.y = event.clientY;
      if (pinch && pointers.size === 2) {
        setZoom(pinch.zoom * (spread() / pinch.distance));
        pan(dx / 2, dy / 2); // the pinch's middle moves half as far as one finger
      } else {
        pan(dx, dy);
      }
    });
    const lift = (event) => {
      pointers.delete(event.pointerId);
      pinch = null;
    };
    stage.addEventListener('pointerup', lift);
    stage.addEventListener('pointercancel', lift);
    stage.addEventListener('keydown', (event) => {
      if (!photo) return;
      const step = event.shiftKey ? 0.1 : 0.02;
      const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
      if (moves[event.key]) {
        pan(moves[event.key][0] * step * stage.clientWidth, moves[event.key][1] * step * stage.clientHeight);
      } else if (event.key === '+' || event.key === '=') {
        setZoom(zoom * 1.1);
      } else if (event.key === '-' || event.key === '_') {
        setZoom(zoom / 1.1);
      } else if (event.key === 'Home') {
        fx = 0.5;
        fy = 0.5;
        setZoom(1);
      } else {
        return;
      }
      event.preventDefault();
    });
    zoomInput.addEventListener('input', () => setZoom(zoomInput.value));
    if (window.ResizeObserver) new ResizeObserver(() => draw()).observe(stage);

    return {
      box,
      ready: () => !!photo,
      // As sent: four decimals, which the inputs' key compares too.
      placement: () => (photo ? { x: Number(fx.toFixed(4)), y: Number(fy.toFixed(4)), zoom: Number(zoom.toFixed(4)) } : null),
      async load(file, at) {
        photo = file ? await decodePhoto(file) : null;
        sent = null;
        fx = 0.5;
        fy = 0.5;
        zoom = 1;
        box.hidden = !photo;
        if (photo) this.reshape(at);
        return !!photo;
      },
      reshape(at) {
        if (!at) return;
        slot = at;
        stage.style.aspectRatio = `${slot.slot[2]} / ${slot.slot[3]}`;
        stage.style.setProperty('--ratio', String(slot.slot[2] / slot.slot[3]));
        if (photo) settle();
        draw();
      },
      // The photo scaled down to what the slot needs at this size and zoom
      // (one photo pixel for each pixel of the card, never more than the
      // photo has), as a JPEG made here: no byte of the original's file
      // (EXIF, GPS, the camera's name) is in it.
      async upload(at) {
        const [iw, ih] = sizeOf(photo);
        const scale = Math.min(1, Math.max(at.slot[2] / iw, at.slot[3] / ih) * zoom);
        const w = Math.max(1, Math.round(iw * scale));
        const h = Math.max(1, Math.round(ih * scale));
        const key = `${w}x${h}`;
        if (sent && sent.key === key) return sent.blob;
        const out = document.createElement('canvas');
        out.width = w;
        out.height = h;
        const ctx = out.getContext('2d');
        ctx.fillStyle = '#fff'; // a transparent PNG's background, as JPEG has none
        ctx.fillRect(0, 0, w, h);
        ctx.imageSmoothingQuality = 'high';
        ctx.drawImage(photo, 0, 0, w, h);
        const blob = await new Promise((resolve) => out.toBlob(resolve, 'image/jpeg', 0.85));
        sent = blob ? { key, blob } : null;
        return blob;
      },
    };
  }

  function build(card, mine, served, words) {
    const n = ++panels;
    const id = `personal-${n}`;
    const cardImage = card.querySelector('img');
    // The server's list of fields is the judge; the page supplies the labels.
    const labels = Object.fromEntries((mine.fields || []).map((f) => [f.name, f.label]));
    const fields = (Array.isArray(served.fields) ? served.fields : mine.fields || []).map((f) => {
      const input = make('input', { type: 'text', name: f.name, dir: 'auto', spellcheck: false, autocomplete: f.name === 'name' ? 'name' : 'off' });
      if (f.required) input.setAttribute('aria-required', 'true');
      const note = f.required ? words.required : words.optional;
      return { ...f, ...field(`${id}-${f.name}`, labels[f.name] || f.name, `(${note})`, input, fill(words.max, f.max)) };
    });
    const servedSizes = Array.isArray(served.sizes) ? served.sizes : null;
    const sizes = (mine.sizes || []).filter((s) => !servedSizes || servedSizes.includes(s.name));
    if (!fields.length || !sizes.length) return;

    const photo = served.photo
      ? field(`${id}-photo`, words.photo, `(${words.optional})`,
        make('input', { type: 'file', name: 'photo', class: 'p-file-input', accept: photoTypes.join(',') }), fill(words.photo_hint, photoMb))
      : null;
    // The page's own picker, in its language, over the real file input
    // (which keeps the focus, and offers camera and gallery on a phone).
    const chosenName = make('span', { class: 'p-file-name', id: `${id}-photo-name` }, words.no_photo);
    const placer = photo && served.slots ? makePlacer(id, words) : null;
    if (photo) {
      photo.control.setAttribute('aria-describedby', `${id}-photo-name ${photo.control.getAttribute('aria-describedby')}`);
      const pick = make('label', { for: photo.control.id, class: 'copy p-pick' }, words.choose_photo || 'Choose a photo');
      photo.control.after(make('div', { class: 'p-picker' }, pick, chosenName));
      if (placer) photo.box.append(placer.box);
    }
    const sizeList = make('fieldset', { class: 'p-sizes' }, make('legend', {}, words.size));
    sizes.forEach((s, i) => {
      const radio = make('input', { type: 'radio', name: `${id}-size`, value: s.name, checked: i === 0 });
      sizeList.append(make('label', { class: 'p-size' }, radio, make('span', {}, s.label, ' ', make('small', {}, s.dims))));
    });
    const previewButton = make('button', { type: 'submit', class: 'copy primary' }, words.preview);
    const downloadButton = make('button', { type: 'button', class: 'copy' }, words.download);
    const actions = make('div', { class: 'p-actions' }, previewButton, downloadButton);
    const status = make('p', { class: 'p-status', role: 'status', 'aria-live': 'polite' });
    // Says an error where the focus is on its field already (see point).
    const errorLine = make('p', { class: 'visually-hidden', role: 'alert' });
    let pointed = 0;
    const picture = make('img', { alt: cardImage ? cardImage.alt : card.dataset.alt || '' });
    if (cardImage) {
      picture.src = cardImage.getAttribute('src');
      picture.setAttribute('width', cardImage.getAttribute('width'));
      picture.setAttribute('height', cardImage.getAttribute('height'));
    }
    const form = make('form', { class: 'p-form', novalidate: true },
      make('p', { class: 'p-lede' }, photo ? words.lede_photo : words.lede),
      ...fields.map((f) => f.box), ...(photo ? [photo.box] : []), sizeList,
      actions, status, errorLine);
    const close = make('button', { type: 'button', class: 'p-close', 'aria-label': words.close }, '×');
    // Busy as a card is drawn: the preview, not the form (nor its status).
    const preview = make('figure', { class: 'p-preview' }, picture);
    const dialog = make('dialog', { class: 'personal', 'aria-labelledby': `${id}-title` },
      make('div', { class: 'p-head' }, make('h2', { id: `${id}-title` }, words.title), close),
      make('div', { class: 'p-body' }, form, preview));
    const open = make('button', { type: 'button', class: 'make-yours', 'aria-haspopup': 'dialog' }, words.open);
    card.classList.add('is-personal');
    card.append(open, dialog);

    let made = null; // {key, url, ext, size}: the last card the server drew
    let busy = false;

    const chosenSize = () => form.querySelector(`input[name="${id}-size"]:checked`).value;
    const chosenPhoto = () => (photo && photo.control.files.length ? photo.control.files[0] : null);
    // What the server would be asked for: a new request only when this changes.
    const inputsKey = () => JSON.stringify([fields.map((f) => f.control.value), chosenSize(),
      chosenPhoto() && [chosenPhoto().name, chosenPhoto().size, chosenPhoto().lastModified],
      placer && placer.placement()]);

    function say(text, problem) {
      status.textContent = text;
      status.classList.toggle('is-problem', !!problem);
    }
    function setError(target, text) {
      target.error.textContent = text || '';
      target.error.hidden = !text;
      if (text) target.control.setAttribute('aria-invalid', 'true');
      else target.control.removeAttribute('aria-invalid');
    }
    const clearErrors = () => {
      [...fields, ...(photo ? [photo] : [])].forEach((f) => setError(f, ''));
      errorLine.textContent = '';
    };
    // The focus to a refused field, whose error describes it; if it is
    // there already, the alert says it (the same text twice differs by a
    // no-break space).
    function point(target) {
      if (document.activeElement === target.control) errorLine.textContent = target.error.textContent + (++pointed % 2 ? '' : '\u00a0');
      else target.control.focus();
    }

    // Why a field was refused, in the page's words: the server names the
    // field, and the reason is worked out here (its message is English only).
    function fieldProblem(f) {
      const value = f.control.value.trim();
      if (!value) return words.missing;
      if (graphemes(value) > f.max) return fill(words.too_long, f.max);
      return words.refused;
    }

    function checkPhoto() {
      const file = chosenPhoto();
      let problem = '';
      if (file && !photoTypes.includes(file.type)) problem = words.photo_type;
      // The server counts a MB as 2^20 bytes. Where the page scales the
      // photo down, only its copy is sent, and that is checked when made.
      else if (file && !placer && file.size > photoMb * 1024 * 1024) problem = fill(words.photo_big, photoMb);
      setError(photo, problem);
      if (problem) photo.control.value = '';
      chosenName.textContent = chosenPhoto() ? chosenPhoto().name : words.no_photo;
      return !problem;
    }
    // The photo being read for the stage; a card is asked for after it.
    let loading = Promise.resolve();
    function photoChanged() {
      if (!checkPhoto() || !placer) return;
      const file = chosenPhoto();
      loading = placer.load(file, slotOf(chosenSize())).then((ok) => {
        if (ok || !file) return;
        photo.control.value = '';
        chosenName.textContent = words.no_photo;
        setError(photo, words.photo_bad);
      });
    }
    const slotOf = (size) => served.slots && served.slots[size];

    // Asks the server for the card; returns true when `made` holds it.
    async function render() {
      clearErrors();
      const missing = fields.filter((f) => f.required && !f.control.value.trim());
      for (const f of missing) setError(f, words.missing);
      if (missing.length) {
        point(missing[0]);
        say('');
        return false;
      }
      if (photo && chosenPhoto() && !checkPhoto()) {
        point(photo);
        return false;
      }
      await loading;
      if (photo && chosenPhoto() && placer && !placer.ready()) return false;
      const key = inputsKey();
      if (made && made.key === key) return true;
      const body = new FormData();
      for (const f of fields) body.append(f.name, f.control.value);
      if (chosenPhoto() && placer) {
        // The photo as the slot needs it at this size and zoom, and where
        // the supporter placed it.
        const upload = await placer.upload(slotOf(chosenSize()));
        if (!upload || upload.size > photoMb * 1024 * 1024) {
          setError(photo, upload ? fill(words.photo_big, photoMb) : words.photo_bad);
          point(photo);
          return false;
        }
        body.append('photo', upload, 'photo.jpg');
        const p = placer.placement();
        body.append('photo_x', p.x.toFixed(4));
        body.append('photo_y', p.y.toFixed(4));
        body.append('photo_zoom', p.zoom.toFixed(4));
        say(fill(words.sending || '…', byteText(upload.size)));
        form.dataset.upload = String(upload.size);
      } else if (chosenPhoto()) {
        body.append('photo', chosenPhoto());
      }
      // A photo card goes out as JPEG (a PNG of a photo is several times
      // larger); a card of text and flat colour as PNG.
      const ext = chosenPhoto() ? 'jpg' : 'png';
      const size = chosenSize();
      busy = true;
      form.classList.add('is-busy');
      preview.ariaBusy = 'true';
      if (!body.has('photo_x')) say(words.working);
      try {
        const res = await fetch(`${url}/${encodeURIComponent(mine.id)}/${encodeURIComponent(size)}.${ext}`,
          { method: 'POST', body, credentials: 'omit', cache: 'no-store' });
        if (!res.ok) {
          refused(res.status, parse(await res.text()) || {}, res.headers.get('Retry-After'));
          return false;
        }
        const blob = await res.blob();
        if (made) URL.revokeObjectURL(made.url);
        made = { key, url: URL.createObjectURL(blob), ext, size };
        picture.removeAttribute('width');
        picture.removeAttribute('height');
        picture.src = made.url;
        say(words.ready);
        return true;
      } catch (err) {
        say(words.offline, true);
        return false;
      } finally {
        busy = false;
        form.classList.remove('is-busy');
        preview.ariaBusy = null;
      }
    }

    function refused(code, answer, retryAfter) {
      const target = answer.field === 'photo' ? photo : fields.find((f) => f.name === answer.field);
      if (code === 413 && photo) {
        setError(photo, fill(words.photo_big, photoMb));
        point(photo);
        say('');
      } else if (code === 429) {
        const seconds = Math.max(1, Math.ceil(Number(retryAfter) || 60));
        say(fill(words.wait, seconds), true);
      } else if (code === 503) {
        say(words.busy, true);
      } else if (target) {
        setError(target, target === photo ? words.photo_bad : fieldProblem(target));
        point(target);
        say('');
      } else {
        say(words.failed, true);
      }
    }

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (busy) return;
      if (await render()) picture.scrollIntoView({ block: 'nearest' });
    });
    downloadButton.addEventListener('click', async () => {
      if (busy || !(await render())) return;
      // Saved under the card's id and size, not the supporter's name: a file
      // name travels (upload dialogs, chat attachments, synced folders) where
      // the supporter did not choose to publish their name.
      const link = make('a', { href: made.url, download: `${mine.id}-${made.size}-personal.${made.ext}` });
      document.body.append(link);
      link.click();
      link.remove();
      say(words.saved);
    });
    // Share: the supporter's card itself, through the page's Share button
    // (share.js), with the card's caption.
    if (window.placardShare) {
      const edition = card.closest('.edition');
      const shareWords = window.placardShare.wordsFor(edition);
      if (shareWords) {
        window.placardShare.addButton(actions, shareWords, async () => {
          if (busy || !(await render())) return null;
          const blob = await (await fetch(made.url)).blob();
          const caption = (card.querySelector('.text-caption') || card.querySelector('h3')).textContent;
          return {
            file: new File([blob], `${mine.id}-${made.size}-personal.${made.ext}`, { type: blob.type }),
            caption,
            url: window.placardShare.campaignUrl(edition),
          };
        }, words.share, { early: false, say, label: words.share_label });
      }
    }
    form.addEventListener('input', (event) => {
      const target = fields.find((f) => f.control === event.target);
      if (target) setError(target, '');
    });
    if (photo) photo.control.addEventListener('change', photoChanged);
    if (placer) {
      for (const radio of sizeList.querySelectorAll('input')) {
        radio.addEventListener('change', () => placer.reshape(slotOf(chosenSize())));
      }
    }
    open.addEventListener('click', () => {
      dialog.showModal();
      fields[0].control.focus();
    });
    close.addEventListener('click', () => dialog.close());
    // A click on the dimmed page around the panel closes it too.
    dialog.addEventListener('click', (event) => {
      if (event.target === dialog) dialog.close();
    });
    dialog.addEventListener('close', () => open.focus());
  }

  // The buttons appear once their styles are in, so nothing moves.
  const styles = make('link', { rel: 'stylesheet', href: 'personal.css' });
  styles.addEventListener('load', () => {
    for (const [id, mine] of Object.entries(panel.cards)) {
      const card = document.getElementById(id);
      const words = card && panel.editions[card.closest('.edition').id];
      const served = offer.cards[mine.id];
      if (served && words) build(card, mine, served, words);
    }
  });
  document.head.append(styles);
})();
