// "Share" on each card of the download page (and, through
// window.placardShare, on a supporter's own card): the phone's share sheet
// with the card's image file itself and its caption, where the browser can
// share files (navigator.canShare({files})); elsewhere a list of the
// platforms' own share links (plain URLs built here: no platform's script or
// image is loaded), while the card's download links stay as they are. The
// page loads this file after gallery.js (which built each card's caption);
// placard gallery puts window.placardShareWords above this code: by edition
// id, the words. Without JavaScript nothing here exists and the page's
// downloads are plain links.
'use strict';
(() => {
  const allWords = window.placardShareWords || {};
  let menus = 0;

  function make(tag, props, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (key === 'class') el.className = value;
      else el.setAttribute(key, value);
    }
    el.append(...children);
    return el;
  }

  // The campaign's URL: the last word of the edition's caption tail when it
  // is a web address, else this page.
  function campaignUrl(edition) {
    const tags = edition && edition.querySelector('.tags');
    const words = tags ? tags.textContent.trim().split(/\s+/) : [];
    const last = words[words.length - 1] || '';
    return /^https?:\/\//.test(last) ? last : location.href.split('#')[0];
  }

  // The caption without the URL at its end (for the links that take the URL
  // as a parameter of its own).
  const withoutUrl = (caption, url) => (caption.endsWith(url) ? caption.slice(0, -url.length).trimEnd() : caption);

  // The platforms' share links: [label, URL] in the order shown. Every
  // value is encoded with encodeURIComponent (spaces as %20, which mailto:
  // needs too).
  function shareLinks(caption, url, words) {
    const e = encodeURIComponent;
    const text = withoutUrl(caption, url);
    return [
      ['WhatsApp', `https://wa.me/?text=${e(text ? `${text} ${url}` : url)}`],
      ['X', `https://x.com/intent/tweet?text=${e(text)}&url=${e(url)}`],
      ['Facebook', `https://www.facebook.com/sharer/sharer.php?u=${e(url)}`],
      ['Telegram', `https://t.me/share/url?url=${e(url)}&text=${e(text)}`],
      ['Bluesky', `https://bsky.app/intent/compose?text=${e(text ? `${text} ${url}` : url)}`],
      ['LinkedIn', `https://www.linkedin.com/sharing/share-offsite/?url=${e(url)}`],
      [words.email, `mailto:?subject=${e(words.subject || '')}&body=${e(text ? `${text}\n\n${url}` : url)}`],
    ];
  }

  const canShareFiles = (file) => {
    try {
      return !!(navigator.share && navigator.canShare && navigator.canShare({ files: [file] }));
    } catch (err) {
      return false;
    }
  };

  // A Share button in `place` (appended), its links list after it. `get`
  // resolves to {file, caption, url}: the image as a File, or null when it
  // cannot be had (then the links are offered).
  // options.early: fetch as the finger or the focus arrives (a page's card);
  // else only on the click (a supporter's card, which may need drawing
  // first). options.say: where to tell the supporter (the page's status line
  // by default). options.label: the button's name for a screen reader,
  // which says what it shares ("Share: End 287(g) agreements.").
  function addButton(place, words, get, labelText, options = {}) {
    const early = options.early !== false;
    const id = `share-links-${++menus}`;
    const button = make('button', { type: 'button', class: 'copy share-button', id: `${id}-button`, 'aria-expanded': 'false',
      'aria-controls': id, 'aria-label': options.label || words.share }, labelText || words.share);
    // The links are a group named as the button is; the first is described
    // by the note, which a screen reader then says (the focus goes past it).
    const note = make('p', { class: 'share-note', id: `${id}-note` }, words.links_note);
    const list = make('div', { class: 'share-links', id, hidden: '', role: 'group', 'aria-labelledby': button.id });
    place.append(button, list);
    const pageStatus = document.getElementById('status');
    const say = options.say || ((text) => {
      if (pageStatus) pageStatus.textContent = text;
    });

    function showLinks(caption, url) {
      // Each platform's link says that it opens a new tab; the email link
      // opens the mail app, and is named as it reads.
      list.replaceChildren(note, make('ul', {}, ...shareLinks(caption, url, words).map(([label, href]) =>
        make('li', {}, make('a', { href, target: '_blank', rel: 'noopener noreferrer',
          ...(href.startsWith('mailto:') || !words.link ? {} : { 'aria-label': words.link.replace('{n}', label) }) }, label)))));
      list.hidden = false;
      button.setAttribute('aria-expanded', 'true');
      const first = list.querySelector('a');
      first.setAttribute('aria-describedby', note.id);
      first.focus();
    }

    // The file is fetched as the finger or the focus comes to the button, so
    // that the click still counts as the supporter's gesture when the share
    // sheet is asked for.
    let pending = null;
    const fetchOnce = () => {
      if (!pending) pending = get().catch(() => null);
      return pending;
    };
    if (early) {
      button.addEventListener('pointerdown', fetchOnce);
      button.addEventListener('focus', fetchOnce);
    }
    button.addEventListener('click', async () => {
      if (!list.hidden) {
        list.hidden = true;
        button.setAttribute('aria-expanded', 'false');
        return;
      }
      const what = await fetchOnce();
      pending = null;
      if (!what) return;
      if (what.file && canShareFiles(what.file)) {
        try {
          await navigator.share({ files: [what.file], text: what.caption });
          say(words.shared);
          return;
        } catch (err) {
          // The supporter closed the sheet: nothing more to do. The card
          // took longer to draw than the browser waits after a tap: a second
          // tap shares it at once. Any other refusal: the links instead.
          if (err && err.name === 'AbortError') return;
          if (err && err.name === 'NotAllowedError' && !early) {
            say(words.again);
            return;
          }
        }
      }
      showLinks(what.caption, what.url);
    });
    list.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      event.stopPropagation();
      event.preventDefault();
      list.hidden = true;
      button.setAttribute('aria-expanded', 'false');
      button.focus();
    });
    return button;
  }

  // The image a card's Share sends: its square download if it has one
  // (what WhatsApp and Instagram show best), else its first.
  function cardFile(card) {
    const links = Array.from(card.querySelectorAll('.downloads a'));
    const link = links.find((a) => /(^|[-/])square\.[a-z]+$/.test(a.getAttribute('href'))) || links[0];
    if (!link) return null;
    return {
      href: link.href,
      name: link.download || decodeURIComponent(link.getAttribute('href').split('/').pop()),
    };
  }
  const types = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp' };
  // A card's text, cut after a word to about 60 characters, as its Share
  // button's name ends: enough to tell the cards apart, short to hear.
  function short(text) {
    const t = text.trim().replace(/\s+/g, ' ');
    if (t.length <= 60) return t;
    const cut = t.slice(0, 60);
    const space = cut.lastIndexOf(' ');
    return `${(space > 30 ? cut.slice(0, space) : cut).replace(/[\s,;:.\u060c]+$/, '')}…`;
  }

  function build() {
    for (const card of document.querySelectorAll('.card')) {
      const edition = card.closest('.edition');
      const words = edition && allWords[edition.id];
      const place = card.querySelector('.share');
      if (!words || !place) continue;
      const source = cardFile(card);
      const heading = card.querySelector('h3');
      addButton(place, words, async () => {
        const caption = (card.querySelector('.text-caption') || heading).textContent;
        const url = campaignUrl(edition);
        let file = null;
        if (source && navigator.canShare) {
          const res = await fetch(source.href);
          if (res.ok) {
            const blob = await res.blob();
            const ext = source.name.split('.').pop().toLowerCase();
            file = new File([blob], source.name, { type: types[ext] || blob.type });
          }
        }
        return { file, caption, url };
      }, '', { label: `${words.share}: ${short(heading.textContent)}` });
    }
  }

  // For personal.js: the same button beside a supporter's own card.
  window.placardShare = {
    addButton,
    campaignUrl,
    wordsFor: (edition) => allWords[edition.id],
  };

  // The buttons appear once their styles are in, so nothing moves.
  const styles = make('link', { rel: 'stylesheet', href: 'share.css' });
  styles.addEventListener('load', build);
  document.head.append(styles);
})();
