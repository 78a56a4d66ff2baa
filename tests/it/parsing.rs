//! What people type: accepted variants, rejected ones with their rule codes.

use super::*;
use serde_json::json;

fn normalized(key: &str, typed: serde_json::Value) -> (Vec<String>, serde_json::Value) {
    let r = draft(json!({ "values": { key: typed } }));
    let v = serde_json::to_value(&r.normalized).unwrap();
    (ids(&r), v["values"][key].clone())
}

#[test]
fn accepted_forms_normalise_without_findings() {
    let cases = [
        ("self_found", json!(" 12 "), json!(12)),
        ("self_found", json!("１２"), json!(12)),
        ("self_found", json!("\u{3000}１２\u{3000}"), json!(12)),
        ("self_found", json!("1,234"), json!(1234)),
        ("self_found", json!("1，234"), json!(1234)),
        ("self_found", json!("123,456"), json!(123456)),
        ("penalty_amount", json!("1,234.5678"), json!("1234.5678")),
        ("self_found", json!("12个"), json!(12)),
        ("self_found", json!("12 个"), json!(12)),
        ("self_found", json!("12.0"), json!(12)),
        ("self_found", json!("007"), json!(7)),
        ("self_found", json!("+5"), json!(5)),
        ("self_found", json!("-0"), json!(0)),
        ("self_found", json!(12), json!(12)),
        ("self_found", json!(12.0), json!(12)),
        ("spot_checked", json!("40家"), json!(40)),
        ("guided_towns", json!("3个次"), json!(3)),
        ("guided_key_firms", json!("3家次"), json!(3)),
        ("penalty_amount", json!("３．５"), json!("3.5")),
        ("penalty_amount", json!("3.5万元"), json!("3.5")),
        ("penalty_amount", json!("3.5万"), json!("3.5")),
        ("penalty_amount", json!("3.50000"), json!("3.5")),
        ("penalty_amount", json!("0.0001"), json!("0.0001")),
        ("penalty_amount", json!("1,234.5"), json!("1234.5")),
        ("penalty_amount", json!(3.5), json!("3.5")),
        ("penalty_amount", json!(0.1), json!("0.1")),
        ("media_column", json!("是"), json!("是")),
        ("media_column", json!("否"), json!("否")),
        ("media_column", json!("yes"), json!("是")),
        ("media_column", json!("No"), json!("否")),
        ("media_column", json!("ＹＥＳ"), json!("是")),
        ("media_column", json!("true"), json!("是")),
        ("media_column", json!("false"), json!("否")),
        ("media_column", json!("1"), json!("是")),
        ("media_column", json!("0"), json!("否")),
        ("media_column", json!(true), json!("是")),
        ("media_column", json!(0), json!("否")),
    ];
    for (key, typed, expected) in cases {
        let (found, value) = normalized(key, typed.clone());
        assert!(found.is_empty(), "{key} {typed}: unexpected {found:?}");
        assert_eq!(value, expected, "{key} {typed}");
    }
}

#[test]
fn blanks_are_blank() {
    for typed in [json!(""), json!("   "), json!("\u{3000}"), json!(null)] {
        let (found, value) = normalized("self_found", typed.clone());
        assert!(found.is_empty(), "{typed}: {found:?}");
        assert_eq!(value, json!(null), "{typed}");
        let r = run(
            &report(json!({ "values": { "self_found": typed } })),
            None,
            Mode::Submit,
        );
        assert!(ids(&r).contains(&"F101:self_found".to_string()));
    }
}

#[test]
fn rejected_forms_name_the_rule_field_and_text() {
    let cases = [
        ("self_found", json!("abc"), "F102"),
        ("self_found", json!("十二"), "F102"),
        ("self_found", json!("NaN"), "F102"),
        ("self_found", json!("Infinity"), "F102"),
        ("self_found", json!("1e3"), "F102"),
        ("self_found", json!("无"), "F102"),
        ("self_found", json!("/"), "F102"),
        ("self_found", json!("-3"), "F103"),
        ("self_found", json!(-3), "F103"),
        ("penalty_amount", json!("-0.5"), "F103"),
        ("self_found", json!("2.5"), "F104"),
        ("self_found", json!(2.5), "F104"),
        ("penalty_amount", json!("3.50001"), "F105"),
        ("penalty_amount", json!(0.00001), "F105"),
        ("penalty_amount", json!("35000元"), "F106"),
        ("report_reward", json!("500 元"), "F106"),
        ("self_found", json!("1000001"), "F107"),
        ("self_found", json!("99999999999999999999999"), "F107"),
        ("penalty_amount", json!("1000000.0001"), "F107"),
        ("inspectors", json!("100001"), "F107"),
        ("self_found", json!("12家"), "F108"),
        ("guided_key_firms", json!("3家"), "F108"),
        ("self_found", json!("12元"), "F108"),
        ("penalty_amount", json!("3个"), "F108"),
        ("media_column", json!("有时"), "F109"),
        ("media_column", json!(2), "F109"),
        ("self_found", json!([1, 2]), "F111"),
        ("self_found", json!({ "n": 1 }), "F111"),
        ("self_found", json!(true), "F111"),
        ("self_found", json!("12,34"), "F112"),
        ("self_found", json!("1,2345"), "F112"),
    ];
    for (key, typed, code) in cases {
        let r = draft(json!({ "values": { key: typed } }));
        assert_eq!(ids(&r), vec![format!("{code}:{key}")], "{key} {typed}");
        let f = &r.findings[0];
        assert_eq!(f.fields, vec![key.to_string()]);
        let field = diaodu::DEFAULT_FORM.field(key).unwrap();
        assert!(
            f.message.contains(field.label),
            "{}: label missing",
            f.message
        );
        assert!(
            f.message.contains(&field.number()),
            "{}: number missing",
            f.message
        );
        if let Some(text) = typed.as_str() {
            assert!(
                f.message.contains(text.trim()),
                "{}: typed text missing",
                f.message
            );
        }
        // The unreadable value is kept exactly as it arrived.
        let kept = serde_json::to_value(&r.normalized).unwrap()["values"][key].clone();
        if typed.is_string() || typed.is_number() {
            assert_eq!(kept, typed, "{key}: value changed");
        }
    }
}

