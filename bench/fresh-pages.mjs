// First calls in fresh pages of headless Chromium (a benchmark, not a
// test): each page in a browser of its own, so that nothing compiled for
// one page is reused by the next. Prints, per page, the time to compile the
// module from its bytes, to instantiate it (initSync), and the first three
// validate calls (V8 compiles each function when it is first called).
// Usage: node bench/fresh-pages.mjs [pages] (after scripts/build-wasm.sh).
import { chromium } from 'playwright-core';
import { serveRepo } from './serve-repo.mjs';

const { server, base } = await serveRepo();

const pages = Number(process.argv[2] ?? 8);
for (let i = 0; i < pages; i++) {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage();
  await page.goto(`${base}/`);
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
