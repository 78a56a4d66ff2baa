// Element Plus, as a Vue 3 portal uses the package: tests/element-plus/ is
// built with Vite against the real element-plus and vue from npm (and
// served by Vite's dev server), with the package installed as npm would,
// and driven in headless Chromium; then the portal's Vitest (jsdom) unit
// test runs against the same install.
//
//   node tests/element-plus/run.mjs        (after scripts/build-wasm.sh)
import { build, createServer as createViteServer } from 'vite';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { launchChromium, serveStatic } from '../harness.mjs';

const root = new URL('../../', import.meta.url).pathname;
const here = new URL('./', import.meta.url).pathname;
// Inside the repository, so that vue, element-plus and vitest resolve from
// its node_modules; the package itself is copied in as npm installs it.
const app = join(root, 'target', 'element-plus-app');
rmSync(app, { recursive: true, force: true });
mkdirSync(join(app, 'node_modules'), { recursive: true });
for (const f of ['index.html', 'main.js', 'vite.config.js', 'adapter.test.js']) cpSync(join(here, f), join(app, f));
cpSync(join(root, 'tests/fixtures/series/chengqiao-2023-06.json'), join(app, 'june.json'));
cpSync(join(root, 'tests/fixtures/series/chengqiao-2023-07.json'), join(app, 'july.json'));
cpSync(join(root, 'pkg'), join(app, 'node_modules', 'diaodu'), { recursive: true });

await build({ root: app, logLevel: 'warn', build: { outDir: join(app, 'dist'), chunkSizeWarningLimit: 4096 } });
const { server, base } = await serveStatic(join(app, 'dist'));
const dev = await createViteServer({ root: app, logLevel: 'warn', server: { host: '127.0.0.1', port: 0 } });
await dev.listen();

const browser = await launchChromium();

const item = (page, prop) => page.locator(`.el-form-item[data-prop="${prop}"]`);
const input = (page, prop) => page.locator(`input[name="${prop}"]`);
const hasClass = async (page, prop, cls) => (await item(page, prop).getAttribute('class')).split(/\s+/).includes(cls);

async function drive(url, label) {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`${r.status()} ${r.url()}`); });
  await page.goto(url);
  await page.waitForSelector('body.ready', { timeout: 30_000 });
  // Full-width digits are read as numbers: no error.
  await input(page, 'qyzcfx').fill('４２');
  await input(page, 'qyzczg').fill('４５');
  // The cross-field error on both items.
  await page.waitForFunction(() => document.querySelectorAll('.el-form-item.is-error').length === 2, null, { timeout: 5_000 })
    .catch(async (e) => {
      const seen = await page.evaluate(() => [...document.querySelectorAll('.el-form-item')].map((i) => `${i.dataset.prop}: ${i.className} ${i.querySelector('.el-form-item__error')?.textContent ?? ''}`));
      throw new Error(`${label}: ${e.message}\n${seen.join('\n')}\n${problems.join('\n')}`);
    });
  for (const prop of ['qyzcfx', 'qyzczg']) {
    assert.ok(await hasClass(page, prop, 'is-error'), `${label}: ${prop} shows the error`);
    assert.match(await item(page, prop).locator('.el-form-item__error').textContent(), /分项不能大于总数/);
  }
  // Fixed: both clear.
  await input(page, 'qyzczg').fill('30');
  await page.waitForFunction(() => document.querySelectorAll('.el-form-item.is-error').length === 0, null, { timeout: 5_000 })
    .catch(async (e) => {
      const seen = await page.evaluate(() => [...document.querySelectorAll('.el-form-item')].map((i) => `${i.dataset.prop}: ${i.className} ${i.querySelector('.el-form-item__error')?.textContent ?? ''} [${i.querySelector('input').value}]`));
      throw new Error(`${label}: ${e.message}\n${seen.join('\n')}\n${problems.join('\n')}`);
    });
  // A jump since last month (31 to 3100) is a warning: the item passes,
  // shows it, and asks for a 说明.
  await input(page, 'qyzcfx').fill('3100');
  await page.waitForFunction(() => document.querySelector('.el-form-item[data-prop="qyzcfx"]').classList.contains('diaodu-warning'), null, { timeout: 5_000 });
  assert.equal(await hasClass(page, 'qyzcfx', 'is-error'), false);
  assert.match(await item(page, 'qyzcfx').locator('.diaodu-warning-text').textContent(), /增至本月 3100/);
  // Submission is blocked until it is explained.
  await page.click('#submit');
  await page.waitForFunction(() => document.getElementById('blocked').textContent !== '', null, { timeout: 5_000 });
  assert.match(await page.textContent('#blocked'), /M454/);
  assert.equal(await page.textContent('#sent'), '');
  await page.locator('textarea[name="explain-qyzcfx"]').fill('本月开展燃气专项排查，集中发现隐患3000余处');
  await page.waitForFunction(() => !document.querySelector('.el-form-item[data-prop="qyzcfx"]').classList.contains('diaodu-warning'), null, { timeout: 5_000 });
  assert.match(await item(page, 'qyzcfx').textContent(), /已说明/);
  await page.click('#submit');
  await page.waitForFunction(() => document.getElementById('sent').textContent !== '', null, { timeout: 5_000 });
  const sent = JSON.parse(await page.textContent('#sent'));
  assert.equal(sent.values.self_found, 3100);
  assert.equal(sent.explanations['M454:self_found'], '本月开展燃气专项排查，集中发现隐患3000余处');
  assert.deepEqual(problems, [], `${label}: no errors`);
  if (label === 'vite build') await page.screenshot({ path: join(root, 'tests/artifacts/element-plus.png'), fullPage: true });
  await page.close();
  console.log(`ok - element-plus under ${label}`);
}

let failed = false;
try {
  mkdirSync(join(root, 'tests/artifacts'), { recursive: true });
  await drive(base, 'vite build');
  await drive(dev.resolvedUrls.local[0], 'vite dev');
  execFileSync(join(root, 'node_modules/.bin/vitest'), ['run', '--root', app, '--reporter', 'dot'], { cwd: app, stdio: 'inherit' });
  console.log('ok - the portal\'s Vitest (jsdom) unit test');
} catch (e) {
  failed = true;
  console.error(e);
} finally {
  await browser.close();
  server.close();
  await dev.close();
}
process.exit(failed ? 1 : 0);
