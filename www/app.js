// The demo page: the 调度表 as reporting staff fill it, built at run time from
// the package's schema (no copy of any label lives here), validated on every
// input event through the package's ReportForm, with drafts kept in this
// browser. User data is only ever written with textContent and value.
import init, { ReportForm, schema as loadSchema } from './pkg/diaodu.js';

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
    explainHint: '写明数据为什么是这样（至少5个字）', error: '错误', warning: '核实', notes: '注：',
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
    explainHint: 'Say why the figure is what it is (5+ characters)', error: 'Error', warning: 'Verify', notes: 'Notes:',
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
let form;            // the ReportForm
let lang = 'zh';
let prior = null;    // last month's report, or null
// The server's session when the page is served by `diaodu serve`: then
// last month comes from its record and a submission is kept there.
let record = null;
const inputs = new Map();      // key -> <input>
const msgBoxes = new Map();    // key -> message container
const priorSpans = new Map();  // key -> "上月 12" span
const findingNodes = new Map(); // `${key}|${id}` -> rendered finding

const t = (k, ...a) => { const v = UI[lang][k]; return typeof v === 'function' ? v(...a) : v; };

function readJson(key, fallback) {
  try { return JSON.parse(localStorage.getItem(key)) ?? fallback; } catch { return fallback; }
}

