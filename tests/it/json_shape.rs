//! The JSON result is a public contract with portals: pinned here.

use super::*;
use serde_json::json;

#[test]
fn result_shape_is_camel_case_and_pinned() {
    let mut r = valid();
    r.date = "2023-07-31".into();
    r.values.insert("self_rectified".into(), "50".into());
    r.values
        .insert("penalty_amount".into(), "８．３万元".into());
    r.explanations.insert("H251:date".into(), "核实无误".into());
    let result = run(&r, None, Mode::Submit);
    let v = serde_json::to_value(&result).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "counts",
            "findings",
            "form",
            "mode",
            "normalized",
            "submittable",
            "today"
        ]
    );
    assert_eq!(
        v["counts"],
        json!({ "errors": 1, "warnings": 1, "unexplainedWarnings": 1 })
    );
    insta::assert_json_snapshot!("result_shape", v);
}

#[test]
fn result_json_text_is_compact_and_stable() {
    let result = run(&valid(), None, Mode::Submit);
    let text = result.to_json();
    assert!(!text.contains('\n'));
    assert_eq!(text, run(&valid(), None, Mode::Submit).to_json());
    let back: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(back["normalized"]["values"]["penalty_amount"], "8.3");
}

#[test]
fn normalized_report_reads_back_as_a_report() {
    let r = with(json!({ "self_found": "４２个", "inspectors": "abc" }));
    let result = run(&r, None, Mode::Draft);
    let back: Report =
        serde_json::from_value(serde_json::to_value(&result.normalized).unwrap()).unwrap();
    assert_eq!(
        back.values["self_found"],
        diaodu::RawValue::Number("42".into())
    );
    assert_eq!(
        back.values["inspectors"],
        diaodu::RawValue::Text("abc".into()),
        "unreadable text kept as typed"
    );
    assert_eq!(back.form.as_deref(), Some("chongming-2023"));
}
