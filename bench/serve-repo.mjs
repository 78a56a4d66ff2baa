// A static server for the benchmarks that run in Chromium
// (bench/chromium.mjs, bench/fresh-pages.mjs): the repository on loopback,
// on a port of the system's choosing. `/` is an empty page to start from.
// Every response makes the page cross-origin isolated, where Chromium's
// performance.now() is precise to 5 µs instead of 100 µs: a batch of 500
// keystrokes takes 100–200 µs, so without it each batch read as 0, 0.2 or
// 0.4 µs a call.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';

const root = new URL('../', import.meta.url).pathname;
const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };

/** Start serving; resolves to the server and its base URL. */
export async function serveRepo() {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const isolated = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };
    if (path === '/') { res.writeHead(200, { 'content-type': 'text/html', ...isolated }).end('<!doctype html><title>bench</title>'); return; }
    if (path.includes('..')) { res.writeHead(400).end(); return; }
    try {
      const body = await readFile(root + path.slice(1));
      res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream', ...isolated }).end(body);
    } catch { res.writeHead(404).end(); }
  }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return { server, base: `http://127.0.0.1:${server.address().port}` };
}
