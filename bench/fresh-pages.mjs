// First calls in fresh pages of headless Chromium (a benchmark, not a
// test): each page in a browser of its own, so that nothing compiled for
// one page is reused by the next. Prints, per page, the time to compile the
// module from its bytes, to instantiate it (initSync), and the first three
// validate calls (V8 compiles each function when it is first called).
// Usage: node bench/fresh-pages.mjs [pages] [settle ms] (after
// scripts/build-wasm.sh). With a settle time, each page waits that long
// after loading before it measures: a browser just launched is still
// starting its own processes, which share this machine's cores with the
// page (on 2 cores, compiling took 2–14 ms measured at once and 1.7–3.2 ms
// after 1.5 s).
import { chromium } from 'playwright-core';
import { serveRepo } from './serve-repo.mjs';

const { server, base } = await serveRepo();

const pages = Number(process.argv[2] ?? 8);
const settle = Number(process.argv[3] ?? 0);
for (let i = 0; i < pages; i++) {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage();
  await page.goto(`${base}/`);
  if (settle > 0) await page.waitForTimeout(settle);
  const r = await page.evaluate(async () => {
    const bytes = new Uint8Array(await (await fetch('/pkg/diaodu_bg.wasm')).arrayBuffer());
    const api = await import('/pkg/diaodu.js');
    const header = { unit: '城桥镇', period: '2023-07', date: '2023-07-20' };
    const t = [performance.now()];
    const module = new WebAssembly.Module(bytes);
    t.push(performance.now());
    api.initSync({ module });
    t.push(performance.now());
    api.validate({ ...header, values: { self_found: 1 } }, { mode: 'draft', today: '2023-07-21' });
    t.push(performance.now());
    api.validate({ ...header, values: { self_found: 2, self_rectified: 3 } }, { mode: 'draft', today: '2023-07-21' });
    t.push(performance.now());
    api.validate({ ...header, values: { self_found: 5, self_rectified: 3 } }, { mode: 'submit', today: '2023-07-21' });
    t.push(performance.now());
    const d = (k) => +(t[k + 1] - t[k]).toFixed(1);
    return { compile: d(0), instantiate: d(1), first: d(2), second: d(3), third: d(4) };
  });
  console.log(`page ${i + 1}: compile ${r.compile} ms, instantiate ${r.instantiate} ms, validate ${r.first}, ${r.second}, ${r.third} ms`);
  await browser.close();
}
server.close();
