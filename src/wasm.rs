//! The WebAssembly surface: a thin binding over the core, with no logic of
//! its own.
//!
//! A plain report object crosses on the lean path ([`crate::lean`] and its
//! JS half, `js/lean.js`): read member by member into flat buffers, its
//! result built as a JS object from what the validator wrote back. Anything
//! else crosses as JSON text (the engine's `JSON.stringify`), read by the
//! same serde_json code as on the server; its result is built by the same JS
//! code, so both paths give the same objects. Invalid input becomes findings
//! or a thrown `Error` with a clear message; a bug (a panic) becomes a thrown
//! `Error` too, never an opaque "unreachable" trap.

#[cfg(feature = "dom")]
#[path = "dom.rs"]
pub mod dom;

use std::cell::{Cell, RefCell};

use wasm_bindgen::prelude::*;

use crate::lean::{self, Layout, Outcome, Wire};
use crate::messages::Overrides;
use crate::options::read_options;
use crate::report::Report;
use crate::rules::Rule;
use crate::session::{Session, Status};
use crate::validate::{Validation, validate_prepared};
use crate::{DEFAULT_FORM, Lang, Options, OptionsError, catalogue, schema};

/// The allocator: talc in place of the standard library's dlmalloc, which
/// was 8.2 KB of the module against talc's 2.0 KB, and no faster in Node
/// (see the README's "Size and speed").
#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[wasm_bindgen(module = "/js/lean.js")]
extern "C" {
    #[wasm_bindgen(js_name = leanSetup)]
    #[allow(clippy::too_many_arguments)]
    fn lean_setup(
        memory: JsValue,
        keys: &str,
        codes: &str,
        severities: &str,
        report: usize,
        prior: usize,
        options: usize,
        explanations: usize,
        keystroke: usize,
        keystroke_units: usize,
        info: usize,
    );
    #[wasm_bindgen(catch, js_name = leanRead)]
    #[allow(clippy::too_many_arguments)]
    fn lean_read(
        report: &JsValue,
        options: &JsValue,
        tags: *const u8,
        nums: *const f64,
        spans: *const u32,
        text: *const u16,
        slots: usize,
        text_cap: usize,
        fresh: bool,
    ) -> Result<i32, JsValue>;
    #[wasm_bindgen(js_name = leanNeeded)]
    fn lean_needed() -> Vec<u32>;
    #[wasm_bindgen(js_name = leanResult)]
    fn lean_result(out: *const u32, text: *const u16, text_len: usize) -> JsValue;
    #[wasm_bindgen(js_name = leanStatus)]
    fn lean_status(packed: u32) -> JsValue;
    #[wasm_bindgen(js_name = leanChanges)]
    fn lean_changes(out: *const u32, text: *const u16, text_len: usize) -> JsValue;
    #[wasm_bindgen(js_name = leanSlot)]
    fn lean_slot(key: &JsValue) -> i32;
    #[wasm_bindgen(js_name = leanText)]
    fn lean_text(text: &JsValue, ptr: *const u16, room: usize) -> i32;
    #[wasm_bindgen(catch, js_name = replacedJson)]
    fn replaced_json_js(v: &JsValue) -> Result<JsValue, JsValue>;
}

/// A JS string as Rust text: copied by the lean path's JS into the wire's
/// text buffer where it fits (no allocation on either side for a
/// keystroke's few characters), else the ordinary way. `None` for a value
/// that is not a string.
fn js_text(v: &JsValue) -> Option<String> {
    let short = WIRE.with(|wire| {
        let w = wire.try_borrow().ok()?;
        let len = usize::try_from(lean_text(v, w.text.as_ptr(), w.text.len())).ok()?;
        String::from_utf16(w.text.get(..len)?).ok()
    });
    short.or_else(|| v.as_string())
}

thread_local! {
    /// The last keystroke's text, reused from keystroke to keystroke.
    static TYPED: RefCell<String> = const { RefCell::new(String::new()) };
    /// The lean path's buffers, reused from call to call.
    static WIRE: RefCell<Wire> = RefCell::new({
        let mut w = Wire::default();
        w.reserve(Layout::of(DEFAULT_FORM).explanations + 16, 4096);
        w
    });
}

