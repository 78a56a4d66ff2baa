// attach() on three portal forms in headless Chromium (playwright-core and
// Debian's /usr/bin/chromium): a form named by our keys, a portal's own
// names mapped through `fields`, and a page with its own message slots and
// summary. Serves the repository's files statically; run after
// scripts/build-wasm.sh.
//
//   node tests/dom/run.mjs
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { launchChromium, runTests, serveStatic } from '../harness.mjs';

const root = new URL('../../', import.meta.url).pathname;
const july = JSON.parse(readFileSync(`${root}tests/fixtures/series/chengqiao-2023-07.json`, 'utf8'));
const { server, base: rootUrl } = await serveStatic(root);
const base = `${rootUrl}tests/dom/`;
const browser = await launchChromium();

async function open(page) {
  const ctx = await browser.newContext();
  const p = await ctx.newPage();
  const problems = [];
  p.on('pageerror', (e) => problems.push(e.message));
  p.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  await p.goto(base + page);
  await p.waitForSelector('body.ready', { timeout: 10_000 });
  return { ctx, page: p, problems };
}

/** What the browser knows of an input: custom validity, aria-invalid, its message text. */
const state = (page, name) => page.evaluate((name) => {
  const input = document.querySelector(`[name="${name}"]`);
  const ids = (input.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  return {
    customError: input.validity.customError,
    validationMessage: input.validationMessage,
    invalid: input.getAttribute('aria-invalid'),
    describedBy: ids,
    messages: ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' | '),
    classes: input.className,
  };
}, name);

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

