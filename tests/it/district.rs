//! The district's month: unit lists, who filed, the roll-up, the series
//! rules (S552–S554), and `diaodu month`.

use chrono::{NaiveDate, NaiveDateTime};
use diaodu::district::{
    self, Attempt, ExpectedUnit, FilerKind, Filing, MonthView, Record, Standing, UnitListError,
    read_unit_list,
};
use diaodu::form::YearMonth;
use diaodu::output::Counts;
use diaodu::rules::series::share_text;
use diaodu::{DEFAULT_FORM, Lang, Report};
use serde_json::json;

use super::{fixture, report};

fn ym(m: u32) -> YearMonth {
    YearMonth::new(2023, m)
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, m, d).unwrap()
}

fn at(m: u32, d: u32, h: u32) -> NaiveDateTime {
    day(m, d).and_hms_opt(h, 0, 0).unwrap()
}

/// The fixture series' report for `month`, filed under `unit`.
fn series(month: u32, unit: &str) -> Report {
    let mut r = fixture(&format!("series/chengqiao-2023-{month:02}.json"));
    r.unit = diaodu::RawValue::Text(unit.into());
    r
}

fn filing(unit: &str, month: u32, report: Report, late: bool) -> Filing {
    Filing {
        unit: unit.into(),
        period: ym(month),
        report,
        counts: Counts::default(),
        late,
        received: Some(at(month, 20, 9)),
        source: format!("{unit}-{month}"),
    }
}

fn units(names: &[&str]) -> Vec<ExpectedUnit> {
    read_unit_list(DEFAULT_FORM, &names.join("\n")).unwrap()
}

fn view(expected: &[ExpectedUnit], record: &Record, month: u32) -> MonthView {
    district::month_view(
        DEFAULT_FORM,
        expected,
        record,
        ym(month),
        day(12, 31),
        Lang::Zh,
    )
}

fn row<'a>(v: &'a MonthView, unit: &str) -> &'a district::StatusRow {
    v.rows
        .iter()
        .find(|r| r.unit == unit)
        .unwrap_or_else(|| panic!("no row {unit}"))
}

#[test]
fn a_unit_list_takes_short_and_old_names_and_refuses_repeats_and_the_office() {
    let list = read_unit_list(
        DEFAULT_FORM,
        "\u{feff}# 2023 名单\n城桥\n\n区建管委\n长兴乡\n上海崇明城投集团有限公司\n",
    )
    .unwrap();
    let got: Vec<_> = list.iter().map(|u| (u.name.as_str(), u.kind)).collect();
    assert_eq!(
        got,
        [
            ("城桥镇", FilerKind::Town),
            ("区建设管理委", FilerKind::Department),
            ("长兴镇", FilerKind::Town),
            ("上海崇明城投集团有限公司", FilerKind::Enterprise),
        ]
    );
    assert_eq!(
        read_unit_list(DEFAULT_FORM, "城桥镇\n堡镇\n城桥").unwrap_err(),
        UnitListError::Duplicate {
            line: 3,
            first_line: 1,
            name: "城桥镇".into()
        }
    );
    assert_eq!(
        read_unit_list(DEFAULT_FORM, "堡镇\n安委办").unwrap_err(),
        UnitListError::Office { line: 2 }
    );
    assert_eq!(
        read_unit_list(DEFAULT_FORM, "# nobody\n\n").unwrap_err(),
        UnitListError::Empty
    );
    let e = read_unit_list(DEFAULT_FORM, "堡镇\n堡镇").unwrap_err();
    assert!(
        e.render(Lang::Zh).contains("第 2 行"),
        "{}",
        e.render(Lang::Zh)
    );
    assert!(
        e.render(Lang::En).contains("line 1"),
        "{}",
        e.render(Lang::En)
    );
}