/// The longest keystroke text `setField` takes without externrefs.
const KEYSTROKE_UNITS: usize = 256;

thread_local! {
    /// A keystroke's text, written by `leanKeystroke` (js/lean.js) as UTF-16
    /// and read by [`ReportForm::set_typed`]. Fixed, so that the address JS
    /// is given once stays good; cells, because JS writes under it.
    static KEYSTROKE: [Cell<u16>; KEYSTROKE_UNITS] =
        const { [const { Cell::new(0) }; KEYSTROKE_UNITS] };
}

thread_local! {
    static LEAN_READY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Where the lean path's buffers are, for `leanValidate` (js/lean.js) to
/// read before it calls [`validate_read`]: the input's tags, numbers, spans
/// and text, the number of slots and of text units, then the output and
/// its text with the text's length. Fixed, so that the address JS is given
/// once stays good; cells, because JS reads under it.
const INFO_WORDS: usize = 9;

thread_local! {
    static LEAN_INFO: [Cell<u32>; INFO_WORDS] = const { [const { Cell::new(0) }; INFO_WORDS] };
}

/// Note where `w`'s buffers are now, in [`LEAN_INFO`].
fn publish(w: &Wire) {
    // Addresses and sizes in a 32-bit memory.
    let word = |n: usize| u32::try_from(n).unwrap_or(0);
    let words = [
        word(w.tags.as_ptr().addr()),
        word(w.nums.as_ptr().addr()),
        word(w.spans.as_ptr().addr()),
        word(w.text.as_ptr().addr()),
        word(w.tags.len()),
        word(w.text.len()),
        word(w.out.as_ptr().addr()),
        word(w.out_text.as_ptr().addr()),
        word(w.out_text.len()),
    ];
    LEAN_INFO.with(|info| {
        for (cell, v) in info.iter().zip(words) {
            cell.set(v);
        }
    });
}

/// Hand the lean path's JS its tables and the module's memory, once. Done
/// on first use rather than only at start: a harness that instantiates the
/// module without running its start function still gets a working package.
fn ensure_lean() {
    if LEAN_READY.with(|r| r.replace(true)) {
        return;
    }
    let layout = Layout::of(DEFAULT_FORM);
    let codes: Vec<&str> = Rule::ALL.iter().map(|r| r.code()).collect();
    let severities: Vec<&str> = Rule::ALL
        .iter()
        .map(|r| match r.severity() {
            crate::Severity::Error => "error",
            crate::Severity::Warning => "warning",
        })
        .collect();
    lean_setup(
        wasm_bindgen::memory(),
        &lean::keys(DEFAULT_FORM),
        &codes.join(","),
        &severities.join(","),
        layout.report,
        layout.prior,
        layout.options,
        layout.explanations,
        KEYSTROKE.with(|k| k.as_ptr() as usize),
        KEYSTROKE_UNITS,
        LEAN_INFO.with(|i| i.as_ptr().addr()),
    );
    WIRE.with(|wire| {
        if let Ok(w) = wire.try_borrow() {
            publish(&w);
        }
    });
}

/// Validate a plain report object on the lean path; `None` where it needs
/// the JSON path (or the buffers are in use: a getter of the report that
/// validates another report).
fn lean_validate(report: &JsValue, options: &JsValue) -> Option<JsValue> {
    ensure_lean();
    WIRE.with(|wire| {
        let mut w = wire.try_borrow_mut().ok()?;
        let mut fresh = false;
        loop {
            let read = lean_read(
                report,
                options,
                w.tags.as_ptr(),
                w.nums.as_ptr(),
                w.spans.as_ptr(),
                w.text.as_ptr(),
                w.tags.len(),
                w.text.len(),
                fresh,
            )
            .ok()?;
            match read {
                -2 => {
                    let need = lean_needed();
                    let size = |i: usize| need.get(i).and_then(|n| usize::try_from(*n).ok());
                    let (slots, text) = (size(0)?, size(1)?);
                    if slots <= w.tags.len() && text <= w.text.len() {
                        return None;
                    }
                    w.reserve(slots, text);
                }
                n if n >= 0 => {
                    let pairs = usize::try_from(n).ok()?;
                    publish(&w);
                    match w.validate(pairs) {
                        Outcome::Done => return Some(result_object(&w)),
                        Outcome::Fallback => return None,
                        // The JS took the prior month for one this side
                        // no longer keeps: it writes it out this time.
                        Outcome::Retry if !fresh => fresh = true,
                        Outcome::Retry => return None,
                    }
                }
                _ => return None,
            }
        }
    })
}

fn result_object(w: &Wire) -> JsValue {
    lean_result(w.out.as_ptr(), w.out_text.as_ptr(), w.out_text.len())
}

/// Run `f` on the lean path's buffers. They are free unless a report's
/// getter is validating another report; then `f` gets buffers of its own.
fn with_wire<R>(f: impl FnOnce(&mut Wire) -> R) -> R {
    WIRE.with(|wire| match wire.try_borrow_mut() {
        Ok(mut w) => f(&mut w),
        Err(_) => f(&mut Wire::default()),
    })
}

/// A validation's result as the same JS object the lean path builds.
fn emit(v: &Validation, options: Options, overrides: Option<&Overrides>) -> JsValue {
    ensure_lean();
    let counts = v.counts();
    let today = v.today.to_string();
    with_wire(|w| {
        lean::write_result(
            &mut w.out,
            &mut w.out_text,
            v.form,
            options,
            &today,
            [counts.errors, counts.warnings, counts.unexplained_warnings],
            v.submittable(),
            &v.findings.iter().collect::<Vec<_>>(),
            overrides,
        );
        result_object(w)
    })
}

fn status(s: Status) -> JsValue {
    lean_status(lean::pack(s))
}

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = include_str!("../ts/diaodu.d.ts");

#[wasm_bindgen]
extern "C" {
    /// `ValidateOptions` in TypeScript; an imported type, so an optional
    /// parameter of it is declared `options?: ValidateOptions | null`.
    #[wasm_bindgen(typescript_type = "ValidateOptions")]
    pub type JsOptionsArg;
    #[wasm_bindgen(typescript_type = "Report")]
    pub type JsReportArg;
}

/// Runs once when the module is instantiated.
#[wasm_bindgen(start)]
fn start() {
    // The lean path's JS is set up on first use (`ensure_lean`), not here:
    // a page instantiates the module as it loads, and that is when time
    // counts most.
    std::panic::set_hook(Box::new(|info| {
        // Log with the stack, as console_error_panic_hook does, then throw a
        // real Error so callers see a message, not "unreachable".
        console_error_panic_hook::hook(info);
        wasm_bindgen::throw_str(&format!(
            "diaodu 内部错误（程序缺陷），请报告 / internal error (a bug): {info}"
        ));
    }));
}

#[wasm_bindgen]
extern "C" {
    // The catching forms of the few JS calls that can throw on a hostile
    // value (a revoked Proxy, a Proxy whose traps throw). A JS exception that
    // crossed a Rust frame would leave the form object borrowed, and every
    // later call would fail; caught, it becomes our own Error.
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(v: &JsValue) -> Result<bool, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(v: &JsValue) -> Result<js_sys::Array, JsValue>;
}

fn error(lang: Lang, zh: String, en: String) -> JsError {
    JsError::new(&match lang {
        Lang::Zh => zh,
        Lang::En => en,
    })
}

/// Options `{ mode, today, lang }` over `base`, and the prior month where
/// the options may hold one (`prior: null` clears it: `Some(None)`).
struct Resolved {
    options: Options,
    prior: Option<Option<Report>>,
    /// The portal's wording (`messages`), where given (`null`: ours).
    messages: Option<Option<Overrides>>,
}

/// Read JS options with the options module's one parser; `prior` is the
/// only member the JS surface adds.
fn resolve(options: Option<&JsValue>, base: Options) -> Result<Resolved, JsError> {
    let Some(options) = options.filter(|o| !o.is_undefined() && !o.is_null()) else {
        return Ok(Resolved {
            options: base,
            prior: None,
            messages: None,
        });
    };
    let text = js_json(options).map_err(|e| {
        let e = OptionsError::NotObject { detail: e };
        error(base.lang, e.render(Lang::Zh), e.render(Lang::En))
    })?;
    let read = read_options(&text, &["prior", "messages"], base).map_err(|e| {
        let lang = crate::options::lang_hint(&text);
        JsError::new(&e.render(lang))
    })?;
    let lang = read.options.lang;
    let prior = match read.extras.get("prior") {
        None => None,
        Some(raw) if raw == "null" => Some(None),
        Some(raw) => Some(Some(Report::from_json(raw).map_err(|e| {
            error(
                lang,
                format!("{}格式不对：{}", PRIOR.0, e.detail),
                format!("{} is malformed: {}", PRIOR.1, e.detail),
            )
        })?)),
    };
    let messages = match read.extras.get("messages") {
        None => None,
        Some(raw) if raw == "null" => Some(None),
        Some(raw) => Some(Some(
            Overrides::from_json(raw).map_err(|e| JsError::new(&e.render(lang)))?,
        )),
    };
    Ok(Resolved {
        options: read.options,
        prior,
        messages,
    })
}

/// The JSON text of a JS value, as `JSON.stringify` writes it where that
/// loses nothing, else through the replacer of `replacedJson` (`js/lean.js`),
/// which keeps NaN, Infinity, a BigInt, a Symbol or a function visible as
/// text the validator then names in its finding. Never throws: what the engine
/// threw (a cycle, a throwing getter or `toJSON`, a revoked Proxy) is the
/// error's text.
fn js_json(v: &JsValue) -> Result<String, String> {
    // The replacer is called for every member, which costs more than the
    // rest of reading; it is only needed where a plain stringify
    // threw (a BigInt) or wrote a null (which NaN and Infinity become; a
    // "null" inside some text only costs the slower path).
    let text = js_sys::JSON::stringify(v)
        .ok()
        .and_then(|t| t.as_string())
        .filter(|t| !t.contains("null"));
    match text {
        Some(text) => Ok(text),
        None => replaced_json(v),
    }
}

fn replaced_json(v: &JsValue) -> Result<String, String> {
    let text = replaced_json_js(v).map_err(|e| {
        // A cycle, or a toJSON that threw (an Error or anything else).
        e.dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| e.as_string())
            .unwrap_or_else(|| "JSON.stringify failed".to_string())
    })?;
    // `undefined`, a bare function or Symbol at the top: no JSON at all.
    Ok(text.as_string().unwrap_or_default())
}

