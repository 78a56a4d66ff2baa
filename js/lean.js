// The package's side of the lean path (src/lean.rs): reads a plain report
// object straight into the validator's buffers, and builds the result object
// from what the validator wrote back. Imported by the Rust code as a
// wasm-bindgen snippet, so it ships inside the package's own glue.
//
// Reading member by member with constant keys is what makes this fast: an
// engine optimises `o.self_found`, not `o[key]` in a loop (measured in Node:
// 26 ns against 960 ns for the 35 values). Those lines are generated from the
// form table (see `lean::js_reader`); a test keeps them in step.
//
// Whatever is not a plain object of plain values (a Proxy, a getter that
// throws, a Symbol, NaN, an array, a key the form does not have) makes
// `leanRead` answer -1, and the report takes the JSON path, which reports it.

const MISSING = 0, NULL = 1, INT = 2, NUMBER = 3, STRING = 4, TRUE = 5, FALSE = 6, FLOAT = 7, SCALED = 8, KEPT = 9;

let memory, buffer, U8, U16, U32, F64;
let keys, codes, severities, layout;
// The keystroke buffer (its address, its room in UTF-16 units): where
// `leanKeystroke` writes a keystroke's text for ReportForm.__setTyped.
let keystrokePtr = 0, keystrokeRoom = 0;
// Offsets (in elements) of the buffers in the memory views: tags, numbers,
// spans, text. Plain offsets, not subarrays: a subarray is an allocation,
// and made afresh on every call it cost more than reading the report.
let tb, nb, sb, X, cap, slotCap, tp, neededText, neededSlots;
const decoder = new TextDecoder('utf-16le');
// In Node, a Buffer over the module's memory decodes UTF-16 four times as
// fast as TextDecoder does (0.4 against 1.8 µs for a bad report's 783
// units). Browsers have no Buffer, and a bundler's stand-in is not Node's.
const NodeBuffer = typeof process === 'object' && process !== null && typeof process.versions === 'object'
  && process.versions !== null && typeof process.versions.node === 'string' && typeof Buffer === 'function'
  ? Buffer : undefined;
let B;

function views() {
  // A view of memory that has since grown is detached (length 0); asking
  // the memory for its buffer on every call cost more than that check.
  if (U8 === undefined || U8.length === 0) {
    buffer = memory.buffer;
    U8 = new Uint8Array(buffer);
    U16 = new Uint16Array(buffer);
    U32 = new Uint32Array(buffer);
    F64 = new Float64Array(buffer);
    if (NodeBuffer !== undefined) B = NodeBuffer.from(buffer);
  }
}

// Where the validator's buffers are (see `wasm::LEAN_INFO`), in u32s; 0
// until leanSetup has run.
let info = 0;

/** Called once at start: the module's memory and its tables. */
export function leanSetup(mem, keyList, codeList, severityList, report, prior, options, explanations, keystroke, keystrokeUnits, infoAt) {
  memory = mem;
  info = infoAt >> 2;
  keystrokePtr = keystroke;
  keystrokeRoom = keystrokeUnits;
  keys = keyList.split(',');
  codes = codeList.split(',');
  severities = severityList.split(',');
  layout = { report, prior, options, explanations };
}

function str(s, x, tag) {
  const n = x.length;
  if (tp + n > cap) {
    neededText = tp + n;
  } else {
    for (let i = 0; i < n; i++) U16[X + tp + i] = x.charCodeAt(i);
  }
  U32[sb + 2 * s] = tp;
  U32[sb + 2 * s + 1] = n;
  tp += n;
  U8[tb + s] = tag;
  return true;
}