#[test]
fn the_default_list_is_the_towns_and_departments_without_the_office() {
    let list = district::default_expected(DEFAULT_FORM);
    assert_eq!(
        list.iter().filter(|u| u.kind == FilerKind::Town).count(),
        18
    );
    assert_eq!(
        list.iter()
            .filter(|u| u.kind == FilerKind::Department)
            .count(),
        14
    );
    assert!(list.iter().all(|u| u.name != "区安委办"));
}

#[test]
fn every_unit_gets_its_standing() {
    let expected = units(&["城桥镇", "堡镇", "新河镇", "庙镇"]);
    let mut record = Record::default();
    record
        .filings
        .push(filing("城桥镇", 6, series(6, "城桥镇"), false));
    // A resubmission: two versions, the last counts.
    record
        .filings
        .push(filing("城桥镇", 6, series(6, "城桥镇"), false));
    record
        .filings
        .push(filing("堡镇", 6, series(6, "堡镇"), true));
    for codes in [vec!["C301".to_string()], vec!["C301".into(), "F101".into()]] {
        record.attempts.push(Attempt {
            unit: "新河镇".into(),
            period: ym(6),
            received: Some(at(6, 27, 10)),
            codes,
            source: "x".into(),
        });
    }
    // A unit not on the list that filed all the same.
    record
        .filings
        .push(filing("区应急局", 6, series(6, "区应急局"), false));
    let v = view(&expected, &record, 6);

    assert_eq!(row(&v, "城桥镇").standing, Standing::OnTime);
    assert_eq!(row(&v, "城桥镇").versions, 2);
    assert_eq!(row(&v, "堡镇").standing, Standing::Late);
    assert_eq!(row(&v, "新河镇").standing, Standing::OnlyFailedAttempts);
    assert_eq!(row(&v, "新河镇").failed_attempts, 2);
    assert_eq!(row(&v, "新河镇").attempt_codes, ["C301", "F101"]);
    assert_eq!(row(&v, "庙镇").standing, Standing::NotFiled);
    let other = row(&v, "区应急局");
    assert!(!other.expected);
    assert_eq!(other.kind, FilerKind::Department);
    assert_eq!(
        (
            v.counts.expected,
            v.counts.on_time,
            v.counts.late,
            v.counts.only_failed_attempts,
            v.counts.not_filed,
            v.counts.unexpected
        ),
        (4, 1, 1, 1, 1, 1)
    );
    assert!(!v.complete());
    // The roll-up sums everyone who filed, on the list or not.
    assert_eq!(v.rollup.units, ["城桥镇", "堡镇", "区应急局"]);
}

#[test]
fn the_rollup_sums_counts_and_amounts_exactly_and_ors_yes_no() {
    let expected = units(&["城桥镇", "堡镇", "区应急局"]);
    let mut a = series(6, "城桥镇");
    let mut b = series(6, "堡镇");
    let mut c = series(6, "区应急局");
    c.values.insert(
        "penalty_amount".into(),
        diaodu::RawValue::Text("0.0004".into()),
    );
    c.values
        .insert("media_column".into(), diaodu::RawValue::Text("否".into()));
    a.values.insert(
        "penalty_amount".into(),
        diaodu::RawValue::Text("0.1".into()),
    );
    b.values.insert(
        "penalty_amount".into(),
        diaodu::RawValue::Text("0.2".into()),
    );
    a.values
        .insert("media_column".into(), diaodu::RawValue::Text("是".into()));
    b.values
        .insert("media_column".into(), diaodu::RawValue::Text("否".into()));
    let mut record = Record::default();
    for (u, r) in [("城桥镇", &a), ("堡镇", &b), ("区应急局", &c)] {
        record.filings.push(filing(u, 6, r.clone(), false));
    }
    let v = view(&expected, &record, 6);
    // 0.1 + 0.2 + 0.0004, exactly (no 0.30000000000000004).
    assert_eq!(v.rollup.values["penalty_amount"], "0.3004");
    let found = |r: &Report| match district::values_of(DEFAULT_FORM, r)[0] {
        Some(diaodu::parse::Value::Count(n)) => n,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        v.rollup.values["self_found"],
        (found(&a) + found(&b) + found(&c)).to_string()
    );
    assert_eq!(v.rollup.values["media_column"], "是");
    assert_eq!(v.rollup.yes_count["media_column"], 1);
    // Subtotals by kind add up to the total.
    let town = v
        .rollup
        .subtotals
        .iter()
        .find(|s| s.kind == FilerKind::Town)
        .unwrap();
    let dept = v
        .rollup
        .subtotals
        .iter()
        .find(|s| s.kind == FilerKind::Department)
        .unwrap();
    assert_eq!((town.units, dept.units), (2, 1));
    assert_eq!(
        town.values["self_found"].parse::<u64>().unwrap()
            + dept.values["self_found"].parse::<u64>().unwrap(),
        v.rollup.values["self_found"].parse::<u64>().unwrap()
    );
    // The roll-up is a report of 区安委办, and it passes the same rules.
    let check = v.rollup.check.as_ref().unwrap();
    assert_eq!(check.normalized.unit.as_text(), "区安委办");
    assert!(check.submittable, "{:#?}", check.findings);
}

