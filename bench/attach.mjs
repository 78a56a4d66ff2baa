// attach()'s keystroke in headless Chromium (a benchmark, not a test): the
// DOM entry bound to tests/dom/ours.html's form (one input per key), in
// submit mode from a blank form, where every blank field is a finding.
// Prints the time of an `input` event on 3.10: typed and cleared in turn
// (each keystroke makes or clears a finding, so the field's message and the
// summary are drawn again), and digits typed on (no finding changes).
// Usage: node bench/attach.mjs (after scripts/build-wasm.sh).
import { chromium } from 'playwright-core';
import { serveRepo } from './serve-repo.mjs';

const { server, base } = await serveRepo();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
page.on('pageerror', (e) => console.error(e.message));
await page.goto(`${base}/tests/dom/ours.html`);
await page.waitForSelector('body.ready');
const r = await page.evaluate(async () => {
  const form = document.getElementById('report');
  window.handle.detach();
  const { attach } = await import('/pkg/dom/diaodu.js');
  form.elements.unit.value = '城桥镇';
  form.elements.period.value = '2023-07';
  form.elements.date.value = '2023-07-20';
  const handle = attach(form, { lang: 'zh', mode: 'submit', today: '2023-07-21' });
  const type = (name, text) => {
    const input = form.elements[name];
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  };
  // Per call, in µs: 200 calls to warm up, then `n` timed together.
  const timed = (n, call) => {
    for (let i = 0; i < 200; i++) call(i);
    const t = performance.now();
    for (let i = 0; i < n; i++) call(i);
    return ((performance.now() - t) * 1000) / n;
  };
  const cleared = ['30', ''];
  const changing = timed(2000, (i) => type('dept_interviews', cleared[i & 1]));
  const digits = ['3', '30', '31'];
  const unchanged = timed(2000, (i) => type('dept_interviews', digits[i % 3]));
  return { changing, unchanged, errors: handle.status().counts.errors };
});
console.log(`attach: a keystroke that makes or clears a finding (${r.errors} errors on the form): ${r.changing.toFixed(1)} µs`);
console.log(`attach: a keystroke that changes no finding: ${r.unchanged.toFixed(1)} µs`);
await browser.close();
server.close();
