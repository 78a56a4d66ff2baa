// English on request (loadLanguage), in Node, in a process of its own: the
// package starts without English, as a page does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const diaodu = require('../../pkg');
const file = new URL('../../pkg/node/diaodu_en.json', import.meta.url);
const bad = { values: { self_found: 'abc' } };
const refusal = /^Error: lang is "en", but English is not loaded yet: call await loadLanguage\('en'\) first\.$/;

test('before loadLanguage: English is refused, never replaced by Chinese', async () => {
  assert.throws(() => diaodu.validate(bad, { lang: 'en' }), refusal);
  assert.throws(() => diaodu.validate(bad, { lang: 'en-US' }), /English is not loaded yet/);
  assert.throws(() => new diaodu.ReportForm(bad, { lang: 'en' }), refusal);
  assert.throws(() => diaodu.validateJson(JSON.stringify(bad), { lang: 'en' }), refusal);
  const form = new diaodu.ReportForm(bad);
  assert.throws(() => form.setOptions({ lang: 'en' }), refusal);
  // The form carries on in Chinese.
  assert.match(form.findings()[0].message, /不是有效数字/);
  // Chinese needs nothing loaded.
  assert.match(diaodu.validate(bad).findings[0].message, /不是有效数字/);
  // The schema and the catalogue leave out what is not there yet.
  const s = diaodu.schema();
  assert.equal(s.title.length > 0, true);
  assert.equal('titleEn' in s, false);
  assert.equal(s.fields.some((f) => 'labelEn' in f || 'helpEn' in f), false);
  assert.equal(s.units.units.some((u) => 'nameEn' in u), false);
  const r = diaodu.rules();
  assert.equal(r.some((x) => 'descriptionEn' in x || 'doc' in x || x.messages.some((m) => 'en' in m)), false);
  // A portal's English wording may be given before (its placeholders are
  // the Chinese template's).
  assert.doesNotThrow(() => diaodu.validate(bad, { messages: { en: { F102: '{field}: {text}?' } } }));
});

test('a language that is not there, a file that cannot be had or does not fit: each said', async () => {
  await assert.rejects(diaodu.loadLanguage('fr'), /^Error: 语言应为 "zh" 或 "en"，收到 "fr"。$/);
  await diaodu.loadLanguage('zh');
  await diaodu.loadLanguage('zh-CN');
  await assert.rejects(diaodu.loadLanguage('en', '/no/such/diaodu_en.json'),
    /^Error: cannot read the English texts, diaodu_en\.json: ENOENT/);
  await assert.rejects(diaodu.loadLanguage('en', { package: 'diaodu 0.0.1' }),
    /are for "diaodu 0\.0\.1", not this package/);
  const json = JSON.parse(readFileSync(file, 'utf8'));
  const { 'field.self_found': _, ...short } = json;
  await assert.rejects(diaodu.loadLanguage('en', short), /have no "field\.self_found"/);
  await assert.rejects(diaodu.loadLanguage('en', '{'), /ENOENT/);
  await assert.rejects(diaodu.loadLanguage('en', new Response('{"package"', { status: 200 })),
    /^Error: the English texts must be one JSON object of texts/);
  await assert.rejects(diaodu.loadLanguage('en', new Response('', { status: 404, statusText: 'Not Found' })),
    /cannot read the English texts, diaodu_en\.json: 404 Not Found/);
  // None of that loaded anything.
  assert.throws(() => diaodu.validate(bad, { lang: 'en' }), refusal);
});

test('loaded, English is spoken everywhere Chinese is', async () => {
  // The parsed file, as a bundler's JSON import gives it.
  await diaodu.loadLanguage('en', JSON.parse(readFileSync(file, 'utf8')));
  assert.equal(diaodu.validate(bad, { lang: 'en' }).findings[0].message,
    '1.1 Major hazards found by enterprises\' self-inspection (个): "abc" is not a number.');
  const s = diaodu.schema();
  assert.match(s.titleEn, /Progress Form/);
  assert.equal(s.fields.every((f) => typeof f.labelEn === 'string' && (f.help === undefined) === (f.helpEn === undefined)), true);
  assert.equal(s.units.units.every((u) => typeof u.nameEn === 'string'), true);
  const r = diaodu.rules();
  assert.equal(r.every((x) => x.descriptionEn && /Why:/.test(x.doc) && x.messages.every((m) => m.en)), true);
  const form = new diaodu.ReportForm(bad);
  form.setOptions({ lang: 'en' });
  assert.match(form.findings()[0].message, /is not a number/);
  // Again: nothing to do.
  await diaodu.loadLanguage('en', '/no/such/file');
});

test('by default the file beside the package is read, from require() and from import', () => {
  for (const entry of ['require', 'import']) {
    const code = entry === 'require'
      ? "const d = require('./pkg'); d.loadLanguage('en').then(() => console.log(d.validate({ values: { self_found: 'x' } }, { lang: 'en' }).findings[0].message));"
      : "import('./pkg/node/diaodu.mjs').then(async (d) => { await d.loadLanguage('en'); console.log(d.validate({ values: { self_found: 'x' } }, { lang: 'en' }).findings[0].message); });";
    const out = execFileSync(process.execPath, ['-e', code], { cwd: new URL('../..', import.meta.url), encoding: 'utf8' });
    assert.match(out, /"x" is not a number/, entry);
  }
});