function val(s, x) {
  switch (typeof x) {
    case 'number':
      if (Number.isSafeInteger(x)) {
        U8[tb + s] = INT;
        F64[nb + s] = x;
        return true;
      }
      if (!Number.isFinite(x)) return false;
      // Written out by the validator: String(x) costs more here than the
      // report's other values together. Between 1e-7 and 1e21 JS writes no
      // exponent, and its digits are Rust's (the shortest that round-trip).
      const a = Math.abs(x);
      // An amount with at most 4 decimals (every 万元 figure): sent as its
      // whole number of ten-thousandths. Below 9e11 two such decimals are
      // never the same double, so these are exactly the digits JS writes.
      const k = Math.round(x * 1e4);
      if (a < 9e11 && k / 1e4 === x) {
        U8[tb + s] = SCALED;
        F64[nb + s] = k;
        return true;
      }
      if (a >= 1e-7 && a < 1e21) {
        U8[tb + s] = FLOAT;
        F64[nb + s] = x;
        return true;
      }
      return str(s, String(x), NUMBER);
    case 'string':
      return str(s, x, STRING);
    case 'boolean':
      U8[tb + s] = x ? TRUE : FALSE;
      return true;
    case 'undefined':
      U8[tb + s] = MISSING;
      return true;
    case 'object':
      if (x === null) {
        U8[tb + s] = NULL;
        return true;
      }
      return false;
    default:
      return false;
  }
}

/**
 * How many enumerable keys `o` has, counted without making the array
 * `Object.keys` makes (twice a call, that was garbage for every validation).
 * Only for plain objects (see `plain`): an inherited enumerable key (a
 * polluted Object.prototype) counts too, which sends the report the JSON
 * way, never the wrong way.
 */
function keyCount(o) {
  let n = 0;
  for (const _ in o) n++;
  return n;
}

/** Whether `o` is an object JSON.stringify would write member by member. */
function plain(o) {
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return false;
  const p = Object.getPrototypeOf(o);
  return (p === Object.prototype || p === null) && o.toJSON === undefined;
}

/**
 * Read a report at slot `b`; its 说明 only when `explain`. What it read is
 * noted in `note` (see `kept`). Its header is not written when it is the
 * one `sameHead` noted (see `head`); `headKept` says whether it was.
 */
function readReport(o, b, explain, note, sameHead) {
  if (!plain(o)) return -1;
  let n = 0, v;
  note.form = v = o.form;
  if (v !== undefined) {
    n++;
    if (typeof v === 'string') str(b, v, STRING);
    else if (v === null) U8[tb + b] = NULL;
    else return -1;
  } else U8[tb + b] = MISSING;
  const unit = note.unit = o.unit, period = note.period = o.period, date = note.date = o.date;
  if (unit !== undefined) n++;
  if (period !== undefined) n++;
  if (date !== undefined) n++;
  headKept = sameHead !== undefined && unit === sameHead.unit && period === sameHead.period && date === sameHead.date;
  if (!headKept && !(val(b + 1, unit) && val(b + 2, period) && val(b + 3, date))) return -1;
  note.values = v = o.values;
  if (v !== undefined) n++;
  if (v === undefined || v === null) {
    for (let i = 4; i < 4 + keys.length - 3; i++) U8[tb + b + i] = MISSING;
  } else if (!plain(v) || readValues(v, b + 4, note.read) < 0) return -1;
  note.explanations = v = o.explanations;
  if (v !== undefined) n++;
  if (v !== undefined && v !== null) {
    if (!plain(v)) return -1;
    const ids = Object.keys(v);
    const need = layout.explanations + 2 * (explanationCount + ids.length);
    if (explain && need > slotCap) neededSlots = need;
    for (const id of ids) {
      const text = v[id];
      if (typeof text !== 'string') return -1;
      if (!explain) continue;
      const s = layout.explanations + 2 * explanationCount++;
      if (s + 1 < slotCap) {
        str(s, id, STRING);
        str(s + 1, text, STRING);
      }
    }
  }
  // A member the report format does not have (or one JSON would not show)
  // is for the JSON path to name.
  return n === keyCount(o) ? n : -1;
}

/** What `readReport` read: each member, and each value in form order. */
const newNote = () => ({ form: undefined, unit: undefined, period: undefined, date: undefined, values: undefined, explanations: undefined, read: [], id: 0 });

/**
 * The prior month last written into the slots, as read, and the number
 * the validator keeps it under; undefined when there is none. A page
 * passes the same prior month with every call: when the object holds what
 * this note holds, its slot is marked KEPT with that number instead of
 * writing it again, and the validator uses the prior month it read under
 * that number, or answers that it has none (then the call is made again
 * `fresh`, and the prior month is written out).
 */
let kept;
/** The note `leanRead` fills: becomes `kept` once the read is whole. */
let reading = newNote();
/** The current report's note (kept only to be filled). */
const current = newNote();
let lastId = 0;
/**
 * The options (mode, today, lang) and the report's header (unit, period,
 * date) last written, and their number: a page passes the same ones with
 * every call. Marked KEPT in the first option's slot like the prior month.
 */
