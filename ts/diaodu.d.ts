// Types of every object that crosses the diaodu JS API. Hand-written, and kept
// in step with the Rust types by tests/it/typescript.rs, which compares every
// interface here with the JSON the Rust code really produces.

/** 强制性 (error: blocks submission) or 核实性 (warning: needs a 说明). */
export type Severity = "error" | "warning";
/** draft: blanks are not findings; submit: everything is required. */
export type Mode = "draft" | "submit";
export type Lang = "zh" | "en";
// keys:begin (generated from src/form.rs; `DIAODU_BLESS=1 cargo test --all-features` rewrites it)
/** The form's value keys, in the printed order. */
export type ValueKey = "self_found" | "self_rectified" | "dept_found" | "dept_rectified" | "listed_found" | "listed_rectified" | "spot_checked" | "principal_not_studied" | "principal_not_led" | "no_deputy_duty_list" | "no_safety_staff" | "uncertified_special_work" | "outsourcing_chaos" | "no_emergency_drill" | "guided_towns" | "guided_key_firms" | "penalty_count" | "penalty_amount" | "dual_penalty" | "judicial_transfer" | "suspension_ordered" | "exposed_firms" | "typical_cases" | "typical_cases_danger_crime" | "accountability" | "dept_interviews" | "study_sessions" | "leader_research" | "onsite_supervision" | "enterprise_briefings" | "report_reward" | "report_reward_anonymous" | "media_column" | "inspectors" | "assessment_inspections";
/** The header's keys. */
export type HeaderKey = "unit" | "period" | "date";
/** Every key a field of the form has: what `setField` takes. */
export type FieldKey = HeaderKey | ValueKey;
/** Every message template's key: what `messages` may replace. */
export type MessageKey = "F101" | "F101.plain" | "F102" | "F102.none" | "F103" | "F104" | "F105" | "F106" | "F106.inexact" | "F107" | "F108" | "F109" | "F110" | "F110.suggestion" | "F110.more" | "F111" | "F111.yesNo" | "F112" | "H201" | "H202" | "H203" | "H204" | "H205" | "H206" | "H251" | "H252" | "H253" | "C301" | "C302" | "C351" | "C352" | "C353" | "C354" | "M401" | "M402" | "M403" | "M451" | "M452" | "M453" | "M454" | "S551" | "S552" | "S553" | "S554";
// keys:end
/**
 * A value as typed: a number, the text, a boolean (是/否), or blank.
 *
 * Objects are read through their JSON.stringify text: NaN, Infinity and BigInt
 * values arrive as their text (so NaN is reported, not taken for a blank),
 * undefined members are blank. A JS number beyond 2^53 is already rounded;
 * pass such a value as text, or use validateJson, which reads every digit.
 */
export type RawValue = number | string | boolean | null;

/** A monthly report. Missing members read as blank. */
export interface Report {
  form?: string;
  unit?: RawValue;
  /** YYYY-MM: the month whose cumulative figures are reported. */
  period?: RawValue;
  /** YYYY-MM-DD: 时间, the filing date written on the form. */
  date?: RawValue;
  values?: Record<string, RawValue>;
  /** 说明 by finding id. */
  explanations?: Record<string, string>;
}

/** A report as the validator normalised it (readable values canonical). */
export interface NormalizedReport {
  form: string;
  unit: RawValue;
  period: RawValue;
  date: RawValue;
  values: Record<string, RawValue>;
  explanations?: Record<string, string>;
}

/**
 * Options, read by the same parser as the CLI's and the server's. A member
 * set to null is the default (for `setOptions`: left as it is); an unknown
 * member throws.
 */
export interface ValidateOptions {
  /** The same unit's report for an earlier month. */
  prior?: Report | null;
  /** Default "draft" in JS. */
  mode?: Mode | null;
  /** YYYY-MM-DD; defaults to today in China (UTC+8). */
  today?: string | null;
  /** "zh" (default) or "en"; a language tag of either also does ("zh-CN", `navigator.language`). */
  lang?: Lang | (string & {}) | null;
  /** The portal's own wording for some messages (see `rules()`'s `messages`); checked when given: an unknown key or placeholder throws. */
  messages?: MessageOverrides | null;
}

export interface Counts {
  errors: number;
  warnings: number;
  unexplainedWarnings: number;
}

export interface Explanation {
  text: string;
  accepted: boolean;
  /** Why it does not count, where it does not. */
  reason?: string;
}

export interface Finding {
  /** CODE:key, what `explanations` refer to. */
  id: string;
  code: string;
  severity: Severity;
  /** Every field involved, in form order (value keys, or unit/period/date/form). */
  fields: string[];
  message: string;
  explained: boolean;
  explanation?: Explanation;
}

/** What `validate` and `ReportForm.result` give. */
export interface CheckResult {
  form: string;
  mode: Mode;
  today: string;
  submittable: boolean;
  counts: Counts;
  findings: Finding[];
}

/**
 * The native result (the CLI's `--format json`, the recheck server, and
 * `validateJson`'s text): a CheckResult with the normalised report.
 */
