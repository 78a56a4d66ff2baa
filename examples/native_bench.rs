//! The native counterpart of bench/: the same keystroke and full validation,
//! timed with `Instant`, beside a reference: a typed serde parse of the same
//! report and prior month into plain structs (u64 counts, f64 amounts, a
//! bool) and the peer benchmark's 15 rules (13 "a ≤ b", amount ⇒ count, no
//! figure below last month's). That is what a hand-written recheck with
//! serde would cost; the project's goal is a full check within 2× of it.
//! `cargo run --release --example native_bench`.
//!
//! For callgrind, whose instruction counts do not move from run to run,
//! `native_bench count OP N` runs one operation N times and nothing else
//! (subtract a run with N = 1 to leave out the set-up):
//! `check_json` and `reference` on the reports above (whose members
//! serde_json sorted), `check_json-as-filed` on two fixtures as filed; `lean-good`,
//! `lean-bad` and `lean-alone` the browser package's lean path
//! (`lean::Wire::validate`, the reports put into its slots as the package's
//! JS puts them) on `../shared/peer-bench`'s good and bad reports with its
//! prior month, and the good one alone:
//! `valgrind --tool=callgrind --toggle-collect='diaodu::lean::Wire::validate'
//! target/release/examples/native_bench count lean-good 1001`.

use std::time::Instant;

use diaodu::session::Session;
use diaodu::{Lang, Mode, Options, Report, check};
use serde::Deserialize;

/// A fixture with its values in canonical form (June's were typed with
/// full-width digits and units).
fn fixture(p: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(format!("tests/fixtures/{p}")).unwrap();
    let report = Report::from_json(&text).unwrap();
    serde_json::to_value(diaodu::validate::normalized(diaodu::DEFAULT_FORM, &report)).unwrap()
}

/// The fixture as a typed parse can read it: amounts as JSON numbers,
/// 是/否 as a boolean. Both sides of the comparison read this same text.
fn typed_text(mut v: serde_json::Value) -> String {
    for (_, x) in v["values"].as_object_mut().unwrap().iter_mut() {
        if let Some(s) = x.as_str() {
            *x = match s {
                "是" => true.into(),
                "否" => false.into(),
                n => serde_json::from_str(n).unwrap(),
            };
        }
    }
    v.to_string()
}

fn stats(mut xs: Vec<f64>) -> String {
    xs.sort_by(f64::total_cmp);
    let q = |p: f64| xs[((p * xs.len() as f64) as usize).min(xs.len() - 1)];
    format!(
        "median {:.2} µs, p99 {:.2} µs (n={})",
        q(0.5),
        q(0.99),
        xs.len()
    )
}

fn timed(n: usize, mut f: impl FnMut(usize)) -> Vec<f64> {
    let warm = n / 10;
    let mut out = Vec::with_capacity(n);
    for i in 0..n + warm {
        let t = Instant::now();
        f(i);
        if i >= warm {
            out.push(t.elapsed().as_secs_f64() * 1e6);
        }
    }
    out
}

/// Operations timed in turns, a block of calls of each, round after round,
/// until each has `n` calls: the machine's drift (here the reference took
/// 2.2 µs and 3.4 µs a minute apart when each was timed in one run of its
/// own) then falls on all of them alike, and their ratios hold.
fn interleaved<const K: usize>(n: usize, mut ops: [&mut dyn FnMut(); K]) -> [Vec<f64>; K] {
    const BLOCK: usize = 500;
    for op in ops.iter_mut() {
        for _ in 0..BLOCK {
            op();
        }
    }
    let mut out: [Vec<f64>; K] = std::array::from_fn(|_| Vec::with_capacity(n));
    while out[0].len() < n {
        for (op, times) in ops.iter_mut().zip(out.iter_mut()) {
            for _ in 0..BLOCK {
                let t = Instant::now();
                op();
                times.push(t.elapsed().as_secs_f64() * 1e6);
            }
        }
    }
    out
}

