// The gallery page's behaviour: copy buttons and the language switcher.
// Without JavaScript the page still works: every language is shown in turn,
// the card texts and the hashtags to end captions with can be selected and
// copied by hand, and the images carry their alt text.
'use strict';
(() => {
  const root = document.documentElement;
  root.classList.remove('no-js');
  const status = document.getElementById('status');

  // ---- Each card's share buttons and texts, built from its parts ----

  // The page has each card's text once (its heading) and its alt text once
  // (on the image); a caption is the text, a blank line, then the edition's
  // hashtags and URL. The words come from the edition's data-* attributes.
  function make(tag, className, text) {
    const el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  for (const card of document.querySelectorAll('.card')) {
    const words = card.closest('.edition').dataset;
    const heading = card.querySelector('h3');
    const img = card.querySelector('img');
    const tags = card.closest('.edition').querySelector('.tags');
    const texts = {
      caption: tags ? `${heading.textContent}\n\n${tags.textContent}` : heading.textContent,
      alt: img ? img.alt : card.dataset.alt || '',
    };
    const share = make('div', 'share');
    for (const [kind, label, className] of [['caption', words.copyCaption, 'copy primary'], ['alt', words.copyAlt, 'copy']]) {
      const button = make('button', className, label);
      button.type = 'button';
      button.dataset.copy = kind;
      share.append(button, ' ');
    }
    const details = make('details');
    details.append(make('summary', '', words.texts),
      make('h4', '', words.caption), make('p', 'text-caption', texts.caption),
      make('h4', '', words.altText), make('p', 'text-alt', texts.alt));
    heading.after(share, details);
  }

  // A download link with an empty download attribute saves under the file's
  // folder and name ("fund-clinics/og.png" → "fund-clinics-og.png"); without
  // this script it saves as "og.png" (the ZIPs name every card in full).
  for (const a of document.querySelectorAll('.downloads a[download=""]')) {
    a.download = decodeURIComponent(a.getAttribute('href').split('/').slice(-2).join('-'));
  }

  // ---- Copy buttons: the card's caption or alt text, as data-copy says ----

  // The Clipboard API where the page is a secure context (https, localhost,
  // file), else a selected off-screen textarea and execCommand('copy').
  async function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      try {
        await navigator.clipboard.writeText(text);
        return true;
      } catch (err) {
        // Denied or unavailable: try the older way.
      }
    }
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.top = '-1000px';
    document.body.append(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand('copy');
    } catch (err) {
      ok = false;
    }
    area.remove();
    return ok;
  }

  // When copying fails, show the text selected so it can be copied by hand.
  function selectForHand(source) {
    const details = source.closest('details');
    if (details) details.open = true;
    const range = document.createRange();
    range.selectNodeContents(source);
    const sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }

  document.addEventListener('click', async (event) => {
    const button = event.target.closest('button[data-copy]');
    if (!button) return;
    const source = button.closest('.card').querySelector('.text-' + button.dataset.copy);
    if (!source) return;
    if (!button.dataset.label) button.dataset.label = button.textContent;
    const ok = await copyText(source.textContent);
    if (!ok) selectForHand(source);
    const words = button.closest('[data-done]').dataset;
    const message = ok ? words.done : words.fail;
    button.textContent = ok ? message + ' ✓' : message;
    button.classList.toggle('done', ok);
    status.textContent = message;
    clearTimeout(button.resetTimer);
    button.resetTimer = setTimeout(() => {
      button.textContent = button.dataset.label;
      button.classList.remove('done');
    }, 2500);
  });

  // ---- "Make it yours": personal.js, once a server lists cards it makes ----

  // Asked: data-server, else "personal" beside the page (placard serve
  // answers it; on a static host it is a file listing no card).
  const server = root.dataset.server;
  const ask = server ? server + '/personal' : /^https?:$/.test(location.protocol) && new URL('personal', location.href).href;
  if (ask && 'personal' in root.dataset) {
    fetch(ask, { credentials: 'omit', cache: 'no-store' }).then((res) => res.ok && res.json()).then((offer) => {
      if (!offer || !offer.cards || !Object.keys(offer.cards).length) return;
      window.placardPersonal = { url: ask, offer };
      const script = make('script');
      script.src = 'personal.js';
      document.head.append(script);
    }).catch(() => {});
  }

  // ---- Languages: one edition shown at a time ----

  const editions = Array.from(document.querySelectorAll('.edition'));
  if (editions.length < 2) return;
  root.classList.add('js-langs');
  const links = Array.from(document.querySelectorAll('.langs a'));

  function show(edition) {
    for (const e of editions) e.classList.toggle('is-current', e === edition);
    for (const a of links) {
      if (a.hash === '#' + edition.id) a.setAttribute('aria-current', 'true');
      else a.removeAttribute('aria-current');
    }
    // The page's language and direction follow the edition shown, so the
    // switcher above it reads right to left on an Arabic page too.
    if (edition.lang) root.lang = edition.lang;
    root.dir = edition.dir || 'ltr';
    const title = edition.querySelector('h1');
    if (title) document.title = title.textContent;
  }

  function fromHash() {
    const id = decodeURIComponent(location.hash.slice(1));
    return editions.find((e) => e.id === id);
  }

  // The reader's own language when the page has it, else the first.
  function preferred() {
    for (const tag of navigator.languages || [navigator.language]) {
      const lang = String(tag).toLowerCase();
      const match = editions.find((e) => e.lang && e.lang.toLowerCase() === lang) ||
        editions.find((e) => e.lang && e.lang.toLowerCase().split('-')[0] === lang.split('-')[0]);
      if (match) return match;
    }
    return editions[0];
  }

  for (const a of links) {
    a.addEventListener('click', (event) => {
      const target = editions.find((e) => '#' + e.id === a.hash);
      if (!target) return;
      event.preventDefault();
      history.replaceState(null, '', a.hash);
      show(target);
    });
  }
  window.addEventListener('hashchange', () => {
    const target = fromHash();
    if (target) show(target);
  });
  show(fromHash() || preferred());
})();
