//! Every rule within one report: firing, not firing, and at its boundary.

use super::*;
use diaodu::form::Constraint;
use serde_json::json;

fn submit(r: &Report) -> CheckResult {
    run(r, None, Mode::Submit)
}

#[test]
fn the_valid_fixture_has_no_findings() {
    let r = submit(&valid());
    assert_eq!(ids(&r), Vec::<String>::new());
    assert!(r.submittable);
}

#[test]
fn every_part_whole_pair_fires_only_above_the_whole() {
    let pairs: Vec<(&str, &str)> = diaodu::DEFAULT_FORM
        .constraints
        .iter()
        .filter_map(|c| match c {
            Constraint::NotGreater { part, whole } => Some((*part, *whole)),
            _ => None,
        })
        .collect();
    assert_eq!(
        pairs.len(),
        13,
        "rectified x3, spot-check items x7, dual penalty, danger crime, anonymous reward"
    );
    let all = pairs.clone();
    for (part, whole) in pairs {
        let money = part.starts_with("report");
        let (w, equal, above) = if money {
            (json!("2"), json!("2"), json!("2.0001"))
        } else {
            (json!(20), json!(20), json!(21))
        };
        // Keep the other relations of the report satisfied.
        let mut vals = json!({ "judicial_transfer": 1 });
        for (p, w) in &all {
            let money = p.starts_with("report");
            vals[*p] = if money { json!("0") } else { json!(0) };
            vals[*w] = if money { json!("30") } else { json!(30) };
        }
        vals[whole] = w.clone();
        vals[part] = equal;
        let r = submit(&with(vals.clone()));
        assert!(
            !ids(&r).iter().any(|i| i.starts_with("C301")),
            "{part}={whole}: {:?}",
            ids(&r)
        );
        vals[part] = above;
        let r = submit(&with(vals));
        let c301: Vec<_> = r.findings.iter().filter(|f| f.code == "C301").collect();
        assert_eq!(c301.len(), 1, "{part} > {whole}: {:?}", ids(&r));
        assert_eq!(c301[0].id, format!("C301:{part}"));
        let mut expected = vec![whole.to_string(), part.to_string()];
        expected.sort_by_key(|k| diaodu::DEFAULT_FORM.position(k));
        assert_eq!(c301[0].fields, expected);
        assert_eq!(c301[0].severity, diaodu::Severity::Error);
    }
}

#[test]
fn c301_message_shows_both_numbers() {
    let r = submit(&with(json!({ "self_found": 10, "self_rectified": 12 })));
    let f = r.findings.iter().find(|f| f.code == "C301").unwrap();
    assert!(
        f.message.contains("12") && f.message.contains("10"),
        "{}",
        f.message
    );
    assert_eq!(f.fields, ["self_found", "self_rectified"]);
}

#[test]
fn amount_needs_a_count() {
    let fires = |count: serde_json::Value, amount: &str| {
        ids(&submit(&with(
            json!({ "penalty_count": count, "penalty_amount": amount, "dual_penalty": 0 }),
        )))
        .contains(&"C302:penalty_amount".to_string())
    };
    assert!(fires(json!(0), "0.0001"));
    assert!(!fires(json!(0), "0"));
    assert!(!fires(json!(1), "3.5"));
}

#[test]
fn listed_hazards_beyond_both_sources_is_a_warning() {
    let r = submit(&with(
        json!({ "self_found": 3, "self_rectified": 3, "dept_found": 4, "dept_rectified": 4, "listed_found": 7, "listed_rectified": 0 }),
    ));
    assert!(!ids(&r).iter().any(|i| i.starts_with("C351")));
    let r = submit(&with(
        json!({ "self_found": 3, "self_rectified": 3, "dept_found": 4, "dept_rectified": 4, "listed_found": 8, "listed_rectified": 0 }),
    ));
    let f = r.findings.iter().find(|f| f.code == "C351").expect("C351");
    assert_eq!(f.severity, diaodu::Severity::Warning);
    assert_eq!(f.fields, ["self_found", "dept_found", "listed_found"]);
    assert!(
        f.message.contains('8') && f.message.contains('7'),
        "{}",
        f.message
    );
    assert!(!r.submittable);
}