#[test]
fn the_rollup_is_checked_against_last_months_rollup() {
    let expected = units(&["城桥镇", "堡镇"]);
    let mut record = Record::default();
    record
        .filings
        .push(filing("城桥镇", 5, series(5, "城桥镇"), false));
    record
        .filings
        .push(filing("堡镇", 5, series(5, "堡镇"), false));
    // In June only 城桥镇 has filed, with May's figures: the district's
    // cumulative figures fall.
    let mut june = series(5, "城桥镇");
    june.period = diaodu::RawValue::Text("2023-06".into());
    june.date = diaodu::RawValue::Text("2023-06-20".into());
    record.filings.push(filing("城桥镇", 6, june, false));
    let v = view(&expected, &record, 6);
    assert_eq!(v.rollup.prior_units, 2);
    let check = v.rollup.check.as_ref().unwrap();
    assert!(
        check.findings.iter().any(|f| f.code == "M403"),
        "{:#?}",
        check.findings
    );
    // Once 堡镇 files, it does not.
    record
        .filings
        .push(filing("堡镇", 6, series(6, "堡镇"), false));
    let v = view(&expected, &record, 6);
    let check = v.rollup.check.as_ref().unwrap();
    assert!(
        !check.findings.iter().any(|f| f.code == "M403"),
        "{:#?}",
        check.findings
    );
}

#[test]
fn a_sum_no_field_can_hold_is_written_out_and_refused() {
    let expected = units(&["城桥镇", "堡镇"]);
    let mut record = Record::default();
    for u in ["城桥镇", "堡镇"] {
        let mut r = series(6, u);
        r.values.insert(
            "spot_checked".into(),
            diaodu::RawValue::Number("1000000".into()),
        );
        record.filings.push(filing(u, 6, r, false));
    }
    let v = view(&expected, &record, 6);
    assert_eq!(v.rollup.values["spot_checked"], "2000000");
    let check = v.rollup.check.as_ref().unwrap();
    assert!(check.findings.iter().any(|f| f.id == "F107:spot_checked"));
}

#[test]
fn nobody_filed_means_an_empty_rollup_and_no_check() {
    let v = view(&units(&["城桥镇"]), &Record::default(), 6);
    assert!(v.rollup.units.is_empty());
    assert!(v.rollup.check.is_none());
    assert_eq!(v.rollup.values["self_found"], "");
}

fn series_codes(v: &MonthView, unit: &str) -> Vec<String> {
    v.series
        .iter()
        .filter(|s| s.unit == unit)
        .flat_map(|s| s.findings.iter().map(|f| f.id.clone()))
        .collect()
}

