// Dev only: serves a gallery folder and answers /personal like placard serve would.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
const root = process.argv[2];
const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.png': 'image/png', '.jpg': 'image/jpeg' };
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'manifest.json'), 'utf8'));
const cards = {};
for (const c of manifest.cards) if (c.personal) cards[c.id] = { fields: c.personal.fields, photo: c.personal.photo, sizes: c.outputs.map((o) => o.size) };
const s = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname === '/personal') { res.writeHead(200, { 'Content-Type': 'application/json' }); return res.end(JSON.stringify({ cards, photo_mb: 10 })); }
  const m = /^\/personal\/([^/]+)\/(\w+)\.(png|jpg)$/.exec(url.pathname);
  if (m && req.method === 'POST') {
    let n = 0; req.on('data', (d) => { n += d.length; });
    req.on('end', () => {
      const c = manifest.cards.find((x) => x.id === m[1]);
      const o = c.outputs.find((x) => x.size === m[2]);
      res.writeHead(200, { 'Content-Type': 'image/png' });
      res.end(fs.readFileSync(path.join(root, o.file)));
    });
    return;
  }
  let file = path.join(root, decodeURIComponent(url.pathname));
  if (file.endsWith('/')) file += 'index.html';
  fs.readFile(file, (err, body) => { if (err) return res.writeHead(404).end(); res.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream' }); res.end(body); });
});
s.listen(Number(process.argv[3] || 0), '127.0.0.1', () => console.log(`http://127.0.0.1:${s.address().port}`));
