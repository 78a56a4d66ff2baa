//! Invariants over generated input (proptest).

use super::*;
use diaodu::form::Kind;
use proptest::prelude::*;

fn arb_json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(|n| serde_json::json!(n)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| serde_json::json!(f)),
        ".{0,12}".prop_map(serde_json::Value::String),
        "[0-9０-９.,，万元个家次-]{0,10}".prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::Array),
            prop::collection::btree_map(
                "[a-z_]{0,8}|self_found|penalty_amount|unit|values",
                inner,
                0..5
            )
            .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

fn keys() -> Vec<&'static str> {
    diaodu::DEFAULT_FORM.fields.iter().map(|f| f.key).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    /// Any JSON document either fails to read with a message, or validates
    /// without panicking, in both modes, with and without a prior report.
    #[test]
    fn validation_never_panics_on_any_json(doc in arb_json(), values in prop::collection::btree_map(
        prop::sample::select(keys()), arb_json(), 0..10)) {
        let text = doc.to_string();
        if let Ok(r) = Report::from_json(&text) {
            let _ = run(&r, None, Mode::Submit);
        }
        let mut r = valid();
        for (k, v) in values {
            r.values.insert(k.to_string(), serde_json::from_value(v).unwrap());
        }
        let res = run(&r, Some(&valid()), Mode::Draft);
        let again = run(&r, Some(&valid()), Mode::Draft);
        prop_assert_eq!(res.to_json(), again.to_json(), "deterministic");
    }

    /// Whatever text is typed into one field, there is at most one finding
    /// about that field alone, and the text is never lost.
    #[test]
    fn one_field_one_parse_finding(key in prop::sample::select(keys()), text in ".{0,16}") {
        let r = draft(serde_json::json!({ "values": { key: text.clone() } }));
        let own: Vec<_> = r.findings.iter().filter(|f| f.code.starts_with('F') && f.fields == [key.to_string()]).collect();
        prop_assert!(own.len() <= 1, "{:?}", own);
        if !own.is_empty() {
            prop_assert_eq!(&r.normalized.values[key], &diaodu::RawValue::Text(text));
        }
    }

    /// Values that all grow month over month raise no prior-month error.
    #[test]
    fn growing_values_raise_no_prior_error(
        base in prop::collection::vec(0u64..500, 35),
        growth in prop::collection::vec(0u64..5, 35),
        yes in any::<bool>(),
    ) {
        let (prior, current) = pair(&base, &growth, yes);
        let r = run(&current, Some(&prior), Mode::Submit);
        let prior_errors: Vec<_> = r.findings.iter()
            .filter(|f| f.code.starts_with('M') && f.severity == diaodu::Severity::Error)
            .collect();
        prop_assert!(prior_errors.is_empty(), "{:?}", prior_errors);
    }

    /// Lowering any one cumulative value raises exactly that field's M403.
    #[test]
    fn lowering_one_value_raises_exactly_its_error(
        base in prop::collection::vec(1u64..500, 35),
        growth in prop::collection::vec(0u64..5, 35),
        which in 0usize..35,
        drop in 1u64..500,
    ) {
        let field = &diaodu::DEFAULT_FORM.fields[which];
        prop_assume!(field.cumulative && field.kind != Kind::YesNo);
        let (prior, mut current) = pair(&base, &growth, true);
        let before = base[which];
        let lowered = before - drop.min(before);
        prop_assume!(lowered < before);
        current.values.insert(field.key.to_string(), value_for(field.kind, lowered, true));
        let r = run(&current, Some(&prior), Mode::Submit);
        let m403: Vec<_> = r.findings.iter().filter(|f| f.code == "M403").map(|f| f.id.clone()).collect();
        prop_assert_eq!(m403, vec![format!("M403:{}", field.key)]);
    }
}