macro_rules! typed_values {
    ($($count:ident),* ; $($money:ident),* ; $flag:ident) => {
        #[derive(Deserialize)]
        #[allow(dead_code)]
        struct Values { $($count: u64,)* $($money: f64,)* $flag: bool }
    };
}

typed_values!(self_found, self_rectified, dept_found, dept_rectified, listed_found,
    listed_rectified, spot_checked, principal_not_studied, principal_not_led,
    no_deputy_duty_list, no_safety_staff, uncertified_special_work, outsourcing_chaos,
    no_emergency_drill, guided_towns, guided_key_firms, penalty_count, dual_penalty,
    judicial_transfer, suspension_ordered, exposed_firms, typical_cases,
    typical_cases_danger_crime, accountability, dept_interviews, study_sessions,
    leader_research, onsite_supervision, enterprise_briefings, inspectors,
    assessment_inspections; penalty_amount, report_reward, report_reward_anonymous; media_column);

#[derive(Deserialize)]
#[allow(dead_code)]
struct Typed {
    form: String,
    unit: String,
    period: String,
    date: String,
    values: Values,
}

/// The peer benchmark's 15 rules on the typed reports: the number broken.
fn typed_rules(r: &Values, p: &Values) -> usize {
    let le = [
        (r.self_rectified, r.self_found),
        (r.dept_rectified, r.dept_found),
        (r.listed_rectified, r.listed_found),
        (r.principal_not_studied, r.spot_checked),
        (r.principal_not_led, r.spot_checked),
        (r.no_deputy_duty_list, r.spot_checked),
        (r.no_safety_staff, r.spot_checked),
        (r.uncertified_special_work, r.spot_checked),
        (r.outsourcing_chaos, r.spot_checked),
        (r.no_emergency_drill, r.spot_checked),
        (r.dual_penalty, r.penalty_count),
        (r.typical_cases_danger_crime, r.typical_cases),
    ];
    let mut n = le.iter().filter(|(a, b)| a > b).count();
    n += usize::from(r.report_reward_anonymous > r.report_reward);
    n += usize::from(r.penalty_amount > 0.0 && r.penalty_count < 1);
    let mom = [
        (r.self_found, p.self_found),
        (r.self_rectified, p.self_rectified),
        (r.dept_found, p.dept_found),
        (r.dept_rectified, p.dept_rectified),
        (r.listed_found, p.listed_found),
        (r.listed_rectified, p.listed_rectified),
        (r.spot_checked, p.spot_checked),
        (r.principal_not_studied, p.principal_not_studied),
        (r.principal_not_led, p.principal_not_led),
        (r.no_deputy_duty_list, p.no_deputy_duty_list),
        (r.no_safety_staff, p.no_safety_staff),
        (r.uncertified_special_work, p.uncertified_special_work),
        (r.outsourcing_chaos, p.outsourcing_chaos),
        (r.no_emergency_drill, p.no_emergency_drill),
        (r.guided_towns, p.guided_towns),
        (r.guided_key_firms, p.guided_key_firms),
        (r.penalty_count, p.penalty_count),
        (r.dual_penalty, p.dual_penalty),
        (r.judicial_transfer, p.judicial_transfer),
        (r.suspension_ordered, p.suspension_ordered),
        (r.exposed_firms, p.exposed_firms),
        (r.typical_cases, p.typical_cases),
        (r.typical_cases_danger_crime, p.typical_cases_danger_crime),
        (r.accountability, p.accountability),
        (r.dept_interviews, p.dept_interviews),
        (r.study_sessions, p.study_sessions),
        (r.leader_research, p.leader_research),
        (r.onsite_supervision, p.onsite_supervision),
        (r.enterprise_briefings, p.enterprise_briefings),
        (r.assessment_inspections, p.assessment_inspections),
    ];
    n += mom.iter().filter(|(a, b)| a < b).count();
    n += usize::from(r.penalty_amount < p.penalty_amount);
    n += usize::from(r.report_reward < p.report_reward);
    n += usize::from(r.report_reward_anonymous < p.report_reward_anonymous);
    n
}

