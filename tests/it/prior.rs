//! Cumulative checks against the prior month's report.

use super::*;
use serde_json::json;

fn month(m: u32) -> Report {
    fixture(&format!("series/chengqiao-2023-{m:02}.json"))
}

fn against(current: &Report, prior: &Report) -> Vec<String> {
    ids(&run(current, Some(prior), Mode::Submit))
}

#[test]
fn the_whole_series_passes_month_after_month() {
    for m in 6..=12 {
        assert_eq!(
            against(&month(m), &month(m - 1)),
            Vec::<String>::new(),
            "month {m}"
        );
    }
}

#[test]
fn a_decrease_is_an_error_showing_both_numbers() {
    let mut cur = month(7);
    cur.values.insert("self_found".into(), 25u64.into());
    cur.values.insert("self_rectified".into(), 23u64.into());
    let r = run(&cur, Some(&month(6)), Mode::Submit);
    assert_eq!(ids(&r), ["M403:self_found"]);
    let m = &r.findings[0].message;
    assert!(
        m.contains("25") && m.contains("31") && m.contains("如上月数据有误，请先更正上月报表"),
        "{m}"
    );
    assert_eq!(r.findings[0].fields, ["self_found"]);
}

#[test]
fn money_decrease_is_exact() {
    let mut cur = month(7);
    cur.values.insert("penalty_amount".into(), "4.8499".into());
    assert_eq!(against(&cur, &month(6)), ["M403:penalty_amount"]);
    cur.values.insert("penalty_amount".into(), "4.85".into());
    assert!(against(&cur, &month(6)).is_empty());
}

#[test]
fn equal_figures_are_fine() {
    assert!(against(&month(6), &month(6).clone_with_period("2023-05")).is_empty());
}

trait ClonePeriod {
    fn clone_with_period(&self, p: &str) -> Report;
}

impl ClonePeriod for Report {
    fn clone_with_period(&self, p: &str) -> Report {
        let mut r = self.clone();
        r.period = p.into();
        r.date = format!("{p}-20").into();
        r
    }
}

#[test]
fn inspectors_may_fall_with_a_warning() {
    let mut cur = month(7);
    cur.values.insert("inspectors".into(), 20u64.into());
    let r = run(&cur, Some(&month(6)), Mode::Submit);
    assert_eq!(ids(&r), ["M451:inspectors"]);
    assert_eq!(r.findings[0].severity, diaodu::Severity::Warning);
}

#[test]
fn media_column_yes_to_no_is_a_warning() {
    let mut cur = month(7);
    cur.values.insert("media_column".into(), "否".into());
    assert_eq!(against(&cur, &month(6)), ["M452:media_column"]);
    // No to yes is the normal course.
    assert!(against(&month(6), &month(5)).is_empty());
}

#[test]
fn a_gap_is_a_warning_and_still_compares() {
    let r = against(&month(8), &month(6));
    assert_eq!(r, ["M453:period"]);
    let mut cur = month(8);
    cur.values.insert("dept_found".into(), 1u64.into());
    cur.values.insert("dept_rectified".into(), 1u64.into());
    let r = against(&cur, &month(6));
    assert!(
        r.contains(&"M403:dept_found".to_string()) && r.contains(&"M453:period".to_string()),
        "{r:?}"
    );
}

#[test]
fn prior_not_earlier_is_an_error_and_stops_value_comparisons() {
    assert_eq!(against(&month(6), &month(7)), ["M402:period"]);
    assert_eq!(against(&month(7), &month(7)), ["M402:period"]);
}

#[test]
fn prior_from_another_unit_is_an_error_and_stops_value_comparisons() {
    let mut prior = month(5);
    prior.unit = "堡镇".into();
    let r = run(&month(6), Some(&prior), Mode::Submit);
    assert_eq!(ids(&r), ["M401:unit"]);
    assert_eq!(r.findings[0].fields, ["unit"]);
    // The same unit written two ways is the same unit.
    let mut prior = month(5);
    prior.unit = "城桥".into();
    assert!(against(&month(6), &prior).is_empty());
}

#[test]
fn jumps_need_tenfold_and_more_than_a_hundred() {
    let case = |before: u64, after: u64| {
        let mut prior = month(6);
        let mut cur = month(7);
        prior
            .values
            .insert("guided_key_firms".into(), before.into());
        cur.values.insert("guided_key_firms".into(), after.into());
        against(&cur, &prior).contains(&"M454:guided_key_firms".to_string())
    };
    assert!(case(10, 111));
    assert!(!case(10, 101), "tenfold but only +91");
    assert!(case(20, 201));
    assert!(!case(20, 200), "exactly tenfold is not more than tenfold");
    assert!(case(0, 101));
    assert!(!case(0, 100));
    assert!(!case(200, 1001), "not tenfold");
}

#[test]
fn money_jumps_count_in_wan() {
    let mut cur = month(7);
    cur.values.insert("report_reward".into(), "100.3".into());
    assert!(against(&cur, &month(6)).contains(&"M454:report_reward".to_string()));
}

#[test]
fn blank_or_unreadable_prior_values_are_skipped() {
    let mut prior = month(6);
    prior.values.insert("self_found".into(), "abc".into());
    prior.values.insert("self_rectified".into(), "".into());
    prior.values.shift_remove("dept_found");
    prior.values.shift_remove("dept_rectified");
    let mut cur = month(7);
    cur.values.insert("self_found".into(), 1u64.into());
    cur.values.insert("self_rectified".into(), 1u64.into());
    cur.values.insert("dept_found".into(), 0u64.into());
    cur.values.insert("dept_rectified".into(), 0u64.into());
    assert_eq!(against(&cur, &prior), Vec::<String>::new());
}

#[test]
fn prior_checks_do_not_mind_the_prior_reports_own_errors() {
    let prior = report(
        json!({ "unit": "城桥镇", "period": "2023-06", "values": { "self_found": "x", "spot_checked": 5 } }),
    );
    assert!(against(&month(7), &prior).is_empty());
}
