//! The browser package's lean path: its generated JS and its Rust half.

use diaodu::DEFAULT_FORM;
use diaodu::lean::{self, Layout, Outcome, Wire, tag};

const BEGIN: &str = "// --- generated from the form table by `lean::js_reader`; do not edit ---\n";
const END: &str = "// --- end of generated code ---\n";

/// `js/lean.js` reads values with code generated from the form table; this
/// keeps the two in step. `DIAODU_BLESS=1` writes the new code in.
#[test]
fn the_js_reader_is_generated_from_the_form_table() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/js/lean.js");
    let js = std::fs::read_to_string(path).unwrap();
    let start = js.find(BEGIN).expect("begin marker") + BEGIN.len();
    let end = js.find(END).expect("end marker");
    let want = lean::js_reader(DEFAULT_FORM);
    if js[start..end] != want {
        if std::env::var_os("DIAODU_BLESS").is_some() {
            std::fs::write(path, format!("{}{want}{}", &js[..start], &js[end..])).unwrap();
        } else {
            panic!("js/lean.js is out of date: run the tests with DIAODU_BLESS=1");
        }
    }
    for f in DEFAULT_FORM.fields {
        assert!(js.contains(&format!("v.{};", f.key)), "{}", f.key);
    }
    assert!(js.contains(&format!("const NOT_TYPED = 0x{:x};", lean::NOT_TYPED)));
}

#[test]
fn no_status_packs_to_not_typed() {
    use diaodu::Counts;
    use diaodu::session::Status;
    let ns = [0, 1, 2, 1022, 1023, 1024, usize::MAX];
    for errors in ns {
        for warnings in ns {
            for unexplained_warnings in ns {
                for (changed, submittable) in
                    [(false, false), (true, false), (false, true), (true, true)]
                {
                    // A report with errors is never submittable.
                    let submittable = submittable && errors == 0 && unexplained_warnings == 0;
                    let counts = Counts {
                        errors,
                        warnings,
                        unexplained_warnings,
                    };
                    let s = Status {
                        changed,
                        counts,
                        submittable,
                    };
                    assert_ne!(lean::pack(s), lean::NOT_TYPED, "{s:?}");
                }
            }
        }
    }
}

fn put_text(w: &mut Wire, slot: usize, at: &mut usize, text: &str, kind: u8) {
    let units: Vec<u16> = text.encode_utf16().collect();
    w.reserve(w.tags.len(), *at + units.len());
    w.text[*at..*at + units.len()].copy_from_slice(&units);
    w.spans[2 * slot] = *at as u32;
    w.spans[2 * slot + 1] = units.len() as u32;
    *at += units.len();
    w.tags[slot] = kind;
}

/// Anything the JS side should have sent down the JSON path is refused
/// here too, not read as something else.
#[test]
fn what_the_lean_path_cannot_read_goes_the_json_way() {
    let layout = Layout::of(DEFAULT_FORM);
    let mut w = Wire::default();
    w.reserve(layout.explanations, 0);
    assert_eq!(w.validate(0), Outcome::Done, "an empty report");

    // A lone surrogate: not text the JSON path would accept either.
    let mut at = 0;
    w.text.clear();
    w.reserve(layout.explanations, 4);
    w.text[0] = 0xD800;
    w.spans[2] = 0;
    w.spans[3] = 1;
    w.tags[1] = tag::STRING;
    assert_eq!(w.validate(0), Outcome::Fallback);
    w.tags[1] = tag::MISSING;

    // A number that is not a safe integer in an integer slot.
    w.tags[5] = tag::INT;
    w.nums[5] = 2f64.powi(60);
    assert_eq!(w.validate(0), Outcome::Fallback);
    w.nums[5] = 0.5;
    assert_eq!(w.validate(0), Outcome::Fallback);
    w.nums[5] = 12.0;
    assert_eq!(w.validate(0), Outcome::Done);

    // An option that does not parse: the JSON path says why.
    put_text(&mut w, layout.options, &mut at, "final", tag::STRING);
    assert_eq!(w.validate(0), Outcome::Fallback);
    put_text(&mut w, layout.options, &mut at, "submit", tag::STRING);
    assert_eq!(w.validate(0), Outcome::Done);

    // More 说明 than the buffers hold.
    assert_eq!(w.validate(1000), Outcome::Fallback);
}