#[test]
fn months_missing_from_a_series_are_listed() {
    let mut record = Record::default();
    for m in [5, 7] {
        record
            .filings
            .push(filing("城桥镇", m, series(m, "城桥镇"), false));
    }
    let v = view(&units(&["城桥镇"]), &record, 8);
    // August itself is not filed: that is its standing, not a series finding.
    assert_eq!(row(&v, "城桥镇").standing, Standing::NotFiled);
    record
        .filings
        .push(filing("城桥镇", 8, series(8, "城桥镇"), false));
    let v = view(&units(&["城桥镇"]), &record, 8);
    let s = &v.series[0].findings;
    let missing = s.iter().find(|f| f.code == "S552").unwrap();
    assert_eq!(missing.id, "S552:period");
    assert!(missing.message.contains("2023年6月"), "{}", missing.message);
    assert!(
        !missing.message.contains("2023年7月"),
        "{}",
        missing.message
    );
}

/// A report whose every cumulative figure is `base`, but `key` at `fixed`.
fn flat(unit: &str, month: u32, base: u64, key: &str, fixed: u64) -> Report {
    let mut values = serde_json::Map::new();
    for f in DEFAULT_FORM.fields {
        let v = match f.kind {
            diaodu::form::Kind::YesNo => json!("否"),
            _ if f.key == key => json!(fixed),
            _ => json!(base),
        };
        values.insert(f.key.into(), v);
    }
    report(json!({
        "unit": unit, "period": format!("2023-{month:02}"), "date": format!("2023-{month:02}-20"),
        "values": values
    }))
}

#[test]
fn a_figure_unchanged_for_three_months_while_others_move_is_a_warning() {
    let mut record = Record::default();
    for (m, base) in [(6, 10), (7, 20), (8, 30)] {
        record.filings.push(filing(
            "堡镇",
            m,
            flat("堡镇", m, base, "self_found", 40),
            false,
        ));
    }
    let v = view(&units(&["堡镇"]), &record, 8);
    let ids = series_codes(&v, "堡镇");
    assert!(ids.contains(&"S553:self_found".to_string()), "{ids:?}");
    // Two months are not three.
    let v = view(&units(&["堡镇"]), &record, 7);
    assert!(
        !series_codes(&v, "堡镇")
            .iter()
            .any(|i| i.starts_with("S553"))
    );
    // Nothing else moved: a quiet unit, not a copied line.
    let mut quiet = Record::default();
    for m in [6, 7, 8] {
        quiet.filings.push(filing(
            "堡镇",
            m,
            flat("堡镇", m, 10, "self_found", 40),
            false,
        ));
    }
    let v = view(&units(&["堡镇"]), &quiet, 8);
    assert!(
        !series_codes(&v, "堡镇")
            .iter()
            .any(|i| i.starts_with("S553"))
    );
    // Zero staying zero is no finding.
    let mut zero = Record::default();
    for (m, base) in [(6, 10), (7, 20), (8, 30)] {
        zero.filings.push(filing(
            "堡镇",
            m,
            flat("堡镇", m, base, "self_found", 0),
            false,
        ));
    }
    let v = view(&units(&["堡镇"]), &zero, 8);
    assert!(!series_codes(&v, "堡镇").contains(&"S553:self_found".to_string()));
}

/// A December report with `found` hazards of which `rectified` were.
fn december(found: u64, rectified: u64) -> Record {
    let mut record = Record::default();
    for m in 5..=12 {
        let mut r = flat("堡镇", m, 100 + u64::from(m), "self_found", found);
        r.values.insert(
            "self_rectified".into(),
            diaodu::RawValue::Number(rectified.to_string()),
        );
        record.filings.push(filing("堡镇", m, r, false));
    }
    record
}