test('our keys: a cross-field error on both fields, submit blocked then allowed, detach', async () => {
  const { ctx, page, problems } = await open('ours.html');
  await page.fill('[name="self_found"]', '3');
  await page.fill('[name="self_rectified"]', '5');
  for (const name of ['self_found', 'self_rectified']) {
    const s = await state(page, name);
    assert.equal(s.customError, true, name);
    assert.equal(s.invalid, 'true', name);
    assert.match(s.messages, /为 5，大于 .*的 3/, name);
    assert.match(s.validationMessage, /分项不能大于总数/, name);
  }
  // With an error, the browser's own validation stops the submission (the
  // custom validity), before any submit event, and focuses the field.
  await page.click('button[type="submit"]');
  assert.deepEqual(await page.evaluate(() => window.submits), []);
  assert.equal(await page.evaluate(() => document.activeElement.name), 'self_found');
  // Without errors, blanks are allowed while typing; submitting checks in
  // submit mode, where every value is required, and stops it.
  await page.fill('[name="self_rectified"]', '2');
  await page.click('button[type="submit"]');
  let submits = await page.evaluate(() => window.submits);
  assert.equal(submits.length, 1);
  assert.equal(submits[0].prevented, true);
  assert.equal(await page.evaluate(() => document.activeElement.name), 'unit');
  assert.match((await state(page, 'inspectors')).messages, /未填写/);
  // The whole July report, as typed (full-width digits and all).
  for (const k of ['unit', 'period', 'date']) await page.fill(`[name="${k}"]`, String(july[k]));
  for (const [k, v] of Object.entries(july.values)) await page.fill(`[name="${k}"]`, String(v));
  assert.equal((await state(page, 'self_rectified')).customError, false);
  await page.click('button[type="submit"]');
  submits = await page.evaluate(() => window.submits);
  assert.equal(submits[1].prevented, false);
  const sent = JSON.parse(submits[1].hidden);
  assert.equal(sent.unit, '城桥镇');
  assert.equal(sent.values.self_found, 42, 'normalised: "４２" is 42');
  // detach(): the DOM as it was, no custom validity left.
  await page.evaluate(() => window.handle.detach());
  assert.equal(await page.evaluate(() => document.getElementById('report').outerHTML), await page.evaluate(() => window.before));
  assert.equal(await page.evaluate(() => [...document.querySelectorAll('input')].some((i) => i.validity.customError)), false);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('a portal\'s own names: mapped by an object or a function, findings name its inputs', async () => {
  const { ctx, page, problems } = await open('mapped.html');
  await page.fill('[name="qyzcfx"]', '3');
  await page.fill('[name="qyzczg"]', '5');
  for (const name of ['qyzcfx', 'qyzczg']) {
    const s = await state(page, name);
    assert.equal(s.customError, true, name);
    assert.equal(s.invalid, 'true', name);
    assert.match(s.messages, /分项不能大于总数/);
  }
  // The portal's own describedby and classes are kept beside ours.
  assert.equal((await state(page, 'qyzczg')).describedBy[0], 'tip');
  assert.match((await state(page, 'qyzcfx')).classes, /portal-num/);
  const last = await page.evaluate(() => window.changes.at(-1));
  const c301 = last.added.find((f) => f.code === 'C301');
  assert.deepEqual(c301.fields, ['self_found', 'self_rectified']);
  assert.deepEqual(c301.inputs, ['qyzcfx', 'qyzczg']);
  // A radio group is one field: its checked button's value, marked on
  // every button, its message after the group.
  await page.check('[name="mtlm"][value="有时"]');
  const radios = () => page.evaluate(() => [...document.querySelectorAll('[name="mtlm"]')].map((r) => [r.validity.customError, r.getAttribute('aria-invalid')]));
  assert.deepEqual(await radios(), [[true, 'true'], [true, 'true'], [true, 'true']]);
  assert.match(await page.locator('#diaodu-m-media_column').textContent(), /须填“是”或“否”|是.*否/);
  await page.check('[name="mtlm"][value="是"]');
  assert.deepEqual(await radios(), [[false, null], [false, null], [false, null]]);
  // An input the form does not have is left alone.
  assert.equal(await page.evaluate(() => document.querySelector('[name="bz"]').hasAttribute('aria-describedby')), false);
  // The function-mapped form.
  await page.fill('[name="x_dept_found"]', '1');
  await page.fill('[name="x_dept_rectified"]', '2');
  assert.equal((await state(page, 'x_dept_rectified')).customError, true);
  assert.equal(await page.evaluate(() => document.querySelector('[name="other"]').hasAttribute('aria-describedby')), false);
  // Mistakes in the options are refused with a message.
  const bad = await page.evaluate(() => window.bad);
  assert.match(bad[0], /self_fund/);
  assert.match(bad[1], /colour/);
  assert.match(bad[2], /fields/);
  // detach() restores the portal's own attributes.
  await page.check('[name="mtlm"][value="有时"]');
  await page.evaluate(() => window.handle.detach());
  assert.deepEqual(await radios(), [[false, null], [false, null], [false, null]]);
  assert.equal(await page.evaluate(() => document.querySelectorAll('[name="mtlm"][aria-describedby]').length), 0);
  const s = await state(page, 'qyzczg');
  assert.deepEqual(s.describedBy, ['tip']);
  assert.equal(s.customError, false);
  assert.equal(s.invalid, null);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('the portal\'s slots and summary: messages where it wants them, a warning with its 说明', async () => {
  const { ctx, page, problems } = await open('slots.html');
  // Below last month's 30: an error in the slot, listed in the summary.
  await page.fill('[name="self_found"]', '25');
  const slot = page.locator('[data-diaodu-message-for="self_found"]');
  assert.match(await slot.textContent(), /少于上月累计 30/);
  assert.equal((await state(page, 'self_found')).invalid, 'true');
  assert.match(await page.locator('#sum').textContent(), /不能提交/);
  // A jump (M454) is a warning: no custom validity, a class, a 说明 box.
  await page.fill('[name="self_found"]', '3000');
  const s = await state(page, 'self_found');
  assert.equal(s.customError, false);
  assert.match(s.classes, /diaodu-warning/);
  const area = slot.locator('textarea');
  await area.fill('好');
  assert.match(await slot.textContent(), /说明/);
  await area.fill('本月集中开展燃气专项检查，发现隐患大幅增加');
  assert.match(await slot.textContent(), /已说明/);
  assert.doesNotMatch((await state(page, 'self_found')).classes, /diaodu-warning/);
  // A select (是/否) is read on change: 是 last month, 否 now is a warning.
  await page.selectOption('[name="media_column"]', '否');
  const select = await state(page, 'media_column');
  assert.match(select.messages, /上月为“是”，本月为“否”/);
  assert.match(select.classes, /diaodu-warning/);
  // The summary's buttons take the user to the field.
  await page.fill('[name="self_rectified"]', '9999');
  await page.locator('#sum button', { hasText: 'C301' }).click();
  assert.equal(await page.evaluate(() => document.activeElement.name), 'self_found');
  // detach(): the form and the summary as they were.
  await page.evaluate(() => window.handle.detach());
  const now = await page.evaluate(() => ({ form: document.getElementById('f').outerHTML, summary: document.getElementById('sum').outerHTML }));
  assert.deepEqual(now, await page.evaluate(() => window.before));
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('the README\'s example (www/portal.html) works as written', async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(base.replace('tests/dom/', 'www/portal.html'));
  await page.waitForFunction(() => window.diaoduForm);
  await page.fill('[name="qyzcfx"]', '3');
  await page.fill('[name="qyzczg"]', '5');
  assert.equal((await state(page, 'qyzczg')).customError, true);
  assert.match(await page.locator('[data-diaodu-summary]').textContent(), /C301/);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('an old-style page with classic scripts only (pkg/classic, window.diaodu)', async () => {
  const { ctx, page, problems } = await open('classic.html');
  await page.fill('[name="BMJCFX"]', '1');
  await page.fill('[name="BMJCZG"]', '4');
  for (const name of ['BMJCFX', 'BMJCZG']) {
    const s = await state(page, name);
    assert.equal(s.customError, true, name);
    assert.match(s.messages, /分项不能大于总数/);
  }
  assert.equal(await page.evaluate(() => typeof window.diaodu.validate), 'function');
  // English from beside the wasm the script found (pkg/dom/diaodu_en.json).
  await page.evaluate(() => window.diaodu.loadLanguage('en'));
  await page.evaluate(() => window.handle.setOptions({ lang: 'en' }));
  assert.match((await state(page, 'BMJCZG')).messages, /more than/);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('a draft kept as typed and restored; a bad one set aside; the language switched', async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(base + 'draft.html');
  await page.waitForSelector('body.ready');
  await page.fill('[name="self_found"]', '３x');
  await page.fill('[name="judicial_transfer"]', '0');
  await page.fill('[name="typical_cases"]', '2');
  await page.fill('[name="typical_cases_danger_crime"]', '1');
  await page.locator('textarea[data-diaodu-explains="C352:typical_cases_danger_crime"]').fill('案件已移送公安机关，尚在立案审查');
  // Reloaded: everything as typed, invalid text included, and the 说明.
  await page.reload();
  await page.waitForSelector('body.ready');
  assert.equal(await page.inputValue('[name="self_found"]'), '３x');
  assert.equal((await state(page, 'self_found')).customError, true);
  assert.equal(await page.inputValue('textarea[data-diaodu-explains="C352:typical_cases_danger_crime"]'), '案件已移送公安机关，尚在立案审查');
  assert.equal(await page.evaluate(() => window.handle.draftProblem), undefined);
  // English, from the handle: refused until loaded, then loaded from beside
  // the wasm (the glue's default place) and spoken.
  const refused = await page.evaluate(() => {
    try { window.handle.setOptions({ lang: 'en' }); return null; } catch (e) { return e.message; }
  });
  assert.match(refused, /loadLanguage\('en'\)/);
  assert.match((await state(page, 'self_found')).messages, /不是有效数字/);
  await page.evaluate(() => window.loadLanguage('en'));
  await page.evaluate(() => window.handle.setOptions({ lang: 'en' }));
  assert.match((await state(page, 'self_found')).messages, /not a number/i);
  // A stored draft that cannot be read never stops the form.
  await page.evaluate(() => localStorage.setItem('portal.draft', '{"form": "chongming-2023", "values": [1'));
  await page.reload();
  await page.waitForSelector('body.ready');
  assert.match(await page.evaluate(() => window.handle.draftProblem), /portal\.draft\.aside/);
  assert.equal(await page.evaluate(() => localStorage.getItem('portal.draft.aside')), '{"form": "chongming-2023", "values": [1');
  assert.equal(await page.inputValue('[name="self_found"]'), '');
  assert.deepEqual(problems, []);
  await ctx.close();
});

const failed = await runTests(tests, 'dom');
await browser.close();
server.close();
process.exit(failed ? 1 : 0);
