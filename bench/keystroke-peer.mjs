// The keystroke goals of issue #9 in one process beside ajv (a benchmark,
// not a test): `../shared/peer-bench/run.sh` times only the keystroke that
// changes no finding, and ajv in another process. Here ajv's full validate
// (the peer benchmark's own ajv set-up and harness, from the copy run.sh
// makes under target/peer-bench) and this package's keystrokes are timed in
// interleaved rounds, so each ratio compares figures from the same minute:
// - `keystroke`: digits into 3.10, no finding changes (run.sh's);
// - `keystroke_change`: 3.10 cleared and typed again in turn, in submit
//   mode, so each keystroke makes or clears a finding (a blank is one);
// - `keystroke_mixed`: bench/measure.mjs's keystrokes into 1.1 (a
//   cross-field error, a decrease, a wrong unit; some change nothing);
// - `keystroke_new_form`: `keystroke_change` on a new form (no values yet, 35
//   findings: every blank is one in submit mode);
// - `keystroke_change_fetched`: `keystroke_change` with the details fetched
//   as a page does when `changed` (not a goal: shown for the page's cost).
// Usage: node bench/keystroke-peer.mjs [rounds] (after scripts/build-wasm.sh
// and one ../shared/peer-bench/run.sh).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const root = path.resolve(new URL('..', import.meta.url).pathname);
const peer = path.join(root, 'target/peer-bench');
if (!fs.existsSync(path.join(peer, 'node_modules'))) {
  console.error('keystroke-peer: run ../shared/peer-bench/run.sh once first (it installs ajv under target/peer-bench)');
  process.exit(2);
}
const { benchSync, sink } = await import(pathToFileURL(path.join(peer, 'src/bench.mjs')).href);
const ajv = await import(pathToFileURL(path.join(peer, 'src/anchors/ajv-runtime.mjs')).href);
const api = createRequire(import.meta.url)(path.join(root, 'pkg/node/diaodu.js'));

const rd = (f) => JSON.parse(fs.readFileSync(path.join(peer, f), 'utf8'));
const valid = rd('valid.json'), prior = rd('prior.json');
const copies = (o) => Array.from({ length: 8 }, () => structuredClone(o));
const V = copies(valid), P = copies(prior);
let n = 0;

const header = { unit: '城桥镇', date: '2023-07-20' };
const options = {
  prior: { ...header, period: '2023-06', values: prior },
  mode: 'submit',
  today: '2023-07-21',
};
const newForm = () => new api.ReportForm({ ...header, period: '2023-07', values: structuredClone(valid) }, options);
const forms = {
  quiet: newForm(),
  change: newForm(),
  mixed: newForm(),
  fetch: newForm(),
  blank: new api.ReportForm({ ...header, period: '2023-07', values: {} }, options),
};
// A counter each: a keystroke alternates with its own last one.
const k = { quiet: 0, change: 0, mixed: 0, blank: 0, fetch: 0 };
const cleared = ['', '100'];
const typed = ['100', ''];
const mixed = ['42', '4', '43', '１２', '12,34', '42个次'];
const scenarios = {
  ajv_full_valid: () => ajv.validateFull(V[n++ & 7], P[n & 7]),
  keystroke: () => {
    const s = forms.quiet.setField('dept_interviews', String(100 + (k.quiet++ % 3)));
    if (s.changed) throw new Error('this keystroke changes no finding');
    return s.counts.errors;
  },
  keystroke_change: () => {
    const s = forms.change.setField('dept_interviews', cleared[k.change++ & 1]);
    if (!s.changed) throw new Error('this keystroke changes a finding');
    return s.counts.errors;
  },
  keystroke_mixed: () => forms.mixed.setField('self_found', mixed[k.mixed++ % mixed.length]).counts.errors,
  keystroke_new_form: () => {
    const s = forms.blank.setField('dept_interviews', typed[k.blank++ & 1]);
    if (!s.changed) throw new Error('this keystroke changes a finding');
    return s.counts.errors;
  },
  keystroke_change_fetched: () => {
    const s = forms.fetch.setField('dept_interviews', cleared[k.fetch++ & 1]);
    return s.changed ? forms.fetch.changes().added.length : 0;
  },
};
const names = Object.keys(scenarios);

const t0 = performance.now();
while (performance.now() - t0 < 2000) for (const name of names) for (let i = 0; i < 100; i++) sink.v += scenarios[name]();

const rounds = Number(process.argv[2] ?? 5);
const per = Object.fromEntries(names.map((name) => [name, []]));
for (let r = 0; r < rounds; r++) {
  for (const name of names) per[name].push(benchSync(scenarios[name], { batches: 11, targetMs: 100 }).median);
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
console.log(`node ${process.version}, ${rounds} interleaved rounds, ns per call (median of rounds; each round the median of 11 batches)`);
for (const name of names) {
  const ratios = per[name].map((x, r) => x / per.ajv_full_valid[r]);
  const ratio = name === 'ajv_full_valid' ? '' : `  ÷ ajv full_valid ${median(ratios).toFixed(2)}× (rounds ${ratios.map((x) => x.toFixed(2)).join(', ')})`;
  console.log(`${name.padEnd(26)} ${median(per[name]).toFixed(0).padStart(7)}${ratio}`);
}
