// The gallery page's behaviour: copy buttons and the language switcher.
// Without JavaScript the page still works: every language is shown in turn
// and the texts can be selected and copied by hand.
'use strict';
(() => {
  const root = document.documentElement;
  root.classList.remove('no-js');
  const status = document.getElementById('status');

  // ---- Copy buttons: the text of the element named by data-copy ----

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
    const source = document.getElementById(button.dataset.copy);
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
    if (edition.lang) root.lang = edition.lang;
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
