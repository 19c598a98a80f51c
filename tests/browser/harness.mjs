// What every browser test needs before its first page: the paths ctest hands
// it, Debian's chromium and the switches that keep it off the network, a
// static host, a placard server started on a free port of 127.0.0.1, and a
// photo as a supporter's phone would give one.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import readline from 'node:readline';

// PLACARD_BINARY, PLACARD_SOURCE_DIR and PLACARD_ARTIFACTS, set by ctest (see
// CMakeLists.txt), and the browser; a clear error where one is missing.
export function testEnv() {
  const env = {
    binary: process.env.PLACARD_BINARY,
    sourceDir: process.env.PLACARD_SOURCE_DIR,
    artifacts: process.env.PLACARD_ARTIFACTS,
    chromiumPath: process.env.PLACARD_CHROMIUM || '/usr/bin/chromium',
  };
  for (const [name, value] of Object.entries({
    PLACARD_BINARY: env.binary, PLACARD_SOURCE_DIR: env.sourceDir, PLACARD_ARTIFACTS: env.artifacts,
  })) {
    if (!value) throw new Error(`${name} is not set: run this test through ctest`);
  }
  if (!fs.existsSync(env.chromiumPath)) {
    throw new Error(`no browser at ${env.chromiumPath}: run scripts/install-deps.sh (it installs Debian's chromium)`);
  }
  return env;
}

// Tesseract with each of `langs` ('eng', 'ara'), for tests that read a card back.
export function requireTesseract(langs) {
  const have = execFileSync('tesseract', ['--list-langs'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    .split('\n');
  for (const lang of langs) {
    if (!have.includes(lang)) throw new Error(`tesseract has no '${lang}': run scripts/install-deps.sh`);
  }
}

// Headless chromium that resolves no host name but 127.0.0.1 (belt and braces
// with each test's routing, which blocks and reports any other request).
export const launchArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'];

// Abort every request of `context` that `ours(url)` refuses, and note it in `problems`.
export async function blockOtherHosts(context, ours, problems) {
  await context.route((url) => !ours(url.href), (route) => {
    problems.push(`blocked request to another host: ${route.request().url()}`);
    return route.abort('blockedbyclient');
  });
}

const types = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.png': 'image/png',
  '.jpg': 'image/jpeg', '.zip': 'application/zip', '.json': 'application/json',
};

// A static file server for `root` on 127.0.0.1, as any static host would be:
// index.html for a folder, 403 outside the root, 404 for what is not there.
export function serveStatic(root) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    let file = path.normalize(path.join(root, decodeURIComponent(url.pathname)));
    if (!file.startsWith(root + path.sep) && file !== root) return res.writeHead(403).end();
    if (file.endsWith(path.sep) || file === root) file = path.join(file, 'index.html');
    fs.readFile(file, (err, body) => {
      if (err) return res.writeHead(404).end();
      res.writeHead(200, {
        'Content-Type': types[path.extname(file)] || 'application/octet-stream', 'Content-Length': body.length,
      });
      res.end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// `placard ARGS` (serve or preview, listening on 127.0.0.1:0), killed after
// `limitMs` whatever happens. Resolves to { child, origin, log } once its first
// line names the address (`firstLine` captures the origin); `log()` is all it
// wrote to stderr so far.
export function startPlacard(binary, args, { cwd, firstLine, limitMs = 8 * 60 * 1000 }) {
  const child = spawn(binary, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => { log += d; });
  setTimeout(() => child.kill('SIGKILL'), limitMs).unref();
  return new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).once('line', (line) => {
      const m = firstLine.exec(line);
      if (m) resolve({ child, origin: m[1], log: () => log });
      else reject(new Error(`unexpected first line: ${line}`));
    });
    child.once('exit', (code) => reject(new Error(`placard ${args[0]} exited with ${code}: ${log}`)));
  });
}

export const serveLine = /^listening on (http:\/\/127\.0\.0\.1:\d+)\/?$/;
export const previewLine = /^preview on (http:\/\/127\.0\.0\.1:\d+)$/;

// Stop `child` with SIGTERM if it still runs, and wait for it to exit.
export async function stopPlacard(child) {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

// The example campaign's three editions copied into `project`, each with
// `personalize` (a YAML block) in place of the example's own, and its brands
// beside them. Returns the content files.
export function personalExample(sourceDir, project, personalize) {
  fs.rmSync(project, { recursive: true, force: true });
  fs.mkdirSync(path.join(project, 'campaign'), { recursive: true });
  const examples = path.join(sourceDir, 'examples');
  fs.cpSync(path.join(examples, 'brands'), path.join(project, 'brands'), { recursive: true });
  return ['campaign.md', 'campaign.es.md', 'campaign.ar.md'].map((name) => {
    const text = fs.readFileSync(path.join(examples, 'transforming-the-system', name), 'utf8');
    const end = text.indexOf('\n---', 4);
    const front = text.slice(0, end).replace(/\npersonalize:[^\n]*(\n[ \t]+[^\n]*)*/, '');
    const file = path.join(project, 'campaign', name);
    fs.writeFileSync(file, `${front}\n${personalize}${text.slice(end)}`);
    return file;
  });
}

// A 1600x1200 JPEG drawn by the browser of `page`: a face-like disc on an
// evening gradient, with shoulders when `shoulders` is set. Returns its bytes.
export async function drawPhoto(page, { shoulders = false } = {}) {
  const b64 = await page.evaluate(async (withShoulders) => {
    const canvas = new OffscreenCanvas(1600, 1200);
    const g = canvas.getContext('2d');
    const sky = g.createLinearGradient(0, 0, 0, 1200);
    sky.addColorStop(0, '#f4c48a');
    sky.addColorStop(1, '#7a4e8c');
    g.fillStyle = sky;
    g.fillRect(0, 0, 1600, 1200);
    g.fillStyle = '#3b2a4a';
    g.beginPath();
    g.arc(800, 520, 220, 0, 2 * Math.PI);
    g.fill();
    if (withShoulders) g.fillRect(520, 760, 560, 440);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s);
  }, shoulders);
  return Buffer.from(b64, 'base64');
}

// `promise`, or a failure naming `what` after `ms`; the timer is cleared
// either way, so that it does not hold the test's process open.
export async function within(promise, ms, what) {
  let timer;
  const late = new Promise((resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
