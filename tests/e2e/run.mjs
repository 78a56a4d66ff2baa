// End-to-end tests of the demo page in headless Chromium (playwright-core and
// Debian's /usr/bin/chromium), acting as reporting staff would. The page is
// served two ways: as static files (no API: last month is imported from a
// file), and by `diaodu serve` with a fresh record and its clock fixed at
// 2023-07-26 10:00 in China (last month comes from the record). Screenshots
// of the filled form and of the print view go to tests/artifacts/.
//
//   node tests/e2e/run.mjs        (after scripts/build-wasm.sh and cargo build --features serve)
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { launchChromium, runTests, serveStatic } from '../harness.mjs';

const root = new URL('../../', import.meta.url).pathname;
const bin = process.env.DIAODU_BIN ?? `${root}target/debug/diaodu`;
const artifacts = `${root}tests/artifacts`;
mkdirSync(artifacts, { recursive: true });
const fixturePath = (p) => `${root}tests/fixtures/${p}`;
const fixture = (p) => JSON.parse(readFileSync(fixturePath(p), 'utf8'));
const schema = JSON.parse(await new Promise((resolve, reject) => {
  const p = spawn(bin, ['schema']);
  let out = '';
  p.stdout.on('data', (d) => { out += d; });
  p.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`diaodu schema exited ${code}`))));
}));
const KEYS = schema.fields.map((f) => f.key);

// --- the server ----------------------------------------------------------------
const db = join(mkdtempSync(join(tmpdir(), 'diaodu-e2e-')), 'record.sqlite3');
const server = spawn(bin, ['serve', '--addr', '127.0.0.1:0', '--www', `${root}www`, '--db', db, '--clock', '2023-07-26T10:00:00'], { stdio: ['ignore', 'pipe', 'inherit'] });
const recordBase = await new Promise((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (d) => {
    out += d;
    const m = /http:\/\/(127\.0\.0\.1:\d+)\//.exec(out);
    if (m) resolve(`http://${m[1]}/`);
  });
  server.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  setTimeout(() => reject(new Error('server did not start in 10 s')), 10_000);
});

// --- the same files, served statically (no API) ---------------------------------
const { server: statics, base } = await serveStatic(join(root, 'www'));

const browser = await launchChromium();

/** A fresh browser profile (empty localStorage) with the page loaded. */
async function open({ context, record = false } = {}) {
  const ctx = context ?? await browser.newContext({ viewport: { width: 1100, height: 1000 }, acceptDownloads: true });
  const page = await ctx.newPage();
  const problems = [];
  // Served statically, the page's question to the API is a 404, which
  // Chromium logs; that is how the page learns there is no record.
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(record ? recordBase : base);
  await page.waitForSelector('body.ready', { timeout: 10_000 });
  return { ctx, page, problems };
}

const field = (page, key) => page.locator(`[name="${key}"]`);
const msgs = (page, key) => page.locator(`#m-${key}`);

async function fillReport(page, report) {
  for (const k of ['unit', 'period', 'date']) await field(page, k).fill(String(report[k] ?? ''));
  for (const [k, v] of Object.entries(report.values)) {
    await field(page, k).fill(typeof v === 'boolean' ? (v ? '是' : '否') : String(v));
  }
}

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

