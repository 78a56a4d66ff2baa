// Hostile values through the JS package: revoked Proxies, throwing getters,
// Symbols, free(). Every refusal is the package's own Error with a clear
// message, and a refused call leaves a form exactly as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { rng } from './rng.mjs';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const diaodu = require('../../pkg');
// English is loaded on request; these tests speak both languages.
await diaodu.loadLanguage('en');
const fixture = (p) => JSON.parse(readFileSync(new URL(`../fixtures/${p}`, import.meta.url), 'utf8'));
const june = fixture('series/chengqiao-2023-06.json');
const july = fixture('series/chengqiao-2023-07.json');
const opts = { mode: 'submit', today: '2024-01-10' };

const revoked = () => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};
const throwingGetter = () => ({
  unit: '城桥镇',
  get values() {
    throw new Error('getter refused');
  },
});
const throwingTraps = () =>
  new Proxy(
    {},
    {
      ownKeys() {
        throw new Error('ownKeys refused');
      },
      get() {
        throw new Error('get refused');
      },
    },
  );

/** Everything a form shows, to compare before and after a refused call. */
const state = (form) =>
  JSON.stringify({ report: form.report(), prior: form.prior(), result: form.result(), findings: form.findings() });

/** The call throws the package's own Error, with our words, not the runtime's. */
function refuses(call, pattern) {
  let thrown;
  try {
    call();
  } catch (e) {
    thrown = e;
  }
  assert.ok(thrown instanceof Error, `an Error, got ${String(thrown)}`);
  assert.doesNotMatch(thrown.message, /recursive use|null pointer|unreachable|internal error/);
  if (pattern) assert.match(thrown.message, pattern);
  return thrown;
}

test('a revoked Proxy is refused with a message, and the form stays usable and unchanged', () => {
  const form = new diaodu.ReportForm(july, { ...opts, prior: june });
  const before = state(form);
  refuses(() => form.setPrior(revoked()), /上月报表格式不对.*revoked/);
  assert.equal(state(form), before);
  refuses(() => form.setReport(revoked()), /报表格式不对/);
  refuses(() => form.setOptions(revoked()), /选项/);
  refuses(() => form.setOptions({ prior: revoked() }), /选项/);
  assert.equal(state(form), before);
  // Still usable: the next keystroke is answered.
  assert.equal(form.setField('self_rectified', '999').changed, true);
  assert.ok(form.changes().added.some((f) => f.id === 'C301:self_rectified'));
  refuses(() => diaodu.validate(revoked()), /报表格式不对/);
  refuses(() => new diaodu.ReportForm(revoked()), /报表格式不对/);
  refuses(() => diaodu.validate(july, revoked()), /选项/);
});

test('throwing getters and traps are refused the same way', () => {
  const form = new diaodu.ReportForm(july, opts);
  const before = state(form);
  refuses(() => form.setReport(throwingGetter()), /getter refused/);
  refuses(() => form.setPrior(throwingTraps()), /refused/);
  refuses(() => form.setOptions({ get mode() { throw new Error('mode refused'); } }), /mode refused/);
  assert.equal(state(form), before);
});

test('what is not a report is named as such', () => {
  refuses(() => new diaodu.ReportForm(42), /^报表应为对象/);
  refuses(() => new diaodu.ReportForm([]), /^报表应为对象/);
  refuses(() => new diaodu.ReportForm(null, { prior: [] }), /上月报表格式不对.*JSON object/);
  refuses(() => diaodu.validate(july, { prior: 5 }), /上月报表格式不对/);
  const form = new diaodu.ReportForm(july, opts);
  refuses(() => form.setPrior([]), /^上月报表应为对象/);
  refuses(() => new diaodu.ReportForm(42, { lang: 'en' }), /^the report must be an object/);
});

test('options: one parser, unknown members refused, language tags read', () => {
  refuses(() => diaodu.validate(july, { mdoe: 'submit' }), /没有“mdoe”这个选项/);
  refuses(() => diaodu.validate(july, { mode: 'final' }), /mode 应为/);
  refuses(() => diaodu.validate(july, { mode: 'final', lang: 'en' }), /^mode must be/);
  refuses(() => diaodu.validate(july, { today: '2023/06/01' }), /YYYY-MM-DD/);
  refuses(() => diaodu.validate(july, 'submit'), /选项应为 JSON 对象/);
  const r = diaodu.validate({ values: { self_found: 'x' } }, { lang: 'en-US' });
  assert.match(r.findings[0].message, /is not a number/);
  assert.equal(diaodu.validate(july, { mode: null }).mode, 'draft', 'null is the default');
});