/// Whether reading `v` as plain JSON left out a member that held a Symbol or
/// a function (`JSON.stringify` drops those silently): a value the portal
/// set must not read as blank. Costs a few calls only where a member is
/// missing from what was read.
fn dropped_members(v: &JsValue, report: &Report) -> bool {
    let get = |o: &JsValue, k: &str| js_sys::Reflect::get(o, &JsValue::from_str(k)).ok();
    let hidden = |x: &JsValue| x.is_symbol() || x.is_function();
    let header = [
        ("unit", &report.unit),
        ("period", &report.period),
        ("date", &report.date),
    ];
    if header
        .iter()
        .any(|(k, raw)| raw.is_blank() && get(v, k).is_some_and(|x| hidden(&x)))
    {
        return true;
    }
    get(v, "values")
        .filter(|values| values.is_object())
        .and_then(|values| object_keys(&values).ok())
        .is_some_and(|keys| keys.length() as usize != report.values.len())
}

fn parse_js_json(text: &str) -> Result<Report, String> {
    crate::json::report(text).map_err(|e| crate::report::detail(&e))
}

/// Which report a message is about, in each language.
const REPORT: (&str, &str) = ("报表", "the report");
const PRIOR: (&str, &str) = ("上月报表", "the prior report");

fn report_from(v: &JsValue, lang: Lang, (zh, en): (&str, &str)) -> Result<Report, JsError> {
    // A revoked Proxy makes `isArray` throw: it is no array, and reading it
    // below says what the engine said of it.
    if !v.is_object() || is_array(v) == Ok(true) {
        return Err(error(
            lang,
            format!("{zh}应为对象（报表 JSON）。"),
            format!("{en} must be an object."),
        ));
    }
    let malformed = |e: String| {
        error(
            lang,
            format!("{zh}格式不对：{e}"),
            format!("{en} is malformed: {e}"),
        )
    };
    let report = js_json(v)
        .and_then(|t| parse_js_json(&t))
        .map_err(malformed)?;
    if dropped_members(v, &report) {
        return replaced_json(v)
            .and_then(|t| parse_js_json(&t))
            .map_err(malformed);
    }
    Ok(report)
}

