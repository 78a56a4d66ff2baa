//! Messages as data: every template's two languages use the same
//! placeholders, and every kind of finding fills exactly its template's.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use diaodu::finding::Finding;
use diaodu::form::{Max, YearMonth};
use diaodu::messages::{placeholders, render, template, templates};
use diaodu::parse::{ParseError, Value};
use diaodu::rules::Rule;
use diaodu::{DEFAULT_FORM, Lang, Wan};

/// One finding of every kind and variant.
fn every_finding() -> Vec<Finding> {
    let d = |m, day| NaiveDate::from_ymd_opt(2023, m, day).unwrap();
    let ym = |m| YearMonth::new(2023, m);
    let unreadable = |key, error| Finding::Unreadable {
        key,
        text: "x".into(),
        error,
    };
    let mut all = vec![
        Finding::Required { key: "self_found" },
        Finding::Required {
            key: "media_column",
        },
        Finding::Required { key: "unit" },
        Finding::UnknownKey {
            key: "self_fund".into(),
            suggestion: Some("self_found"),
        },
        Finding::UnknownKey {
            key: "zzz".into(),
            suggestion: None,
        },
        Finding::MoreUnknownKeys { count: 3 },
        Finding::UnknownForm { form: "x".into() },
        Finding::BadPeriod { text: "x".into() },
        Finding::PeriodOutOfRange {
            period: YearMonth::new(2024, 1),
            first: ym(5),
            last: ym(12),
        },
        Finding::BadDate { text: "x".into() },
        Finding::DateBeforePeriod {
            date: d(6, 20),
            period: ym(7),
        },
        Finding::DateAfterToday {
            date: d(8, 1),
            today: d(7, 1),
        },
        Finding::LateFiling {
            date: d(7, 31),
            due: d(7, 28),
        },
        Finding::UnknownUnit { text: "x".into() },
        Finding::StaleUnit {
            text: "崇明县城桥镇".into(),
            current: "城桥镇",
        },
        Finding::PartExceedsWhole {
            part: "self_rectified",
            whole: "self_found",
            part_value: Value::Count(2),
            whole_value: Value::Count(1),
        },
        Finding::AmountWithoutCount {
            amount: "penalty_amount",
            count: "penalty_count",
            amount_value: Value::Money(Wan::from_wan(3)),
        },
        Finding::PartExceedsSum {
            part: "listed_found",
            wholes: &["self_found", "dept_found"],
            part_value: Value::Count(5),
            sum: Value::Count(2),
        },
        Finding::MissingRelated {
            field: "typical_cases_danger_crime",
            related: "judicial_transfer",
            value: Value::Count(1),
        },
        Finding::AverageTooHigh {
            amount: "penalty_amount",
            count: "penalty_count",
            amount_value: Wan::from_wan(900),
            count_value: 2,
            limit: Wan::from_wan(100),
        },
        Finding::AmountTooHigh {
            field: "report_reward",
            value: Wan::from_wan(900),
            limit: Wan::from_wan(100),
        },
        Finding::PriorUnitDiffers {
            unit: "城桥镇".into(),
            prior_unit: "堡镇".into(),
        },
        Finding::PriorNotEarlier {
            period: ym(7),
            prior_period: ym(8),
        },
        Finding::Decreased {
            key: "self_found",
            value: Value::Count(1),
            prior: Value::Count(2),
        },
        Finding::HeadcountFell {
            key: "inspectors",
            value: Value::Count(1),
            prior: Value::Count(2),
        },
        Finding::YesToNo {
            key: "media_column",
        },
        Finding::PeriodGap {
            period: ym(8),
            prior_period: ym(5),
        },
        Finding::Jump {
            key: "spot_checked",
            value: Value::Count(1200),
            prior: Value::Count(12),
        },
        Finding::ReceivedLate {
            received: d(6, 30),
            due: d(6, 28),
        },
        Finding::MonthsMissing {
            months: vec![ym(5), ym(7)],
        },
        Finding::Unchanged {
            key: "self_found",
            value: Value::Count(12),
            since: ym(6),
            months: 3,
        },
        Finding::LowRectification {
            found: "self_found",
            rectified: "self_rectified",
            found_value: 40,
            rectified_value: 30,
            threshold: 90,
        },
    ];
    for error in [
        ParseError::NotANumber,
        ParseError::NoneWord,
        ParseError::Negative,
        ParseError::Fraction,
        ParseError::TooManyDecimals,
        ParseError::YuanInWan {
            wan: Some(Wan::from_wan(3)),
        },
        ParseError::YuanInWan { wan: None },
        ParseError::AboveMax(Max::Count(10)),
        ParseError::WrongUnit {
            typed: "元".into(),
            expected: "个",
        },
        ParseError::NotYesNo,
        ParseError::WrongType("array"),
        ParseError::BadGrouping,
    ] {
        all.push(unreadable("penalty_amount", error.clone()));
        all.push(unreadable("media_column", error));
    }
    all
}

#[test]
fn both_languages_of_a_template_use_the_same_placeholders() {
    for t in templates() {
        let zh: BTreeSet<_> = placeholders(t.zh).into_iter().collect();
        let en: BTreeSet<_> = placeholders(t.en).into_iter().collect();
        assert_eq!(zh, en, "{}", t.key);
        let code = t.key.split('.').next().unwrap();
        assert!(Rule::from_code(code).is_some(), "{}: no rule {code}", t.key);
    }
    let keys: BTreeSet<_> = templates().map(|t| t.key).collect();
    assert_eq!(keys.len(), templates().count(), "a key twice");
}

