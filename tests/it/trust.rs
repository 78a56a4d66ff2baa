//! No input silently changes a figure, and hostile input costs little: the
//! exact-value oracle, arithmetic at the limits of every type, capped
//! quotes and unknown keys, objects only, and no cascades.

use super::*;
use diaodu::form::Kind;
use diaodu::parse::parse_text;
use proptest::prelude::*;

fn field(key: &str) -> &'static diaodu::form::Field {
    diaodu::DEFAULT_FORM.field(key).expect("a form key")
}

fn codes(r: &CheckResult) -> Vec<&str> {
    r.findings.iter().map(|f| f.code).collect()
}

/// The exact decimal value of a plain decimal text (`-0012.3400` → `12.34`,
/// sign dropped), written shortest: the oracle the parser must agree with.
fn exact(int: &str, frac: &str) -> String {
    let int = int.trim_start_matches('0');
    let frac = frac.trim_end_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    if frac.is_empty() {
        int.to_string()
    } else {
        format!("{int}.{frac}")
    }
}

#[test]
fn a_fifteen_digit_amount_is_above_the_maximum_not_wrapped() {
    // 950000000000000 万元 is 9.5e18 元, past i64: it used to wrap to a
    // negative amount with no finding and `submittable: true`.
    for typed in [
        "950000000000000",
        "999999999999999",
        "922337203685477.5808",
        "950000000000000.0001",
        "9,500,000,000,000,000",
    ] {
        let r = run(
            &with(serde_json::json!({ "penalty_amount": typed })),
            None,
            Mode::Submit,
        );
        assert_eq!(codes(&r), ["F107"], "{typed}");
        assert!(!r.submittable);
        let f = &r.findings[0];
        assert_eq!(f.fields, ["penalty_amount"]);
        assert!(f.message.contains("3.3 行政处罚（万元）"), "{}", f.message);
        assert!(
            f.message.contains(typed),
            "quotes what was typed: {}",
            f.message
        );
        assert_eq!(
            r.normalized.values["penalty_amount"],
            RawValue::Text(typed.into())
        );
    }
    // The same through a JSON number.
    let r = run(
        &with(serde_json::from_str(r#"{"report_reward": 950000000000000}"#).unwrap()),
        None,
        Mode::Submit,
    );
    assert_eq!(codes(&r), ["F107"]);
}

#[test]
fn every_type_limit_is_read_or_refused_never_wrapped() {
    let limits = [
        u64::MAX.to_string(),
        (u64::MAX as u128 + 1).to_string(),
        i64::MAX.to_string(),
        (i64::MAX as u128 + 1).to_string(),
        (i64::MAX / 10_000).to_string(),
        (i64::MAX / 10_000 + 1).to_string(),
        u128::MAX.to_string(),
        "1".repeat(40),
        format!("0.{}", "0".repeat(39)),
        format!("{}.{}", "0".repeat(30), "1"),
    ];
    for f in diaodu::DEFAULT_FORM
        .fields
        .iter()
        .filter(|f| f.kind != Kind::YesNo)
    {
        for typed in &limits {
            match parse_text(f, typed) {
                Ok(Some(v)) => {
                    let (int, frac) = typed.split_once('.').unwrap_or((typed, ""));
                    assert_eq!(v.text(), exact(int, frac), "{} {typed}", f.key);
                }
                Ok(None) => panic!("{typed} read as blank"),
                Err(_) => {}
            }
        }
    }
}

/// Numeric text as people type it: sign, 1–40 digits (leading zeros
/// included), thousands separators, 0–8 decimals, a unit, full width.
fn typed_number() -> impl Strategy<Value = (String, String, String, bool)> {
    (
        prop::sample::select(vec!["", "", "+", "-"]),
        // Any length, and often the lengths where types end: 15 digits of
        // 万元 are past i64 in 元, 20 past u64.
        prop_oneof![
            "[0-9]{1,40}",
            "9[0-9]{13,15}",
            "[1-9][0-9]{14}",
            "0{0,3}9{1,20}",
            "1[0-9]{18,19}",
        ],
        any::<bool>(),
        prop::option::of("[0-9]{0,8}"),
        prop::sample::select(vec![
            "", "", "个", "家", "次", "人", "万元", "万", "元", "个次",
        ]),
        any::<bool>(),
    )
        .prop_map(|(sign, int, group, frac, unit, wide)| {
            let grouped = if group && int.len() > 3 {
                let head = int.len() % 3;
                let mut out = int[..head].to_string();
                for chunk in int.as_bytes()[head..].chunks(3) {
                    if !out.is_empty() {
                        out.push(',');
                    }
                    out.push_str(std::str::from_utf8(chunk).unwrap());
                }
                out
            } else {
                int.clone()
            };
            let frac_text = frac.clone().map(|f| format!(".{f}")).unwrap_or_default();
            let mut text = format!("{sign}{grouped}{frac_text}{unit}");
            if wide {
                text = text
                    .chars()
                    .map(|c| match c {
                        '0'..='9' | '.' | ',' | '+' | '-' => {
                            char::from_u32(c as u32 + 0xFEE0).unwrap()
                        }
                        c => c,
                    })
                    .collect();
            }
            let negative = sign == "-";
            (text, int, frac.unwrap_or_default(), negative)
        })
}

fn numeric_keys() -> Vec<&'static str> {
    diaodu::DEFAULT_FORM
        .fields
        .iter()
        .filter(|f| f.kind != Kind::YesNo)
        .map(|f| f.key)
        .collect()
}

/// A JSON number: mantissa digits, a point, an exponent.
fn json_number() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!["", "-"]),
        "[1-9][0-9]{0,30}|0",
        prop::option::of("[0-9]{1,10}"),
        prop::option::of((
            prop::sample::select(vec!["e", "E", "e+", "e-", "E-"]),
            0u32..80,
        )),
    )
        .prop_map(|(sign, int, frac, exp)| {
            let mut s = format!("{sign}{int}");
            if let Some(f) = frac {
                s.push('.');
                s.push_str(&f);
            }
            if let Some((e, n)) = exp {
                s.push_str(&format!("{e}{n}"));
            }
            s
        })
}