test('a call after free() says so in our words', () => {
  const form = new diaodu.ReportForm(july, opts);
  form.free();
  refuses(() => form.setField('self_found', '1'), /free\(\)/);
  refuses(() => form.findings(), /free\(\)/);
});

test('a Symbol or a function stays visible instead of reading as blank', () => {
  let r = diaodu.validate({ values: { self_found: Symbol('twelve') } });
  assert.deepEqual(r.findings.map((f) => f.id), ['F102:self_found']);
  assert.match(r.findings[0].message, /Symbol\(twelve\)/);
  r = diaodu.validate({ unit: Symbol('unit'), values: {} });
  assert.deepEqual(r.findings.map((f) => f.id), ['H252:unit']);
  r = diaodu.validate({ values: { self_found: () => 12 } });
  assert.deepEqual(r.findings.map((f) => f.id), ['F102:self_found']);
  // undefined is still "not there", as JSON.stringify has it.
  r = diaodu.validate({ values: { self_found: undefined } });
  assert.deepEqual(r.findings, []);
});

test('a huge value gives a short message and is kept whole', () => {
  const big = '9'.repeat(1_000_000);
  const r = diaodu.validate({ values: { self_found: big } });
  assert.ok(r.findings[0].message.length < 200, `${r.findings[0].message.length} characters`);
  assert.equal(diaodu.normalize({ values: { self_found: big } }).values.self_found, big);
});


test('random operations with hostile values never break a form', () => {
  const seed = Number(process.env.DIAODU_SEED ?? 20231228);
  const rand = rng(seed);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const keys = diaodu.schema().fields.map((f) => f.key).concat(['unit', 'period', 'date', 'nope']);
  const values = () =>
    pick([
      '12', '１２', '-1', '2.5', '35000元', '1,2', '', ' ', 'NaN', '9'.repeat(40), '950000000000000',
      Symbol('s'), 10n, NaN, Infinity, null, undefined, {}, [], true, revoked(), throwingTraps(),
    ]);
  const reports = () =>
    pick([july, june, {}, { values: { self_found: values() } }, revoked(), throwingGetter(), throwingTraps(),
      42, 'text', [], null, { values: 5 }, { unit: values(), period: '2023-07', values: { penalty_amount: values() } }]);
  const options = () =>
    pick([{}, { mode: 'submit' }, { mode: 'draft', lang: 'en' }, { today: '2023-07-30' }, { prior: reports() },
      { lang: 'fr' }, { extra: 1 }, revoked(), null, 7]);
  let form = new diaodu.ReportForm(null, opts);
  let refused = 0;
  for (let i = 0; i < 3000; i++) {
    const before = state(form);
    const op = pick(['field', 'field', 'field', 'explain', 'prior', 'report', 'options', 'validate', 'free']);
    try {
      switch (op) {
        case 'field': {
          const v = values();
          form.setField(pick(keys), typeof v === 'string' ? v : String(typeof v === 'symbol' ? 'sym' : v));
          break;
        }
        case 'explain':
          form.setExplanation(pick(['H251:date', 'M454:self_found', 'x']), pick(['', '核实无误', '6月新增3家危化企业纳入检查']));
          break;
        case 'prior':
          form.setPrior(reports());
          break;
        case 'report':
          form.setReport(reports());
          break;
        case 'options':
          form.setOptions(options());
          break;
        case 'validate':
          diaodu.validate(reports(), options());
          break;
        case 'free':
          if (rand() < 0.2) {
            form.free();
            refuses(() => form.setField(pick(keys), '1'), /free\(\)/);
            form = new diaodu.ReportForm(null, opts);
          }
          break;
      }
    } catch (e) {
      refused++;
      assert.ok(e instanceof Error, `op ${i} (${op}, seed ${seed}) threw ${String(e)}`);
      assert.ok(e.message.length > 0);
      assert.doesNotMatch(e.message, /recursive use|unreachable|internal error/, `op ${i} (${op}, seed ${seed})`);
      assert.equal(state(form), before, `op ${i} (${op}, seed ${seed}) changed the form before throwing`);
    }
  }
  assert.ok(refused > 100, `the run refused ${refused} calls: it reached the hostile values`);
});
