// The demo page as a portal: the paper form's markup (generated from the
// form table into index.html) and one attach() call, which validates on
// every input, marks fields, shows messages and 说明 boxes, keeps the summary
// and guards submission. What is left here is what a demo adds: a prior
// month imported from a file or fetched from the server's record, reports
// saved in this browser, the draft, print, the language switch, and the two
// ways of submitting. It holds no domain knowledge: labels come from the
// schema. User data is only ever written with textContent and value.
import init, { attach, loadLanguage, schema as loadSchema } from './pkg/dom/diaodu.js';

const DRAFT_KEY = 'diaodu.draft.v1';
const SAVED_KEY = 'diaodu.saved.v1';
// A stored draft the page could not start from, kept whole as its text.
const ASIDE_KEY = 'diaodu.draft.aside.v1';

// Words of the page itself (buttons, headings); the form's labels come from the schema.
const UI = {
  zh: {
    brand: '调度表填报', submit: '提交并复核', export: '导出 JSON', print: '打印', next: '开始填报下月',
    new: '清空新建', prior: '上月报表：', import: '导入 JSON 文件', savedLabel: '本浏览器保存的报表',
    savedNone: '（本浏览器保存的报表）', priorClear: '不比较上月', attachment: '附件', unit: '单位',
    period: '报告月份', date: '时间', lastMonth: '上月', explain: '说明', explained: '已说明',
    explainHint: '写明数据为什么是这样', notes: '注：',
    summaryOk: '可以提交', summaryNo: '不能提交', counts: (c) => `${c.errors} 个错误，${c.unexplainedWarnings} 个待说明的核实问题（共 ${c.warnings} 个）`,
    noFindings: '未发现问题。', priorNone: '未选择上月报表', priorSet: (r) => `已载入：${r.unit ?? ''} ${r.period ?? ''}`,
    serverAgree: '服务器复核结果与浏览器一致。', serverDiffer: '服务器复核结果与浏览器不一致，请联系管理员。',
    serverFail: (m) => `无法连接服务器复核：${m}`, submitted: '已提交并保存到本浏览器。',
    notSubmittable: '还不能提交：请先改正错误、为核实问题写明说明。', confirmNew: '清空当前填写的内容？（已保存的报表不受影响）',
    badFile: (m) => `无法读取该文件：${m}`,
    draftAside: (m) => `上次保存的草稿有无法使用的部分（${m}），已略去该部分；原草稿全文另存在本浏览器的 diaodu.draft.aside.v1 中，未丢失。`, nextDone: (p) => `已开始填报 ${p}，本月报表已作为上月报表。`,
    office: '全区汇总', demoMode: '演示模式：服务器未配置身份认证，任何人都可以为任何单位报送。上月报表取自服务器的记录。',
    signedIn: (u) => `已登录：${u}。上月报表取自服务器的记录。`, notSignedIn: (m) => `未登录，不能报送：${m}`,
    priorServer: (p) => `上月报表取自服务器：${p.unit} ${p.period}（第 ${p.version} 版，${p.received} 接收）`,
    priorServerNone: '服务器上没有本单位更早月份的报表。',
    accepted: (b) => `已报送：${b.unit} ${b.period} 第 ${b.version} 版，服务器于 ${b.received} 接收。`,
    refused: '服务器复核未通过，报表未被接收；请按下列提示修改或说明后重新提交。',
  },
  en: {
    brand: 'Progress form', submit: 'Submit & recheck', export: 'Export JSON', print: 'Print', next: 'Start next month',
    new: 'Clear', prior: 'Last month: ', import: 'Import JSON file', savedLabel: 'Reports saved in this browser',
    savedNone: '(reports saved in this browser)', priorClear: 'No comparison', attachment: 'Attachment', unit: 'Unit',
    period: 'Month', date: 'Date', lastMonth: 'last month', explain: 'Explanation', explained: 'Explained',
    explainHint: 'Say why the figure is what it is', notes: 'Notes:',
    summaryOk: 'Can be submitted', summaryNo: 'Cannot be submitted', counts: (c) => `${c.errors} error(s), ${c.unexplainedWarnings} unexplained warning(s) (${c.warnings} in all)`,
    noFindings: 'No problems found.', priorNone: 'No prior report', priorSet: (r) => `Loaded: ${r.unit ?? ''} ${r.period ?? ''}`,
    serverAgree: 'The server\'s recheck agrees with the browser.', serverDiffer: 'The server\'s recheck differs from the browser\'s; contact the administrator.',
    serverFail: (m) => `Could not reach the server for the recheck: ${m}`, submitted: 'Submitted and saved in this browser.',
    notSubmittable: 'Not yet: fix the errors and explain the warnings first.', confirmNew: 'Clear everything typed? (saved reports stay)',
    badFile: (m) => `Cannot read that file: ${m}`,
    draftAside: (m) => `Part of the saved draft could not be used (${m}) and was left out; the whole draft is kept unchanged in this browser under diaodu.draft.aside.v1.`, nextDone: (p) => `Started ${p}; this month's report is now the prior.`,
    office: 'District roll-up', demoMode: 'Demo mode: the server has no authentication; anyone may file for any unit. Last month comes from the server\'s record.',
    signedIn: (u) => `Signed in: ${u}. Last month comes from the server's record.`, notSignedIn: (m) => `Not signed in; cannot submit: ${m}`,
    priorServer: (p) => `Last month from the server: ${p.unit} ${p.period} (version ${p.version}, received ${p.received})`,
    priorServerNone: 'The server has no earlier report of this unit.',
    accepted: (b) => `Filed: ${b.unit} ${b.period}, version ${b.version}, received by the server at ${b.received}.`,
    refused: 'The server\'s recheck did not pass and the report was not accepted; fix or explain what is listed and submit again.',
  },
};

