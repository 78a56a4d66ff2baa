//! The WebAssembly surface: a thin binding over the core, with no logic of
//! its own. Inputs cross as JSON text (the engine's `JSON.stringify`) and are
//! read by the same serde_json code as on the server; results go out as plain
//! JSON-compatible objects (no ES Maps), camelCase, identical in content to
//! the native result. Invalid input becomes findings or a thrown `Error` with
//! a clear message; a bug (a panic) becomes a thrown `Error` too, never an
//! opaque "unreachable" trap.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::report::Report;
use crate::session::Session;
use crate::{DEFAULT_FORM, Lang, Mode, Options, catalogue, check, schema};

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

/// Options as JS passes them; every member optional.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct JsOptions {
    #[serde(default)]
    prior: Option<Report>,
    #[serde(default)]
    mode: Option<String>,
    #[serde(default)]
    today: Option<String>,
    #[serde(default)]
    lang: Option<String>,
}

struct Resolved {
    prior: Option<Report>,
    options: Options,
    lang: Lang,
}

fn error(lang: Lang, zh: String, en: String) -> JsError {
    JsError::new(&match lang {
        Lang::Zh => zh,
        Lang::En => en,
    })
}

fn lang_of(options: &JsValue) -> Lang {
    // The language for messages about the options themselves.
    js_sys::Reflect::get(options, &JsValue::from_str("lang"))
        .ok()
        .and_then(|v| v.as_string())
        .and_then(|s| s.parse().ok())
        .unwrap_or_default()
}

fn resolve(options: Option<&JsValue>) -> Result<Resolved, JsError> {
    let Some(options) = options.filter(|o| !o.is_undefined() && !o.is_null()) else {
        return Ok(Resolved {
            prior: None,
            options: Options::default(),
            lang: Lang::Zh,
        });
    };
    let lang = lang_of(options);
    if !is_plain_object(options) {
        return Err(error(
            lang,
            "选项应为对象。".into(),
            "options must be an object.".into(),
        ));
    }
    let o: JsOptions = from_js(options).map_err(|e| {
        error(
            lang,
            format!("选项格式不对：{e}"),
            format!("malformed options: {e}"),
        )
    })?;
    let lang = match o.lang.as_deref() {
        None => Lang::Zh,
        Some(s) => s.parse().map_err(|_| {
            error(
                Lang::Zh,
                format!("lang 应为 \"zh\" 或 \"en\"，收到 \"{s}\"。"),
                format!("lang must be \"zh\" or \"en\", got \"{s}\"."),
            )
        })?,
    };
    let mode = match o.mode.as_deref() {
        None => Mode::Draft,
        Some(s) => s.parse().map_err(|_| {
            error(
                lang,
                format!("mode 应为 \"draft\" 或 \"submit\"，收到 \"{s}\"。"),
                format!("mode must be \"draft\" or \"submit\", got \"{s}\"."),
            )
        })?,
    };
    let today = match o.today.as_deref() {
        None => None,
        Some(s) => Some(crate::validate::parse_iso_date(s).ok_or_else(|| {
            error(
                lang,
                format!("today 应为 YYYY-MM-DD 格式的日期，收到 \"{s}\"。"),
                format!("today must be a YYYY-MM-DD date, got \"{s}\"."),
            )
        })?),
    };
    Ok(Resolved {
        prior: o.prior,
        options: Options { mode, today },
        lang,
    })
}

thread_local! {
    /// `JSON.stringify` writes NaN and Infinity as null and throws on BigInt;
    /// this replacer keeps what was passed visible instead, as text the
    /// validator then names in its finding.
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
            _ => v,
        });
}

/// Reads a JS value through its JSON text: one reader (serde_json) for JS,
/// the CLI and the server, so an object and its JSON give the same result,
/// and the binary holds no second deserializer.
fn from_js<T: serde::de::DeserializeOwned>(v: &JsValue) -> Result<T, String> {
    // The replacer calls back into wasm for every member, which costs more
    // than the rest of reading; it is only needed where a plain stringify
    // threw (a BigInt) or wrote a null (which NaN and Infinity become; a
    // "null" inside some text only costs the slower path).
    let text = js_sys::JSON::stringify(v)
        .ok()
        .and_then(|t| t.as_string())
        .filter(|t| !t.contains("null"));
    if let Some(text) = text {
        return parse_js_json(&text);
    }
    let text = REPLACER
        .with(|r| js_sys::JSON::stringify_with_replacer(v, r.as_ref().unchecked_ref()))
        .map_err(|e| {
            // A cycle, or a toJSON that threw (an Error or anything else).
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .or_else(|| e.as_string())
                .unwrap_or_else(|| "JSON.stringify failed".to_string())
        })?
        .as_string()
        .unwrap_or_default();
    parse_js_json(&text)
}

fn parse_js_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_json::from_str(text).map_err(|e| crate::report::serde_message(&e))
}

fn is_plain_object(v: &JsValue) -> bool {
    v.is_object() && !js_sys::Array::is_array(v)
}

/// Which report a message is about, in each language.
const REPORT: (&str, &str) = ("报表", "the report");
const PRIOR: (&str, &str) = ("上月报表", "the prior report");

fn report_from(v: &JsValue, lang: Lang, (zh, en): (&str, &str)) -> Result<Report, JsError> {
    if !is_plain_object(v) {
        return Err(error(
            lang,
            format!("{zh}应为对象（报表 JSON）。"),
            format!("{en} must be an object."),
        ));
    }
    from_js(v).map_err(|e| {
        error(
            lang,
            format!("{zh}格式不对：{e}"),
            format!("{en} is malformed: {e}"),
        )
    })
}

fn optional_report(v: &JsValue, lang: Lang) -> Result<Option<Report>, JsError> {
    if v.is_undefined() || v.is_null() {
        Ok(None)
    } else {
        report_from(v, lang, PRIOR).map(Some)
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
    let r = resolve(options.map(JsValue::from).as_ref())?;
    let report = report_from(&report, r.lang, REPORT)?;
    to_js(&check(&report, r.prior.as_ref(), &r.options, r.lang))
}

/// Validate a report given as JSON text; returns the result as JSON text,
/// byte for byte what the native library and CLI produce.
#[wasm_bindgen(js_name = validateJson)]
pub fn validate_json(report_json: &str, options: Option<JsOptionsArg>) -> Result<String, JsError> {
    let r = resolve(options.map(JsValue::from).as_ref())?;
    let report = Report::from_json(report_json).map_err(|e| JsError::new(&e.render(r.lang)))?;
    Ok(check(&report, r.prior.as_ref(), &r.options, r.lang).to_json())
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
        let r = resolve(options.map(JsValue::from).as_ref())?;
        let report = optional_report(&report.map_or(JsValue::NULL, JsValue::from), r.lang)?
            .unwrap_or_default();
        Ok(ReportForm {
            session: Session::new(report, r.prior, r.options, r.lang),
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
        let prior = optional_report(&prior, self.session.lang())?;
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
        let has = |k: &str| js_sys::Reflect::has(&options, &JsValue::from_str(k)).unwrap_or(false);
        let r = resolve(Some(&options))?;
        let before = self.session.findings().to_vec();
        if has("mode") {
            self.session.set_mode(r.options.mode);
        }
        if has("today") {
            self.session.set_today(r.options.today);
        }
        if has("lang") {
            self.session.set_lang(r.lang);
        }
        if has("prior") {
            self.session.set_prior(r.prior);
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