test('the page is the paper form, built from the schema, under a strict CSP', async () => {
  const { ctx, page, problems } = await open();
  assert.equal(await page.locator('h1').textContent(), schema.title);
  assert.equal(await page.locator('#sections input').count(), 35);
  for (const key of KEYS) {
    const input = field(page, key);
    const id = await input.getAttribute('id');
    assert.equal(await page.locator(`label[for="${id}"]`).count(), 1, `${key} has a label`);
    assert.ok((await input.getAttribute('aria-describedby')).split(' ').includes(`m-${key}`));
  }
  assert.equal(await page.locator('fieldset legend').count(), 4);
  // The unit picker offers the registry: typing 城桥 suggests 城桥镇.
  assert.equal(await page.locator('#unit-list option[value="城桥镇"]').count(), 1);
  assert.equal(await field(page, 'unit').getAttribute('list'), 'unit-list');
  const csp = (await page.request.get(recordBase)).headers()['content-security-policy'];
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('a cross-field error appears on both fields and goes away when fixed', async () => {
  const { ctx, page } = await open();
  await field(page, 'self_found').pressSequentially('１２');
  await field(page, 'self_rectified').pressSequentially('15');
  for (const key of ['self_found', 'self_rectified']) {
    assert.equal(await field(page, key).getAttribute('aria-invalid'), 'true', key);
    assert.match(await msgs(page, key).textContent(), /为 15，大于.*的 12/);
  }
  await field(page, 'self_rectified').fill('10');
  for (const key of ['self_found', 'self_rectified']) {
    assert.equal(await field(page, key).getAttribute('aria-invalid'), null, key);
    assert.equal((await msgs(page, key).textContent()).trim(), '');
  }
  await ctx.close();
});

test('pasting "1,234" and typing a 元 amount', async () => {
  const { ctx, page } = await open();
  await field(page, 'spot_checked').focus();
  await page.keyboard.insertText('1,234');
  assert.equal(await field(page, 'spot_checked').getAttribute('aria-invalid'), null);
  await field(page, 'penalty_amount').pressSequentially('35000元');
  assert.equal(await field(page, 'penalty_amount').getAttribute('aria-invalid'), 'true');
  assert.match(await msgs(page, 'penalty_amount').textContent(), /35000元.*3\.5/);
  assert.equal(await field(page, 'penalty_amount').inputValue(), '35000元', 'what was typed stays');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#btn-export')]);
  const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(exported.values.spot_checked, 1234);
  assert.equal(exported.values.penalty_amount, '35000元');
  await ctx.close();
});

test('a prior month imported from a file flags a decrease, with last month shown beside each field', async () => {
  const { ctx, page } = await open();
  await page.setInputFiles('#prior-file', fixturePath('series/chengqiao-2023-06.json'));
  await page.locator('#prior-status', { hasText: '城桥镇 2023-06' }).waitFor();
  assert.match(await page.locator('[data-key="self_found"] .prior-value').textContent(), /上月 ３１/);
  const july = fixture('series/chengqiao-2023-07.json');
  await fillReport(page, july);
  assert.match(await page.locator('.diaodu-summary-line').getAttribute('class'), /diaodu-ok/);
  await field(page, 'self_found').fill('25');
  await field(page, 'self_rectified').fill('20');
  const text = await msgs(page, 'self_found').textContent();
  assert.match(text, /本月累计 25，少于上月累计 31/);
  assert.match(text, /如上月数据有误，请先更正上月报表/);
  assert.equal(await field(page, 'self_found').getAttribute('aria-invalid'), 'true');
  await ctx.close();
});

test('a warning is explained: boilerplate is refused with the reason, a real reason counts', async () => {
  const { ctx, page } = await open();
  await fillReport(page, fixture('series/chengqiao-2023-07.json'));
  await field(page, 'date').fill('2023-07-31');
  const box = page.locator('#m-date textarea');
  assert.equal(await box.count(), 1);
  assert.match(await page.locator('.diaodu-summary-line').textContent(), /不能提交/);
  await box.fill('核实无误');
  assert.match(await page.locator('#m-date .diaodu-explain-status').textContent(), /套话/);
  await box.fill('月底全镇防汛值班，延后三天报送');
  assert.match(await page.locator('#m-date .diaodu-explain-status').textContent(), /已说明/);
  assert.match(await page.locator('.diaodu-summary-line').textContent(), /可以提交/);
  await ctx.close();
});

test('the draft survives a reload, invalid text included', async () => {
  const { ctx, page } = await open();
  await page.setInputFiles('#prior-file', fixturePath('series/chengqiao-2023-06.json'));
  await page.locator('#prior-status', { hasText: '2023-06' }).waitFor();
  await field(page, 'unit').fill('城桥');
  await field(page, 'self_found').fill('４２个');
  await field(page, 'penalty_amount').fill('35000元');
  await field(page, 'date').fill('2023-07-31');
  await field(page, 'period').fill('2023-07');
  await page.locator('#m-date textarea').fill('月底全镇防汛值班，延后三天报送');
  await page.reload();
  await page.waitForSelector('body.ready');
  assert.equal(await field(page, 'unit').inputValue(), '城桥');
  assert.equal(await field(page, 'self_found').inputValue(), '４２个');
  assert.equal(await field(page, 'penalty_amount').inputValue(), '35000元');
  assert.equal(await page.locator('#m-date textarea').inputValue(), '月底全镇防汛值班，延后三天报送');
  assert.match(await page.locator('#prior-status').textContent(), /2023-06/);
  assert.match(await msgs(page, 'penalty_amount').textContent(), /F?3\.5/);
  await ctx.close();
});

test('a bad prior file is refused before it is stored; a bad stored draft is set aside, not fatal', async () => {
  const { ctx, page, problems } = await open();
  await field(page, 'self_found').fill('12');
  // {"values": 5} is JSON but no report: the form refuses it, nothing is stored.
  await page.setInputFiles('#prior-file', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"values": 5}') });
  await page.locator('#prior-status', { hasText: '无法读取该文件' }).waitFor();
  await field(page, 'self_rectified').fill('1'); // the next keystroke saves the draft
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('diaodu.draft.v1')));
  assert.equal(stored.prior, null);
  await page.reload();
  await page.waitForSelector('body.ready');
  assert.equal(await field(page, 'self_found').inputValue(), '12');
  assert.equal(await page.locator('#draft-aside').isHidden(), true);

  // A draft stored by an older page (or edited by hand) with a bad prior:
  // the page starts, keeps the report, leaves the prior out and says so.
  const bad = JSON.stringify({ report: { values: { self_found: '7' } }, prior: { values: 5 }, lang: 'zh' });
  await page.evaluate((t) => localStorage.setItem('diaodu.draft.v1', t), bad);
  await page.reload();
  await page.waitForSelector('body.ready');
  assert.equal(await field(page, 'self_found').inputValue(), '7');
  assert.match(await page.locator('#draft-aside').textContent(), /已略去该部分/);
  assert.equal(await page.evaluate(() => localStorage.getItem('diaodu.draft.aside.v1')), bad);
  assert.match(await page.locator('#prior-status').textContent(), /未选择上月报表/);

  // Not even JSON: the page starts empty and the text is kept aside.
  await page.evaluate(() => localStorage.setItem('diaodu.draft.v1', '{"report": {"values": {"self_found": "9"'));
  await page.reload();
  await page.waitForSelector('body.ready');
  assert.equal(await page.locator('#draft-aside').isHidden(), false);
  assert.equal(await page.evaluate(() => localStorage.getItem('diaodu.draft.aside.v1')), '{"report": {"values": {"self_found": "9"');
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('submitting to the record: last month from the server, a late month explained, the office sees the month', async () => {
  const { ctx, page, problems } = await open({ record: true });
  await page.locator('#record-line', { hasText: '演示模式' }).waitFor();
  assert.equal(await page.locator('#prior-file').isVisible(), false, 'no file to import');
  // June, received on July 26: late by the server's clock (S551), which
  // only the server knows; it asks for a reason.
  await fillReport(page, fixture('series/chengqiao-2023-06.json'));
  await page.click('#btn-submit');
  await page.waitForSelector('#server-line.differ');
  assert.match(await page.locator('#server-line').textContent(), /未被接收/);
  const late = page.locator('#server-findings [data-id="S551:period"]');
  assert.match(await late.textContent(), /2023-07-26/);
  await late.locator('textarea').fill('6月28日系统故障无法登录，7月补报');
  await page.click('#btn-submit');
  await page.locator('#server-line.agree', { hasText: '已报送' }).waitFor();
  // July: last month is June from the record; a decrease shows at once.
  await page.click('#btn-next');
  await page.locator('#prior-status', { hasText: '上月报表取自服务器' }).waitFor();
  const july = fixture('series/chengqiao-2023-07.json');
  await fillReport(page, july);
  await field(page, 'self_found').fill('25');
  assert.match(await msgs(page, 'self_found').textContent(), /少于上月累计 31/);
  // Sent as it is, the browser itself stops it (the field's custom
  // validity), before anything reaches the server.
  await field(page, 'self_rectified').fill('20');
  await page.click('#btn-submit');
  assert.equal(await page.evaluate(() => document.activeElement.name), 'self_found');
  assert.equal(await page.locator('#server-line').isHidden(), true);
  await field(page, 'self_found').fill(String(july.values.self_found));
  await field(page, 'self_rectified').fill(String(july.values.self_rectified));
  await page.click('#btn-submit');
  await page.locator('#server-line.agree', { hasText: '2023-07' }).waitFor();
  assert.deepEqual(problems, []);

  // The office's view of July.
  const office = await ctx.newPage();
  await office.goto(`${recordBase}office.html`);
  await office.waitForSelector('body.ready');
  assert.equal(await office.locator('#period').inputValue(), '2023-07');
  const row = office.locator('#status tr[data-unit="城桥镇"]');
  assert.match(await row.textContent(), /按时报送/);
  assert.match(await office.locator('#status tr[data-unit="堡镇"]').textContent(), /未报送/);
  const total = await office.locator('#rollup tr[data-key="self_found"]').textContent();
  assert.ok(total.includes(String(july.values.self_found).replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10))), total);
  assert.match(await office.locator('#counts').textContent(), /按时 1/);
  const csv = await office.evaluate(async () => {
    const res = await fetch(document.getElementById('dl-csv').href);
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  });
  assert.equal(csv.status, 200);
  assert.match(csv.text, /^\ufeff?单位/);
  await office.screenshot({ path: `${artifacts}/office.png`, fullPage: true });
  await ctx.close();
});

