// The package reads a plain report object on its lean path (src/lean.rs and
// js/lean.js) and anything else through JSON. Both must give the same
// result object: every fixture and thousands of generated reports are
// validated both ways and compared member by member.
import { test } from 'node:test';
import { execFileSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { rng } from './rng.mjs';
import { readFileSync, readdirSync, statSync } from 'node:fs';

const require = createRequire(import.meta.url);
const diaodu = require('../../pkg');
// English is loaded on request; these tests speak both languages.
await diaodu.loadLanguage('en');
const root = new URL('../fixtures/', import.meta.url);

function fixtures(dir = root) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const url = new URL(name, dir);
    if (statSync(url).isDirectory()) out.push(...fixtures(new URL(`${name}/`, dir)));
    else if (name.endsWith('.json') && name !== 'parity.json') {
      try {
        const v = JSON.parse(readFileSync(url, 'utf8'));
        if (v && typeof v === 'object' && !Array.isArray(v)) out.push([url.pathname, v]);
      } catch {
        // Not JSON on purpose (a broken-input fixture).
      }
    }
  }
  return out;
}

const both = (report, options) => {
  const lean = diaodu.validate(report, options);
  const json = diaodu.__validateJsonPathForTests(report, options);
  assert.deepEqual(lean, json);
  assert.equal(JSON.stringify(lean), JSON.stringify(json), 'same member order');
  return lean;
};

test('every fixture gives the same result on both paths', () => {
  const all = fixtures();
  assert.ok(all.length >= 15, `${all.length} fixtures`);
  const prior = JSON.parse(readFileSync(new URL('series/chengqiao-2023-06.json', root), 'utf8'));
  for (const [, report] of all) {
    for (const options of [undefined, { mode: 'submit', today: '2024-01-10' }, { lang: 'en', prior, today: '2023-07-01' }]) {
      both(report, options);
    }
  }
});


test('generated reports give the same result on both paths', () => {
  const seed = Number(process.env.DIAODU_SEED ?? 20230528);
  const rand = rng(seed);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const keys = diaodu.schema().fields.map((f) => f.key);
  const value = () => pick([
    0, 1, 12, 150, 9999, 100000000, 2 ** 53 - 1, 2 ** 53, 2 ** 60, -1, -0, 3.5, 0.1 + 0.2, 1e21, 1.5e-7, 23.4567, 1.23456,
    '12', '１２', ' 7 ', '3.5万元', '35000元', '1,234', '12,34', '无', '-', 'abc', '是', '否', 'yes', '', '   ',
    true, false, null, undefined, '\u{1F600}', '城桥镇',
  ]);
  const report = () => {
    const values = {};
    for (const k of keys) if (rand() < 0.8) values[k] = value();
    const r = { values };
    if (rand() < 0.9) r.unit = pick(['城桥镇', '堡镇', '崇明县城桥镇', '区应急局', '某公司', '', null, 12]);
    if (rand() < 0.9) r.period = pick(['2023-07', '2023-6', '2023年8月', '2023-13', '2022-12', null, 202307]);
    if (rand() < 0.9) r.date = pick(['2023-07-20', '2023-07-31', '2023/6/26', '20230801', 'x', null]);
    if (rand() < 0.1) r.form = pick(['chongming-2023', 'other', '']);
    if (rand() < 0.4) {
      r.explanations = {};
      for (const id of ['H251:date', 'M451:inspectors', 'C351:listed_found', 'M454:spot_checked', 'M403:self_found']) {
        if (rand() < 0.5) r.explanations[id] = pick(['核实无误', '6月新增3家危化企业纳入检查，人员调整', '迟报了', '']);
      }
    }
    return r;
  };
  let findings = 0;
  for (let i = 0; i < 2000; i++) {
    const options = pick([undefined, {}, { mode: 'submit', today: '2023-07-25' }, { lang: 'en', today: '2023-08-02' }]);
    const withPrior = options && rand() < 0.6 ? { ...options, prior: report() } : options;
    findings += both(report(), withPrior).findings.length;
  }
  assert.ok(findings > 5000, `the run found ${findings} findings: it reached the rules`);
});