fn value_for(kind: Kind, n: u64, yes: bool) -> diaodu::RawValue {
    match kind {
        Kind::Count => n.into(),
        // Money as 万元 with two decimals, to exercise the fixed-point path.
        Kind::Money => format!("{}.{:02}", n / 100, n % 100).into(),
        Kind::YesNo => {
            if yes {
                "是".into()
            } else {
                "否".into()
            }
        }
    }
}

/// A June report from `base` and a July report grown by `growth`.
fn pair(base: &[u64], growth: &[u64], yes: bool) -> (Report, Report) {
    let mut prior =
        report(serde_json::json!({ "unit": "城桥镇", "period": "2023-06", "date": "2023-06-26" }));
    let mut current =
        report(serde_json::json!({ "unit": "城桥镇", "period": "2023-07", "date": "2023-07-26" }));
    for (i, f) in diaodu::DEFAULT_FORM.fields.iter().enumerate() {
        prior
            .values
            .insert(f.key.to_string(), value_for(f.kind, base[i], yes));
        current.values.insert(
            f.key.to_string(),
            value_for(f.kind, base[i] + growth[i], yes),
        );
    }
    (prior, current)
}

/// Whole numbers at and around every limit the readers draw: zero, each
/// field's maximum, the plain path's 10^15, and the ends of i64.
fn arb_whole() -> impl Strategy<Value = i64> {
    let max = diaodu::thresholds::COUNT_HARD_MAX as i64;
    prop_oneof![
        any::<i64>(),
        -3i64..3,
        (max - 2)..(max + 3),
        (999_999_999_999_998i64..1_000_000_000_000_003),
        Just(i64::MAX),
        Just(i64::MIN),
        Just(i64::MAX - 1),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, .. ProptestConfig::default() })]

    /// A whole number sent as a number (the lean path's `Raw::Int`, read by
    /// its own fast path) reads exactly as its digits typed as text, into
    /// every field: the same value or the same refusal.
    #[test]
    fn a_whole_number_reads_as_its_digits(n in arb_whole(), i in 0usize..35) {
        let field = &diaodu::DEFAULT_FORM.fields[i % diaodu::DEFAULT_FORM.fields.len()];
        let as_number = diaodu::parse::parse_raw(field, diaodu::report::Raw::Int(n));
        let digits = n.to_string();
        let as_text = diaodu::parse::parse_text(field, &digits);
        prop_assert_eq!(&as_number, &as_text, "{} = {}", field.key, n);
        // The same digits as a JSON number's text and as a typed text.
        let as_json = diaodu::parse::parse_raw(field, diaodu::report::Raw::Number(&digits));
        prop_assert_eq!(&as_json, &as_text, "{} = {}", field.key, n);
        let typed = diaodu::parse::parse_raw(field, diaodu::report::Raw::Text(&digits));
        prop_assert_eq!(&typed, &as_text, "{} = {}", field.key, n);
        // Zeros in front: read as typed text reads them.
        let padded = format!("00{digits}");
        let typed = diaodu::parse::parse_raw(field, diaodu::report::Raw::Text(&padded));
        prop_assert_eq!(typed, diaodu::parse::parse_text(field, &padded), "{} = {}", field.key, padded);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4096, .. ProptestConfig::default() })]

    /// An amount's text (written digit by digit, without the formatting
    /// machinery) is its exact decimal in 万元 with no trailing zeros, at
    /// every limit of i64 ten-thousandths.
    #[test]
    fn an_amount_writes_as_its_exact_decimal(yuan in prop_oneof![
        any::<i64>(),
        -20_001i64..20_001,
        Just(i64::MAX),
        Just(i64::MIN),
        Just(i64::MIN + 1),
    ]) {
        let abs = i128::from(yuan).abs();
        let frac = format!("{:04}", abs % 10_000);
        let frac = frac.trim_end_matches('0');
        let want = format!(
            "{}{}{}{}",
            if yuan < 0 { "-" } else { "" },
            abs / 10_000,
            if frac.is_empty() { "" } else { "." },
            frac
        );
        let wan = diaodu::money::Wan::from_yuan(yuan);
        prop_assert_eq!(wan.to_string(), want.clone());
        let mut out = String::from("x");
        diaodu::parse::Value::Money(wan).write_text(&mut out);
        prop_assert_eq!(out, format!("x{want}"));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4096, .. ProptestConfig::default() })]

    /// `YYYY-MM` and `YYYY-MM-DD` are read in place; the same text with a
    /// space in front takes the general path. Both read the same month or
    /// date, or refuse alike: every digit, month 00 to 99, day 00 to 99,
    /// year 0000 to 9999, and bytes that are not digits where digits go.
    #[test]
    fn periods_and_dates_read_in_place_as_the_general_path_reads_them(
        year in prop_oneof![0u32..=9999, Just(0), Just(9999)],
        month in 0u32..100,
        day in 0u32..100,
        junk in prop::option::of((0usize..10, prop::sample::select(vec![b'/', b'a', b' ', b'-', b'0' - 1, b'9' + 1]))),
    ) {
        use diaodu::validate::{parse_date, parse_period};
        let mut period = format!("{year:04}-{month:02}").into_bytes();
        let mut date = format!("{year:04}-{month:02}-{day:02}").into_bytes();
        if let Some((at, b)) = junk {
            if at < period.len() {
                period[at] = b;
            }
            date[at] = b;
        }
        let (period, date) = (String::from_utf8(period).unwrap(), String::from_utf8(date).unwrap());
        let read = |p: Option<diaodu::form::YearMonth>| p.map(|p| (p.year, p.month));
        prop_assert_eq!(read(parse_period(&period)), read(parse_period(&format!(" {period}"))), "{}", period);
        prop_assert_eq!(parse_date(&date), parse_date(&format!(" {date}")), "{}", date);
        if junk.is_none() {
            prop_assert_eq!(parse_period(&period).is_some(), (1..=12).contains(&month), "{}", period);
        }
    }
}