test('keyboard only: tab order follows the form, typing and jumping from the summary', async () => {
  const { ctx, page } = await open();
  await field(page, 'unit').focus();
  const order = [];
  for (let i = 0; i < 3 + KEYS.length; i++) {
    order.push(await page.evaluate(() => document.activeElement.name));
    await page.keyboard.press('Tab');
  }
  assert.deepEqual(order, ['unit', 'period', 'date', ...KEYS]);
  await field(page, 'self_found').focus();
  await page.keyboard.type('3');
  await page.keyboard.press('Tab');
  await page.keyboard.type('4');
  assert.equal(await field(page, 'self_rectified').getAttribute('aria-invalid'), 'true');
  const jump = page.locator('.diaodu-summary-list button').first();
  await jump.focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.name), 'self_found');
  await ctx.close();
});

test('start next month, English, and screenshots of the form and the print view', async () => {
  const { ctx, page } = await open();
  await fillReport(page, fixture('series/chengqiao-2023-07.json'));
  await field(page, 'dept_found').fill('10');
  await field(page, 'date').fill('2023-07-31');
  await page.screenshot({ path: `${artifacts}/form.png`, fullPage: true });
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: `${artifacts}/print.png`, fullPage: true });
  await page.pdf({ path: `${artifacts}/print.pdf`, format: 'A4' });
  // The whole form prints on one A4 sheet, as the paper original.
  const pages = readFileSync(`${artifacts}/print.pdf`).toString('latin1').match(/\/Type\s*\/Page\b/g) ?? [];
  assert.equal(pages.length, 1, 'the print view is one A4 page');
  await page.emulateMedia({ media: 'screen' });
  // English is fetched the first time it is asked for (diaodu_en.json).
  await page.click('#btn-lang');
  await page.waitForFunction((t) => document.querySelector('h1').textContent === t, schema.titleEn);
  assert.match(await msgs(page, 'dept_rectified').textContent(), /more than/);
  await page.click('#btn-lang');
  await field(page, 'dept_found').fill('15');
  await field(page, 'date').fill('2023-07-26');
  await page.click('#btn-next');
  assert.equal(await field(page, 'period').inputValue(), '2023-08');
  assert.equal(await field(page, 'self_found').inputValue(), '');
  assert.match(await page.locator('[data-key="self_found"] .prior-value').textContent(), /上月 42/);
  await field(page, 'self_found').fill('40');
  assert.match(await msgs(page, 'self_found').textContent(), /少于上月累计 42/);
  await ctx.close();
});

test('the README embedding example (www/embed.html) works as written', async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${base}embed.html`);
  await field(page, 'self_found').pressSequentially('3');
  await field(page, 'self_rectified').pressSequentially('5');
  await page.locator('#findings li', { hasText: 'C301' }).waitFor();
  assert.deepEqual(problems, []);
  await ctx.close();
});

const failed = await runTests(tests, 'e2e');
await browser.close();
server.kill();
statics.close();
process.exit(failed ? 1 : 0);
