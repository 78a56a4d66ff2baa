//! The WebAssembly surface: a thin binding over the core, with no logic of
//! its own. Inputs cross as JSON text (the engine's `JSON.stringify`) and are
//! read by the same serde_json code as on the server; results go out as plain
//! JSON-compatible objects (no ES Maps), camelCase, identical in content to
//! the native result. Invalid input becomes findings or a thrown `Error` with
//! a clear message; a bug (a panic) becomes a thrown `Error` too, never an
//! opaque "unreachable" trap.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::options::read_options;
use crate::report::{Object, Report};
use crate::session::Session;
use crate::{DEFAULT_FORM, Lang, Options, OptionsError, catalogue, check, schema};

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
}

/// Read JS options with the options module's one parser; `prior` is the
/// only member the JS surface adds.
fn resolve(options: Option<&JsValue>, base: Options) -> Result<Resolved, JsError> {
    let Some(options) = options.filter(|o| !o.is_undefined() && !o.is_null()) else {
        return Ok(Resolved {
            options: base,
            prior: None,
        });
    };
    let text = js_json(options).map_err(|e| {
        let e = OptionsError::NotObject { detail: e };
        error(base.lang, e.render(Lang::Zh), e.render(Lang::En))
    })?;
    let read = read_options(&text, &["prior"], base).map_err(|e| {
        let lang = crate::options::lang_hint(&text);
        JsError::new(&e.render(lang))
    })?;
    let lang = read.options.lang;
    let prior = match read.extras.get("prior") {
        None => None,
        Some(raw) if raw.get() == "null" => Some(None),
        Some(raw) => Some(Some(Report::from_json(raw.get()).map_err(|e| {
            error(
                lang,
                format!("{}格式不对：{}", PRIOR.0, e.detail),
                format!("{} is malformed: {}", PRIOR.1, e.detail),
            )
        })?)),
    };
    Ok(Resolved {
        options: read.options,
        prior,
    })
}

thread_local! {
    /// `JSON.stringify` writes NaN and Infinity as null, throws on BigInt and
    /// leaves out a Symbol or a function; this replacer keeps what was passed
    /// visible instead, as text the validator then names in its finding.
    static REPLACER: Closure<dyn Fn(JsValue, JsValue) -> JsValue> =
        Closure::new(|_key: JsValue, v: JsValue| match v.as_f64() {
            Some(n) if !n.is_finite() => {
                let text = js_sys::Number::from(v).to_string_with_radix(10);
                JsValue::from(text.unwrap_or_default())
            }
            _ if v.is_bigint() => {
                let text = js_sys::BigInt::from(v).to_string(10);
                JsValue::from(text.unwrap_or_default())
            }
            _ if v.is_symbol() => {
                let description = js_sys::Symbol::from(v).description().unwrap_or_default();
                JsValue::from(format!("Symbol({description})"))
            }
            _ if v.is_function() => JsValue::from("[function]"),
            _ => v,
        });
}