#[test]
fn yuan_amount_message_gives_the_wan_equivalent() {
    let r = draft(json!({ "values": { "penalty_amount": "35000元" } }));
    let m = &r.findings[0].message;
    assert!(
        m.contains("35000元") && m.contains("3.5") && m.contains("万元"),
        "{m}"
    );
}

#[test]
fn unknown_keys_suggest_the_nearest_key() {
    let cases = [
        ("self_fund", Some("self_found")),
        ("Self-Found", Some("self_found")),
        ("企业自查发现的重大事故隐患", Some("self_found")),
        ("企业自查发现的重大事故隐患（个）", Some("self_found")),
        ("1.1", Some("self_found")),
        ("4.7", Some("inspectors")),
        ("3.3", None),
        ("penalty_ammount", Some("penalty_amount")),
        ("zzz", None),
    ];
    for (key, suggestion) in cases {
        let r = draft(json!({ "values": { key: 1 } }));
        assert_eq!(ids(&r), vec![format!("F110:{key}")], "{key}");
        let m = &r.findings[0].message;
        assert!(m.contains(key), "{m}");
        match suggestion {
            Some(s) => assert!(m.contains(&format!("是否应为 {s}")), "{key}: {m}"),
            None => assert!(!m.contains("是否应为"), "{key}: {m}"),
        }
        // The value under the unknown key is not dropped.
        let kept = serde_json::to_value(&r.normalized).unwrap()["values"][key].clone();
        assert_eq!(kept, json!(1));
    }
}

#[test]
fn malformed_report_json_is_a_read_error_with_position() {
    for bad in [
        "",
        "[]",
        "{",
        r#"{"values": 3}"#,
        r#"{"explanations": {"a": 1}}"#,
    ] {
        let e = Report::from_json(bad).expect_err(bad);
        let zh = e.render(Lang::Zh);
        assert!(zh.contains("报表") && zh.contains("行"), "{zh}");
        // The position is given once, in the message's own words.
        assert!(!e.detail.contains(" at line "), "{}", e.detail);
    }
    let e = Report::from_json("{\"values\": {\"a\": 1,}}").unwrap_err();
    assert_eq!(
        e.render(Lang::En),
        "the report is not valid JSON or not in the report format (line 1, column 20): trailing comma"
    );
}

/// A date as pickers write it (`2023-06-26`) is read in place; the general
/// reader (here through `/`) must give the same date for every such text,
/// and the same month for `2023-06`, at the edges of both (month 00 and 13,
/// day 00 and 32, 29 February, year 0000 and 9999).
#[test]
fn iso_periods_and_dates_read_as_the_general_reader_reads_them() {
    use diaodu::validate::{parse_date, parse_period};
    for year in ["0000", "0001", "1999", "2023", "2024", "2100", "9999"] {
        for month in 0..=13 {
            let iso = format!("{year}-{month:02}");
            assert_eq!(
                parse_period(&iso),
                parse_period(&format!("{year}/{month:02}")),
                "{iso}"
            );
            for day in 0..=32 {
                let iso = format!("{year}-{month:02}-{day:02}");
                let slash = format!("{year}/{month:02}/{day:02}");
                assert_eq!(parse_date(&iso), parse_date(&slash), "{iso}");
            }
        }
    }
    assert_eq!(
        parse_period("2023-07").map(|p| (p.year, p.month)),
        Some((2023, 7))
    );
    assert_eq!(parse_period("2023-7a"), None);
    assert_eq!(parse_date("2023-02-29"), None);
    assert_eq!(
        parse_date("2024-02-29").map(|d| d.to_string()).as_deref(),
        Some("2024-02-29")
    );
}