let head;
/** Whether the last `readReport` found the header `head` holds. */
let headKept = false;

/** Whether `p` holds what the note `k` holds, member for member. */
function samePrior(p, k) {
  if (!plain(p)) return false;
  let n = 0, v;
  // Its 说明 are checked for form on every read, so a prior month that
  // has them is always written out.
  if (p.explanations !== undefined) return false;
  v = p.form;
  if (v !== k.form) return false;
  if (v !== undefined) n++;
  v = p.unit;
  if (v !== k.unit) return false;
  if (v !== undefined) n++;
  v = p.period;
  if (v !== k.period) return false;
  if (v !== undefined) n++;
  v = p.date;
  if (v !== k.date) return false;
  if (v !== undefined) n++;
  v = p.values;
  if (v === undefined || v === null || k.values === undefined || k.values === null) {
    if (v !== k.values) return false;
  } else if (!plain(v) || !sameValues(v, k.read)) return false;
  if (v !== undefined) n++;
  return n === keyCount(p);
}

let explanationCount = 0;

/**
 * Read `report` (and `options`, with `options.prior` when `withPrior`) into
 * the buffers; a prior month marked KEPT only when not `fresh`. Returns the
 * number of 说明 pairs, -1 for the JSON path, or -2 when the buffers are too
 * small (then `leanNeeded` says how large).
 */
export function leanRead(report, options, tags, nums, spans, text, slots, textCap, fresh) {
  // A getter of the report that validates another report while this one is
  // being read: that one takes the JSON path, and this one's reading goes on.
  if (inRead) return -1;
  inRead = true;
  try {
    return read(report, options, tags, nums, spans, text, slots, textCap, fresh);
  } finally {
    inRead = false;
  }
}
let inRead = false;

function read(report, options, tags, nums, spans, text, slots, textCap, fresh) {
  if (fresh) kept = head = undefined;
  views();
  tb = tags;
  nb = nums >> 3;
  sb = spans >> 2;
  X = text >> 1;
  cap = textCap;
  slotCap = slots;
  tp = 0;
  neededText = 0;
  neededSlots = 0;
  explanationCount = 0;
  const o = layout.options;
  U8[tb + o + 3] = MISSING;
  let mode, today, lang;
  if (options !== undefined && options !== null) {
    if (!plain(options)) return -1;
    let n = 0, v;
    mode = options.mode;
    if (mode !== undefined) n++;
    if (typeof mode !== 'string' && mode !== undefined && mode !== null) return -1;
    today = options.today;
    if (today !== undefined) n++;
    if (typeof today !== 'string' && today !== undefined && today !== null) return -1;
    lang = options.lang;
    if (lang !== undefined) n++;
    if (typeof lang !== 'string' && lang !== undefined && lang !== null) return -1;
    v = options.prior;
    if (v !== undefined) n++;
    if (v !== undefined && v !== null) {
      if (kept !== undefined && samePrior(v, kept)) {
        U8[tb + o + 3] = KEPT;
        F64[nb + o + 3] = kept.id;
      } else {
        U8[tb + o + 3] = TRUE;
        kept = undefined;
        // The prior month's 说明 are checked for form but not kept: only
        // its figures count.
        reading.id = F64[nb + o + 3] = ++lastId;
        if (readReport(v, layout.prior, false, reading, undefined) < 0) return -1;
        if (reading.explanations === undefined) [kept, reading] = [reading, newNote()];
      }
    }
    if (n !== keyCount(options)) return -1;
  }
  const sameHead = head !== undefined && mode === head.mode && today === head.today && lang === head.lang ? head : undefined;
  if (readReport(report, layout.report, true, current, sameHead) < 0) return -1;
  // The options, and the report's header (written by readReport), as the
  // last call's: marked KEPT under their number, not written.
  if (headKept) {
    U8[tb + o] = KEPT;
    F64[nb + o] = head.id;
  } else {
    opt(o, mode);
    opt(o + 1, today);
    opt(o + 2, lang);
    head = { mode, today, lang, unit: current.unit, period: current.period, date: current.date, id: ++lastId };
    F64[nb + o] = head.id;
  }
  if (neededText || neededSlots) return -2;
  return explanationCount;
}

