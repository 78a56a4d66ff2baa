// How a portal written in TypeScript uses the package; `tsc --noEmit` checks
// it against pkg/diaodu.d.ts (tests/js/typescript.test.mjs runs it).
import init, { validate, normalize, ReportForm, schema, rules, loadLanguage } from '../../pkg/diaodu.js';
import type { CheckResult, Changes, Finding, NormalizedReport, Report, Schema, RuleInfo, Status, ValidateOptions } from '../../pkg/diaodu.js';

export async function example(lastMonth: Report): Promise<string[]> {
  await init();
  const options: ValidateOptions = { prior: lastMonth, mode: 'submit', today: '2023-07-26', lang: 'zh' };
  const report: Report = { unit: '城桥镇', period: '2023-07', date: '2023-07-26', values: { self_found: 12, penalty_amount: '3.5', media_column: true } };
  const result: CheckResult = validate(report, options);
  const blocked: boolean = !result.submittable && result.counts.unexplainedWarnings >= 0;
  const form = new ReportForm(null, { mode: 'draft' });
  const status: Status = form.setField('self_found', '１２');
  const changes: Changes | null = status.changed ? form.changes() : null;
  const touched: Finding[] = changes ? Object.values(changes.fields).flat() : [];
  const submitted: NormalizedReport = normalize(report);
  form.setExplanation('H251:date', '月底防汛值班，延后三天报送');
  const s: Schema = schema();
  const labels: string[] = s.fields.map((f) => `${f.section}.${f.item} ${f.label}（${f.unit}）`);
  const codes: RuleInfo[] = rules();
  // English is loaded on request; its members are optional until then.
  await loadLanguage('en');
  await loadLanguage('en', new URL('/static/diaodu_en.json', 'https://portal.example'));
  const english: string[] = schema().fields.map((f) => f.labelEn ?? f.label);
  const inEnglish: CheckResult = validate(report, { ...options, lang: 'en' });
  return [...english, ...inEnglish.findings.map((f) => f.message),String(blocked), String(submitted.values.self_found), ...touched.map((f) => f.message), ...labels, ...codes.map((r) => r.code)];
}