fn optional_report(v: &JsValue, lang: Lang, who: (&str, &str)) -> Result<Option<Report>, JsError> {
    if v.is_undefined() || v.is_null() {
        Ok(None)
    } else {
        report_from(v, lang, who).map(Some)
    }
}

/// Results cross into JS as JSON text that the engine's own `JSON.parse`
/// turns into plain objects. That makes the JS object exactly the native
/// JSON by construction (no ES Maps, same numbers, same member order), keeps
/// one serializer in the binary instead of two, and is faster than building
/// the objects member by member across the boundary.
fn to_js<T: crate::json::ToJson>(value: &T) -> Result<JsValue, JsError> {
    js_sys::JSON::parse(&value.to_json_text())
        .map_err(|_| JsError::new("diaodu: the engine refused the result JSON"))
}

/// Validate a report. `options`: `{ prior, mode, today, lang }`, all optional.
#[wasm_bindgen(unchecked_return_type = "CheckResult")]
pub fn validate(
    #[wasm_bindgen(unchecked_param_type = "Report")] report: JsValue,
    options: Option<JsOptionsArg>,
) -> Result<JsValue, JsError> {
    let options = options.map_or(JsValue::UNDEFINED, JsValue::from);
    if let Some(result) = lean_validate(&report, &options) {
        return Ok(result);
    }
    validate_json_path(&report, &options)
}

