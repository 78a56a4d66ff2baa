// A portal built with a bundler: the package is a dependency like any other.
// The README shows this file; tests/bundler/run.mjs builds it with Vite and
// runs the result in headless Chromium.
import init, { ReportForm, loadLanguage, validate } from 'diaodu';

async function main() {
  await init(); // once; the bundler ships diaodu_bg.wasm as an asset
  const report = { unit: '城桥镇', period: '2023-06', values: { self_found: '１２', self_rectified: 15 } };
  const result = validate(report, { mode: 'draft', lang: 'zh' });

  const form = new ReportForm(report, { mode: 'draft' });
  const status = form.setField('self_rectified', '10'); // the error goes away
  const removed = status.changed ? form.changes().removed : [];

  // English is fetched when first asked for (diaodu_en.json, an asset too).
  await loadLanguage('en');
  const english = validate(report, { mode: 'draft', lang: 'en' });

  document.getElementById('findings').textContent = [
    ...result.findings.map((f) => `${f.code} ${f.message}`),
    ...english.findings.map((f) => `${f.code} ${f.message}`),
    `removed: ${removed.map((f) => f.code).join(', ')}`,
  ].join('\n');
}

main();
