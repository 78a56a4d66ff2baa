// The JS package as a portal developer uses it, in Node: the built pkg/
// (run scripts/build-wasm.sh first; scripts/test.sh does).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const diaodu = require('../../pkg');
// English is loaded on request; these tests speak both languages.
await diaodu.loadLanguage('en');
const fixture = (p) => JSON.parse(readFileSync(new URL(`../fixtures/${p}`, import.meta.url), 'utf8'));
const june = fixture('series/chengqiao-2023-06.json');
const july = fixture('series/chengqiao-2023-07.json');
const opts = { mode: 'submit', today: '2024-01-10' };

const isPlain = (v) => {
  if (Array.isArray(v)) return v.every(isPlain);
  if (v && typeof v === 'object') {
    return Object.getPrototypeOf(v) === Object.prototype && Object.values(v).every(isPlain);
  }
  return true;
};

test('validate gives a plain, camelCase result equal to the JSON API', () => {
  const r = diaodu.validate(july, { ...opts, prior: june });
  assert.equal(r.submittable, true);
  assert.deepEqual(r.counts, { errors: 0, warnings: 0, unexplainedWarnings: 0 });
  assert.ok(isPlain(r), 'no Maps, no class instances');
  const { normalized, ...viaJson } = JSON.parse(diaodu.validateJson(JSON.stringify(july), { ...opts, prior: june }));
  assert.deepEqual(r, viaJson);
  assert.deepEqual(diaodu.normalize(july), normalized);
});

