// A static server for the benchmarks that run in Chromium
// (bench/chromium.mjs, bench/fresh-pages.mjs): the repository on loopback,
// on a port of the system's choosing. `/` is an empty page to start from.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';

const root = new URL('../', import.meta.url).pathname;
const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };

/** Start serving; resolves to the server and its base URL. */
export async function serveRepo() {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path === '/') { res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>bench</title>'); return; }
    if (path.includes('..')) { res.writeHead(400).end(); return; }
    try {
      const body = await readFile(root + path.slice(1));
      res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch { res.writeHead(404).end(); }
  }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return { server, base: `http://127.0.0.1:${server.address().port}` };
}