/** An option (a string, null or undefined) into slot `s`. */
function opt(s, v) {
  if (typeof v === 'string') str(s, v, STRING);
  else U8[tb + s] = v === null ? NULL : MISSING;
}

/**
 * `validate(report, options)` in its common case: the report read into the
 * validator's buffers here and the wasm called with one number
 * (`validateRead`, the generated `__validateRead`), its result built from
 * the buffers. Undefined where the generated validate must take the call
 * (before the lean path is set up, a report for the JSON path, buffers too
 * small, a getter that throws): it reads the report again its own way,
 * with its errors. scripts/build-wasm.sh puts this in front of the
 * generated validate (js/keystroke.js).
 */
export function leanValidate(report, options, validateRead) {
  if (info === 0) return undefined;
  views();
  const i = info;
  let n;
  try {
    n = leanRead(report, options, U32[i], U32[i + 1], U32[i + 2], U32[i + 3], U32[i + 4], U32[i + 5], false);
  } catch {
    return undefined;
  }
  if (n < 0 || validateRead(n) !== 0) return undefined;
  views();
  return leanResult(U32[i + 6], U32[i + 7], U32[i + 8]);
}

/** The sizes the last `leanRead` needed: [slots, text units]. */
export function leanNeeded() {
  return [Math.max(neededSlots, slotCap), Math.max(neededText, cap)];
}

function fieldsOf(lo, hi) {
  // Bit by set bit, lowest first (a finding names one to four fields; a
  // loop over all 64 bits cost more than building the finding).
  const out = [];
  for (; lo !== 0; lo &= lo - 1) out.push(keys[31 - Math.clz32(lo & -lo)]);
  for (; hi !== 0; hi &= hi - 1) out.push(keys[63 - Math.clz32(hi & -hi)]);
  return out;
}

/** Findings `n` at word `w` of `ob`, their texts from `at` in `t`. */
function readFindings(ob, w, n, t, at, into) {
  for (let k = 0; k < n; k++, w += 8) {
    const rule = U32[ob + w], flags = U32[ob + w + 3];
    const code = codes[rule];
    const id = t.slice(at, (at += U32[ob + w + 4]));
    const message = t.slice(at, (at += U32[ob + w + 5]));
    const fields = U32[ob + w + 1] || U32[ob + w + 2] ? fieldsOf(U32[ob + w + 1], U32[ob + w + 2]) : [id.slice(code.length + 1)];
    const f = { id, code, severity: severities[rule], fields, message, explained: (flags & 1) === 1 };
    if (flags & 2) {
      const e = { text: t.slice(at, (at += U32[ob + w + 6])), accepted: (flags & 4) === 4 };
      if (flags & 8) e.reason = t.slice(at, (at += U32[ob + w + 7]));
      f.explanation = e;
    }
    into.push(f);
  }
  return at;
}

function counts(ob) {
  return { errors: U32[ob + 1], warnings: U32[ob + 2], unexplainedWarnings: U32[ob + 3] };
}

function decodeText(text, textLen) {
  if (!textLen) return '';
  // The text is Rust's (well-formed, no lone surrogates), so the two
  // decoders agree.
  return B !== undefined ? B.toString('utf16le', text, text + 2 * textLen)
    : decoder.decode(U16.subarray(text >> 1, (text >> 1) + textLen));
}

/** The result object from what `lean::write_result` wrote. */
export function leanResult(out, text, textLen) {
  views();
  const ob = out >> 2;
  const t = decodeText(text, textLen);
  let at = U32[ob + 5];
  const today = t.slice(0, at);
  const form = t.slice(at, (at += U32[ob + 6]));
  const findings = [];
  readFindings(ob, 8, U32[ob + 4], t, at, findings);
  return {
    form,
    mode: U32[ob] & 2 ? 'submit' : 'draft',
    today,
    submittable: (U32[ob] & 1) === 1,
    counts: counts(ob),
    findings,
  };
}

