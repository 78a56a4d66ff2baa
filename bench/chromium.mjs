// Benchmark in headless Chromium: serves the repository on loopback, opens
// bench/page.html and prints what it measured.
import { chromium } from 'playwright-core';
import { serveRepo } from './serve-repo.mjs';

const { server, base } = await serveRepo();

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage();
page.on('pageerror', (e) => console.error(e.message));
await page.goto(`${base}/bench/page.html`);
const text = await page.locator('#out[data-done]').textContent({ timeout: 120_000 });
console.log(text.replace('browser', `chromium ${browser.version()}`));
// The figures below a microsecond hold only where the clock is fine enough.
const isolated = await page.evaluate(() => globalThis.crossOriginIsolated === true);
console.log(`browser: cross-origin isolated ${isolated} (performance.now() to ${isolated ? '5' : '100'} µs)`);
await browser.close();
server.close();