#[test]
fn a_status_packs_and_keeps_its_counts() {
    use diaodu::session::Status;
    let s = Status {
        changed: true,
        counts: diaodu::Counts {
            errors: 3,
            warnings: 1023,
            unexplained_warnings: 5000,
        },
        submittable: false,
    };
    let p = lean::pack(s);
    assert_eq!(p & 1, 1);
    assert_eq!(p >> 1 & 1, 0);
    assert_eq!(p >> 2 & 1023, 3);
    assert_eq!(p >> 12 & 1023, 1023);
    assert_eq!(p >> 22 & 1023, 1023, "capped, not wrapped");
}

/// A wire keeps the prior month it read, for the next call with the same
/// one; any change to the prior month's slots (a number, a text, a tag, a
/// text of the same length, none at all) must read it again. Each answer is
/// held equal to a fresh wire's.
#[test]
fn a_kept_prior_month_is_the_prior_month_given() {
    let layout = Layout::of(DEFAULT_FORM);
    let n = DEFAULT_FORM.fields.len();
    // (report values, prior values, prior unit, with prior)
    let fill = |w: &mut Wire, cur: &[f64], prior: &[f64], prior_unit: &str, with_prior: bool| {
        // The prior month's period follows its unit in the text: a unit
        // ending in "2" and a period "023-06" hold the same units as the
        // unit alone and "2023-06".
        let (prior_unit, prior_period) = match prior_unit.strip_suffix('|') {
            Some(unit) => (unit, "023-06"),
            None => (prior_unit, "2023-06"),
        };
        w.reserve(layout.explanations, 0);
        w.text.clear();
        let mut at = 0;
        for (base, values, unit, period) in [
            (layout.report, cur, "城桥镇", "2023-07"),
            (layout.prior, prior, prior_unit, prior_period),
        ] {
            w.tags[base] = tag::MISSING;
            put_text(w, base + 1, &mut at, unit, tag::STRING);
            put_text(w, base + 2, &mut at, period, tag::STRING);
            put_text(w, base + 3, &mut at, "2023-07-20", tag::STRING);
            for (i, &v) in values.iter().enumerate().take(n) {
                w.tags[base + 4 + i] = tag::INT;
                w.nums[base + 4 + i] = v;
            }
        }
        put_text(w, layout.options, &mut at, "submit", tag::STRING);
        put_text(w, layout.options + 1, &mut at, "2023-07-21", tag::STRING);
        w.tags[layout.options + 2] = tag::MISSING;
        w.tags[layout.options + 3] = if with_prior { tag::TRUE } else { tag::FALSE };
    };
    let yes_no: Vec<bool> = DEFAULT_FORM
        .fields
        .iter()
        .map(|f| f.kind == diaodu::form::Kind::YesNo)
        .collect();
    let values = |k: f64| -> Vec<f64> {
        (0..n)
            .map(|i| if yes_no[i] { 1.0 } else { k + i as f64 })
            .collect()
    };
    let cur = values(10.0);
    let mut lower = values(9.0);
    lower[0] = 500.0; // a fall this month: M403
    let steps: Vec<(Vec<f64>, &str, bool)> = vec![
        (values(9.0), "城桥镇", true),
        (values(9.0), "城桥镇", true),
        (lower.clone(), "城桥镇", true),
        (lower.clone(), "城桥镇", true),
        (lower.clone(), "新河镇", true), // same length, another unit: M401
        (lower.clone(), "城桥镇", false),
        (lower, "城桥镇", true),
        (values(9.0), "城桥", true), // the same unit, written short
        (values(9.0), "港西镇", true),
        (values(9.0), "港西镇2|", true), // the same text, split elsewhere
        (values(9.0), "港西镇", true),
    ];
    let mut kept = Wire::default();
    let mut seen = std::collections::HashSet::new();
    for (k, (prior, unit, with_prior)) in steps.iter().enumerate() {
        fill(&mut kept, &cur, prior, unit, *with_prior);
        assert_eq!(kept.validate(0), Outcome::Done, "step {k}");
        let mut fresh = Wire::default();
        fill(&mut fresh, &cur, prior, unit, *with_prior);
        assert_eq!(fresh.validate(0), Outcome::Done, "step {k}");
        assert_eq!(kept.out, fresh.out, "step {k}");
        assert_eq!(kept.out_text, fresh.out_text, "step {k}");
        seen.insert(String::from_utf16_lossy(&fresh.out_text));
    }
    // The steps give different answers, so a stale prior would show.
    assert!(seen.len() >= 4, "{seen:?}");
}