export interface JsonResult {
  form: string;
  mode: Mode;
  today: string;
  submittable: boolean;
  counts: Counts;
  findings: Finding[];
  normalized: NormalizedReport;
}

/**
 * What one call on a ReportForm answers: whether any finding changed, and
 * the state after it. When `changed` is true, `form.changes()` has the
 * details.
 */
export interface Status {
  changed: boolean;
  counts: Counts;
  submittable: boolean;
}

/** The findings that changed since the last `form.changes()` (or since the form was made). */
export interface Changes {
  added: Finding[];
  removed: Finding[];
  /** Current findings of every field named by `added` or `removed`. */
  fields: Record<string, Finding[]>;
  counts: Counts;
  submittable: boolean;
}

export interface HeaderField {
  key: string;
  label: string;
  /** English: in the browser package, present once `loadLanguage('en')` has resolved. */
  labelEn?: string;
  format: string;
}

export interface Item {
  number: number;
  printed: string;
  keys: string[];
}

export interface Section {
  number: number;
  numeral: string;
  title: string;
  /** English: in the browser package, present once `loadLanguage('en')` has resolved. */
  titleEn?: string;
  items: Item[];
}

export interface Field {
  key: string;
  section: number;
  item: number;
  /** 0 for an item's main value, 1 for its 其中 value. */
  part: number;
  label: string;
  /** English: in the browser package, present once `loadLanguage('en')` has resolved. */
  labelEn?: string;
  unit: string;
  kind: "count" | "money" | "yesNo";
  help?: string;
  /** English, where `help` is given (see `labelEn`). */
  helpEn?: string;
  /** A number for counts, exact decimal text for 万元. */
  max?: number | string;
  cumulative: boolean;
}

export interface NotGreaterConstraint { type: "notGreater"; part: string; whole: string; }
export interface AmountNeedsCountConstraint { type: "amountNeedsCount"; amount: string; count: string; }
export interface NotGreaterThanSumConstraint { type: "notGreaterThanSum"; part: string; wholes: string[]; }
export interface ExpectsRelatedConstraint { type: "expectsRelated"; field: string; related: string; }
export interface AverageAtMostConstraint { type: "averageAtMost"; amount: string; count: string; limit: string; }
export interface AmountAtMostConstraint { type: "amountAtMost"; field: string; limit: string; }
export type Constraint =
  | NotGreaterConstraint
  | AmountNeedsCountConstraint
  | NotGreaterThanSumConstraint
  | ExpectsRelatedConstraint
  | AverageAtMostConstraint
  | AmountAtMostConstraint;

export interface UnitEntry {
  name: string;
  /** English: in the browser package, present once `loadLanguage('en')` has resolved. */
  nameEn?: string;
  kind: "town" | "department" | "office";
  aliases: string[];
}

export interface StaleName {
  old: string;
  current: string;
}

export interface Registry {
  units: UnitEntry[];
  stale: StaleName[];
}

export interface Schema {
  id: string;
  title: string;
  /** English: in the browser package, present once `loadLanguage('en')` has resolved. */
  titleEn?: string;
  issuer: string;
  header: HeaderField[];
  sections: Section[];
  fields: Field[];
  firstPeriod: string;
  lastPeriod: string;
  dueDay: number;
  notes: string[];
  constraints: Constraint[];
  /** Found hazards and the item counting those rectified (1.1 and 1.2, …). */
  rectification: Rectification[];
  units: Registry;
}

/** Found hazards and the item counting those of them rectified. */
export interface Rectification {
  found: string;
  rectified: string;
}

/** A message template: what a portal's `messages` may replace, and the placeholders it may use. */
export interface MessageInfo {
  /** `CODE` or `CODE.variant`. */
  key: MessageKey;
  zh: string;
  /** English: in the browser package, present once `loadLanguage('en')` has resolved. */
  en?: string;
  placeholders: string[];
}

/** A portal's own wording: per language, a message key to a text using that template's placeholders. */
export type MessageOverrides = { [L in Lang]?: { [K in MessageKey]?: string } };

export interface RuleInfo {
  code: string;
  severity: Severity;
  fields: string[];
  descriptionZh: string;
  /** English: in the browser package, present once `loadLanguage('en')` has resolved. */
  descriptionEn?: string;
  /** What the rule checks, why, an example (English; see `descriptionEn`). */
  doc?: string;
  /** The rule's message templates, which `messages` may replace. */
  messages: MessageInfo[];
}

/**
 * Load a language's texts. Chinese is built in; English (labels, messages,
 * rule documentation) is kept out of the download until asked for, and
 * asking for `lang: 'en'` before this has resolved throws an error that says
 * so. By default the file is `diaodu_en.json` beside the package's wasm;
 * `source` names another place (a URL or path), or gives the file itself (a
 * fetch `Response`, or the parsed JSON object). Loading again does nothing.
 */
export function loadLanguage(lang: Lang | string, source?: string | URL | Response | object): Promise<void>;