test('any double reads the same on both paths', () => {
  const rand = rng(Number(process.env.DIAODU_SEED ?? 7));
  const bits = new DataView(new ArrayBuffer(8));
  const keys = ['penalty_amount', 'self_found', 'media_column'];
  for (let i = 0; i < 3000; i++) {
    // Random bit patterns reach every exponent; scaled ones the everyday range.
    bits.setUint32(0, Math.floor(rand() * 2 ** 32));
    bits.setUint32(4, Math.floor(rand() * 2 ** 32));
    // Random bits, everyday magnitudes, and amounts of up to 4 decimals
    // (which cross as whole ten-thousandths), up to the 9e11 where that stops.
    const x = [
      () => bits.getFloat64(0),
      () => (rand() - 0.3) * 10 ** Math.floor(rand() * 30 - 10),
      () => Math.round((rand() - 0.2) * 10 ** Math.floor(rand() * 16)) / 1e4,
    ][i % 3]();
    both({ values: { [keys[(i >> 2) % 3]]: x } }, { lang: i % 4 ? 'zh' : 'en' });
  }
});

test('a keystroke through the keystroke buffer answers as the generated setField does', () => {
  const rand = rng(Number(process.env.DIAODU_SEED ?? 12));
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const keys = diaodu.schema().fields.map((f) => f.key).concat(['unit', 'period', 'date', 'nope', '']);
  const long = '1'.repeat(256), longer = '2'.repeat(257);
  // Lone surrogates, and texts at and past the buffer's 256 units.
  const texts = ['12', '１２', '0', '', ' ', '-1', '2.5', '35000元', 'abc', '是', '2023-07', '城桥镇', '\uD800', 'a\uDC00b', '😀', long, longer];
  const prior = JSON.parse(readFileSync(new URL('series/chengqiao-2023-06.json', root), 'utf8'));
  const july = JSON.parse(readFileSync(new URL('series/chengqiao-2023-07.json', root), 'utf8'));
  const opts = { mode: 'submit', today: '2023-08-10', prior };
  const a = new diaodu.ReportForm(july, opts);
  const b = new diaodu.ReportForm(july, opts);
  const answer = (f) => { try { return f(); } catch (e) { return `threw: ${e.message}`; } };
  for (let i = 0; i < 3000; i++) {
    const k = pick(keys), t = pick(texts);
    const fast = answer(() => a.setField(k, t));
    const generated = answer(() => b.__setFieldGeneratedForTests(k, t));
    assert.deepEqual(fast, generated, `step ${i}: ${k} = ${JSON.stringify(t)}`);
    if (rand() < 0.2) assert.deepEqual(a.changes(), b.changes(), `step ${i}`);
  }
  assert.deepEqual(a.report(), b.report());
  assert.deepEqual(a.result(), b.result());
  // After free(), the same words either way.
  a.free();
  b.free();
  assert.deepEqual(answer(() => a.setField('self_found', '1')), answer(() => b.__setFieldGeneratedForTests('self_found', '1')));
});

test('a form\'s first call may be a keystroke, before anything has set up the lean path', () => {
  // A process of its own: nothing has validated yet there.
  for (const text of ['', '7', '\uD800']) {
    const code = `const d = require('./pkg'); const f = new d.ReportForm(); console.log(JSON.stringify([f.setField('self_found', ${JSON.stringify(text)}), f.setField('self_found', '8')]));`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', code], { cwd: new URL('../..', import.meta.url), encoding: 'utf8' }));
    const f = new diaodu.ReportForm();
    assert.deepEqual(out, [f.__setFieldGeneratedForTests('self_found', text), f.__setFieldGeneratedForTests('self_found', '8')], JSON.stringify(text));
  }
});

test('an enumerable key on Object.prototype gives the same result as JSON', () => {
  const july = JSON.parse(readFileSync(new URL('series/chengqiao-2023-07.json', root), 'utf8'));
  const june = JSON.parse(readFileSync(new URL('series/chengqiao-2023-06.json', root), 'utf8'));
  const options = { mode: 'submit', today: '2024-01-10', prior: june };
  const clean = both(july, options);
  // Counted by for-in, not by Object.keys: the lean path must not read the
  // report as having more (or fewer) keys than JSON.stringify writes.
  Object.prototype.polluted = 1;
  try {
    assert.deepEqual(diaodu.validate(july, options), clean);
  } finally {
    delete Object.prototype.polluted;
  }
  assert.deepEqual(diaodu.validate(july, options), clean);
});

test('a prior month kept from the last call is the prior month passed', () => {
  const july = JSON.parse(readFileSync(new URL('series/chengqiao-2023-07.json', root), 'utf8'));
  const june = JSON.parse(readFileSync(new URL('series/chengqiao-2023-06.json', root), 'utf8'));
  const options = { mode: 'submit', today: '2024-01-10', prior: june };
  const first = both(july, options);
  // The same object changed in place, then changed back: each call sees it.
  const key = Object.keys(june.values)[0];
  const was = june.values[key];
  june.values[key] = 1000; // above this month's figure: M403
  const changed = both(july, options);
  assert.notDeepEqual(changed, first);
  june.values[key] = was;
  assert.deepEqual(both(july, options), first);
  june.unit = `${june.unit}x`;
  assert.notDeepEqual(both(july, options), first);
});