const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('data-') || k.startsWith('aria-') || k === 'for' || k === 'role') e.setAttribute(k, v);
    else e[k] = v;
  }
  for (const c of children) if (c) e.append(c);
  return e;
};

let S;               // the schema
let handle;          // what attach() returned
let lang = 'zh';
let prior = null;    // last month's report, or null
// The server's session when the page is served by `diaodu serve`: then
// last month comes from its record and a submission is kept there.
let record = null;

const t = (k, ...a) => { const v = UI[lang][k]; return typeof v === 'function' ? v(...a) : v; };
const form = () => $('report-form');
const keys = () => [...S.header.map((h) => h.key), ...S.fields.map((f) => f.key)];
const input = (key) => form().elements.namedItem(key);

function readJson(key, fallback) {
  try { return JSON.parse(localStorage.getItem(key)) ?? fallback; } catch { return fallback; }
}

function saveDraft() {
  try {
    localStorage.setItem(DRAFT_KEY, JSON.stringify({ report: handle.report(), prior, lang }));
  } catch { /* storage full or disabled: the page keeps working */ }
}

function savedReports() { return readJson(SAVED_KEY, []); }

function saveReport(report) {
  const list = savedReports().filter((r) => !(r.unit === report.unit && r.period === report.period));
  list.push(report);
  list.sort((a, b) => String(a.unit).localeCompare(String(b.unit)) || String(a.period).localeCompare(String(b.period)));
  localStorage.setItem(SAVED_KEY, JSON.stringify(list));
  fillSavedSelect();
}

// --- the page's words, from the schema ----------------------------------------------