#[test]
fn a_low_year_end_share_rectified_is_a_warning_at_the_threshold() {
    let threshold = diaodu::thresholds::YEAR_END_RECTIFIED_MIN_PERCENT;
    assert_eq!(threshold, 90);
    let has = |found, rectified| {
        let v = view(&units(&["堡镇"]), &december(found, rectified), 12);
        series_codes(&v, "堡镇").contains(&"S554:self_rectified".to_string())
    };
    assert!(!has(1000, 900), "exactly 90 % is enough");
    assert!(has(1000, 899));
    assert!(!has(0, 0), "nothing found, nothing to rectify");
    let v = view(&units(&["堡镇"]), &december(1000, 899), 12);
    let f = v.series[0]
        .findings
        .iter()
        .find(|f| f.code == "S554")
        .unwrap();
    assert!(f.message.contains("89.9%"), "{}", f.message);
    assert_eq!(f.fields, ["self_found", "self_rectified"]);
    // Only December is judged.
    let v = view(&units(&["堡镇"]), &december(1000, 100), 11);
    assert!(
        !series_codes(&v, "堡镇")
            .iter()
            .any(|i| i.starts_with("S554"))
    );
}

#[test]
fn a_series_finding_is_explained_by_the_units_report() {
    let mut record = december(1000, 800);
    let last = record.filings.last_mut().unwrap();
    last.report.explanations.insert(
        "S554:self_rectified".into(),
        "200处为12月下旬新发现的管道隐患，已列入次年一季度整改计划".into(),
    );
    let v = view(&units(&["堡镇"]), &record, 12);
    let f = v.series[0]
        .findings
        .iter()
        .find(|f| f.code == "S554")
        .unwrap();
    assert!(f.explained);
}

#[test]
fn shares_are_rounded_down_and_never_divide_by_zero() {
    assert_eq!(share_text(899, 1000), "89.9");
    assert_eq!(share_text(2, 3), "66.6");
    assert_eq!(share_text(u64::MAX / 1000, u64::MAX / 1000), "100.0");
    assert_eq!(share_text(u64::MAX, 1), "—");
    assert_eq!(
        share_text(u64::MAX / 1000, 1),
        format!("{}.0", u64::MAX / 1000 * 100)
    );
    assert_eq!(share_text(1, 0), "—");
}

#[test]
fn received_after_the_28th_is_s551() {
    let f = diaodu::rules::series::received_late(DEFAULT_FORM, ym(6), day(6, 29)).unwrap();
    assert_eq!(f.id(), "S551:period");
    assert!(diaodu::rules::series::received_late(DEFAULT_FORM, ym(6), day(6, 28)).is_none());
    // The due day of any month (the form runs May to December, but the
    // rule does not depend on it).
    let feb = YearMonth::new(2024, 2);
    let leap = |d| NaiveDate::from_ymd_opt(2024, 2, d).unwrap();
    assert!(diaodu::rules::series::received_late(DEFAULT_FORM, feb, leap(28)).is_none());
    assert!(diaodu::rules::series::received_late(DEFAULT_FORM, feb, leap(29)).is_some());
}

#[cfg(feature = "cli")]
mod cli {
    use assert_cmd::Command;
    use std::path::Path;

    fn diaodu() -> Command {
        let mut c = Command::cargo_bin("diaodu").unwrap();
        c.current_dir(env!("CARGO_MANIFEST_DIR"));
        c
    }

    /// `diaodu month DIR --period PERIOD --today TODAY`.
    fn month(dir: &Path, period: &str, today: &str) -> Command {
        let mut c = diaodu();
        c.args([
            "month",
            dir.to_str().unwrap(),
            "--period",
            period,
            "--today",
            today,
        ]);
        c
    }

    fn copy_series(dir: &Path, months: std::ops::RangeInclusive<u32>) {
        for m in months {
            let name = format!("chengqiao-2023-{m:02}.json");
            std::fs::copy(
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("tests/fixtures/series")
                    .join(&name),
                dir.join(format!("any-name-{m}.json")),
            )
            .unwrap();
        }
    }

