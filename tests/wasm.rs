//! The WebAssembly build, run by wasm-bindgen-test in Node and in headless
//! Chromium (`scripts/test.sh`). Parity: every case of the manifest that the
//! native suite keeps current (tests/fixtures/parity.json) must give the same
//! bytes here, through the JSON API and through the object API.
#![cfg(target_arch = "wasm32")]

use diaodu::wasm::{self, ReportForm};
use serde::Deserialize;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const MANIFEST: &str = include_str!("fixtures/parity.json");

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Case {
    name: String,
    report: String,
    prior: Option<String>,
    mode: String,
    today: String,
    lang: String,
    expected: String,
}

fn cases() -> Vec<Case> {
    serde_json::from_str(MANIFEST).unwrap()
}

fn parse(text: &str) -> JsValue {
    js_sys::JSON::parse(text).unwrap()
}

fn stringify(v: &JsValue) -> String {
    js_sys::JSON::stringify(v).unwrap().as_string().unwrap()
}

/// English, as `loadLanguage('en')` loads it (from the file the build
/// ships); loading again changes nothing, so every test that speaks English
/// calls this first, in whatever order the runner takes them.
fn english() {
    diaodu::english::load(include_str!("../js/diaodu_en.json")).unwrap();
    assert!(diaodu::english::loaded());
}

fn options(case: &Case) -> JsValue {
    english();
    let o = parse(&format!(
        r#"{{"mode":"{}","today":"{}","lang":"{}"}}"#,
        case.mode, case.today, case.lang
    ));
    if let Some(p) = &case.prior {
        js_sys::Reflect::set(&o, &"prior".into(), &parse(p)).unwrap();
    }
    o
}

fn ok<T>(r: Result<T, wasm_bindgen::JsError>) -> T {
    r.map_err(JsValue::from).unwrap()
}

fn thrown<T: std::fmt::Debug>(r: Result<T, wasm_bindgen::JsError>) -> String {
    let e = JsValue::from(r.unwrap_err());
    let e: &js_sys::Error = e.dyn_ref().expect("a real Error, not a string or a trap");
    e.message().as_string().unwrap()
}

fn json(v: &JsValue) -> serde_json::Value {
    serde_json::from_str(&stringify(v)).unwrap()
}

#[wasm_bindgen_test]
fn parity_through_the_json_api() {
    let cases = cases();
    assert!(cases.len() >= 36);
    for case in &cases {
        let out = ok(wasm::validate_json(
            &case.report,
            Some(options(case).into()),
        ));
        assert_eq!(out, case.expected, "{}", case.name);
    }
}

#[wasm_bindgen_test]
fn parity_through_the_object_api() {
    // JSON.parse itself rounds 123456789012345678901234567890 to the nearest
    // double, so through a JS object that report is a different report; the
    // JSON API above reads it digit for digit.
    let lossless = |c: &&Case| !c.name.starts_with("broken/numbers-as-written");
    let cases = cases();
    assert_eq!(cases.iter().filter(lossless).count(), cases.len() - 2);
    for case in cases.iter().filter(lossless) {
        let out = ok(wasm::validate(
            parse(&case.report),
            Some(options(case).into()),
        ));
        // The JS result is the native one without the normalised report
        // (`normalize` gives that). Compared as JSON values: JSON.stringify
        // of a Map gives {}, so this also proves there are none.
        let mut expected: serde_json::Value = serde_json::from_str(&case.expected).unwrap();
        expected.as_object_mut().unwrap().remove("normalized");
        assert_eq!(json(&out), expected, "{}", case.name);
        // The lean path and the JSON path build the same object.
        let slow = ok(wasm::validate_json_path_for_tests(
            parse(&case.report),
            Some(options(case).into()),
        ));
        assert_eq!(stringify(&out), stringify(&slow), "{}", case.name);
    }
}