function relabel() {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  for (const n of document.querySelectorAll('[data-i18n]')) n.textContent = t(n.dataset.i18n);
  $('btn-lang').textContent = lang === 'zh' ? 'English' : '中文';
  $('btn-lang').lang = lang === 'zh' ? 'en' : 'zh-CN';
  $('form-title').textContent = lang === 'zh' ? S.title : S.titleEn;
  const fieldByKey = new Map(S.fields.map((f) => [f.key, f]));
  for (const sec of S.sections) {
    const fs = document.querySelector(`fieldset[data-section="${sec.number}"]`);
    fs.querySelector('legend').textContent = `${sec.numeral}、${lang === 'zh' ? sec.title : sec.titleEn}`;
    for (const item of sec.items) {
      const box = fs.querySelector(`[data-item="${sec.number}.${item.number}"]`);
      const fields = item.keys.map((k) => fieldByKey.get(k));
      if (fields.length === 1) {
        const f = fields[0];
        box.querySelector('label').textContent = lang === 'zh' ? item.printed : `${f.labelEn}${f.kind === 'yesNo' ? '' : ` (${f.unit})`}`;
      } else {
        box.querySelector('.item-title').textContent = lang === 'zh' ? item.printed : fields[0].labelEn;
        for (const f of fields) box.querySelector(`[data-key="${f.key}"] label`).textContent = `${lang === 'zh' ? f.label : f.labelEn}（${f.unit}）`;
      }
    }
  }
  for (const f of S.fields) {
    const help = $(`h-${f.key}`);
    if (help) help.textContent = lang === 'zh' ? f.help : f.helpEn;
  }
  $('unit-list').replaceChildren(...S.units.units.map((u) => el('option', { value: u.name, label: lang === 'zh' ? u.name : `${u.name} ${u.nameEn}` })));
  fillSavedSelect();
  showPrior();
  if (record) showRecord();
}

function showPrior() {
  const pv = prior?.values ?? {};
  for (const f of S.fields) {
    const span = document.querySelector(`[data-key="${f.key}"] .prior-value`);
    const v = pv[f.key];
    span.textContent = prior && v !== undefined && v !== null && v !== '' ? `${t('lastMonth')} ${v}` : '';
  }
  $('prior-status').textContent = prior ? t('priorSet', prior) : t('priorNone');
}

function setPrior(report) {
  // The form reads it first: a file it refuses is never stored with the draft.
  handle.setOptions({ prior: report });
  prior = report;
  showPrior();
  saveDraft();
}

function fillSavedSelect() {
  const sel = $('prior-saved');
  const first = el('option', { value: '', text: t('savedNone') });
  sel.replaceChildren(first, ...savedReports().map((r, i) => el('option', { value: String(i), text: `${r.unit ?? ''} ${r.period ?? ''}` })));
}