/// [`validate`]'s common case, from `leanValidate` (js/lean.js): the report
/// already read into the lean path's buffers, with `pairs` 说明, and the
/// result left in them (where [`LEAN_INFO`] says). 0 when it is there; 1
/// when the call must be made the ordinary way (the report needs the JSON
/// path, the kept prior month or header are not the ones the JS has, or
/// the buffers are in use). scripts/build-wasm.sh puts this in front of the
/// generated `validate`, whose externref arguments and answer cost a tenth
/// of a validation.
#[doc(hidden)]
#[wasm_bindgen(js_name = __validateRead, skip_typescript)]
pub fn validate_read(pairs: u32) -> u32 {
    WIRE.with(|wire| {
        let Ok(mut w) = wire.try_borrow_mut() else {
            return 1;
        };
        let Ok(pairs) = usize::try_from(pairs) else {
            return 1;
        };
        let done = w.validate(pairs) == Outcome::Done;
        publish(&w);
        u32::from(!done)
    })
}

/// The JSON path of [`validate`], for what the lean path does not read.
fn validate_json_path(report: &JsValue, options: &JsValue) -> Result<JsValue, JsError> {
    let r = resolve(Some(options), Options::TYPING)?;
    let report = report_from(report, r.options.lang, REPORT)?;
    let prior = r
        .prior
        .flatten()
        .map(|p| crate::engine::PreparedPrior::new(crate::validate::form_of(&report).0, &p));
    let v = validate_prepared(&report, prior.as_ref(), &r.options, false);
    Ok(emit(&v, r.options, r.messages.flatten().as_ref()))
}