test('every option is optional', () => {
  const r = diaodu.validate({ values: { self_found: '１２' } });
  assert.equal(r.mode, 'draft');
  assert.match(r.today, /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(diaodu.normalize({ values: { self_found: '１２' } }).values.self_found, 12);
});

test('messages are Chinese by default, English on request', () => {
  const bad = { values: { self_found: 'abc' } };
  assert.match(diaodu.validate(bad).findings[0].message, /不是有效数字/);
  assert.match(diaodu.validate(bad, { lang: 'en' }).findings[0].message, /is not a number/);
});

/** A call on a form, and the details of what it changed, checked against each other. */
function step(form, status) {
  const c = form.changes();
  assert.equal(status.changed, c.added.length + c.removed.length > 0, JSON.stringify(status));
  assert.deepEqual(status.counts, c.counts);
  assert.equal(status.submittable, c.submittable);
  return c;
}

test('typing into a ReportForm: full-width digits, a cross-field error, deleting, pasting, a 元 amount', () => {
  const form = new diaodu.ReportForm(null, { mode: 'draft', today: '2024-01-10' });
  const set = (k, t) => step(form, form.setField(k, t));
  assert.deepEqual(form.setField('self_found', '１'), { changed: false, counts: { errors: 0, warnings: 0, unexplainedWarnings: 0 }, submittable: true });
  assert.deepEqual(form.changes().added, []);
  let c = set('self_rectified', '3');
  assert.deepEqual(c.added.map((f) => f.id), ['C301:self_rectified']);
  assert.deepEqual(Object.keys(c.fields), ['self_found', 'self_rectified']);
  assert.equal(c.fields.self_found[0].severity, 'error');
  c = set('self_found', '１２');
  assert.deepEqual(c.removed.map((f) => f.id), ['C301:self_rectified']);
  assert.deepEqual(c.fields.self_rectified, []);
  c = set('self_found', '');
  assert.deepEqual(c.added, [], 'a blank is not a finding while drafting');
  assert.equal(form.report().values.self_found, null);
  c = set('spot_checked', '1,234');
  assert.deepEqual(c.added, []);
  assert.equal(form.normalized().values.spot_checked, 1234);
  c = set('penalty_amount', '35000元');
  assert.equal(c.added[0].code, 'F106');
  assert.match(c.added[0].message, /3\.5/);
  assert.equal(form.report().values.penalty_amount, '35000元', 'kept as typed');
  c = set('penalty_amount', '3.5');
  assert.deepEqual(c.removed.map((f) => f.code), ['F106']);
});

test('prior month set and changed, explanations added', () => {
  const form = new diaodu.ReportForm(july, { mode: 'submit', today: '2024-01-10' });
  const set = (k, t) => step(form, form.setField(k, t));
  let c = step(form, form.setPrior({ ...june, values: { ...june.values, self_found: 50 } }));
  assert.deepEqual(c.added.map((f) => f.id), ['M403:self_found']);
  assert.match(c.added[0].message, /如上月数据有误，请先更正上月报表/);
  c = step(form, form.setPrior(june));
  assert.deepEqual(c.removed.map((f) => f.id), ['M403:self_found']);
  c = set('date', '2023-07-31');
  assert.equal(c.added[0].severity, 'warning');
  assert.equal(c.submittable, false);
  c = step(form, form.setExplanation('H251:date', '核实无误'));
  assert.equal(c.added[0].explanation.accepted, false);
  assert.match(c.added[0].explanation.reason, /套话/);
  c = step(form, form.setExplanation('H251:date', '月底防汛值班，延后三天报送'));
  assert.equal(c.submittable, true);
  assert.equal(form.result().findings[0].explained, true);
  c = step(form, form.setOptions({ lang: 'en' }));
  assert.match(c.added[0].message, /deadline/);
  assert.equal(form.prior().unit, '城桥镇');
});

test('bad input throws an Error that says what is wrong', () => {
  assert.throws(() => diaodu.validate('x'), { name: 'Error', message: /报表应为对象/ });
  assert.throws(() => diaodu.validate({}, { mode: 'final' }), /mode 应为 "draft" 或 "submit"，收到 "final"/);
  assert.throws(() => diaodu.validate({}, { today: 'tomorrow', lang: 'en' }), /today must be a YYYY-MM-DD date/);
  assert.throws(() => diaodu.validateJson('{'), /JSON/);
  const form = new diaodu.ReportForm();
  assert.throws(() => form.setField('self_fund', '1'), /表中没有“self_fund”这一项/);
  // The text as typed is a string; anything else is named, not guessed at.
  assert.throws(() => form.setField('self_found', 12), { name: 'Error', message: /setField 的内容应为文本/ });
  assert.throws(() => form.setField(7, '1'), { name: 'Error', message: /setField 的字段名应为文本/ });
  // The form object still works after a refused call.
  assert.equal(form.setField('self_found', '1').changed, false);
});

test('JS values a JSON file cannot hold are kept visible, not turned into blanks', () => {
  const r = diaodu.validate({ values: { self_found: NaN, dept_found: 10n, listed_found: -Infinity, spot_checked: null } }, { lang: 'en' });
  assert.deepEqual(r.findings.map((f) => f.id), ['F102:self_found', 'F102:listed_found']);
  assert.match(r.findings[0].message, /"NaN" is not a number/);
  assert.match(r.findings[1].message, /"-Infinity" is not a number/);
  const n = diaodu.normalize({ values: { self_found: NaN, dept_found: 10n, listed_found: -Infinity, spot_checked: null } });
  assert.equal(n.values.dept_found, 10, 'a BigInt reads as its digits');
  assert.equal(n.values.spot_checked, null);
  // A Date is written by its toJSON, as JSON.stringify would.
  const d = diaodu.validate({ date: new Date('2023-06-26T00:00:00Z') });
  assert.deepEqual(d.findings.map((f) => f.code), ['H204']);
  assert.match(d.findings[0].message, /2023-06-26T00:00:00\.000Z/);
  // A cycle cannot be read; the message says so instead of overflowing.
  const o = { values: {} };
  o.values.self = o;
  assert.throws(() => diaodu.validate(o), /报表格式不对：.*circular/);
  assert.throws(() => diaodu.validate(o, { lang: "en" }), /^Error: the report is malformed: .*circular/);
});

test('deeply nested values are refused as values, not by overflowing the stack', () => {
  const deep = '['.repeat(100000) + ']'.repeat(100000);
  const r = JSON.parse(diaodu.validateJson(`{"values":{"self_found":${deep}}}`, { lang: 'en' }));
  assert.deepEqual(r.findings.map((f) => f.code), ['F111']);
  assert.match(r.findings[0].message, /JSON array/);
  let inner = {};
  const report = { values: { self_found: inner } };
  for (let i = 0; i < 1000; i++) inner = inner.a = {};
  assert.deepEqual(diaodu.validate(report).findings.map((f) => f.code), ['F111']);
});

test('the object and JSON APIs read numbers digit for digit', () => {
  const text = '{"values":{"self_found":123456789012345678901234567890,"penalty_amount":3.50,"spot_checked":1.2e3}}';
  const viaJson = JSON.parse(diaodu.validateJson(text, { lang: 'en' }));
  assert.deepEqual(viaJson.findings.map((f) => f.id), ['F107:self_found']);
  assert.match(viaJson.findings[0].message, /"123456789012345678901234567890" is above/);
  assert.equal(viaJson.normalized.values.spot_checked, 1200);
  assert.equal(viaJson.normalized.values.penalty_amount, '3.5');
  const viaObject = diaodu.normalize({ values: { spot_checked: 1.2e3, penalty_amount: 3.5 } });
  assert.equal(viaObject.values.spot_checked, 1200);
  assert.equal(viaObject.values.penalty_amount, '3.5');
});

test('schema and rule catalogue are plain data a portal can build a form from', () => {
  const s = diaodu.schema();
  assert.ok(isPlain(s));
  assert.equal(s.fields.length, 35);
  assert.equal(s.sections.length, 4);
  const f = s.fields.find((x) => x.key === 'penalty_amount');
  assert.deepEqual([f.section, f.item, f.unit, f.kind], [3, 3, '万元', 'money']);
  assert.ok(s.units.units.some((u) => u.name === '城桥镇'));
  const rules = diaodu.rules();
  assert.ok(isPlain(rules));
  assert.ok(rules.find((r) => r.code === 'C301').fields.includes('self_rectified'));
});

test('installed under its name, the package resolves for require and import in Node', async () => {
  const { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } = await import('node:fs');
  const { execFileSync } = await import('node:child_process');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(`${tmpdir()}/diaodu-consumer-`);
  mkdirSync(`${dir}/node_modules`);
  symlinkSync(new URL('../../pkg', import.meta.url).pathname, `${dir}/node_modules/diaodu`);
  writeFileSync(`${dir}/a.cjs`, "const { validate } = require('diaodu'); console.log(validate({ values: { self_found: 'x' } }).findings[0].code);");
  writeFileSync(`${dir}/b.mjs`, "import { validate } from 'diaodu'; console.log(validate({ values: { self_found: '1', self_rectified: '2' } }).findings[0].code);");
  assert.equal(execFileSync(process.execPath, ['a.cjs'], { cwd: dir }).toString().trim(), 'F102');
  assert.equal(execFileSync(process.execPath, ['b.mjs'], { cwd: dir }).toString().trim(), 'C301');
});

test('the package ships TypeScript declarations for every shape', () => {
  const dts = readFileSync(new URL('../../pkg/diaodu.d.ts', import.meta.url), 'utf8');
  for (const name of ['Report', 'ValidateOptions', 'CheckResult', 'Finding', 'Status', 'Changes', 'Schema', 'RuleInfo']) {
    assert.match(dts, new RegExp(`export interface ${name} `), name);
  }
  assert.match(dts, /export function validate\(report: Report, options\?: ValidateOptions \| null\): CheckResult;/);
  assert.match(dts, /setField\(key: FieldKey, text: string\): Status;/);
  assert.match(dts, /changes\(\): Changes;/);
  assert.match(dts, /export function normalize\(report: Report\): NormalizedReport;/);
});

test('every build has the same surface: init() in Node too, by import and by require', async () => {
  // As a portal's shared start-up code and its Vitest tests import it.
  const esm = await import('../../pkg/node/diaodu.mjs');
  assert.equal(typeof esm.default, 'function');
  const ready = await esm.default();
  assert.equal(typeof ready.validate, 'function');
  assert.equal(typeof esm.initSync, 'function');
  assert.equal(esm.validate({ unit: '城桥镇' }).form, 'chongming-2023');
  assert.equal(typeof diaodu.init, 'function');
  assert.equal(await diaodu.init(), diaodu);
  // The package resolves Node's import to that module.
  const pkg = JSON.parse(readFileSync(new URL('../../pkg/package.json', import.meta.url), 'utf8'));
  assert.equal(pkg.exports['.'].node.import, './node/diaodu.mjs');
  assert.equal(pkg.exports['./dom'].default, './dom/diaodu.js');
});

test('a portal\'s own wording: in validate, the form object and rules(); checked when given', () => {
  const messages = { zh: { C301: '{part}（{partValue}）超过了{whole}（{wholeValue}），请核对。' } };
  const report = { unit: '城桥镇', period: '2023-06', values: { self_found: 12, self_rectified: 15 } };
  const r = diaodu.validate(report, { mode: 'draft', messages });
  assert.equal(r.findings[0].message, '1.2 企业自查发现重大事故隐患中已完成整改的（个）（15）超过了1.1 企业自查发现的重大事故隐患（个）（12），请核对。');
  // English stays ours.
  assert.match(diaodu.validate(report, { mode: 'draft', lang: 'en', messages }).findings[0].message, /is 15, more than/);
  const form = new diaodu.ReportForm(report, { mode: 'draft', messages });
  assert.match(form.findings()[0].message, /请核对/);
  // Back to our words: every message changes.
  const status = form.setOptions({ messages: null });
  assert.equal(status.changed, true);
  assert.match(form.changes().added[0].message, /分项不能大于总数/);
  // Mistakes throw, naming what was wrong.
  assert.throws(() => diaodu.validate(report, { messages: { zh: { C30: 'x' } } }), /C30/);
  assert.throws(() => diaodu.validate(report, { messages: { zh: { C301: '{prat}' } } }), /\{prat\}.*\{part\}/);
  assert.throws(() => new diaodu.ReportForm(report, { messages: { fr: {} } }), /fr/);
  // rules() lists every template and its placeholders.
  const c301 = diaodu.rules().find((x) => x.code === 'C301');
  assert.deepEqual(c301.messages.map((m) => m.key), ['C301']);
  assert.deepEqual(c301.messages[0].placeholders, ['part', 'partValue', 'whole', 'wholeValue']);
});