/// A wire keeps the options and the report's header it read, for the next
/// call with the same ones; a change to any of their slots (a text, a text
/// of the same length, the same texts split elsewhere, a tag) must read
/// them again. Each answer is held equal to a fresh wire's.
#[test]
fn kept_options_and_header_are_the_ones_given() {
    let layout = Layout::of(DEFAULT_FORM);
    let n = DEFAULT_FORM.fields.len();
    // "unit|period|date|mode|today"; an empty mode or today is left missing.
    let fill = |w: &mut Wire, step: &str| {
        let [unit, period, date, mode, today]: [&str; 5] =
            step.split('|').collect::<Vec<_>>().try_into().unwrap();
        w.reserve(layout.explanations, 0);
        w.text.clear();
        let mut at = 0;
        let base = layout.report;
        w.tags[base] = tag::MISSING;
        put_text(w, base + 1, &mut at, unit, tag::STRING);
        put_text(w, base + 2, &mut at, period, tag::STRING);
        put_text(w, base + 3, &mut at, date, tag::STRING);
        for i in 0..n {
            let yes_no = DEFAULT_FORM.fields[i].kind == diaodu::form::Kind::YesNo;
            w.tags[base + 4 + i] = if yes_no { tag::TRUE } else { tag::INT };
            w.nums[base + 4 + i] = 3.0;
        }
        for (s, text) in [(0, mode), (1, today)] {
            if text.is_empty() {
                w.tags[layout.options + s] = tag::MISSING;
            } else {
                put_text(w, layout.options + s, &mut at, text, tag::STRING);
            }
        }
        w.tags[layout.options + 2] = tag::MISSING;
        w.tags[layout.options + 3] = tag::FALSE;
    };
    let steps = [
        "城桥镇|2023-07|2023-07-20|submit|2023-07-21",
        "城桥镇|2023-07|2023-07-20|submit|2023-07-21",
        // Today moves before the date (H-rules): the options changed only.
        "城桥镇|2023-07|2023-07-20|submit|2023-07-19",
        "城桥镇|2023-07|2023-07-20|submit|2023-07-19",
        // Filed after the 28th: the header changed only.
        "城桥镇|2023-07|2023-07-29|submit|2023-07-19",
        "城桥镇|2023-07|2023-07-29|submit|2023-07-30",
        // Another unit of the same length.
        "新河镇|2023-07|2023-07-29|submit|2023-07-30",
        // The same texts, split between unit and period elsewhere.
        "新河镇2|023-07|2023-07-29|submit|2023-07-30",
        "新河镇|2023-07|2023-07-29|submit|2023-07-30",
        "新河镇|2023-13|2023-07-29|submit|2023-07-30",
        "新河镇|2023-07|2023-07-29|draft|2023-07-30",
        "新河镇|2023-07|2023-07-29||2023-07-30",
        "|2023-07|2023-07-29|submit|2023-07-30",
        "城桥镇|2023-07|2023-07-20|submit|2023-07-21",
    ];
    let mut kept = Wire::default();
    let mut seen = std::collections::HashSet::new();
    for (k, step) in steps.iter().enumerate() {
        fill(&mut kept, step);
        assert_eq!(kept.validate(0), Outcome::Done, "step {k}");
        let mut fresh = Wire::default();
        fill(&mut fresh, step);
        assert_eq!(fresh.validate(0), Outcome::Done, "step {k}");
        assert_eq!(kept.out, fresh.out, "step {k}");
        assert_eq!(kept.out_text, fresh.out_text, "step {k}");
        seen.insert((fresh.out.clone(), fresh.out_text.clone()));
    }
    // The steps give different answers, so a stale header or stale
    // options would show.
    assert!(seen.len() >= 8, "{}", seen.len());
}