// A call's answer: its result, or the words it threw.
const answer = (f) => { try { return f(); } catch (e) { return `threw: ${e.message}`; } };

// `validate` held equal to the JSON path, its answer as text.
const check = (report, options, step) => {
  const lean = answer(() => diaodu.validate(report, options));
  assert.deepEqual(lean, answer(() => diaodu.__validateJsonPathForTests(report, options)), step);
  return JSON.stringify(lean);
};

// A member taken away rather than set.
const DELETE = Symbol('delete');

// Changes made in place between calls with `report` and `options`, each
// call held equal to the JSON path: `tryOn` sets `obj[key]` to each
// replacement in turn (validated twice, the second call being the one that
// may keep what the first wrote) and back (then the answer is `base`
// again); `differed` counts the changes that changed the answer.
function changes(report, options, base) {
  let differed = 0;
  const tryOn = (obj, key, replacements, what) => {
    for (const x of replacements) {
      const had = Object.hasOwn(obj, key), was = obj[key];
      check(report, options, `${what} before`);
      if (x === DELETE) delete obj[key]; else obj[key] = x;
      if (check(report, options, `${what} = ${String(x)}`) !== base) differed++;
      check(report, options, `${what} = ${String(x)}, again`);
      if (had) obj[key] = was; else delete obj[key];
      assert.equal(check(report, options, `${what} back`), base);
    }
  };
  return { tryOn, differed: () => differed };
}

test('a prior month passed again is read again whenever it or the kept one changed', () => {
  // The JS side marks a prior month that holds what it wrote last time as
  // kept, and the validator uses the one it read then, or asks for it to be
  // written out. Each member of the prior month is changed in place, one at
  // a time, and changed back; and the kept one is dropped in every way
  // there is between two calls with the same prior month. Every call must
  // answer as the JSON path does.
  const june = JSON.parse(readFileSync(new URL('series/chengqiao-2023-06.json', root), 'utf8'));
  const july = JSON.parse(readFileSync(new URL('series/chengqiao-2023-07.json', root), 'utf8'));
  // Above this month's figure, so that the result shows which prior month
  // it was checked against (M403).
  const prior = structuredClone(june);
  prior.values.dept_found = 1000000;
  const options = { today: '2023-07-25', prior };
  const base = check(july, options, 'first');
  assert.match(base, /M403:dept_found/);
  const { tryOn, differed } = changes(july, options, base);
  for (const k of Object.keys(june.values)) {
    tryOn(prior.values, k, [1000000, '1000000', 1000000.5, '１０００００００', 0, -0, null, undefined, DELETE, true, 'abc', [1]], `values.${k}`);
  }
  tryOn(prior.values, 'extra', [1], 'values.extra');
  tryOn(prior, 'unit', ['堡镇', 12, null, DELETE], 'unit');
  tryOn(prior, 'period', ['2023-05', '2023-07', 202306, DELETE], 'period');
  tryOn(prior, 'date', ['2023-06-01', null, DELETE], 'date');
  tryOn(prior, 'form', ['other', null, 12], 'form');
  tryOn(prior, 'values', [null, DELETE, {}, { ...july.values }], 'values');
  tryOn(prior, 'explanations', [{ 'M451:inspectors': '核实无误' }, { 'M451:inspectors': 7 }, null], 'explanations');
  tryOn(prior, 'extra', [1, undefined], 'extra');
  assert.ok(differed() > 60, `${differed()} changes changed the result`);
  // The kept prior month dropped between two calls that pass the same one.
  const many = {};
  for (let i = 0; i < 400; i++) many[`M451:x${i}`] = '核实无误';
  const drops = [
    () => diaodu.validate(july, { today: '2023-07-25' }), // no prior month
    () => diaodu.validate(Object.create({ values: july.values }), options), // not plain: the JSON path
    () => answer(() => diaodu.validate({ ...july, unit: '\uD800' }, options)), // refused after the prior month is read
    () => diaodu.validate({ ...july, explanations: many }, options), // more 说明 than the buffers held
    () => diaodu.validate(july, { today: '2023-07-25', prior: structuredClone(june) }), // another object, the same month
    () => diaodu.validate(july, { today: '2023-07-25', prior: { ...june, unit: '堡镇' } }), // another month
  ];
  for (const [n, drop] of drops.entries()) {
    check(july, options, `drop ${n} before`);
    drop();
    prior.values.self_found = 1000000;
    assert.notEqual(check(july, options, `drop ${n}, changed`), base);
    prior.values.self_found = june.values.self_found;
    drop();
    assert.equal(check(july, options, `drop ${n}, back`), base);
  }
});

