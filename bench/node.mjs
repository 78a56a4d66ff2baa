// Benchmark in Node: node bench/node.mjs (after scripts/build-wasm.sh).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as api from '../pkg/diaodu.js';
import { measure, format } from './measure.mjs';

const read = (p) => JSON.parse(readFileSync(new URL(`../tests/fixtures/${p}`, import.meta.url), 'utf8'));
const r = await measure({
  initSync: api.initSync,
  wasmBytes: readFileSync(new URL('../pkg/diaodu_bg.wasm', import.meta.url)),
  api,
  july: read('series/chengqiao-2023-07.json'),
  june: read('series/chengqiao-2023-06.json'),
  bad: read('broken/cross-field-errors.json'),
  now: () => performance.now(),
});
console.log(format(`node ${process.version}`, r));