/// [`validate`] on the JSON path whatever the report, so that tests can
/// compare the two paths.
#[doc(hidden)]
#[wasm_bindgen(js_name = __validateJsonPathForTests, unchecked_return_type = "CheckResult")]
pub fn validate_json_path_for_tests(
    #[wasm_bindgen(unchecked_param_type = "Report")] report: JsValue,
    options: Option<JsOptionsArg>,
) -> Result<JsValue, JsError> {
    validate_json_path(&report, &options.map_or(JsValue::UNDEFINED, JsValue::from))
}

/// The report with every readable value in canonical form, as the native
/// result's `normalized` (for export and submission).
#[wasm_bindgen(unchecked_return_type = "NormalizedReport")]
pub fn normalize(
    #[wasm_bindgen(unchecked_param_type = "Report")] report: JsValue,
) -> Result<JsValue, JsError> {
    let report = report_from(&report, Lang::Zh, REPORT)?;
    let (form, _) = crate::validate::form_of(&report);
    to_js(&crate::validate::normalized(form, &report))
}

/// Validate a report given as JSON text; returns the result as JSON text,
/// byte for byte what the native library and CLI produce.
#[wasm_bindgen(js_name = validateJson)]
pub fn validate_json(report_json: &str, options: Option<JsOptionsArg>) -> Result<String, JsError> {
    let r = resolve(options.map(JsValue::from).as_ref(), Options::TYPING)?;
    let report =
        Report::from_json(report_json).map_err(|e| JsError::new(&e.render(r.options.lang)))?;
    let prior = r.prior.flatten();
    let messages = r.messages.flatten();
    Ok(
        crate::validate::validate(&report, prior.as_ref(), &r.options)
            .into_result_with(r.options.lang, messages.as_ref())
            .to_json(),
    )
}

/// The form's schema: sections, items, fields, labels, units, help texts,
/// constraints and the unit registry.
#[wasm_bindgen(js_name = schema, unchecked_return_type = "Schema")]
pub fn schema_js() -> Result<JsValue, JsError> {
    to_js(&schema())
}

/// The rule catalogue.
#[wasm_bindgen(unchecked_return_type = "RuleInfo[]")]
pub fn rules() -> Result<JsValue, JsError> {
    to_js(&catalogue(DEFAULT_FORM))
}

/// The step of `loadLanguage(lang, source)` that Rust takes (the rest is
/// the glue's, `js/load-language.js`). Called with
/// the language alone, it says whether the file must be fetched; then with
/// the file's text, or with why it could not be had, which it turns into
/// the error. Every word `loadLanguage` says comes from here.
#[doc(hidden)]
#[wasm_bindgen(js_name = __loadLanguage)]
pub fn load_language(
    lang: &str,
    text: Option<String>,
    failed: Option<String>,
) -> Result<bool, JsError> {
    use crate::english::{self, LoadError};
    // Speak the language asked for: its errors are written in place, and
    // need no file.
    let speak = crate::options::language_tag(lang).unwrap_or_default();
    let error = |e: LoadError| JsError::new(&e.render(speak));
    if let Some(detail) = failed {
        return Err(error(LoadError::Unreadable { detail }));
    }
    match text {
        None => english::needs_file(lang).map_err(error),
        Some(text) => english::load(&text).map(|()| false).map_err(error),
    }
}

/// The package version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Used by the test suite to prove that a panic reaches JS as an `Error`.
#[doc(hidden)]
#[wasm_bindgen(js_name = __panicForTests)]
pub fn panic_for_tests() {
    panic!("deliberate panic for the test suite");
}

/// A report being typed. Each call takes one change and answers with a small
/// `Status`: whether any finding changed, the counts, and whether the report
/// can be submitted. The changed findings are fetched with `changes()`.
#[wasm_bindgen]
pub struct ReportForm {
    session: Session,
}