/// The JSON text of a JS value, as `JSON.stringify` writes it where that
/// loses nothing, else through [`REPLACER`]. Never throws: what the engine
/// threw (a cycle, a throwing getter or `toJSON`, a revoked Proxy) is the
/// error's text.
fn js_json(v: &JsValue) -> Result<String, String> {
    // The replacer calls back into wasm for every member, which costs more
    // than the rest of reading; it is only needed where a plain stringify
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
    let text = REPLACER
        .with(|r| js_sys::JSON::stringify_with_replacer(v, r.as_ref().unchecked_ref()))
        .map_err(|e| {
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

fn parse_js_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_json::from_str(text).map_err(|e| crate::report::json_detail(&e))
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
        .and_then(|t| parse_js_json::<Object<Report>>(&t))
        .map_err(malformed)?
        .0;
    if dropped_members(v, &report) {
        return replaced_json(v)
            .and_then(|t| parse_js_json::<Object<Report>>(&t))
            .map(|o| o.0)
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
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    let text = serde_json::to_string(value)
        .map_err(|e| JsError::new(&format!("diaodu: cannot convert the result: {e}")))?;
    js_sys::JSON::parse(&text)
        .map_err(|_| JsError::new("diaodu: the engine refused the result JSON"))
}

/// Validate a report. `options`: `{ prior, mode, today, lang }`, all optional.
#[wasm_bindgen(unchecked_return_type = "CheckResult")]
pub fn validate(
    #[wasm_bindgen(unchecked_param_type = "Report")] report: JsValue,
    options: Option<JsOptionsArg>,
) -> Result<JsValue, JsError> {
    let r = resolve(options.map(JsValue::from).as_ref(), Options::TYPING)?;
    let report = report_from(&report, r.options.lang, REPORT)?;
    let prior = r.prior.flatten();
    to_js(&check(&report, prior.as_ref(), &r.options))
}

/// Validate a report given as JSON text; returns the result as JSON text,
/// byte for byte what the native library and CLI produce.
#[wasm_bindgen(js_name = validateJson)]
pub fn validate_json(report_json: &str, options: Option<JsOptionsArg>) -> Result<String, JsError> {
    let r = resolve(options.map(JsValue::from).as_ref(), Options::TYPING)?;
    let report =
        Report::from_json(report_json).map_err(|e| JsError::new(&e.render(r.options.lang)))?;
    let prior = r.prior.flatten();
    Ok(check(&report, prior.as_ref(), &r.options).to_json())
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

/// A report being typed. Each call takes one change and returns what it did
/// to the findings (`Changes`), so a keystroke costs one small call.
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
        Ok(ReportForm {
            session: Session::new(report, r.prior.flatten(), r.options),
        })
    }

    /// Set one field's text as typed: a value key, or `unit`, `period`, `date`.
    #[wasm_bindgen(js_name = setField, unchecked_return_type = "Changes")]
    pub fn set_field(&mut self, key: &str, text: &str) -> Result<JsValue, JsError> {
        let lang = self.session.lang();
        let changes = self
            .session
            .set_field(key, text)
            .map_err(|e| JsError::new(&e.render(lang)))?;
        to_js(&changes)
    }

    /// Set the explanation (说明) of a finding by its id; "" removes it.
    #[wasm_bindgen(js_name = setExplanation, unchecked_return_type = "Changes")]
    pub fn set_explanation(&mut self, id: &str, text: &str) -> Result<JsValue, JsError> {
        to_js(&self.session.set_explanation(id, text))
    }

    /// Set or clear (null) the prior month's report.
    #[wasm_bindgen(js_name = setPrior, unchecked_return_type = "Changes")]
    pub fn set_prior(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Report | null")] prior: JsValue,
    ) -> Result<JsValue, JsError> {
        let prior = optional_report(&prior, self.session.lang(), PRIOR)?;
        to_js(&self.session.set_prior(prior))
    }

    /// Replace the whole report (a restored draft, an imported file).
    #[wasm_bindgen(js_name = setReport, unchecked_return_type = "Changes")]
    pub fn set_report(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Report")] report: JsValue,
    ) -> Result<JsValue, JsError> {
        let report = report_from(&report, self.session.lang(), REPORT)?;
        to_js(&self.session.set_report(report))
    }

    /// Change mode, today or language (`{ mode, today, lang }`; `prior` too).
    #[wasm_bindgen(js_name = setOptions, unchecked_return_type = "Changes")]
    pub fn set_options(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ValidateOptions")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        // Everything is read before anything changes, so a refused call
        // leaves the form exactly as it was.
        let r = resolve(Some(&options), self.session.options())?;
        let before = self.session.findings().to_vec();
        self.session.set_options(r.options);
        if let Some(prior) = r.prior {
            self.session.set_prior(prior);
        }
        to_js(&self.session.changes_since(&before))
    }

    /// The current findings, in form order (the result without the report).
    #[wasm_bindgen(unchecked_return_type = "Finding[]")]
    pub fn findings(&self) -> Result<JsValue, JsError> {
        to_js(&self.session.findings())
    }

    /// The full result of the current state.
    #[wasm_bindgen(unchecked_return_type = "CheckResult")]
    pub fn result(&self) -> Result<JsValue, JsError> {
        to_js(self.session.result())
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