/** A form's Changes from what `lean::write_changes` wrote. */
export function leanChanges(out, text, textLen) {
  views();
  const ob = out >> 2;
  const t = decodeText(text, textLen);
  const added = [], removed = [], touched = [];
  let at = readFindings(ob, 8, U32[ob + 4], t, 0, added);
  at = readFindings(ob, 8 + 8 * U32[ob + 4], U32[ob + 5], t, at, removed);
  readFindings(ob, 8 + 8 * (U32[ob + 4] + U32[ob + 5]), U32[ob + 6], t, at, touched);
  const fields = {};
  for (const f of added) for (const k of f.fields) fields[k] = undefined;
  for (const f of removed) for (const k of f.fields) fields[k] = undefined;
  for (const k of Object.keys(fields)) fields[k] = touched.filter((f) => f.fields.includes(k));
  return { added, removed, fields, counts: counts(ob), submittable: (U32[ob] & 1) === 1 };
}

let slots, lastKey, lastSlot = -1;

/** The printed position of a field key (header first), or -1. */
export function leanSlot(key) {
  // Keystrokes come field by field: the last key is asked again most of
  // the time, and comparing it costs less than a lookup.
  if (key === lastKey) return lastSlot;
  if (slots === undefined) slots = new Map(keys.map((k, i) => [k, i]));
  const slot = typeof key === 'string' ? slots.get(key) : undefined;
  lastKey = key;
  lastSlot = slot === undefined ? -1 : slot;
  return lastSlot;
}

/**
 * Write `text` as UTF-16 at `ptr` (room for `room` units): its length, or -1
 * when it is not a string or does not fit (the caller then takes it the
 * ordinary way).
 */
export function leanText(text, ptr, room) {
  if (typeof text !== 'string' || text.length > room) return -1;
  views();
  const at = ptr >> 1;
  for (let i = 0; i < text.length; i++) U16[at + i] = text.charCodeAt(i);
  return text.length;
}

/**
 * `form.setField(key, text)` in its common case, a key the form has and a
 * short string: the text written into the keystroke buffer and the wasm
 * called with two numbers, its answer packed in a third (scripts/build-wasm.sh
 * puts this in front of the generated setField, whose externref arguments
 * and answer cost a third of a keystroke). Anything else, and the wasm's
 * NOT_TYPED, give undefined: the generated setField takes it then, with its
 * errors.
 */
export function leanKeystroke(form, key, text) {
  // No room until leanSetup has run (the generated setField runs it).
  if (keystrokeRoom === 0) return undefined;
  const slot = leanSlot(key);
  if (slot < 0) return undefined;
  const len = leanText(text, keystrokePtr, keystrokeRoom);
  if (len < 0) return undefined;
  const packed = form.__setTyped(slot, len);
  return packed === NOT_TYPED ? undefined : leanStatus(packed);
}
const NOT_TYPED = 0xffffffff;

/** A call's answer on a form being typed, from `lean::pack`. */
export function leanStatus(packed) {
  return {
    changed: (packed & 1) === 1,
    counts: { errors: (packed >>> 2) & 1023, warnings: (packed >>> 12) & 1023, unexplainedWarnings: (packed >>> 22) & 1023 },
    submittable: (packed & 2) === 2,
  };
}

/**
 * `JSON.stringify` writes NaN and Infinity as null, throws on a BigInt and
 * leaves out a Symbol or a function; this replacer keeps each visible
 * instead, as text the validator then names in its finding. (In JS, not a
 * Rust closure: one closure brought wasm-bindgen's closure machinery into
 * every page's download.)
 */
function replacer(_key, v) {
  switch (typeof v) {
    case 'number':
      return Number.isFinite(v) ? v : String(v);
    case 'bigint':
      return v.toString(10);
    case 'symbol':
      return `Symbol(${v.description ?? ''})`;
    case 'function':
      return '[function]';
    default:
      return v;
  }
}

/** `JSON.stringify(v)` through that replacer (it throws what it throws). */
export function replacedJson(v) {
  return JSON.stringify(v, replacer);
}

