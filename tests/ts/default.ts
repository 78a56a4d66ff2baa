// A portal under `tsc --init`'s defaults (tests/ts/tsconfig.default.json):
// the declarations check without extra libs or skipLibCheck.
import init, { ReportForm, validate } from '../../pkg/diaodu.js';
import type { FieldKey, Status } from '../../pkg/diaodu.js';

export async function start(): Promise<boolean> {
  await init();
  const form = new ReportForm(null, { mode: 'draft' });
  const key: FieldKey = 'self_found';
  const status: Status = form.setField(key, '12');
  return status.submittable && validate({ unit: '城桥镇' }).submittable;
}
