// How ../shared/peer-bench calls this package (its README: validateReport,
// validateFull and keystroke, each returning a count). Public API only.
// DIAODU_PKG = the Node package folder (default: pkg/node).
import { createRequire } from 'node:module';
import path from 'node:path';
const dir = path.resolve(process.env.DIAODU_PKG || 'pkg/node');
const api = createRequire(import.meta.url)(path.join(dir, 'diaodu.js'));
export const name = 'diaodu';
const header = { unit: '城桥镇', date: '2023-07-20' };
const wrapped = new WeakMap();
// A portal holds one report object and passes it again; it is built once per values object.
const wrap = (o, period) => {
  let w = wrapped.get(o);
  if (!w) { w = { ...header, period, values: o }; wrapped.set(o, w); }
  return w;
};
// Counts the findings and reads every message, so a result must carry its messages.
const count = (r) => {
  let chars = 0;
  for (const f of r.findings) chars += f.message.length;
  if (r.findings.length && chars === 0) throw new Error('findings without messages');
  return r.counts.errors + r.counts.warnings;
};
export function validateReport(o) {
  return count(api.validate(wrap(o, '2023-07'), { mode: 'submit', today: '2023-07-21' }));
}
export function validateFull(current, prior) {
  return count(api.validate(wrap(current, '2023-07'), { prior: wrap(prior, '2023-06'), mode: 'submit', today: '2023-07-21' }));
}
// One keystroke on a form being typed: digits into 3.10, which changes no
// finding. `setField` answers with a Status (changed, counts, submittable);
// a page fetches form.changes() only when `changed` is true.
let form, k = 0;
export function keystroke(valid, prior) {
  if (!form) form = new api.ReportForm(wrap(valid, '2023-07'), { prior: wrap(prior, '2023-06'), mode: 'submit', today: '2023-07-21' });
  const status = form.setField('dept_interviews', String(100 + (k++ % 3)));
  if (status.changed) throw new Error('this keystroke changes no finding');
  return status.counts.errors;
}
