import { chromium } from 'playwright-core';
const base = process.argv[2];
const out = process.argv[3];
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
for (const [w, h] of [[390, 844], [1440, 900]]) {
  for (const lang of ['en', 'es', 'ar']) {
    const p = await b.newPage({ viewport: { width: w, height: h } });
    p.on('console', (m) => console.log(lang, 'console', m.type(), m.text()));
    p.on('pageerror', (e) => console.log(lang, 'pageerror', e.message));
    await p.goto(`${base}/#${lang}`);
    const item = p.locator(`#${lang} .card[data-personal]`).first();
    await item.locator('.make-yours').waitFor({ timeout: 10000 });
    await item.scrollIntoViewIfNeeded();
    await p.screenshot({ path: `${out}/btn-${lang}-${w}.png` });
    await item.locator('.make-yours').click();
    const d = item.locator('dialog');
    await d.locator('input[type=text]').first().fill(lang === 'ar' ? 'كريم نادر' : 'Ana Ortega');
    await d.locator('button[type=submit]').click();
    await p.waitForTimeout(700);
    await d.locator('input[type=text]').first().focus();
    await p.screenshot({ path: `${out}/open-${lang}-${w}.png` });
    await p.close();
  }
}
await b.close();