#[test]
fn every_finding_fills_every_placeholder_of_its_template() {
    let mut used = BTreeSet::new();
    for f in every_finding() {
        let key = f.message_key(DEFAULT_FORM);
        let t = template(key).unwrap_or_else(|| panic!("no template {key}"));
        used.insert(key);
        assert!(key.starts_with(f.rule().code()), "{key} for {:?}", f.rule());
        for lang in [Lang::Zh, Lang::En] {
            let given: BTreeSet<_> = f
                .params(DEFAULT_FORM, lang)
                .into_iter()
                .map(|(n, _)| n)
                .collect();
            let wanted: BTreeSet<_> = placeholders(t.text(lang).unwrap()).into_iter().collect();
            assert_eq!(given, wanted, "{key} in {lang:?}");
            let message = render(&f, DEFAULT_FORM, lang);
            assert!(!message.contains('{'), "{message}");
        }
    }
    // And every template is some finding's.
    for t in templates() {
        assert!(used.contains(t.key), "no finding uses {}", t.key);
    }
}

#[test]
fn the_renderer_fills_names_and_leaves_unknown_ones() {
    use diaodu::messages::fill;
    assert_eq!(
        fill("{a} and {b}", &[("a", "1".into()), ("b", "2".into())]),
        "1 and 2"
    );
    assert_eq!(fill("{a}{a}", &[("a", "x".into())]), "xx");
    assert_eq!(fill("{missing} {", &[]), "{missing} {");
    assert_eq!(fill("没有占位", &[]), "没有占位");
}

mod overrides {
    use diaodu::messages::{OverrideError, Overrides};
    use diaodu::session::Session;
    use diaodu::{Lang, Mode, Options, Report};

    fn slip() -> Report {
        serde_json::from_value(serde_json::json!({
            "unit": "城桥镇", "period": "2023-06",
            "values": { "penalty_amount": "35000元" }
        }))
        .unwrap()
    }

    fn options(lang: Lang) -> Options {
        Options {
            mode: Mode::Draft,
            today: super::super::today().into(),
            lang,
        }
    }

    #[test]
    fn a_portals_wording_replaces_ours_in_its_language_only() {
        let words = Overrides::from_json(
            r#"{"zh": {"F106": "{field}：请按万元填写（{text} 约为 {wan} 万元）"}}"#,
        )
        .unwrap();
        let mut s = Session::new(slip(), None, options(Lang::Zh));
        s.set_messages(Some(words.clone()));
        let f = s.findings().into_iter().find(|f| f.code == "F106").unwrap();
        assert_eq!(
            f.message,
            "3.3 行政处罚（万元）：请按万元填写（35000元 约为 3.5 万元）"
        );
        // The changes after new wording carry every finding anew.
        assert!(
            s.changes()
                .added
                .iter()
                .any(|f| f.message.starts_with("3.3 行政处罚（万元）：请按"))
        );
        // English is ours still.
        let mut en = Session::new(slip(), None, options(Lang::En));
        en.set_messages(Some(words));
        let f = en
            .findings()
            .into_iter()
            .find(|f| f.code == "F106")
            .unwrap();
        assert!(f.message.contains("is an amount in 元"), "{}", f.message);
    }

    #[test]
    fn a_misspelt_key_placeholder_or_language_is_refused_by_name() {
        let err = |json: &str| Overrides::from_json(json).unwrap_err();
        assert_eq!(
            err(r#"{"zh": {"f106": "x"}}"#),
            OverrideError::UnknownKey {
                key: "f106".into(),
                suggestion: Some("F106")
            }
        );
        match err(r#"{"zh": {"F106": "{feild} 有误"}}"#) {
            OverrideError::UnknownPlaceholder {
                key,
                placeholder,
                allowed,
            } => {
                assert_eq!((key, placeholder.as_str()), ("F106", "feild"));
                assert_eq!(allowed, ["field", "text", "wan"]);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            err(r#"{"fr": {"F106": "x"}}"#),
            OverrideError::UnknownLang { lang: "fr".into() }
        );
        assert!(matches!(err(r#"{"zh": "x"}"#), OverrideError::Shape { .. }));
        assert!(matches!(err("[1]"), OverrideError::Shape { .. }));
        let e = err(r#"{"zh": {"F106": "{feild}"}}"#);
        assert!(
            e.render(Lang::Zh).contains("{feild}"),
            "{}",
            e.render(Lang::Zh)
        );
        assert!(
            e.render(Lang::En).contains("{field}"),
            "{}",
            e.render(Lang::En)
        );
    }

    #[test]
    fn the_catalogue_lists_every_template_with_its_placeholders() {
        let catalogue = diaodu::catalogue(diaodu::DEFAULT_FORM);
        let listed: usize = catalogue.iter().map(|r| r.messages.len()).sum();
        assert_eq!(listed, diaodu::messages::templates().count());
        let f106 = catalogue.iter().find(|r| r.code == "F106").unwrap();
        let keys: Vec<_> = f106.messages.iter().map(|m| m.key).collect();
        assert_eq!(keys, ["F106", "F106.inexact"]);
        assert_eq!(f106.messages[0].placeholders, ["field", "text", "wan"]);
    }
}

/// A rule's index is its place in `Rule::ALL`, and a template is found by
/// its key through its family (the lookup searches only the family its
/// first letter names).
#[test]
fn rules_and_templates_are_found_by_index_and_family() {
    for (i, r) in diaodu::Rule::ALL.iter().enumerate() {
        assert_eq!(r.index(), i, "{}", r.code());
    }
    for t in templates() {
        let found = template(t.key).unwrap_or_else(|| panic!("{} not found", t.key));
        assert_eq!((found.key, found.zh, found.en), (t.key, t.zh, t.en));
    }
    assert!(template("X101").is_none());
    assert!(template("").is_none());
    assert!(template("F999").is_none());
}