// --- generated from the form table by `lean::js_reader`; do not edit ---
function readValues(v, b, s) {
  let n = 0, x;
  const t = tb + b, d = nb + b;
  s[0] = x = v.self_found;
  if (typeof x === 'number' && Number.isSafeInteger(x)) { n++; U8[t + 0] = INT; F64[d + 0] = x; }
  else { if (x !== undefined) n++; if (!val(b + 0, x)) return -1; }
  s[1] = x = v.self_rectified;
  if (typeof x === 'number' && Number.isSafeInteger(x)) { n++; U8[t + 1] = INT; F64[d + 1] = x; }
  else { if (x !== undefined) n++; if (!val(b + 1, x)) return -1; }
  s[2] = x = v.dept_found;
  if (typeof x === 'number' && Number.isSafeInteger(x)) { n++; U8[t + 2] = INT; F64[d + 2] = x; }
  else { if (x !== undefined) n++; if (!val(b + 2, x)) return -1; }
  s[3] = x = v.dept_rectified;
  if (typeof x === 'number' && Number.isSafeInteger(x)) { n++; U8[t + 3] = INT; F64[d + 3] = x; }
  else { if (x !== undefined) n++; if (!val(b + 3, x)) return -1; }
  s[4] = x = v.listed_found;
  if (typeof x === 'number' && Number.isSafeInteger(x)) { n++; U8[t + 4] = INT; F64[d + 4] = x; }
  else { if (x !== undefined) n++; if (!val(b + 4, x)) return -1; }
  s[5] = x = v.listed_rectified;
  if (typeof x === 'number' && Number.isSafeInteger(x)) { n++; U8[t + 5] = INT; F64[d + 5] = x; }
  else { if (x !== undefined) n++; if (!val(b + 5, x)) return -1; }
  s[6] = x = v.spot_checked;
  if (typeof x === 'number' && Number.isSafeInteger(x)) { n++; U8[t + 6] = INT; F64[d + 6] = x; }
  else { if (x !== undefined) n++; if (!val(b + 6, x)) return -1; }
  s[7] = x = v.principal_not_studied;
  if (typeof x === 'number' && Number.isSafeInteger(x)) { n++; U8[t + 7] = INT; F64[d + 7] = x; }
  else { if (x !== undefined) n++; if (!val(b + 7, x)) return -1; }
  s[8] = x = v.principal_not_led;
  if (typeof x === 'number' && Number.isSafeInteger(x)) { n++; U8[t + 8] = INT; F64[d + 8] = x; }
  else { if (x !== undefined) n++; if (!val(b + 8, x)) return -1; }
  s[9] = x = v.no_deputy_duty_list;
  if (typeof x === 'number' && Number.isSafeInteger(x)) { n++; U8[t + 9] = INT; F64[d + 9] = x; }
  else { if (x !== undefined) n++; if (!val(b + 9, x)) return -1; }
  s[10] = x = v.no_safety_staff;
  if (typeof x === 'number' && Number.isSafeInteger(x)) { n++; U8[t + 10] = INT; F64[d + 10] = x; }
  else { if (x !== undefined) n++; if (!val(b + 10, x)) return -1; }
  s[11] = x = v.uncertified_special_work;
  if (typeof x === 'number' && Number.isSafeInteger(x)) { n++; U8[t + 11] = INT; F64[d + 11] = x; }
  else { if (x !== undefined) n++; if (!val(b + 11, x)) return -1; }
  s[12] = x = v.outsourcing_chaos;
  if (typeof x === 'number' && Number.isSafeInteger(x)) { n++; U8[t + 12] = INT; F64[d + 12] = x; }
  else { if (x !== undefined) n++; if (!val(b + 12, x)) return -1; }
  s[13] = x = v.no_emergency_drill;
  if (typeof x === 'number' && Number.isSafeInteger(x)) { n++; U8[t + 13] = INT; F64[d + 13] = x; }
  else { if (x !== undefined) n++; if (!val(b + 13, x)) return -1; }
  s[14] = x = v.guided_towns;
  if (typeof x === 'number' && Number.isSafeInteger(x)) { n++; U8[t + 14] = INT; F64[d + 14] = x; }
  else { if (x !== undefined) n++; if (!val(b + 14, x)) return -1; }
  s[15] = x = v.guided_key_firms;
  if (typeof x === 'number' && Number.isSafeInteger(x)) { n++; U8[t + 15] = INT; F64[d + 15] = x; }
  else { if (x !== undefined) n++; if (!val(b + 15, x)) return -1; }
  s[16] = x = v.penalty_count;
  if (typeof x === 'number' && Number.isSafeInteger(x)) { n++; U8[t + 16] = INT; F64[d + 16] = x; }
  else { if (x !== undefined) n++; if (!val(b + 16, x)) return -1; }
  s[17] = x = v.penalty_amount;
  if (typeof x === 'number' && Number.isSafeInteger(x)) { n++; U8[t + 17] = INT; F64[d + 17] = x; }
  else { if (x !== undefined) n++; if (!val(b + 17, x)) return -1; }
  s[18] = x = v.dual_penalty;
  if (typeof x === 'number' && Number.isSafeInteger(x)) { n++; U8[t + 18] = INT; F64[d + 18] = x; }
  else { if (x !== undefined) n++; if (!val(b + 18, x)) return -1; }
  s[19] = x = v.judicial_transfer;
  if (typeof x === 'number' && Number.isSafeInteger(x)) { n++; U8[t + 19] = INT; F64[d + 19] = x; }
  else { if (x !== undefined) n++; if (!val(b + 19, x)) return -1; }
  s[20] = x = v.suspension_ordered;
  if (typeof x === 'number' && Number.isSafeInteger(x)) { n++; U8[t + 20] = INT; F64[d + 20] = x; }
  else { if (x !== undefined) n++; if (!val(b + 20, x)) return -1; }
  s[21] = x = v.exposed_firms;
  if (typeof x === 'number' && Number.isSafeInteger(x)) { n++; U8[t + 21] = INT; F64[d + 21] = x; }
  else { if (x !== undefined) n++; if (!val(b + 21, x)) return -1; }
  s[22] = x = v.typical_cases;
  if (typeof x === 'number' && Number.isSafeInteger(x)) { n++; U8[t + 22] = INT; F64[d + 22] = x; }
  else { if (x !== undefined) n++; if (!val(b + 22, x)) return -1; }
  s[23] = x = v.typical_cases_danger_crime;
  if (typeof x === 'number' && Number.isSafeInteger(x)) { n++; U8[t + 23] = INT; F64[d + 23] = x; }
  else { if (x !== undefined) n++; if (!val(b + 23, x)) return -1; }
  s[24] = x = v.accountability;
  if (typeof x === 'number' && Number.isSafeInteger(x)) { n++; U8[t + 24] = INT; F64[d + 24] = x; }
  else { if (x !== undefined) n++; if (!val(b + 24, x)) return -1; }
  s[25] = x = v.dept_interviews;
  if (typeof x === 'number' && Number.isSafeInteger(x)) { n++; U8[t + 25] = INT; F64[d + 25] = x; }
  else { if (x !== undefined) n++; if (!val(b + 25, x)) return -1; }
  s[26] = x = v.study_sessions;
  if (typeof x === 'number' && Number.isSafeInteger(x)) { n++; U8[t + 26] = INT; F64[d + 26] = x; }
  else { if (x !== undefined) n++; if (!val(b + 26, x)) return -1; }
  s[27] = x = v.leader_research;
  if (typeof x === 'number' && Number.isSafeInteger(x)) { n++; U8[t + 27] = INT; F64[d + 27] = x; }
  else { if (x !== undefined) n++; if (!val(b + 27, x)) return -1; }
  s[28] = x = v.onsite_supervision;
  if (typeof x === 'number' && Number.isSafeInteger(x)) { n++; U8[t + 28] = INT; F64[d + 28] = x; }
  else { if (x !== undefined) n++; if (!val(b + 28, x)) return -1; }
  s[29] = x = v.enterprise_briefings;
  if (typeof x === 'number' && Number.isSafeInteger(x)) { n++; U8[t + 29] = INT; F64[d + 29] = x; }
  else { if (x !== undefined) n++; if (!val(b + 29, x)) return -1; }
  s[30] = x = v.report_reward;
  if (typeof x === 'number' && Number.isSafeInteger(x)) { n++; U8[t + 30] = INT; F64[d + 30] = x; }
  else { if (x !== undefined) n++; if (!val(b + 30, x)) return -1; }
  s[31] = x = v.report_reward_anonymous;
  if (typeof x === 'number' && Number.isSafeInteger(x)) { n++; U8[t + 31] = INT; F64[d + 31] = x; }
  else { if (x !== undefined) n++; if (!val(b + 31, x)) return -1; }
  s[32] = x = v.media_column;
  if (typeof x === 'number' && Number.isSafeInteger(x)) { n++; U8[t + 32] = INT; F64[d + 32] = x; }
  else { if (x !== undefined) n++; if (!val(b + 32, x)) return -1; }
  s[33] = x = v.inspectors;
  if (typeof x === 'number' && Number.isSafeInteger(x)) { n++; U8[t + 33] = INT; F64[d + 33] = x; }
  else { if (x !== undefined) n++; if (!val(b + 33, x)) return -1; }
  s[34] = x = v.assessment_inspections;
  if (typeof x === 'number' && Number.isSafeInteger(x)) { n++; U8[t + 34] = INT; F64[d + 34] = x; }
  else { if (x !== undefined) n++; if (!val(b + 34, x)) return -1; }
  return n === keyCount(v) ? n : -1;
}
function sameValues(v, s) {
  let n = 0, x;
  x = v.self_found;
  if (x !== s[0]) return false;
  if (x !== undefined) n++;
  x = v.self_rectified;
  if (x !== s[1]) return false;
  if (x !== undefined) n++;
  x = v.dept_found;
  if (x !== s[2]) return false;
  if (x !== undefined) n++;
  x = v.dept_rectified;
  if (x !== s[3]) return false;
  if (x !== undefined) n++;
  x = v.listed_found;
  if (x !== s[4]) return false;
  if (x !== undefined) n++;
  x = v.listed_rectified;
  if (x !== s[5]) return false;
  if (x !== undefined) n++;
  x = v.spot_checked;
  if (x !== s[6]) return false;
  if (x !== undefined) n++;
  x = v.principal_not_studied;
  if (x !== s[7]) return false;
  if (x !== undefined) n++;
  x = v.principal_not_led;
  if (x !== s[8]) return false;
  if (x !== undefined) n++;
  x = v.no_deputy_duty_list;
  if (x !== s[9]) return false;
  if (x !== undefined) n++;
  x = v.no_safety_staff;
  if (x !== s[10]) return false;
  if (x !== undefined) n++;
  x = v.uncertified_special_work;
  if (x !== s[11]) return false;
  if (x !== undefined) n++;
  x = v.outsourcing_chaos;
  if (x !== s[12]) return false;
  if (x !== undefined) n++;
  x = v.no_emergency_drill;
  if (x !== s[13]) return false;
  if (x !== undefined) n++;
  x = v.guided_towns;
  if (x !== s[14]) return false;
  if (x !== undefined) n++;
  x = v.guided_key_firms;
  if (x !== s[15]) return false;
  if (x !== undefined) n++;
  x = v.penalty_count;
  if (x !== s[16]) return false;
  if (x !== undefined) n++;
  x = v.penalty_amount;
  if (x !== s[17]) return false;
  if (x !== undefined) n++;
  x = v.dual_penalty;
  if (x !== s[18]) return false;
  if (x !== undefined) n++;
  x = v.judicial_transfer;
  if (x !== s[19]) return false;
  if (x !== undefined) n++;
  x = v.suspension_ordered;
  if (x !== s[20]) return false;
  if (x !== undefined) n++;
  x = v.exposed_firms;
  if (x !== s[21]) return false;
  if (x !== undefined) n++;
  x = v.typical_cases;
  if (x !== s[22]) return false;
  if (x !== undefined) n++;
  x = v.typical_cases_danger_crime;
  if (x !== s[23]) return false;
  if (x !== undefined) n++;
  x = v.accountability;
  if (x !== s[24]) return false;
  if (x !== undefined) n++;
  x = v.dept_interviews;
  if (x !== s[25]) return false;
  if (x !== undefined) n++;
  x = v.study_sessions;
  if (x !== s[26]) return false;
  if (x !== undefined) n++;
  x = v.leader_research;
  if (x !== s[27]) return false;
  if (x !== undefined) n++;
  x = v.onsite_supervision;
  if (x !== s[28]) return false;
  if (x !== undefined) n++;
  x = v.enterprise_briefings;
  if (x !== s[29]) return false;
  if (x !== undefined) n++;
  x = v.report_reward;
  if (x !== s[30]) return false;
  if (x !== undefined) n++;
  x = v.report_reward_anonymous;
  if (x !== s[31]) return false;
  if (x !== undefined) n++;
  x = v.media_column;
  if (x !== s[32]) return false;
  if (x !== undefined) n++;
  x = v.inspectors;
  if (x !== s[33]) return false;
  if (x !== undefined) n++;
  x = v.assessment_inspections;
  if (x !== s[34]) return false;
  if (x !== undefined) n++;
  return n === keyCount(v);
}
// --- end of generated code ---