/// The exact value of a JSON number's text, by moving its point: the
/// oracle for the JSON path (`None` where the exponent is past ±64, which
/// the reader leaves as written and the parser refuses).
fn json_exact(text: &str) -> Option<String> {
    let body = text.trim_start_matches('-');
    let (mantissa, exp) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], body[i + 1..].parse::<i64>().unwrap()),
        None => (body, 0),
    };
    if exp.abs() > 64 {
        return None;
    }
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{int}{frac}");
    let point = int.len() as i64 + exp;
    let padded_left = "0".repeat((-point).max(0) as usize) + &digits;
    let point = point.max(0) as usize;
    let padded = padded_left.clone() + &"0".repeat(point.saturating_sub(padded_left.len()));
    let (i, f) = padded.split_at(point);
    Some(exact(i, f))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, .. ProptestConfig::default() })]

    /// Each input is either read as exactly the number typed or refused
    /// with a finding; never turned into another number.
    #[test]
    fn typed_numbers_are_read_exactly_or_refused(
        key in prop::sample::select(numeric_keys()),
        (text, int, frac, negative) in typed_number(),
    ) {
        let f = field(key);
        match parse_text(f, &text) {
            Ok(Some(v)) => {
                let want = exact(&int, &frac);
                prop_assert!(!negative || want == "0", "negative {text} accepted as {}", v.text());
                prop_assert_eq!(v.text(), want, "{} {}", key, text);
            }
            Ok(None) => prop_assert!(false, "{text} read as blank"),
            Err(_) => {
                // Refused: the report gets exactly one finding naming the field.
                let r = draft(serde_json::json!({ "values": { key: text.clone() } }));
                prop_assert_eq!(r.findings.len(), 1);
                prop_assert_eq!(&r.findings[0].fields, &vec![key.to_string()]);
                prop_assert_eq!(&r.normalized.values[key], &RawValue::Text(text.clone()));
            }
        }
    }

    /// The same for JSON numbers, exponents included: the normalised value
    /// is the number's exact decimal value, or there is a finding.
    #[test]
    fn json_numbers_are_read_exactly_or_refused(
        key in prop::sample::select(numeric_keys()),
        number in json_number(),
    ) {
        let text = format!(r#"{{"values": {{"{key}": {number}}}}}"#);
        let report = Report::from_json(&text).unwrap();
        let r = run(&report, None, Mode::Draft);
        let normalized = serde_json::to_value(&r.normalized.values[key]).unwrap();
        if r.findings.is_empty() {
            let want = json_exact(&number).expect("read only within ±64");
            let got = match normalized {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            };
            prop_assert_eq!(got, want, "{}", number);
        } else {
            prop_assert_eq!(r.findings.len(), 1, "{:?}", codes(&r));
            prop_assert_eq!(&r.findings[0].fields, &vec![key.to_string()]);
        }
    }

    /// A stock phrase with a short filler (up to 4 characters of anything,
    /// digits and punctuation besides) is never an explanation.
    #[test]
    fn stock_phrase_plus_short_filler_is_refused(
        phrase in prop::sample::select(diaodu::explanation::STOCK_PHRASES.to_vec()),
        before in "[\\PC]{0,2}",
        after in "[\\PC]{0,2}",
        digits in "[0-9０-９]{0,6}",
        punct in "[，。！ ,.!?、]{0,4}",
    ) {
        let text = format!("{before}{phrase}{punct}{after}{digits}");
        prop_assert!(diaodu::explanation::assess(&text).is_err(), "{:?} counted", text);
    }

    /// Every finding's fields are among the fields the catalogue lists for
    /// its rule (the catalogue is what portals read to know where a rule
    /// can fire).
    #[test]
    fn findings_stay_within_the_catalogue(values in prop::collection::btree_map(
        prop::sample::select(diaodu::DEFAULT_FORM.fields.iter().map(|f| f.key).collect::<Vec<_>>()),
        prop_oneof![
            Just(serde_json::json!([])),
            Just(serde_json::json!({})),
            Just(serde_json::json!(true)),
            Just(serde_json::json!(-1)),
            Just(serde_json::json!("x")),
            Just(serde_json::json!(1e30)),
            Just(serde_json::json!("2.5")),
            Just(serde_json::json!("3元")),
            Just(serde_json::json!("1,2")),
            Just(serde_json::json!("0.00001")),
            (0u64..2000).prop_map(|n| serde_json::json!(n)),
        ],
        0..12,
    )) {
        let mut r = valid();
        for (k, v) in values {
            r.values.insert(k.to_string(), serde_json::from_value(v).unwrap());
        }
        let catalogue = diaodu::catalogue(diaodu::DEFAULT_FORM);
        for f in run(&r, Some(&fixture("series/chengqiao-2023-06.json")), Mode::Submit).findings {
            let info = catalogue.iter().find(|i| i.code == f.code).unwrap();
            for key in &f.fields {
                prop_assert!(
                    info.fields.iter().any(|k| k == key || *k == "*"),
                    "{} fires on {} but the catalogue lists {:?}", f.code, key, info.fields
                );
            }
        }
    }
}