#[wasm_bindgen_test]
fn typing_into_the_form_object() {
    let opts = parse(r#"{"mode":"draft","today":"2024-01-10"}"#);
    let mut form = ok(ReportForm::new(None, Some(opts.into())));
    ok(form.set_field("self_found".into(), "１２".into()));
    let c = json(&form.changes());
    assert_eq!(c["added"], serde_json::json!([]));
    ok(form.set_field("self_rectified".into(), "15".into()));
    let c = json(&form.changes());
    assert_eq!(c["added"][0]["id"], "C301:self_rectified");
    assert_eq!(c["fields"]["self_found"][0]["id"], "C301:self_rectified");
    ok(form.set_field("self_rectified".into(), "".into()));
    let c = json(&form.changes());
    assert_eq!(c["removed"][0]["id"], "C301:self_rectified");
    ok(form.set_field("spot_checked".into(), "1,234".into()));
    let c = json(&form.changes());
    assert_eq!(c["added"], serde_json::json!([]));
    ok(form.set_field("penalty_amount".into(), "35000元".into()));
    let c = json(&form.changes());
    assert_eq!(c["added"][0]["code"], "F106");
    let report = json(&ok(form.report()));
    assert_eq!(report["values"]["self_found"], "１２", "kept as typed");
    assert_eq!(report["values"]["penalty_amount"], "35000元");
    let normalized = json(&ok(form.normalized()));
    assert_eq!(normalized["values"]["self_found"], 12);
    assert_eq!(normalized["values"]["spot_checked"], 1234);
}

#[wasm_bindgen_test]
fn prior_month_and_explanations_on_the_form_object() {
    let c = &cases()[0];
    let _ = c;
    let july = include_str!("fixtures/series/chengqiao-2023-07.json");
    let june = include_str!("fixtures/series/chengqiao-2023-06.json");
    let mut form = ok(ReportForm::new(
        Some(parse(july).into()),
        Some(parse(r#"{"mode":"submit","today":"2024-01-10"}"#).into()),
    ));
    assert_eq!(json(&form.result())["submittable"], true);
    let mut lower = json(&parse(june));
    lower["values"]["self_found"] = 60.into();
    ok(form.set_prior(parse(&lower.to_string())));
    let c = json(&form.changes());
    assert_eq!(c["added"][0]["id"], "M403:self_found");
    ok(form.set_prior(parse(june)));
    let c = json(&form.changes());
    assert_eq!(c["removed"][0]["id"], "M403:self_found");
    ok(form.set_field("date".into(), "2023-07-31".into()));
    let c = json(&form.changes());
    assert_eq!(c["added"][0]["id"], "H251:date");
    form.set_explanation("H251:date", "核实无误");
    let c = json(&form.changes());
    assert_eq!(c["added"][0]["explanation"]["accepted"], false);
    let st = json(&form.set_explanation("H251:date", "月底防汛值班，延后三天报送"));
    assert_eq!(st["submittable"], true);
    assert_eq!(st["changed"], true);
}

#[wasm_bindgen_test]
fn bad_input_throws_a_clear_error() {
    english();
    assert!(thrown(wasm::validate(JsValue::from_str("x"), None)).contains("报表应为对象"));
    assert!(thrown(wasm::validate(parse("[]"), None)).contains("报表应为对象"));
    let m = thrown(wasm::validate(
        parse("{}"),
        Some(parse(r#"{"mode":"final"}"#).into()),
    ));
    assert!(m.contains("mode") && m.contains("final"), "{m}");
    let m = thrown(wasm::validate(
        parse("{}"),
        Some(parse(r#"{"today":"2023-13-01","lang":"en"}"#).into()),
    ));
    assert!(m.contains("YYYY-MM-DD") && m.contains("2023-13-01"), "{m}");
    let m = thrown(wasm::validate_json("{", None));
    assert!(m.contains("JSON"), "{m}");
    let mut form = ok(ReportForm::new(None, None));
    assert_eq!(
        thrown(form.set_field("self_fund".into(), "1".into())),
        "表中没有“self_fund”这一项。"
    );
}

/// A number named in an error message ("invalid type: floating point …"),
/// scaled by powers of ten across serde_json's table and past both ends,
/// is named here as serde_json, built into this test, names it.
#[wasm_bindgen_test]
fn numbers_in_messages_are_named_as_serde_json_names_them() {
    #[derive(Deserialize, Debug)]
    struct Form {
        #[allow(dead_code)]
        form: Option<String>,
    }
    let mut named = 0;
    for k in [
        -330, -308, -300, -23, -22, -1, 0, 1, 22, 23, 100, 250, 300, 308, 309,
    ] {
        for m in [
            "1",
            "1.5",
            "9.999999999999999",
            "123456789012345678901234567890",
        ] {
            let text = format!(r#"{{"form": {m}e{k}}}"#);
            let ours = thrown(wasm::validate_json(&text, None));
            let theirs = serde_json::from_str::<Form>(&text).unwrap_err().to_string();
            // serde_json's words, less the position it appends (ours is
            // given before them, in the message's own language).
            let words = theirs.rsplit_once(" at line ").map_or(&*theirs, |(w, _)| w);
            assert!(
                ours.ends_with(&format!("：{words}")),
                "{text}: {ours} | {theirs}"
            );
            named += usize::from(words.contains("floating point"));
        }
    }
    assert!(named > 40, "{named}");
}

#[wasm_bindgen_test]
fn schema_and_rules_are_plain_objects() {
    let s = ok(wasm::schema_js());
    assert!(!s.is_instance_of::<js_sys::Map>());
    let v = json(&s);
    assert_eq!(v["fields"].as_array().unwrap().len(), 35);
    assert_eq!(v["fields"][0]["key"], "self_found");
    let r = json(&ok(wasm::rules()));
    assert_eq!(r[0]["code"], "F101");
    // With English loaded, its members are there, as the native export has
    // them.
    english();
    let v = json(&ok(wasm::schema_js()));
    assert_eq!(
        v["fields"][0]["labelEn"],
        diaodu::DEFAULT_FORM.fields[0]
            .label_in(diaodu::Lang::En)
            .unwrap()
    );
    let r = json(&ok(wasm::rules()));
    let doc = r[0]["doc"].as_str().unwrap();
    assert!(doc.contains("Why:") && doc.contains("Example:"), "{doc}");
    assert_eq!(
        r[0]["messages"][0]["en"],
        "{field}: blank. Enter 0 if none."
    );
}

#[wasm_bindgen_test]
fn js_values_json_cannot_hold_stay_visible() {
    // NaN, Infinity and BigInt reach the validator as text it names; a plain
    // JSON.stringify would have made the first two blanks and thrown on BigInt.
    let values = js_sys::Object::new();
    let set = |k: &str, v: JsValue| js_sys::Reflect::set(&values, &k.into(), &v).unwrap();
    set("self_found", JsValue::from_f64(f64::NAN));
    set("listed_found", JsValue::from_f64(f64::NEG_INFINITY));
    set("dept_found", js_sys::BigInt::from(10u32).into());
    let report = js_sys::Object::new();
    js_sys::Reflect::set(&report, &"values".into(), &values).unwrap();
    let r = json(&ok(wasm::validate(report.into(), None)));
    let ids: Vec<_> = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].clone())
        .collect();
    assert_eq!(ids, ["F102:self_found", "F102:listed_found"]);
    assert!(
        r["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("“NaN”")
    );
    let report = js_sys::Object::new();
    js_sys::Reflect::set(&report, &"values".into(), &values).unwrap();
    let n = json(&ok(wasm::normalize(report.into())));
    assert_eq!(n["values"]["dept_found"], 10);
    assert_eq!(n["values"]["listed_found"], "-Infinity");
    // A cycle is refused with a message, not a stack overflow.
    let cyclic = js_sys::Object::new();
    js_sys::Reflect::set(&cyclic, &"values".into(), &cyclic).unwrap();
    let m = thrown(wasm::validate(cyclic.into(), None));
    assert!(m.starts_with("报表格式不对："), "{m}");
}

/// A small deterministic generator (xorshift64*), so that a failing step
/// can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let x = self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33;
        usize::try_from(x).unwrap() % n
    }

    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

/// `changes()` comes the lean way (`lean::write_changes`, read back by
/// `leanChanges` in js/lean.js); two forms driven alike through typing, 说明
/// and language switches must answer as the JSON writer and `JSON.parse`
/// would, step for step, in Node and in Chromium (each decodes the result
/// text its own way).
#[wasm_bindgen_test]
fn a_forms_changes_are_the_same_built_either_way() {
    english();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut keys: Vec<&str> = diaodu::DEFAULT_FORM.fields.iter().map(|f| f.key).collect();
    keys.extend(["unit", "period", "date"]);
    let texts = [
        "12",
        "１２",
        "3",
        "0",
        "",
        "-1",
        "2.5",
        "35000元",
        "1,2",
        "abc",
        "是",
        "否",
        "999999",
        "2023-07",
        "2023-07-31",
        "城桥镇",
        "堡",
    ];
    let july = include_str!("fixtures/series/chengqiao-2023-07.json");
    let june = include_str!("fixtures/series/chengqiao-2023-06.json");
    let opts = || {
        let o = parse(r#"{"mode":"submit","today":"2023-08-10"}"#);
        js_sys::Reflect::set(&o, &"prior".into(), &parse(june)).unwrap();
        o
    };
    let mut a = ok(ReportForm::new(
        Some(parse(july).into()),
        Some(opts().into()),
    ));
    let mut b = ok(ReportForm::new(
        Some(parse(july).into()),
        Some(opts().into()),
    ));
    let mut seen = 0;
    for step in 0..1500 {
        match rng.pick(&["field", "field", "field", "explain", "lang", "fetch"]) {
            "field" => {
                let (k, t) = (rng.pick(&keys), rng.pick(&texts));
                ok(a.set_field(k.into(), t.into()));
                ok(b.set_field(k.into(), t.into()));
            }
            "explain" => {
                let id = rng.pick(&[
                    "H251:date",
                    "M403:self_found",
                    "M451:inspectors",
                    "C351:listed_found",
                ]);
                let t = rng.pick(&["", "核实无误", "6月新增3家危化企业纳入检查"]);
                a.set_explanation(id, t);
                b.set_explanation(id, t);
            }
            "lang" => {
                let o = parse(&format!(r#"{{"lang":"{}"}}"#, rng.pick(&["zh", "en"])));
                ok(a.set_options(o.clone()));
                ok(b.set_options(o));
            }
            _ => {
                let lean = json(&a.changes());
                assert_eq!(
                    lean,
                    json(&ok(b.changes_json_path_for_tests())),
                    "step {step}"
                );
                seen += lean["added"].as_array().unwrap().len()
                    + lean["removed"].as_array().unwrap().len();
                continue;
            }
        }
        if rng.below(2) == 0 {
            let lean = json(&a.changes());
            assert_eq!(
                lean,
                json(&ok(b.changes_json_path_for_tests())),
                "step {step}"
            );
            seen +=
                lean["added"].as_array().unwrap().len() + lean["removed"].as_array().unwrap().len();
        }
    }
    assert!(seen > 200, "{seen} changes compared");
}