function download(name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function nextPeriod(p) {
  const m = /^(\d{4})-(\d{2})$/.exec(p ?? '');
  if (!m) return '';
  const y = Number(m[1]); const mo = Number(m[2]);
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
}

/** Put a report's text into the inputs, as if typed (the form reads them). */
function fillInputs(report, { typed = true } = {}) {
  const text = (v) => (v === null || v === undefined ? '' : typeof v === 'boolean' ? (v ? '是' : '否') : String(v));
  for (const key of keys()) {
    const value = S.header.some((h) => h.key === key) ? report?.[key] : report?.values?.[key];
    const box = input(key);
    if (box.value === text(value)) continue;
    box.value = text(value);
    if (typed) box.dispatchEvent(new Event('input', { bubbles: true }));
  }
}

// --- submitting -------------------------------------------------------------------

/** A finding only the server knows (its record, its clock), with a 说明 box. */
function serverFinding(f) {
  const node = el('div', { class: `finding ${f.severity}`, 'data-id': f.id });
  node.append(el('span', { class: 'message', text: f.message }));
  if (f.severity === 'warning') {
    const areaId = `sx-${f.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    const area = el('textarea', { id: areaId, rows: 2, placeholder: t('explainHint'), class: 'explain' });
    area.value = f.explanation?.text ?? '';
    area.addEventListener('input', () => handle.setExplanation(f.id, area.value));
    node.append(el('label', { for: areaId, class: 'explain-label', text: t('explain') }), area);
  }
  return node;
}

async function submitToServer() {
  const line = $('server-line');
  const list = $('server-findings');
  line.hidden = false;
  line.className = 'server-line';
  list.replaceChildren();
  const browser = handle.result();
  try {
    if (record) {
      const res = await fetch('api/submit', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ report: handle.report(), options: { lang } }),
      });
      const body = await res.json();
      if (res.status === 201) {
        line.textContent = t('accepted', body);
        line.classList.add('agree');
        saveReport(body.result.normalized);
        return;
      }
      if (res.status !== 422) throw new Error((lang === 'zh' ? body.error : body.errorEn) ?? res.statusText);
      line.textContent = t('refused');
      line.classList.add('differ');
      const known = new Set(browser.findings.map((f) => f.id));
      for (const f of body.result.findings) if (!known.has(f.id)) list.append(el('li', {}, serverFinding(f)));
      return;
    }
    const res = await fetch('api/check', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ report: handle.report(), prior, options: { mode: 'submit', today: browser.today, lang } }),
    });
    const server = await res.json();
    if (!res.ok) throw new Error(server.error ?? res.statusText);
    const agree = JSON.stringify(server) === JSON.stringify(browser);
    line.textContent = `${agree ? t('serverAgree') : t('serverDiffer')} ${browser.submittable ? t('submitted') : t('notSubmittable')}`;
    line.classList.add(agree ? 'agree' : 'differ');
    if (browser.submittable) saveReport(browser.normalized);
  } catch (e) {
    line.textContent = t('serverFail', e.message);
    line.classList.add('differ');
  }
}

// --- the server's record ------------------------------------------------------------

/** The server's session, or null where the page is not served by `diaodu serve`. */
async function findRecord() {
  try {
    const res = await fetch('api/session', { headers: { Accept: 'application/json' } });
    const body = await res.json();
    if (res.status === 401) return { error: lang === 'zh' ? body.error : body.errorEn };
    return res.ok && typeof body?.auth === 'string' ? body : null;
  } catch {
    return null;
  }
}

function showRecord() {
  const line = $('record-line');
  line.classList.toggle('demo', Boolean(record.demo));
  line.textContent = record.error ? t('notSignedIn', record.error) : record.demo ? t('demoMode') : t('signedIn', record.unit);
  $('office-link').hidden = !record.office;
}

let priorAsked = '';
/** Last month from the server's record, for the unit and month typed. */
async function refreshPrior(force = false) {
  if (!record || record.error) return;
  const r = handle.result().normalized;
  const unit = typeof r.unit === 'string' ? r.unit.trim() : '';
  const period = /^\d{4}-\d{2}$/.test(r.period ?? '') ? r.period : '';
  const ask = `${unit}|${period}`;
  if (!period || (!unit && !record.unit) || (ask === priorAsked && !force)) return;
  priorAsked = ask;
  const q = new URLSearchParams({ period });
  if (!record.unit || record.office) q.set('unit', unit);
  try {
    const res = await fetch(`api/prior?${q}`, { headers: { Accept: 'application/json' } });
    const body = await res.json();
    if (ask !== priorAsked) return; // typed on since
    if (!res.ok) { $('prior-status').textContent = lang === 'zh' ? body.error : body.errorEn; return; }
    setPrior(body.prior ? body.prior.report : null);
    $('prior-status').textContent = body.prior ? t('priorServer', body.prior) : t('priorServerNone');
  } catch (e) {
    $('prior-status').textContent = t('serverFail', e.message);
  }
}

// --- starting -------------------------------------------------------------------------

/**
 * The form from the stored draft. A draft that cannot be read whole never
 * stops the page: the part the form refuses (the prior month, or the text
 * itself) is left out, the stored text is kept aside unchanged, and the page
 * says so.
 */
async function startForm() {
  let text = null;
  try { text = localStorage.getItem(DRAFT_KEY); } catch { /* storage disabled */ }
  let draft = null;
  let problem = null;
  if (text !== null) {
    try {
      draft = JSON.parse(text);
      if (draft === null || typeof draft !== 'object' || Array.isArray(draft)) throw new Error('not an object');
    } catch (e) {
      draft = null;
      problem = e.message;
    }
  }
  lang = draft?.lang === 'en' ? 'en' : 'zh';
  if (lang === 'en' && !(await english())) lang = 'zh';
  const report = draft?.report && typeof draft.report === 'object' ? draft.report : null;
  fillInputs(report, { typed: false });
  const storedPrior = draft?.prior ?? null;
  for (const p of storedPrior === null ? [null] : [storedPrior, null]) {
    try {
      handle = attach(form(), { mode: 'draft', lang, prior: p });
      prior = p;
      if (p !== storedPrior) problem ??= 'refused by the validator';
      break;
    } catch (e) {
      problem = e.message;
    }
  }
  for (const [id, value] of Object.entries(report?.explanations ?? {})) {
    if (typeof value === 'string') handle.setExplanation(id, value);
  }
  if (problem !== null && text !== null) {
    try { localStorage.setItem(ASIDE_KEY, text); } catch { /* storage full: the notice still shows */ }
    const note = $('draft-aside');
    note.hidden = false;
    note.textContent = t('draftAside', problem);
  }
}

/**
 * English is not in the package's download: it is loaded the first time it
 * is asked for, and the schema read again with its English members. If it
 * cannot be loaded the page stays in Chinese and says why.
 */
async function english() {
  try {
    await loadLanguage('en');
    S = loadSchema();
    return true;
  } catch (e) {
    const note = $('draft-aside');
    note.hidden = false;
    note.textContent = e.message;
    return false;
  }
}

async function main() {
  await init();
  S = loadSchema();
  await startForm();
  relabel();
  record = await findRecord();
  if (record) {
    document.body.classList.add('record');
    showRecord();
  }
  // After attach's own listeners: keep the draft, and last month in step.
  form().addEventListener('input', (e) => {
    $('server-line').hidden = true;
    saveDraft();
    // Any header field may change whose last month it is.
    if (S.header.some((h) => h.key === e.target.name)) refreshPrior();
  });
  // attach() has checked the report in submit mode and stopped a report
  // that cannot be submitted; a submittable one goes to the server here.
  form().addEventListener('submit', (e) => {
    if (e.defaultPrevented) return;
    e.preventDefault();
    submitToServer();
  });
  await refreshPrior();

  $('btn-lang').addEventListener('click', async () => {
    if (lang === 'zh' && !(await english())) return;
    lang = lang === 'zh' ? 'en' : 'zh';
    handle.setOptions({ lang });
    relabel();
    saveDraft();
  });
  $('btn-export').addEventListener('click', () => {
    const r = handle.result().normalized;
    download(`调度表-${r.unit ?? 'unit'}-${r.period ?? 'period'}.json`, JSON.stringify(r, null, 2));
  });
  $('btn-print').addEventListener('click', () => window.print());
  $('btn-new').addEventListener('click', () => {
    if (!window.confirm(t('confirmNew'))) return;
    fillInputs({});
  });
  $('btn-next').addEventListener('click', () => {
    const current = handle.result().normalized;
    saveReport(current);
    const period = nextPeriod(current.period);
    setPrior(current);
    fillInputs({ unit: current.unit, period, date: '', values: {} });
    $('prior-status').textContent = t('nextDone', period);
    refreshPrior(true);
  });
  $('prior-file').addEventListener('change', async (e) => {
    const file = e.target.files?.[0];
    if (!file) return;
    try {
      setPrior(JSON.parse(await file.text()));
    } catch (err) {
      $('prior-status').textContent = t('badFile', err.message);
    }
    e.target.value = '';
  });
  $('prior-saved').addEventListener('change', (e) => {
    if (e.target.value === '') return;
    setPrior(savedReports()[Number(e.target.value)]);
  });
  $('btn-prior-clear').addEventListener('click', () => setPrior(null));
  document.body.classList.add('ready');
}

main().catch((e) => {
  const p = $('load-error');
  p.hidden = false;
  p.textContent = `页面无法启动 / the page could not start: ${e.message}`;
  console.error(e);
});