#[test]
fn stock_phrases_with_filler_do_not_count_but_reasons_do() {
    use diaodu::explanation::{Rejection, assess};
    assert_eq!(assess("核实无误，好"), Err(Rejection::Boilerplate));
    assert_eq!(assess("数据无误123"), Err(Rejection::Boilerplate));
    assert_eq!(assess("迟报了"), Err(Rejection::TooShort { chars: 2 }));
    assert_eq!(
        assess("１２３４５６７"),
        Err(Rejection::TooShort { chars: 0 })
    );
    assert_eq!(assess("6月新增3家危化企业纳入检查"), Ok(()));
    assert_eq!(assess("核实无误，本月新增危化企业"), Ok(()));
}

#[test]
fn a_list_in_a_yes_no_field_asks_for_yes_or_no() {
    for (value, zh) in [("[]", "数组"), ("{}", "对象")] {
        let report =
            Report::from_json(&format!(r#"{{"values": {{"media_column": {value}}}}}"#)).unwrap();
        let r = run(&report, None, Mode::Draft);
        assert_eq!(codes(&r), ["F111"]);
        assert_eq!(
            r.findings[0].message,
            format!("4.6 是否在主流媒体播放安全生产专题栏目：值为{zh}，应为“是”或“否”。")
        );
    }
    let info = diaodu::catalogue(diaodu::DEFAULT_FORM)
        .into_iter()
        .find(|i| i.code == "F111")
        .unwrap();
    assert!(info.fields.contains(&"media_column"));
    assert_eq!(info.fields.len(), 35);
}

#[test]
fn a_report_is_an_object_never_an_array() {
    for text in [
        "[]",
        "[[]]",
        r#"["chongming-2023","城桥镇","2023-06","2023-06-26",{"self_found":1}]"#,
    ] {
        let e = Report::from_json(text).unwrap_err();
        assert_eq!((e.line, e.column), (1, 1), "{text}");
        assert!(e.detail.contains("expected a JSON object"), "{}", e.detail);
    }
}

#[test]
fn messages_quote_at_most_64_characters() {
    let long = "9".repeat(1_000_000);
    let r = draft(serde_json::json!({ "values": { "self_found": long.clone() } }));
    let m = &r.findings[0].message;
    assert!(m.chars().count() < 200, "{} characters", m.chars().count());
    assert!(m.contains(&format!("{}…", "9".repeat(63))), "{m}");
    assert_eq!(
        r.normalized.values["self_found"],
        RawValue::Text(long),
        "kept whole"
    );

    // A 30-digit number is still shown whole.
    let thirty = "123456789012345678901234567890";
    let r = draft(serde_json::json!({ "values": { "self_found": thirty } }));
    assert!(r.findings[0].message.contains(&format!("“{thirty}”")));

    // Header texts and unknown keys too.
    let r = draft(serde_json::json!({
        "unit": "镇".repeat(10_000), "period": "x".repeat(10_000), "date": "y".repeat(10_000),
        "values": { "k".repeat(10_000): 1 }
    }));
    assert_eq!(codes(&r), ["H252", "H202", "H204", "F110"]);
    for f in &r.findings {
        assert!(f.message.chars().count() < 200, "{}: {}", f.code, f.message);
    }
}

#[test]
fn unknown_keys_are_capped_and_long_ones_get_no_suggestion() {
    let mut values = serde_json::Map::new();
    for i in 0..20_000 {
        values.insert(format!("extra_{i}"), serde_json::json!(1));
    }
    values.insert("self_fund".into(), serde_json::json!(1));
    let r = draft(serde_json::json!({ "values": values }));
    assert_eq!(r.findings.len(), 21, "20 listed and one count");
    let last = r.findings.last().unwrap();
    assert_eq!(last.id, "F110:values");
    assert_eq!(last.message, "另有 19981 个表中没有的项，不再逐一列出。");
    assert_eq!(r.normalized.values.len(), 35 + 20_001, "nothing dropped");

    // A long key is quoted, not compared with every key.
    let key = format!("self_found{}", "x".repeat(900_000));
    let r = draft(serde_json::json!({ "values": { key.clone(): 1 } }));
    assert_eq!(codes(&r), ["F110"]);
    assert!(!r.findings[0].message.contains("是否应为"), "no suggestion");
    assert!(r.findings[0].message.chars().count() < 200);
    // A short slip still gets its suggestion.
    let r = draft(serde_json::json!({ "values": { "self_fund": 1 } }));
    assert!(r.findings[0].message.contains("是否应为 self_found"));
}

#[test]
fn a_month_outside_the_campaign_has_no_deadline_findings() {
    // 2023-04-30 is after the 28th of 2023-04 (H251) and 2023-03-30 before
    // 2023-04 starts (H205), but April is no reporting month: only H203.
    for (period, date) in [
        ("2023-04", "2023-04-30"),
        ("2023-04", "2023-03-30"),
        ("2022-12", "2022-12-30"),
    ] {
        let mut r = valid();
        r.period = period.into();
        r.date = date.into();
        let res = run(&r, None, Mode::Draft);
        assert_eq!(codes(&res), ["H203"], "{period} {date}");
    }
}
