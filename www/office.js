// The office's view of a month (区安委办): who filed, the district's
// roll-up, and what needs a look, as the server computes them
// (GET api/month). Labels come from the server's schema; standings, kinds
// and messages arrive in the language asked for. User data is only ever
// written with textContent.

const UI = {
  zh: {
    brand: '调度表汇总', period: '报告月份', csv: '下载 CSV', xlsx: '下载 Excel 汇总表', form: '填报页面',
    status: '报送情况', rollup: '全区汇总', checks: '核实事项', none: '无。',
    head: ['单位', '类型', '状态', '已说明核实项', '版本', '未通过', '接收时间'],
    rollHead: ['项目', '全区'], notExpected: '（不在名单中）',
    counts: (c) => `应报 ${c.expected} 个单位：按时 ${c.onTime}，逾期 ${c.late}，仅有未通过的报送 ${c.onlyFailedAttempts}，未报送 ${c.notFiled}；${c.withExplainedWarnings} 个单位有已说明的核实项。`,
    note: (n, p) => `汇总 ${n} 个单位的最近一次报表（上月汇总 ${p} 个单位）。乡镇与部门可能对同一隐患各自统计，分类小计分列。`,
    rollupCheck: '汇总表', demo: '演示模式：服务器未配置身份认证。', signedIn: (u) => `已登录：${u}`,
    forbidden: '只有区安委办可以查看全区汇总。',
  },
  en: {
    brand: 'District roll-up', period: 'Month', csv: 'Download CSV', xlsx: 'Download Excel roll-up', form: 'Form',
    status: 'Who filed', rollup: 'District roll-up', checks: 'To verify', none: 'None.',
    head: ['Unit', 'Kind', 'Standing', 'Explained warnings', 'Versions', 'Failed', 'Received'],
    rollHead: ['Item', 'District'], notExpected: ' (not on the list)',
    counts: (c) => `${c.expected} units expected: ${c.onTime} on time, ${c.late} late, ${c.onlyFailedAttempts} only failed attempts, ${c.notFiled} not filed; ${c.withExplainedWarnings} with explained warnings.`,
    note: (n, p) => `The sum of ${n} units' latest reports (last month: ${p}). Townships and departments may count the same hazard; subtotals are shown apart.`,
    rollupCheck: 'Roll-up', demo: 'Demo mode: the server has no authentication.', signedIn: (u) => `Signed in: ${u}`,
    forbidden: 'Only 区安委办 may read the district\'s month.',
  },
};

let lang = 'zh';
let schema;
const $ = (id) => document.getElementById(id);
const t = (k, ...a) => { const v = UI[lang][k]; return typeof v === 'function' ? v(...a) : v; };
const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; };
const row = (cells, tag = 'td') => { const tr = el('tr'); for (const c of cells) tr.append(el(tag, c)); return tr; };

async function json(url) {
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = await res.json();
  if (!res.ok) throw Object.assign(new Error(lang === 'zh' ? body.error : body.errorEn), { status: res.status });
  return body;
}

function months() {
  const out = [];
  let [y, m] = schema.firstPeriod.split('-').map(Number);
  const [ly, lm] = schema.lastPeriod.split('-').map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (++m > 12) { m = 1; y++; }
  }
  return out;
}

async function show() {
  const period = $('period').value;
  for (const n of document.querySelectorAll('[data-i18n]')) n.textContent = t(n.dataset.i18n);
  $('btn-lang').textContent = lang === 'zh' ? 'English' : '中文';
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  $('dl-csv').href = `api/month?period=${period}&format=csv&lang=${lang}`;
  $('dl-xlsx').href = `api/month?period=${period}&format=xlsx&lang=${lang}`;
  let v;
  try {
    v = await json(`api/month?period=${period}&lang=${lang}`);
  } catch (e) {
    $('counts').textContent = e.status === 403 ? t('forbidden') : e.message;
    for (const id of ['status', 'rollup', 'checks']) $(id).replaceChildren();
    return;
  }
  $('counts').textContent = t('counts', v.counts);

  const status = $('status');
  status.replaceChildren(row(t('head'), 'th'));
  for (const r of v.rows) {
    const tr = row([
      r.unit + (r.expected ? '' : t('notExpected')), r.kindText, r.standingText,
      String(r.explainedWarnings), String(r.versions),
      r.failedAttempts ? `${r.failedAttempts}（${r.attemptCodes.join(' ')}）` : '0', r.received ?? '',
    ]);
    tr.dataset.unit = r.unit;
    tr.dataset.standing = r.standing;
    status.append(tr);
  }

  const roll = v.rollup;
  $('rollup-note').textContent = t('note', roll.units.length, roll.priorUnits);
  const subs = roll.subtotals.filter((s) => s.units > 0);
  const table = $('rollup');
  table.replaceChildren(row([...t('rollHead'), ...subs.map((s) => s.kindText)], 'th'));
  for (const f of schema.fields) {
    const label = `${f.section}.${f.item} ${lang === 'zh' ? f.label : f.labelEn}（${f.unit}）`;
    const tr = row([label, roll.values[f.key], ...subs.map((s) => s.values[f.key])]);
    tr.dataset.key = f.key;
    table.append(tr);
  }

  const checks = $('checks');
  checks.replaceChildren();
  const item = (who, f) => {
    const li = el('li', undefined, `${f.severity}${f.explained ? ' explained' : ''}`);
    li.append(el('strong', `${who} `), el('span', `${f.code} ${f.message}`));
    checks.append(li);
  };
  for (const f of roll.check?.findings ?? []) item(t('rollupCheck'), f);
  for (const s of v.series) for (const f of s.findings) item(s.unit, f);
  if (!checks.children.length) checks.append(el('li', t('none'), 'none'));
}

async function main() {
  schema = await json('api/schema');
  const session = await json('api/session');
  $('who').textContent = session.demo ? t('demo') : t('signedIn', session.unit);
  const sel = $('period');
  for (const p of months()) { const o = el('option', p); o.value = p; sel.append(o); }
  // The month being filed: this one until the 28th… the latest campaign month up to today.
  const today = session.today.slice(0, 7);
  const ms = months();
  sel.value = ms.filter((p) => p <= today).pop() ?? ms[0];
  sel.addEventListener('change', show);
  $('btn-lang').addEventListener('click', () => { lang = lang === 'zh' ? 'en' : 'zh'; show(); });
  await show();
  document.body.classList.add('ready');
}

main().catch((e) => {
  const p = $('load-error');
  p.hidden = false;
  p.textContent = `页面无法启动 / the page could not start: ${e.message}`;
});
