// The "Make it yours" panel: a supporter types their name (and picks a
// photo), the Placard server draws their own card, they look at it and
// download it. gallery.js loads this file only after the server answered
// GET /personal, and leaves {url, offer} (where it asked, and the answer) in
// window.placardPersonal. placard gallery puts window.placardPanel above
// this code: by card element id, each card's fields, labels and sizes; by
// edition id, the panel's words. What the supporter enters goes to the
// server in one POST and nowhere else; the card comes back as a blob held by
// this page.
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
        make('input', { type: 'file', name: 'photo', accept: photoTypes.join(',') }), fill(words.photo_hint, photoMb))
      : null;
    const sizeList = make('fieldset', { class: 'p-sizes' }, make('legend', {}, words.size));
    sizes.forEach((s, i) => {
      const radio = make('input', { type: 'radio', name: `${id}-size`, value: s.name, checked: i === 0 });
      sizeList.append(make('label', { class: 'p-size' }, radio, make('span', {}, s.label, ' ', make('small', {}, s.dims))));
    });
    const previewButton = make('button', { type: 'submit', class: 'copy primary' }, words.preview);
    const downloadButton = make('button', { type: 'button', class: 'copy' }, words.download);
    const status = make('p', { class: 'p-status', role: 'status', 'aria-live': 'polite' });
    const picture = make('img', { alt: cardImage ? cardImage.alt : card.dataset.alt || '' });
    if (cardImage) {
      picture.src = cardImage.getAttribute('src');
      picture.setAttribute('width', cardImage.getAttribute('width'));
      picture.setAttribute('height', cardImage.getAttribute('height'));
    }
    const form = make('form', { class: 'p-form', novalidate: true },
      make('p', { class: 'p-lede' }, photo ? words.lede_photo : words.lede),
      ...fields.map((f) => f.box), ...(photo ? [photo.box] : []), sizeList,
      make('div', { class: 'p-actions' }, previewButton, downloadButton), status);
    const close = make('button', { type: 'button', class: 'p-close', 'aria-label': words.close }, '×');
    const dialog = make('dialog', { class: 'personal', 'aria-labelledby': `${id}-title` },
      make('div', { class: 'p-head' }, make('h2', { id: `${id}-title` }, words.title), close),
      make('div', { class: 'p-body' }, form, make('figure', { class: 'p-preview' }, picture)));
    const open = make('button', { type: 'button', class: 'make-yours', 'aria-haspopup': 'dialog' }, words.open);
    card.classList.add('is-personal');
    card.append(open, dialog);

    let made = null; // {key, url, ext, size}: the last card the server drew
    let busy = false;

    const chosenSize = () => form.querySelector(`input[name="${id}-size"]:checked`).value;
    const chosenPhoto = () => (photo && photo.control.files.length ? photo.control.files[0] : null);
    // What the server would be asked for: a new request only when this changes.
    const inputsKey = () => JSON.stringify([fields.map((f) => f.control.value), chosenSize(),
      chosenPhoto() && [chosenPhoto().name, chosenPhoto().size, chosenPhoto().lastModified]]);

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
    const clearErrors = () => [...fields, ...(photo ? [photo] : [])].forEach((f) => setError(f, ''));

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
      // The server counts a MB as 2^20 bytes.
      else if (file && file.size > photoMb * 1024 * 1024) problem = fill(words.photo_big, photoMb);
      setError(photo, problem);
      if (problem) photo.control.value = '';
      return !problem;
    }

    // Asks the server for the card; returns true when `made` holds it.
    async function render() {
      clearErrors();
      const missing = fields.filter((f) => f.required && !f.control.value.trim());
      for (const f of missing) setError(f, words.missing);
      if (missing.length) {
        missing[0].control.focus();
        say('');
        return false;
      }
      if (photo && chosenPhoto() && !checkPhoto()) {
        photo.control.focus();
        return false;
      }
      const key = inputsKey();
      if (made && made.key === key) return true;
      const body = new FormData();
      for (const f of fields) body.append(f.name, f.control.value);
      if (chosenPhoto()) body.append('photo', chosenPhoto());
      // A photo card goes out as JPEG (a PNG of a photo is several times
      // larger); a card of text and flat colour as PNG.
      const ext = chosenPhoto() ? 'jpg' : 'png';
      const size = chosenSize();
      busy = true;
      form.setAttribute('aria-busy', 'true');
      say(words.working);
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
        form.removeAttribute('aria-busy');
      }
    }

    function refused(code, answer, retryAfter) {
      const target = answer.field === 'photo' ? photo : fields.find((f) => f.name === answer.field);
      if (code === 413 && photo) {
        setError(photo, fill(words.photo_big, photoMb));
        photo.control.focus();
        say('');
      } else if (code === 429) {
        const seconds = Math.max(1, Math.ceil(Number(retryAfter) || 60));
        say(fill(words.wait, seconds), true);
      } else if (code === 503) {
        say(words.busy, true);
      } else if (target) {
        setError(target, target === photo ? words.photo_bad : fieldProblem(target));
        target.control.focus();
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
    form.addEventListener('input', (event) => {
      const target = fields.find((f) => f.control === event.target);
      if (target) setError(target, '');
    });
    if (photo) photo.control.addEventListener('change', checkPhoto);
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