/// The same text in full-width digits and point, which only the general
/// path reads.
fn full_width(t: &str) -> String {
    t.chars()
        .map(|c| match c {
            '0'..='9' | '.' => char::from_u32(c as u32 + 0xFEE0).unwrap(),
            c => c,
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4096, .. ProptestConfig::default() })]

    /// A 万元 amount as plain digits with up to 4 decimals, or as a whole
    /// number, is read before the general path; the general path (reached
    /// here by full-width digits) reads it the same: the same amount or the
    /// same refusal, at every limit (up to 20 whole digits, up to 6
    /// decimals, zeros in front and behind, a point with nothing after it).
    #[test]
    fn an_amount_reads_in_place_as_the_general_path_reads_it(
        int in prop_oneof![
            "[0-9]{1,20}",
            Just(i64::MAX.to_string()),
            Just(((i64::MAX - 9_999) / 10_000).to_string()),
            Just(((i64::MAX - 9_999) / 10_000 + 1).to_string()),
            Just("99999999999999".to_string()),
            Just("999999999999999".to_string()),
        ],
        frac in prop::option::of("[0-9]{0,6}"),
        i in 0usize..35,
    ) {
        let money: Vec<_> = diaodu::DEFAULT_FORM.fields.iter().filter(|f| f.kind == Kind::Money).collect();
        let field = money[i % money.len()];
        let text = match &frac {
            Some(f) => format!("{int}.{f}"),
            None => int.clone(),
        };
        let general = diaodu::parse::parse_text(field, &full_width(&text));
        for raw in [diaodu::report::Raw::Number(&text), diaodu::report::Raw::Text(&text)] {
            prop_assert_eq!(&diaodu::parse::parse_raw(field, raw), &general, "{} = {}", field.key, text);
        }
        if let (None, Ok(n)) = (&frac, int.parse::<i64>()) {
            prop_assert_eq!(&diaodu::parse::parse_raw(field, diaodu::report::Raw::Int(n)), &general, "{} = {}", field.key, n);
        }
    }
}
