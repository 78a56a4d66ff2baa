// The TypeScript declarations compile and describe how a TypeScript portal
// uses the package: tsc type-checks tests/ts/usage.ts against pkg/diaodu.d.ts,
// and rejects a report with a value of the wrong type.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, rmSync } from 'node:fs';

const root = new URL('../../', import.meta.url).pathname;
const tsc = `${root}node_modules/.bin/tsc`;

test('a TypeScript portal type-checks against the declarations', () => {
  execFileSync(tsc, ['-p', `${root}tests/ts/tsconfig.json`], { stdio: 'pipe' });
});

test('the declarations check under tsc --init\'s defaults (no esnext.disposable, no skipLibCheck)', () => {
  execFileSync(tsc, ['-p', `${root}tests/ts/tsconfig.default.json`], { stdio: 'pipe' });
});

test('a key the form does not have does not compile', () => {
  const bad = `${root}tests/ts/wrongkey.tmp.ts`;
  writeFileSync(bad, readFileSync(`${root}tests/ts/default.ts`, 'utf8').replace("form.setField(key, '12')", "form.setField('self_fund', '12')"));
  try {
    assert.throws(
      () => execFileSync(tsc, ['--noEmit', '--strict', '--target', 'es2016', bad], { stdio: 'pipe' }),
      (e) => /"self_fund"' is not assignable to parameter of type 'FieldKey'/.test(e.stdout.toString()),
    );
  } finally {
    rmSync(bad, { force: true });
  }
});

test('the declarations catch a value of the wrong type', () => {
  const bad = `${root}tests/ts/wrong.tmp.ts`;
  writeFileSync(bad, readFileSync(`${root}tests/ts/usage.ts`, 'utf8').replace('self_found: 12', 'self_found: [12]'));
  try {
    assert.throws(
      () => execFileSync(tsc, ['--noEmit', '--strict', '--target', 'es2022', '--module', 'es2022',
        '--moduleResolution', 'bundler', '--lib', 'esnext,dom', bad], { stdio: 'pipe' }),
      (e) => /not assignable to type 'RawValue'/.test(e.stdout.toString()),
    );
  } finally {
    rmSync(bad, { force: true });
  }
});