#[test]
fn danger_crime_without_judicial_transfer_is_a_warning() {
    let ids_for = |d: u64, j: u64| {
        ids(&submit(&with(
            json!({ "typical_cases": 5, "typical_cases_danger_crime": d, "judicial_transfer": j }),
        )))
    };
    assert!(ids_for(1, 0).contains(&"C352:typical_cases_danger_crime".to_string()));
    assert!(!ids_for(1, 1).iter().any(|i| i.starts_with("C352")));
    assert!(!ids_for(0, 0).iter().any(|i| i.starts_with("C352")));
}

#[test]
fn average_penalty_threshold_is_exact() {
    let fires = |amount: &str, count: u64| {
        ids(&submit(&with(
            json!({ "penalty_count": count, "penalty_amount": amount, "dual_penalty": 0 }),
        )))
        .contains(&"C353:penalty_amount".to_string())
    };
    assert!(!fires("300", 3));
    assert!(fires("300.0001", 3));
    assert!(fires("35000", 2));
    assert!(!fires("35000", 350));
}

#[test]
fn report_reward_threshold_is_exact() {
    let fires = |amount: &str| {
        ids(&submit(&with(
            json!({ "report_reward": amount, "report_reward_anonymous": "0" }),
        )))
        .contains(&"C354:report_reward".to_string())
    };
    assert!(!fires("100"));
    assert!(fires("100.0001"));
}

#[test]
fn no_cascade_from_an_unreadable_value() {
    let r = submit(&with(json!({ "self_found": "abc", "self_rectified": 50 })));
    assert_eq!(ids(&r), ["F102:self_found"]);
    let r = draft(json!({ "self_found": "", "values": { "self_rectified": 50 } }));
    assert!(ids(&r).is_empty(), "blank in draft: {:?}", ids(&r));
}

#[test]
fn submit_requires_everything_draft_nothing() {
    let empty = report(json!({}));
    let r = run(&empty, None, Mode::Submit);
    assert_eq!(r.counts.errors, 35 + 3);
    assert_eq!(r.findings[0].id, "F101:unit");
    assert_eq!(r.findings[1].id, "F101:period");
    assert_eq!(r.findings[2].id, "F101:date");
    assert_eq!(r.findings[3].id, "F101:self_found");
    assert!(r.findings[3].message.contains("无则填0"));
    let media = r
        .findings
        .iter()
        .find(|f| f.id == "F101:media_column")
        .unwrap();
    assert!(!media.message.contains("无则填0"), "{}", media.message);
    let r = run(&empty, None, Mode::Draft);
    assert!(r.findings.is_empty());
    assert!(
        r.submittable,
        "draft with nothing typed has nothing to flag"
    );
}

fn header(unit: &str, period: &str, date: &str) -> Vec<String> {
    let mut r = valid();
    r.unit = unit.into();
    r.period = period.into();
    r.date = date.into();
    // The fixture's values are July's; the header checks do not read them.
    ids(&submit(&r))
}

#[test]
fn header_period_forms_and_range() {
    for p in [
        "2023-07",
        "2023-7",
        "2023年7月",
        "2023/07",
        "2023.7",
        "202307",
        "２０２３－０７",
    ] {
        assert_eq!(
            header("城桥镇", p, "2023-07-26"),
            Vec::<String>::new(),
            "{p}"
        );
    }
    for p in ["2023-13", "2023-00", "23-07", "七月", "2023-07-01", "abc"] {
        assert_eq!(header("城桥镇", p, "2023-07-26"), ["H202:period"], "{p}");
    }
    assert_eq!(header("城桥镇", "2023-04", "2023-04-26"), ["H203:period"]);
    assert_eq!(header("城桥镇", "2024-01", "2024-01-05"), ["H203:period"]);
    assert!(header("城桥镇", "2023-05", "2023-05-26").is_empty());
    assert!(header("城桥镇", "2023-12", "2023-12-26").is_empty());
}