    #[test]
    fn all_expected_units_filed_exits_zero() {
        let dir = tempfile::tempdir().unwrap();
        copy_series(dir.path(), 5..=7);
        let list = dir.path().join(".units.txt");
        std::fs::write(&list, "城桥镇\n").unwrap();
        let out = month(dir.path(), "2023-07", "2023-07-30")
            .args(["--units", list.to_str().unwrap()])
            .assert()
            .code(0)
            .get_output()
            .stdout
            .clone();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("城桥镇\t乡镇\t按时报送"), "{text}");
        assert!(text.contains("汇总（1 个单位）"), "{text}");
    }

    #[test]
    fn a_missing_unit_or_an_unusable_file_exits_one() {
        let dir = tempfile::tempdir().unwrap();
        copy_series(dir.path(), 6..=7);
        // Default list: 31 more units are expected.
        month(dir.path(), "2023-07", "2023-07-30").assert().code(1);
        // A second July report for the same unit, and a file that is not JSON.
        std::fs::copy(
            dir.path().join("any-name-7.json"),
            dir.path().join("again.json"),
        )
        .unwrap();
        std::fs::write(dir.path().join("notes.txt"), "不是报表").unwrap();
        let list = dir.path().join(".units.txt");
        std::fs::write(&list, "城桥镇\n").unwrap();
        let out = month(dir.path(), "2023-07", "2023-07-30")
            .args(["--format", "json"])
            .args(["--units", list.to_str().unwrap()])
            .assert()
            .code(1)
            .get_output()
            .stdout
            .clone();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let files: Vec<&str> = v["problems"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["file"].as_str().unwrap())
            .collect();
        assert_eq!(files, ["again.json", "any-name-7.json", "notes.txt"]);
        // Neither July report is used: the unit has not filed.
        assert_eq!(v["rows"][0]["standing"], "notFiled");
    }

    #[test]
    fn bad_arguments_and_an_unreadable_folder_exit_two() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().to_str().unwrap();
        diaodu()
            .args(["month", d, "--period", "2023-13"])
            .assert()
            .code(2);
        diaodu()
            .args(["month", d, "--period", "2023-04"])
            .assert()
            .code(2);
        diaodu()
            .args(["month", d, "--period", "2023-6"])
            .assert()
            .code(2);
        diaodu()
            .args(["month", d, "--period", "2023-06", "--format", "xlsx"])
            .assert()
            .code(2);
        diaodu()
            .args(["month", "/nonexistent/folder", "--period", "2023-06"])
            .assert()
            .code(2)
            .stderr(predicates::str::contains("无法读取目录"));
    }

    #[test]
    fn csv_has_a_bom_and_a_row_per_unit_then_totals() {
        let dir = tempfile::tempdir().unwrap();
        copy_series(dir.path(), 5..=6);
        let out = month(dir.path(), "2023-06", "2023-06-30")
            .args(["--format", "csv"])
            .assert()
            .code(1)
            .get_output()
            .stdout
            .clone();
        assert!(out.starts_with("\u{feff}".as_bytes()));
        let text = String::from_utf8(out[3..].to_vec()).unwrap();
        let mut rows = csv::Reader::from_reader(text.as_bytes());
        let headers = rows.headers().unwrap().clone();
        assert_eq!(&headers[0], "单位");
        assert!(
            headers
                .iter()
                .any(|h| h.starts_with("1.1 企业自查发现的重大事故隐患"))
        );
        let records: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
        // 32 units, the total, three subtotals.
        assert_eq!(records.len(), 32 + 4);
        assert_eq!(&records[0][0], "城桥镇");
        assert_eq!(&records[32][0], "合计");
        let col = headers.iter().position(|h| h.starts_with("1.1 ")).unwrap();
        assert_eq!(records[0][col], records[32][col]);
    }

    #[test]
    fn xlsx_is_written_to_the_file_given() {
        let dir = tempfile::tempdir().unwrap();
        copy_series(dir.path(), 5..=6);
        let out = dir.path().join("roll-up.xlsx");
        month(dir.path(), "2023-06", "2023-06-30")
            .args(["--format", "xlsx"])
            .args(["--out", out.to_str().unwrap()])
            .assert()
            .code(1);
        let bytes = std::fs::read(&out).unwrap();
        assert_eq!(&bytes[..2], b"PK", "an XLSX is a zip");
        assert!(bytes.len() > 4000);
    }
}