test('options and a header passed again are read again whenever they or the kept ones changed', () => {
  // As the prior month: the options and the report's header are marked
  // kept when they are what was written last time.
  const june = JSON.parse(readFileSync(new URL('series/chengqiao-2023-06.json', root), 'utf8'));
  const july = JSON.parse(readFileSync(new URL('series/chengqiao-2023-07.json', root), 'utf8'));
  const report = structuredClone(july);
  const options = { mode: 'submit', today: '2023-07-25', lang: 'zh', prior: june };
  const base = check(report, options, 'first');
  const { tryOn, differed } = changes(report, options, base);
  tryOn(options, 'mode', ['draft', null, DELETE, 'Submit', 7], 'mode');
  tryOn(options, 'today', ['2023-08-30', '2023-7-25', null, DELETE, 'x'], 'today');
  tryOn(options, 'lang', ['en', null, DELETE, 'fr'], 'lang');
  tryOn(report, 'unit', ['堡镇', '城桥镇 ', 12, null, DELETE, true], 'unit');
  tryOn(report, 'period', ['2023-08', '2023年7月', 202307, null, DELETE], 'period');
  tryOn(report, 'date', ['2023-07-01', '2023-08-30', 20230720, null, DELETE], 'date');
  tryOn(report, 'form', ['other', null, DELETE], 'form');
  assert.ok(differed() > 20, `${differed()} changes changed the result`);
  // A header written but never validated (the buffers were too small,
  // and grew): the next call with it must not take the kept one. (More
  // 说明 than any earlier test passed, so that the buffers grow here.)
  const many = {};
  for (let i = 0; i < 2000; i++) many[`M451:y${i}`] = '核实无误';
  for (const date of ['2023-07-02', '2023-07-03']) {
    check(report, options, `${date} before`);
    check({ ...report, date, explanations: many }, options, `${date}, the buffers grow`);
    many[`M451:z${date}`] = '核实无误';
  }
  // The kept ones dropped between two calls that pass the same ones.
  const drops = [
    () => diaodu.validate(Object.create({ values: july.values }), options), // not plain: the JSON path
    () => answer(() => diaodu.validate({ ...report, unit: '\uD800' }, options)), // refused by the validator
    () => diaodu.validate({ ...report, date: '2023-07-02' }, { ...options, today: '2023-07-03' }), // others
  ];
  for (const [n, drop] of drops.entries()) {
    check(report, options, `drop ${n} before`);
    drop();
    report.date = '2023-08-30';
    assert.notEqual(check(report, options, `drop ${n}, changed`), base);
    report.date = july.date;
    drop();
    assert.equal(check(report, options, `drop ${n}, back`), base);
  }
});

test('a getter that validates another report while one is read', () => {
  // The inner call finds the buffers in use and takes the JSON path; the
  // outer one reads on. Both must answer as they would alone.
  const june = JSON.parse(readFileSync(new URL('series/chengqiao-2023-06.json', root), 'utf8'));
  const july = JSON.parse(readFileSync(new URL('series/chengqiao-2023-07.json', root), 'utf8'));
  const inner = { ...june, values: { ...june.values, self_found: 'abc' } };
  const innerOptions = { mode: 'submit', today: '2023-06-30' };
  const innerAlone = diaodu.validate(inner, innerOptions);
  const options = { today: '2023-07-25', prior: june };
  const alone = diaodu.validate(july, options);
  const seen = [];
  const nesting = (obj, key) => {
    const copy = { ...obj };
    Object.defineProperty(copy, key, {
      enumerable: true,
      get() {
        seen.push(diaodu.validate(inner, innerOptions));
        return obj[key];
      },
    });
    return copy;
  };
  for (const key of ['unit', 'values', 'date']) {
    seen.length = 0;
    assert.deepEqual(diaodu.validate(nesting(july, key), options), alone, key);
    assert.ok(seen.length >= 1, key);
    for (const r of seen) assert.deepEqual(r, innerAlone, key);
    // And in the prior month.
    seen.length = 0;
    assert.deepEqual(diaodu.validate(july, { ...options, prior: nesting(june, key) }), alone, `prior ${key}`);
    for (const r of seen) assert.deepEqual(r, innerAlone, `prior ${key}`);
  }
  // Afterwards, the plain way again.
  assert.deepEqual(diaodu.validate(july, options), alone);
});