#[test]
fn header_dates() {
    for d in [
        "2023-07-26",
        "2023-7-26",
        "2023/7/26",
        "2023.7.26",
        "2023年7月26日",
        "20230726",
    ] {
        assert!(header("城桥镇", "2023-07", d).is_empty(), "{d}");
    }
    for d in ["2023-06-31", "2023-02-29", "2023-07", "26/07/2023", "昨天"] {
        assert_eq!(header("城桥镇", "2023-07", d), ["H204:date"], "{d}");
    }
    assert_eq!(header("城桥镇", "2023-07", "2023-06-30"), ["H205:date"]);
    assert!(header("城桥镇", "2023-07", "2023-07-01").is_empty());
    assert!(header("城桥镇", "2023-07", "2023-07-28").is_empty());
    assert_eq!(header("城桥镇", "2023-07", "2023-07-29"), ["H251:date"]);
    assert_eq!(header("城桥镇", "2023-07", "2023-08-03"), ["H251:date"]);
}

#[test]
fn date_after_today_is_an_error() {
    let mut r = valid();
    r.date = "2023-07-26".into();
    let on = |y, m, d| {
        ids(&check(
            &r,
            None,
            &Options {
                mode: Mode::Submit,
                today: NaiveDate::from_ymd_opt(y, m, d),
                lang: Lang::Zh,
            },
        ))
    };
    assert!(on(2023, 7, 26).is_empty());
    assert_eq!(on(2023, 7, 25), ["H206:date"]);
}

#[test]
fn units_short_forms_stale_names_and_unknowns() {
    for u in [
        "城桥镇",
        "城桥",
        " 城桥镇 ",
        "崇明区城桥镇",
        "上海市崇明区城桥镇",
    ] {
        assert!(header(u, "2023-07", "2023-07-26").is_empty(), "{u}");
    }
    for u in [
        "新村",
        "新村乡",
        "横沙",
        "应急局",
        "区应急局",
        "区应急管理局",
        "海事局",
        "区安委办",
        "区卫健委",
        "公安分局",
    ] {
        assert!(header(u, "2023-07", "2023-07-26").is_empty(), "{u}");
    }
    for u in ["长兴乡", "区安监局", "安监局", "崇明县城桥镇", "区环保局"] {
        assert_eq!(header(u, "2023-07", "2023-07-26"), ["H253:unit"], "{u}");
    }
    assert_eq!(
        header("上海城投崇明公司", "2023-07", "2023-07-26"),
        ["H252:unit"]
    );
    let mut r = valid();
    r.unit = "城桥".into();
    let v = serde_json::to_value(&submit(&r).normalized).unwrap();
    assert_eq!(v["unit"], "城桥镇");
    r.unit = "长兴乡".into();
    let res = submit(&r);
    assert!(
        res.findings[0].message.contains("长兴镇"),
        "{}",
        res.findings[0].message
    );
}

#[test]
fn registry_holds_the_eighteen_towns() {
    let towns: Vec<_> = diaodu::DEFAULT_FORM
        .registry
        .units
        .iter()
        .filter(|u| u.kind == diaodu::registry::UnitKind::Town)
        .collect();
    assert_eq!(towns.len(), 18);
    assert_eq!(towns.iter().filter(|u| u.name.ends_with('乡')).count(), 2);
}

#[test]
fn unknown_form_is_an_error() {
    let mut r = valid();
    r.form = Some("chongming-2022".into());
    let res = submit(&r);
    assert_eq!(ids(&res), ["H201:form"]);
    r.form = None;
    assert!(submit(&r).findings.is_empty());
}

#[test]
fn findings_come_in_form_order() {
    let r = submit(&with(
        json!({ "inspectors": "x", "self_found": "y", "penalty_amount": "z" }),
    ));
    assert_eq!(
        ids(&r),
        ["F102:self_found", "F102:penalty_amount", "F102:inspectors"]
    );
}
