// The package as a bundled portal uses it: builds tests/bundler/ with Vite
// against pkg/ installed as `diaodu`, serves the output and runs it in
// headless Chromium.
//
//   node tests/bundler/run.mjs        (after scripts/build-wasm.sh)
import { build, createServer as createViteServer } from 'vite';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import assert from 'node:assert/strict';
import { launchChromium, serveStatic } from '../harness.mjs';

const here = new URL('./', import.meta.url).pathname;
const pkg = new URL('../../pkg', import.meta.url).pathname;

// A portal project: its sources and diaodu in node_modules, copied as npm
// would install it (a link would make Vite treat it as the portal's own
// source and skip the pre-bundling that the dev server does to packages).
const app = mkdtempSync(join(tmpdir(), 'diaodu-vite-'));
cpSync(join(here, 'index.html'), join(app, 'index.html'));
cpSync(join(here, 'main.js'), join(app, 'main.js'));
cpSync(join(here, 'vite.config.js'), join(app, 'vite.config.js'));
mkdirSync(join(app, 'node_modules'));
cpSync(pkg, join(app, 'node_modules', 'diaodu'), { recursive: true });

await build({ root: app, logLevel: 'warn', build: { outDir: join(app, 'dist') } });
// The dev server too, with the same config (vite.config.js).
const dev = await createViteServer({ root: app, logLevel: 'warn', server: { host: '127.0.0.1', port: 0 } });
await dev.listen();
const devUrl = dev.resolvedUrls.local[0];
const assets = readdirSync(join(app, 'dist', 'assets'));
assert.ok(assets.some((f) => f.endsWith('.wasm')), `the .wasm is emitted as an asset: ${assets}`);
assert.ok(assets.some((f) => /diaodu_en.*\.json$/.test(f)), `so is diaodu_en.json: ${assets}`);

const { server, base } = await serveStatic(join(app, 'dist'));

const browser = await launchChromium();
let failed = false;
try {
  const page = await browser.newPage();
  const problems = [];
  // Chromium asks for /favicon.ico on its own; any other 404 is a problem.
  page.on('console', (m) => {
    if ((m.type() === 'error' || m.type() === 'warning') && !m.location().url.endsWith('/favicon.ico')) problems.push(m.text());
  });
  page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`${r.status()} ${r.url()}`); });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(base);
  await page.waitForFunction(() => document.getElementById('findings').textContent !== '', null, { timeout: 10_000 });
  const text = await page.textContent('#findings');
  assert.match(text, /^C301 1\.2 企业自查发现重大事故隐患中已完成整改的（个）为 15，大于 1\.1 .*的 12/);
  assert.match(text, /\nC301 1\.2 Of the self-found major hazards, rectified \(个\) is 15, more than/);
  assert.match(text, /removed: C301$/);
  assert.deepEqual(problems, [], 'no errors or warnings in the console');
  // And under `vite dev`.
  const devPage = await browser.newPage();
  const devProblems = [];
  devPage.on('pageerror', (e) => devProblems.push(e.message));
  devPage.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) devProblems.push(`${r.status()} ${r.url()}`); });
  await devPage.goto(devUrl);
  await devPage.waitForFunction(() => document.getElementById('findings').textContent !== '', null, { timeout: 20_000 })
    .catch((e) => { throw new Error(`vite dev (${devUrl}): ${e.message}; ${devProblems.join('; ')}`); });
  assert.match(await devPage.textContent('#findings'), /removed: C301$/);
  assert.deepEqual(devProblems, [], 'vite dev: no errors');
  console.log(`bundler: Vite ${(await import('vite')).version} build and dev server ran in Chromium (${assets.length} assets)`);
} catch (e) {
  failed = true;
  console.error(e);
} finally {
  await browser.close();
  server.close();
  await dev.close();
  rmSync(app, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