/// A peer benchmark report (its values alone) as the peer adapter sends it.
fn peer(file: &str, period: &str) -> Report {
    let path = format!("../shared/peer-bench/{file}");
    let values = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let text = format!(
        r#"{{"unit": "城桥镇", "date": "2023-07-20", "period": "{period}", "values": {values}}}"#
    );
    Report::from_json(&text).unwrap()
}

/// Two fixtures as filed (members in the form's order; June typed with
/// full-width digits and units).
const FILED: (&str, &str) = (
    include_str!("../tests/fixtures/series/chengqiao-2023-07.json"),
    include_str!("../tests/fixtures/series/chengqiao-2023-06.json"),
);

/// `count OP N`: one operation N times, for callgrind.
fn count(op: &str, n: usize, july: &str, june: &str, options: &Options) {
    let mut sum = 0usize;
    if let Some(which) = op.strip_prefix("keystroke") {
        // The peer benchmark's keystroke: digits into 3.10 of a form with
        // its prior month, changing the value (`keystroke`) or typing the
        // same again (`keystroke-same`); neither changes a finding.
        // `keystroke-fresh`: the same into a form typed from nothing (its
        // other values missing, as on a page's new form).
        // `keystroke-change`: on that form, 3.10 cleared and typed again,
        // so that every keystroke changes a finding (submit mode: a blank
        // field is one). `keystroke-changes`: the same, and each time the
        // changed findings asked for, as a page does then (typed, not yet
        // written out for JS). `keystroke-mixed`: `bench/measure.mjs`'s
        // keystrokes into 1.1 of the good report, which make and clear
        // findings (a cross-field error, a decrease, a wrong unit).
        let options = Options {
            today: chrono::NaiveDate::from_ymd_opt(2023, 7, 21),
            ..*options
        };
        let mut report = peer("valid.json", "2023-07");
        let fetch = which == "-changes";
        let which = if fetch { "-change" } else { which };
        if which == "-fresh" || which == "-change" {
            report.values.clear();
        }
        let mut session = Session::new(report, Some(peer("prior.json", "2023-06")), options);
        let slot = diaodu::DEFAULT_FORM
            .position(if which == "-mixed" {
                "self_found"
            } else {
                "dept_interviews"
            })
            .expect("the field is on the form");
        let texts: &[&str] = if which == "-same" {
            &["100"]
        } else if which == "-change" {
            &["100", ""]
        } else if which == "-mixed" {
            &["42", "4", "43", "１２", "12,34", "42个次"]
        } else {
            &["100", "101", "102"]
        };
        for i in 0..n {
            let status = session.set_slot(slot, std::hint::black_box(texts[i % texts.len()]));
            if which == "-mixed" {
                // Some of these change findings, some do not.
            } else if which == "-change" {
                assert!(status.changed, "every keystroke changes a finding");
                if fetch {
                    sum += std::hint::black_box(session.changed_findings()).added.len();
                }
            } else {
                assert!(
                    which == "-fresh" && i == 0 || !status.changed,
                    "the keystroke changes no finding"
                );
            }
            sum += status.counts.errors;
        }
    } else if let Some(which) = op.strip_prefix("lean-") {
        let report = peer(
            if which == "bad" {
                "invalid.json"
            } else {
                "valid.json"
            },
            "2023-07",
        );
        let prior = (which != "alone").then(|| peer("prior.json", "2023-06"));
        // `kept`: the good report, its prior month, options and header
        // marked as the last call's, as the package's JS marks them.
        let kept = which == "kept";
        let options = Options {
            today: chrono::NaiveDate::from_ymd_opt(2023, 7, 21),
            ..*options
        };
        let mut wire = diaodu::lean::Wire::default();
        for _ in 0..n {
            let pairs = diaodu::lean::put_check(&mut wire, &report, prior.as_ref(), &options)
                .expect("the lean path reads the peer reports");
            if kept && sum > 0 {
                let o = diaodu::lean::Layout::of(diaodu::DEFAULT_FORM).options;
                wire.tags[o] = diaodu::lean::tag::KEPT;
                wire.tags[o + 3] = diaodu::lean::tag::KEPT;
            }
            assert_eq!(wire.validate(pairs), diaodu::lean::Outcome::Done);
            sum += wire.out.len();
        }
    } else {
        for _ in 0..n {
            sum += match op {
                "check_json" => diaodu::check_json(
                    std::hint::black_box(july),
                    Some(std::hint::black_box(june)),
                    options,
                )
                .unwrap()
                .len(),
                // The fixtures as filed, their members in the form's order
                // (as the package, the CLI and most portals write them).
                "check_json-as-filed" => diaodu::check_json(
                    std::hint::black_box(FILED.0),
                    Some(std::hint::black_box(FILED.1)),
                    options,
                )
                .unwrap()
                .len(),
                "reference" => {
                    let r: Typed = serde_json::from_str(std::hint::black_box(july)).unwrap();
                    let p: Typed = serde_json::from_str(std::hint::black_box(june)).unwrap();
                    typed_rules(&r.values, &p.values)
                }
                _ => panic!(
                    "count: check_json, check_json-as-filed, reference, lean-good, lean-bad, lean-alone, lean-kept, keystroke, keystroke-same or keystroke-fresh"
                ),
            };
        }
    }
    println!("{op} ×{n}: {sum}");
}

