// The benchmark itself, shared by Node (bench/node.mjs) and Chromium
// (bench/page.html): instantiate time, keystrokes on a ReportForm, and the
// peer benchmark's scenarios (../shared/peer-bench): a good and a bad report
// validated alone and with the prior month.
//
// Browsers coarsen performance.now() (Chromium: 100 µs without cross-origin
// isolation, 5 µs with it; bench/serve-repo.mjs serves the page isolated),
// so calls are timed in batches and each batch gives one per-call figure;
// median and p99 are over batches. A batch of 500 calls is long enough
// even for a keystroke (0.1–0.5 µs: 50–250 µs a batch).
const BATCH = 500;

export async function measure({ initSync, wasmBytes, api, july, june, bad, now }) {
  const stats = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
    return { batches: s.length, calls: s.length * BATCH, median: q(0.5), p99: q(0.99) };
  };
  const timed = (batches, call) => {
    for (let i = 0; i < 4 * BATCH; i++) call(i); // warm up
    const xs = [];
    for (let b = 0; b < batches; b++) {
      const a = now();
      for (let i = 0; i < BATCH; i++) call(b * BATCH + i);
      xs.push(((now() - a) * 1000) / BATCH);
    }
    return stats(xs);
  };
  const out = {};

  // Compile + instantiate the module from bytes, as a page does after
  // fetching (the "instantiate"), and each step alone: a page whose
  // init() streams the module compiles it while it downloads, and then only
  // instantiates. V8 compiles a function's code lazily, when it is first
  // called, so the first calls below pay for that, not these steps.
  const t0 = now();
  const module = new WebAssembly.Module(wasmBytes);
  const t1 = now();
  initSync({ module });
  const t2 = now();
  out.compileMs = t1 - t0;
  out.instanceMs = t2 - t1;
  out.instantiateMs = t2 - t0;

  const opts = { prior: june, mode: 'submit', today: '2024-01-10' };
  const form = new api.ReportForm(july, opts);
  // Digits typed into 3.10 (no relation to other items, above last month):
  // the common keystroke, which changes no finding.
  const digits = ['3', '30', '31'];
  out.keystrokeUs = timed(100, (i) => form.setField('dept_interviews', digits[i % 3]));
  // Keystrokes into 1.1 that make and clear findings (a cross-field error,
  // a decrease, a wrong unit).
  const mixed = ['42', '4', '43', '１２', '12,34', '42个次'];
  out.keystrokeFindingsUs = timed(100, (i) => form.setField('self_found', mixed[i % mixed.length]));
  // The same, with the details fetched as a page does when `changed`.
  out.keystrokeChangesUs = timed(40, (i) => form.setField('self_found', mixed[i % mixed.length]).changed && form.changes());
  // A new form in submit mode, where every blank field is a finding (35 of
  // them): 3.10 typed and cleared again, so that every keystroke changes a
  // finding; then the same with the details fetched.
  const blank = new api.ReportForm({ unit: july.unit, period: july.period, date: july.date, values: {} }, opts);
  const typedCleared = ['30', ''];
  out.newFormFindingsUs = timed(100, (i) => blank.setField('dept_interviews', typedCleared[i % 2]));
  out.newFormChangesUs = timed(40, (i) => blank.setField('dept_interviews', typedCleared[i % 2]).changed && blank.changes());
  const alone = { mode: 'submit', today: '2024-01-10' };
  out.reportValidUs = timed(40, () => api.validate(july, alone));
  out.reportInvalidUs = timed(40, () => api.validate(bad, alone));
  out.validateUs = timed(40, () => api.validate(july, opts));
  out.fullInvalidUs = timed(40, () => api.validate(bad, opts));
  const julyText = JSON.stringify(july);
  out.validateJsonUs = timed(40, () => api.validateJson(julyText, opts));
  return out;
}

export function format(where, r) {
  const f = (s) => `median ${s.median.toFixed(2)} µs, p99 ${s.p99.toFixed(1)} µs (${s.calls} calls)`;
  return [
    `${where}: instantiate ${r.instantiateMs.toFixed(1)} ms (compile ${r.compileMs.toFixed(1)} ms, then instantiate ${r.instanceMs.toFixed(1)} ms)`,
    `${where}: keystroke, digits (setField)         ${f(r.keystrokeUs)}`,
    `${where}: keystroke, findings change           ${f(r.keystrokeFindingsUs)}`,
    `${where}: keystroke, findings change + changes() ${f(r.keystrokeChangesUs)}`,
    `${where}: new form (35 findings), findings change ${f(r.newFormFindingsUs)}`,
    `${where}: new form, findings change + changes()   ${f(r.newFormChangesUs)}`,
    `${where}: validate, good report alone          ${f(r.reportValidUs)}`,
    `${where}: validate, bad report alone           ${f(r.reportInvalidUs)}`,
    `${where}: full validate with prior month       ${f(r.validateUs)}`,
    `${where}: full validate, bad report            ${f(r.fullInvalidUs)}`,
    `${where}: validateJson with prior month        ${f(r.validateJsonUs)}`,
  ].join('\n');
}