#[wasm_bindgen]
impl ReportForm {
    /// Start from a report (or nothing) and options `{ prior, mode, today, lang }`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        report: Option<JsReportArg>,
        options: Option<JsOptionsArg>,
    ) -> Result<ReportForm, JsError> {
        let r = resolve(options.map(JsValue::from).as_ref(), Options::TYPING)?;
        let report = report.map_or(JsValue::NULL, JsValue::from);
        let report = optional_report(&report, r.options.lang, REPORT)?.unwrap_or_default();
        let mut session = Session::new(report, r.prior.flatten(), r.options);
        if let Some(Some(m)) = r.messages {
            session.set_messages(Some(m));
            // The form starts with these words: nothing has changed yet.
            let _ = session.changed_findings();
        }
        Ok(ReportForm { session })
    }

    /// Set one field's text as typed: a value key, or `unit`, `period`, `date`.
    #[wasm_bindgen(js_name = setField, unchecked_return_type = "Status")]
    pub fn set_field(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "FieldKey")] key: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<JsValue, JsError> {
        // The common case (a key the form has, a short string) never gets
        // here: `leanKeystroke` (js/lean.js) takes it to `set_typed`.
        ensure_lean();
        let lang = self.session.lang();
        let Some(text) = js_text(&text) else {
            return Err(error(
                lang,
                "setField 的内容应为文本（字符串）。".into(),
                "setField takes the text as a string.".into(),
            ));
        };
        // A key the form has is found by the JS side without crossing as
        // text; anything else is named in the error the session gives.
        let s = match usize::try_from(lean_slot(&key)) {
            Ok(slot) => self.session.set_slot(slot, &text),
            Err(_) => {
                let Some(key) = key.as_string() else {
                    return Err(error(
                        lang,
                        "setField 的字段名应为文本（字符串）。".into(),
                        "setField takes the key as a string.".into(),
                    ));
                };
                self.session
                    .set_field(&key, &text)
                    .map_err(|e| JsError::new(&e.render(lang)))?
            }
        };
        Ok(status(s))
    }

    /// `setField`'s common case, from `leanKeystroke` (js/lean.js): the
    /// text already in the keystroke buffer, `len` units long, for the field
    /// at `slot`. The answer is the packed status (`lean::pack`), or
    /// `lean::NOT_TYPED` when the text is not well-formed UTF-16 (a lone
    /// surrogate), which the generated `setField` then takes.
    #[doc(hidden)]
    #[wasm_bindgen(js_name = __setTyped)]
    pub fn set_typed(&mut self, slot: u32, len: u32) -> u32 {
        ensure_lean();
        let len = usize::try_from(len).unwrap_or(usize::MAX);
        let taken = TYPED.with(|typed| {
            let mut typed = typed.try_borrow_mut().ok()?;
            typed.clear();
            KEYSTROKE.with(|k| {
                let units = k.get(..len)?.iter().map(Cell::get);
                char::decode_utf16(units).try_for_each(|c| c.ok().map(|c| typed.push(c)))
            })?;
            let slot = usize::try_from(slot).ok()?;
            Some(self.session.set_slot(slot, &typed))
        });
        taken.map_or(lean::NOT_TYPED, lean::pack)
    }

    /// Set the explanation (说明) of a finding by its id; "" removes it.
    #[wasm_bindgen(js_name = setExplanation, unchecked_return_type = "Status")]
    pub fn set_explanation(&mut self, id: &str, text: &str) -> JsValue {
        status(self.session.set_explanation(id, text))
    }

    /// Set or clear (null) the prior month's report.
    #[wasm_bindgen(js_name = setPrior, unchecked_return_type = "Status")]
    pub fn set_prior(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Report | null")] prior: JsValue,
    ) -> Result<JsValue, JsError> {
        let prior = optional_report(&prior, self.session.lang(), PRIOR)?;
        Ok(status(self.session.set_prior(prior)))
    }

    /// Replace the whole report (a restored draft, an imported file).
    #[wasm_bindgen(js_name = setReport, unchecked_return_type = "Status")]
    pub fn set_report(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Report")] report: JsValue,
    ) -> Result<JsValue, JsError> {
        let report = report_from(&report, self.session.lang(), REPORT)?;
        Ok(status(self.session.set_report(report)))
    }

    /// Change mode, today or language (`{ mode, today, lang }`; `prior` too).
    #[wasm_bindgen(js_name = setOptions, unchecked_return_type = "Status")]
    pub fn set_options(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ValidateOptions")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        // Everything is read before anything changes, so a refused call
        // leaves the form exactly as it was.
        let r = resolve(Some(&options), self.session.options())?;
        let mut s = self.session.set_options(r.options);
        if let Some(prior) = r.prior {
            let changed = s.changed;
            s = self.session.set_prior(prior);
            s.changed |= changed;
        }
        if let Some(messages) = r.messages {
            let changed = s.changed;
            s = self.session.set_messages(messages);
            s.changed |= changed;
        }
        Ok(status(s))
    }

    /// The state now: counts and whether the report can be submitted.
    #[wasm_bindgen(unchecked_return_type = "Status")]
    pub fn status(&self) -> JsValue {
        status(self.session.status())
    }

    /// The findings that appeared and went away since the last call of
    /// `changes()` (or since the form was made), and the current findings of
    /// every field they name.
    #[wasm_bindgen(unchecked_return_type = "Changes")]
    pub fn changes(&mut self) -> JsValue {
        ensure_lean();
        let changed = self.session.changed_findings();
        let status = self.session.status();
        let (form, lang) = (
            crate::validate::form_of(self.session.report()).0,
            self.session.lang(),
        );
        with_wire(|w| {
            lean::write_changes(
                &mut w.out,
                &mut w.out_text,
                form,
                lang,
                status,
                &changed,
                self.session.messages(),
            );
            lean_changes(w.out.as_ptr(), w.out_text.as_ptr(), w.out_text.len())
        })
    }

    /// The current findings, in form order.
    #[wasm_bindgen(unchecked_return_type = "Finding[]")]
    pub fn findings(&self) -> Result<JsValue, JsError> {
        let result = self.result();
        js_sys::Reflect::get(&result, &JsValue::from_str("findings"))
            .map_err(|_| JsError::new("diaodu: the result has no findings"))
    }

    /// The result of the current state, as `validate` gives it.
    #[wasm_bindgen(unchecked_return_type = "CheckResult")]
    pub fn result(&self) -> JsValue {
        let s = &self.session;
        let v = Validation {
            form: crate::validate::form_of(s.report()).0,
            mode: s.options().mode,
            today: s.today(),
            findings: s.checked(),
            normalized: Report::default(),
        };
        emit(&v, s.options(), s.messages())
    }

    /// Every key `setField` takes, in the printed order: the header's,
    /// then the values'.
    #[wasm_bindgen(unchecked_return_type = "FieldKey[]")]
    pub fn keys(&self) -> js_sys::Array {
        let form = crate::validate::form_of(self.session.report()).0;
        form.header
            .iter()
            .map(|h| h.key)
            .chain(form.fields.iter().map(|f| f.key))
            .map(JsValue::from_str)
            .collect()
    }

    /// The report exactly as typed (for saving a draft).
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn report(&self) -> Result<JsValue, JsError> {
        to_js(self.session.report())
    }

    /// The normalised report (for export and submission).
    #[wasm_bindgen(unchecked_return_type = "NormalizedReport")]
    pub fn normalized(&self) -> Result<JsValue, JsError> {
        to_js(&self.session.result().normalized)
    }

    /// The normalised report as JSON text, as the native CLI would read it.
    #[wasm_bindgen(js_name = normalizedJson)]
    pub fn normalized_json(&self) -> String {
        self.session.result().normalized.to_json()
    }

    /// The prior month's report, or null.
    #[wasm_bindgen(unchecked_return_type = "Report | null")]
    pub fn prior(&self) -> Result<JsValue, JsError> {
        to_js(&self.session.prior())
    }
}

impl ReportForm {
    /// [`ReportForm::changes`] written by the JSON writer and read by
    /// `JSON.parse`, for the wasm suite (`tests/wasm.rs`) to compare the two
    /// on forms driven alike. Not exported to JS: as an export it kept the
    /// JSON path of `changes` in the browser package (2.9 KB gzipped).
    #[doc(hidden)]
    pub fn changes_json_path_for_tests(&mut self) -> Result<JsValue, JsError> {
        to_js(&self.session.changes())
    }
}
