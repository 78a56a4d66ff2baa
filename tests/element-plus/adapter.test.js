// A portal's unit test, as Vitest (jsdom) runs it: the package imported
// the way the portal's code imports it, the adapter's rules called as
// async-validator calls them.
import { test, expect } from 'vitest';
import init, { ReportForm } from 'diaodu';
import { rulesFor } from 'diaodu/element-plus';

const run = (rule, value) => new Promise((resolve) => rule.validator({}, value, (e) => resolve(e ?? null)));

test('rules fail on errors, re-validate partners, and pass warnings with a state', async () => {
  await init();
  const form = new ReportForm(null, { mode: 'draft' });
  const validated = [];
  const seen = [];
  const adapter = rulesFor(form, {
    onChange: (c) => seen.push(c),
    fields: { qyzcfx: 'self_found', qyzczg: 'self_rectified', jg: 'typical_cases_danger_crime', ys: 'judicial_transfer' },
    formRef: () => ({ validateField: async (props) => { validated.push(...props); }, validate: async () => true }),
  });
  expect(await run(adapter.rules.qyzcfx[0], '１２')).toBeNull();
  const e = await run(adapter.rules.qyzczg[0], '15');
  expect(e.message).toMatch(/分项不能大于总数/);
  await new Promise((r) => setTimeout(r, 0));
  expect(validated).toContain('qyzcfx');
  expect(seen.at(-1).added.find((f) => f.code === 'C301').props).toEqual(['qyzcfx', 'qyzczg']);
  // A warning (C352: a 危险作业罪 case, nobody transferred): the item
  // passes, and carries the warning.
  expect(await run(adapter.rules.ys[0], '0')).toBeNull();
  expect(await run(adapter.rules.jg[0], '1')).toBeNull();
  expect(adapter.state.jg.warning.id).toBe('C352:typical_cases_danger_crime');
  expect(adapter.classOf('jg')).toBe('diaodu-warning');
  adapter.explain('C352:typical_cases_danger_crime', '该案例已移送公安，尚待立案，故移送人数暂为0');
  expect(adapter.classOf('jg')).toBe('');
});