function saveDraft() {
  try {
    localStorage.setItem(DRAFT_KEY, JSON.stringify({ report: form.report(), prior, lang }));
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

// --- building the paper form from the schema ------------------------------------

function label(f) { return lang === 'zh' ? f.label : f.labelEn; }

function buildForm() {
  $('form-title').textContent = lang === 'zh' ? S.title : S.titleEn;
  const sections = $('sections');
  sections.replaceChildren();
  const fieldByKey = new Map(S.fields.map((f) => [f.key, f]));
  for (const sec of S.sections) {
    const fs = el('fieldset', { class: 'section' },
      el('legend', { text: `${sec.numeral}、${lang === 'zh' ? sec.title : sec.titleEn}` }));
    const grid = el('div', { class: 'items' });
    for (const item of sec.items) {
      const fields = item.keys.map((k) => fieldByKey.get(k));
      const box = el('div', { class: 'item', 'data-item': `${sec.number}.${item.number}` });
      box.append(el('span', { class: 'no', text: String(item.number), 'aria-hidden': 'true' }));
      const body = el('div', { class: 'item-body' });
      if (fields.length === 1) {
        body.append(fieldRow(fields[0], lang === 'zh' ? item.printed : `${fields[0].labelEn}${fields[0].kind === 'yesNo' ? '' : ` (${fields[0].unit})`}`));
      } else {
        body.append(el('div', { class: 'item-title', text: lang === 'zh' ? item.printed : fields[0].labelEn }));
        for (const f of fields) body.append(fieldRow(f, `${label(f)}（${f.unit}）`));
      }
      box.append(body);
      grid.append(box);
    }
    fs.append(grid);
    sections.append(fs);
  }
  const notes = $('notes');
  notes.replaceChildren(el('p', { text: t('notes') }), ...S.notes.map((n, i) => el('p', { text: `${i + 1}. ${n}` })));
  const units = $('unit-list');
  units.replaceChildren(...S.units.units.map((u) => el('option', { value: u.name, label: lang === 'zh' ? u.name : `${u.name} ${u.nameEn}` })));
}

function fieldRow(f, text) {
  const id = `f-${f.key}`;
  const row = el('div', { class: 'field', 'data-key': f.key });
  const input = el('input', {
    id, name: f.key, autocomplete: 'off', inputMode: f.kind === 'yesNo' ? 'text' : 'decimal',
    'aria-describedby': `m-${f.key}${f.help ? ` h-${f.key}` : ''}`,
  });
  if (f.kind === 'yesNo') input.setAttribute('list', 'yes-no');
  const lab = el('label', { for: id, text });
  const unit = f.kind === 'yesNo' ? null : el('span', { class: 'unit', text: f.unit, 'aria-hidden': 'true' });
  const priorSpan = el('span', { class: 'prior-value' });
  row.append(lab, el('div', { class: 'input-line' }, input, unit, priorSpan));
  if (f.help) row.append(el('p', { class: 'help', id: `h-${f.key}`, text: lang === 'zh' ? f.help : f.helpEn }));
  const msgs = el('div', { class: 'msgs', id: `m-${f.key}` });
  row.append(msgs);
  inputs.set(f.key, input);
  msgBoxes.set(f.key, msgs);
  priorSpans.set(f.key, priorSpan);
  return row;
}

// --- showing findings -------------------------------------------------------------

/** The key a finding is about (its id is CODE:key); its 说明 box goes there only. */
const subjectOf = (finding) => finding.id.slice(finding.id.indexOf(':') + 1);

function renderFinding(finding, key) {
  const node = el('div', { class: `finding ${finding.severity}`, 'data-id': finding.id });
  node.append(el('span', { class: 'badge', text: t(finding.severity) }), el('span', { class: 'message', text: finding.message }));
  if (finding.severity === 'warning' && key === subjectOf(finding)) {
    const areaId = `x-${finding.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    const area = el('textarea', { id: areaId, rows: 2, placeholder: t('explainHint'), class: 'explain' });
    area.value = finding.explanation?.text ?? '';
    area.addEventListener('input', () => apply(form.setExplanation(finding.id, area.value)));
    const status = el('span', { class: 'explain-status', 'aria-live': 'polite' });
    node.append(el('label', { for: areaId, class: 'explain-label', text: t('explain') }), area, status);
  }
  updateFinding(node, finding);
  return node;
}

function updateFinding(node, finding) {
  node.querySelector('.message').textContent = finding.message;
  node.classList.toggle('explained', finding.explained);
  const status = node.querySelector('.explain-status');
  if (status) {
    const area = node.querySelector('textarea');
    if (area && document.activeElement !== area) area.value = finding.explanation?.text ?? '';
    status.textContent = finding.explained ? `✓ ${t('explained')}` : (finding.explanation?.reason ?? '');
    status.classList.toggle('refused', Boolean(finding.explanation && !finding.explanation.accepted));
  }
}

/** Redraw the findings of one field (the list the package gives in `changes.fields`). */
function showField(key, findings) {
  const box = msgBoxes.get(key) ?? $(`m-${key}`);
  if (!box) return;
  const keep = new Set(findings.map((f) => `${key}|${f.id}`));
  for (const [k, node] of findingNodes) {
    if (k.startsWith(`${key}|`) && !keep.has(k)) { node.remove(); findingNodes.delete(k); }
  }
  for (const f of findings) {
    const k = `${key}|${f.id}`;
    let node = findingNodes.get(k);
    if (node) updateFinding(node, f);
    else { node = renderFinding(f, key); findingNodes.set(k, node); }
    box.append(node); // keeps form order
  }
  const input = inputs.get(key) ?? $(`f-${key}`);
  if (input) {
    const hasError = findings.some((f) => f.severity === 'error');
    const hasWarning = findings.some((f) => f.severity === 'warning' && !f.explained);
    if (hasError) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
    input.classList.toggle('has-error', hasError);
    input.classList.toggle('has-warning', !hasError && hasWarning);
  }
}

/** The summary bar: counts, the verdict, and every finding as a link to its field. */
function showSummary({ counts: c, submittable }, findings) {
  const line = $('summary-line');
  line.textContent = `${submittable ? '✓ ' + t('summaryOk') : '✗ ' + t('summaryNo')} · ${t('counts', c)}`;
  line.className = `summary-line ${submittable ? 'ok' : 'blocked'}`;
  const list = $('summary-list');
  list.replaceChildren();
  if (!findings.length) list.append(el('li', { class: 'none', text: t('noFindings') }));
  for (const f of findings) {
    const b = el('button', { type: 'button', class: `jump ${f.severity}${f.explained ? ' explained' : ''}` },
      el('span', { class: 'badge', text: t(f.severity) }), el('span', { text: ` ${f.code} ${f.message}` }));
    b.addEventListener('click', () => focusField(f.fields));
    list.append(el('li', {}, b));
  }
}

function focusField(fields) {
  for (const k of fields) {
    const input = inputs.get(k) ?? $(`f-${k}`);
    if (input) { input.focus(); input.scrollIntoView({ block: 'center' }); return; }
  }
}

/**
 * Apply what a call on the form did, then save the draft. A call answers
 * whether any finding changed; only then are the changed findings fetched
 * and their fields redrawn.
 */
function apply(status) {
  if (status.changed) {
    const changes = form.changes();
    for (const [key, findings] of Object.entries(changes.fields)) showField(key, findings);
    showSummary(changes, form.findings());
  }
  $('server-line').hidden = true;
  saveDraft();
}

function showAll() {
  form.changes(); // everything is redrawn: the next changes count from here
  const result = form.result();
  const byField = new Map();
  for (const f of result.findings) for (const k of f.fields) {
    if (!byField.has(k)) byField.set(k, []);
    byField.get(k).push(f);
  }
  for (const key of [...inputs.keys(), 'unit', 'period', 'date']) showField(key, byField.get(key) ?? []);
  showSummary(result, result.findings);
}

function fillInputs() {
  const r = form.report();
  const text = (v) => (v === null || v === undefined ? '' : typeof v === 'boolean' ? (v ? '是' : '否') : String(v));
  for (const [key, input] of inputs) input.value = text(r.values?.[key]);
  $('f-unit').value = text(r.unit);
  $('f-period').value = text(r.period);
  $('f-date').value = text(r.date);
}

function showPrior() {
  const pv = prior?.values ?? {};
  for (const [key, span] of priorSpans) {
    const v = pv[key];
    span.textContent = prior && v !== undefined && v !== null && v !== '' ? `${t('lastMonth')} ${v}` : '';
  }
  $('prior-status').textContent = prior ? t('priorSet', prior) : t('priorNone');
}

function setPrior(report) {
  // The form reads it first: a file it refuses is never stored with the draft.
  const changes = form.setPrior(report);
  prior = report;
  apply(changes);
  showPrior();
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

function relabel() {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  for (const n of document.querySelectorAll('[data-i18n]')) n.textContent = t(n.dataset.i18n);
  $('btn-lang').textContent = lang === 'zh' ? 'English' : '中文';
  $('btn-lang').lang = lang === 'zh' ? 'en' : 'zh-CN';
  inputs.clear(); msgBoxes.clear(); priorSpans.clear();
  for (const [k, node] of findingNodes) if (!['unit', 'period', 'date'].includes(k.split('|')[0])) findingNodes.delete(k);
  buildForm();
  wireInputs();
  fillInputs();
  fillSavedSelect();
  showPrior();
}

function wireInputs() {
  for (const [key, input] of inputs) {
    input.addEventListener('input', () => apply(form.setField(key, input.value)));
  }
}

async function submit() {
  if (record) return submitToRecord();
  apply(form.setOptions({ mode: 'submit' }));
  const browser = form.result();
  const line = $('server-line');
  line.hidden = false;
  line.className = 'server-line';
  try {
    const res = await fetch('api/check', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ report: form.report(), prior, options: { mode: 'submit', today: browser.today, lang } }),
    });
    const server = await res.json();
    if (!res.ok) throw new Error(server.error ?? res.statusText);
    // The server's result is the native one: the browser's and the
    // normalised report the browser would submit.
    const { normalized, ...findings } = server;
    const agree = JSON.stringify(findings) === JSON.stringify(browser)
      && JSON.stringify(normalized) === JSON.stringify(form.normalized());
    line.textContent = `${agree ? t('serverAgree') : t('serverDiffer')} ${browser.submittable ? t('submitted') : t('notSubmittable')}`;
    line.classList.add(agree ? 'agree' : 'differ');
    if (browser.submittable) saveReport(form.normalized());
  } catch (e) {
    line.textContent = t('serverFail', e.message);
    line.classList.add('differ');
  }
}

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
  const r = form.normalized();
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

/** Submit to the record: kept as a version, or refused with the server's findings. */
async function submitToRecord() {
  apply(form.setOptions({ mode: 'submit' }));
  const line = $('server-line');
  const list = $('server-findings');
  line.hidden = false;
  line.className = 'server-line';
  list.replaceChildren();
  try {
    const res = await fetch('api/submit', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ report: form.report(), options: { lang } }),
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
    // What only the server can find (its record, its clock) is listed
    // here, with a 说明 box where a reason can make it pass.
    const known = new Set(form.findings().map((f) => f.id));
    for (const f of body.result.findings) {
      if (!known.has(f.id)) list.append(el('li', {}, renderFinding(f, subjectOf(f))));
    }
  } catch (e) {
    line.textContent = t('serverFail', e.message);
    line.classList.add('differ');
  }
}

/**
 * The form from the stored draft. A draft that cannot be read whole never
 * stops the page: the part the form refuses (the prior month, the report, or
 * the text itself) is left out, the stored text is kept aside unchanged, and
 * the page says so.
 */
function startForm() {
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
  const report = draft?.report ?? null;
  const storedPrior = draft?.prior ?? null;
  const attempts = [[report, storedPrior], [report, null], [null, storedPrior], [null, null]];
  for (const [r, p] of attempts) {
    try {
      form = new ReportForm(r, { mode: 'draft', lang, prior: p });
      prior = p;
      if (r !== report || p !== storedPrior) problem ??= 'refused by the validator';
      break;
    } catch (e) {
      problem = e.message;
    }
  }
  if (problem !== null && text !== null) {
    try { localStorage.setItem(ASIDE_KEY, text); } catch { /* storage full: the notice still shows */ }
    const note = $('draft-aside');
    note.hidden = false;
    note.textContent = t('draftAside', problem);
  }
}

async function main() {
  await init();
  S = loadSchema();
  startForm();
  relabel();
  record = await findRecord();
  if (record) {
    document.body.classList.add('record');
    showRecord();
  }
  for (const key of ['unit', 'period', 'date']) {
    const input = $(`f-${key}`);
    inputs.set(key, input);
    input.addEventListener('input', () => {
      apply(form.setField(key, input.value));
      if (key !== 'date') refreshPrior();
    });
  }
  showAll();
  await refreshPrior();

  $('btn-lang').addEventListener('click', () => {
    lang = lang === 'zh' ? 'en' : 'zh';
    form.setOptions({ lang });
    relabel();
    if (record) showRecord();
    for (const key of ['unit', 'period', 'date']) inputs.set(key, $(`f-${key}`));
    findingNodes.clear();
    for (const box of document.querySelectorAll('.msgs')) box.replaceChildren();
    showAll();
    saveDraft();
  });
  $('btn-export').addEventListener('click', () => {
    const r = form.normalized();
    download(`调度表-${r.unit ?? 'unit'}-${r.period ?? 'period'}.json`, form.normalizedJson());
  });
  $('btn-print').addEventListener('click', () => window.print());
  $('btn-submit').addEventListener('click', submit);
  $('btn-new').addEventListener('click', () => {
    if (!window.confirm(t('confirmNew'))) return;
    apply(form.setReport({}));
    fillInputs();
  });
  $('btn-next').addEventListener('click', () => {
    const current = form.normalized();
    saveReport(current);
    const period = nextPeriod(current.period);
    prior = current;
    form.setPrior(current);
    apply(form.setReport({ unit: current.unit, period, date: '', values: {} }));
    fillInputs();
    showPrior();
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