fn main() {
    let july = typed_text(fixture("series/chengqiao-2023-07.json"));
    let june = typed_text(fixture("series/chengqiao-2023-06.json"));
    let options = Options {
        mode: Mode::Submit,
        today: chrono::NaiveDate::from_ymd_opt(2024, 1, 10),
        lang: Lang::Zh,
    };
    let args: Vec<String> = std::env::args().collect();
    if let [_, cmd, op, n] = args.as_slice()
        && cmd == "count"
    {
        count(op, n.parse().expect("a count"), &july, &june, &options);
        return;
    }
    let (july_report, june_report) = (
        Report::from_json(&july).unwrap(),
        Report::from_json(&june).unwrap(),
    );
    let mut session = Session::new(july_report, Some(june_report), options);
    let texts = ["3", "30", "31"];
    let keys = timed(50_000, |i| {
        std::hint::black_box(
            session
                .set_field("dept_interviews", texts[i % texts.len()])
                .unwrap(),
        );
    });
    let mut broken = 0;
    let [full, from_text, typed] = interleaved(
        20_000,
        [
            &mut || {
                let r = Report::from_json(std::hint::black_box(&july)).unwrap();
                let p = Report::from_json(std::hint::black_box(&june)).unwrap();
                std::hint::black_box(check(&r, Some(&p), &options).to_json());
            },
            &mut || {
                std::hint::black_box(
                    diaodu::check_json(
                        std::hint::black_box(&july),
                        Some(std::hint::black_box(&june)),
                        &options,
                    )
                    .unwrap(),
                );
            },
            &mut || {
                let r: Typed = serde_json::from_str(std::hint::black_box(&july)).unwrap();
                let p: Typed = serde_json::from_str(std::hint::black_box(&june)).unwrap();
                broken = std::hint::black_box(typed_rules(&r.values, &p.values));
            },
        ],
    );
    assert_eq!(
        diaodu::check_json(&july, Some(&june), &options).unwrap(),
        check(
            &Report::from_json(&july).unwrap(),
            Some(&Report::from_json(&june).unwrap()),
            &options
        )
        .to_json(),
        "the two paths write the same result"
    );
    let (f, t, x) = (median(&full), median(&typed), median(&from_text));
    println!(
        "native: keystroke, digits (set_field)              {}",
        stats(keys)
    );
    println!(
        "native: full check from JSON text + result JSON     {}",
        stats(full)
    );
    println!(
        "native: check_json (text in, result JSON out)       {}",
        stats(from_text)
    );
    println!(
        "native: reference, typed serde parse + 15 rules     {} ({broken} broken)",
        stats(typed)
    );
    println!(
        "native: full check ÷ reference                      {:.2}×",
        f / t
    );
    println!(
        "native: check_json ÷ reference                      {:.2}×",
        x / t
    );
}

fn median(xs: &[f64]) -> f64 {
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}
