//! The typing session behind the JS form object: what each keystroke changes.

use super::*;
use diaodu::session::{Changes, Session, Status};
use proptest::prelude::*;

fn session(report: Report) -> Session {
    Session::new(
        report,
        None,
        Options {
            mode: Mode::Draft,
            today: Some(today()),
            lang: Lang::Zh,
        },
    )
}

/// The details of a call's change, checked against the call's own answer:
/// `changed` is true exactly when there are details to fetch.
fn details(s: &mut Session, status: Status) -> Changes {
    let c = s.changes();
    assert_eq!(status.changed, !c.is_empty(), "{status:?} {c:?}");
    assert_eq!(status.counts, c.counts);
    assert_eq!(status.submittable, c.submittable);
    c
}

fn field(s: &mut Session, key: &str, text: &str) -> Changes {
    let status = s.set_field(key, text).unwrap();
    details(s, status)
}

fn added_ids(c: &diaodu::session::Changes) -> Vec<&str> {
    c.added.iter().map(|f| f.id.as_str()).collect()
}

fn removed_ids(c: &diaodu::session::Changes) -> Vec<&str> {
    c.removed.iter().map(|f| f.id.as_str()).collect()
}

#[test]
fn typing_a_cross_field_error_and_fixing_it() {
    let mut s = session(Report::default());
    let c = field(&mut s, "self_found", "１");
    assert!(c.is_empty());
    let c = field(&mut s, "self_rectified", "1");
    assert!(c.is_empty());
    let c = field(&mut s, "self_rectified", "12");
    assert_eq!(added_ids(&c), ["C301:self_rectified"]);
    // Both fields of the rule carry the finding.
    assert_eq!(
        c.fields.keys().collect::<Vec<_>>(),
        ["self_found", "self_rectified"]
    );
    assert_eq!(c.fields["self_found"][0].id, "C301:self_rectified");
    assert!(!c.submittable);
    // Typing on in self_found: "１" -> "１２": the finding goes away.
    let c = field(&mut s, "self_found", "１２");
    assert_eq!(removed_ids(&c), ["C301:self_rectified"]);
    assert!(c.fields["self_found"].is_empty() && c.fields["self_rectified"].is_empty());
    assert_eq!(
        s.report().values["self_found"],
        diaodu::RawValue::Text("１２".into()),
        "kept as typed"
    );
}

#[test]
fn a_changed_message_is_removed_and_added() {
    let mut s = session(Report::default());
    field(&mut s, "self_found", "5");
    field(&mut s, "self_rectified", "6");
    let c = field(&mut s, "self_rectified", "7");
    assert_eq!(added_ids(&c), ["C301:self_rectified"]);
    assert_eq!(removed_ids(&c), ["C301:self_rectified"]);
    assert!(c.added[0].message.contains('7'));
}

#[test]
fn deleting_a_value_makes_it_blank() {
    let mut s = session(Report::default());
    field(&mut s, "spot_checked", "abc");
    assert_eq!(ids(s.result()), ["F102:spot_checked"]);
    let c = field(&mut s, "spot_checked", "");
    assert_eq!(removed_ids(&c), ["F102:spot_checked"]);
    assert_eq!(s.report().values["spot_checked"], diaodu::RawValue::Blank);
    // In submit mode the blank is then required.
    let st = s.set_mode(Mode::Submit);
    let c = details(&mut s, st);
    assert!(added_ids(&c).contains(&"F101:spot_checked"));
}

#[test]
fn pasting_thousands_and_typing_yuan() {
    let mut s = session(Report::default());
    assert!(field(&mut s, "spot_checked", "1,234").is_empty());
    let c = field(&mut s, "penalty_amount", "35000元");
    assert_eq!(added_ids(&c), ["F106:penalty_amount"]);
    assert!(c.added[0].message.contains("3.5"));
    let c = field(&mut s, "penalty_amount", "3.5");
    assert_eq!(removed_ids(&c), ["F106:penalty_amount"]);
    // 3.5 万元 with no penalty count yet is not a finding until the count is typed.
    let c = field(&mut s, "penalty_count", "0");
    assert_eq!(added_ids(&c), ["C302:penalty_amount"]);
}

#[test]
fn prior_month_set_and_changed() {
    let mut s = session(fixture("series/chengqiao-2023-07.json"));
    assert!(s.result().findings.is_empty());
    let mut prior = fixture("series/chengqiao-2023-06.json");
    prior.values.insert("self_found".into(), 50u64.into());
    let st = s.set_prior(Some(prior));
    let c = details(&mut s, st);
    assert_eq!(added_ids(&c), ["M403:self_found"]);
    let st = s.set_prior(Some(fixture("series/chengqiao-2023-06.json")));
    let c = details(&mut s, st);
    assert_eq!(removed_ids(&c), ["M403:self_found"]);
    // May's report is two months back: a gap to explain, but no decrease.
    let st = s.set_prior(Some(fixture("series/chengqiao-2023-05.json")));
    let c = details(&mut s, st);
    assert_eq!(added_ids(&c), ["M453:period"]);
    let st = s.set_prior(Some(fixture("series/chengqiao-2023-08.json")));
    let c = details(&mut s, st);
    assert_eq!(added_ids(&c), ["M402:period"]);
    assert_eq!(removed_ids(&c), ["M453:period"]);
    let st = s.set_prior(None);
    let c = details(&mut s, st);
    assert_eq!(removed_ids(&c), ["M402:period"]);
}

#[test]
fn explaining_a_warning() {
    let mut s = session(fixture("series/chengqiao-2023-07.json"));
    let c = field(&mut s, "date", "2023-07-31");
    assert_eq!(added_ids(&c), ["H251:date"]);
    assert_eq!(c.fields.keys().collect::<Vec<_>>(), ["period", "date"]);
    assert!(!c.submittable);
    let st = s.set_explanation("H251:date", "无误");
    let c = details(&mut s, st);
    assert!(!c.added[0].explained);
    assert!(c.added[0].explanation.as_ref().unwrap().reason.is_some());
    let st = s.set_explanation("H251:date", "月底防汛值班，延后三天报送");
    let c = details(&mut s, st);
    assert!(c.added[0].explained && c.submittable);
    let st = s.set_explanation("H251:date", "");
    let c = details(&mut s, st);
    assert!(!c.submittable);
    assert!(c.added[0].explanation.is_none());
}

/// Two keys the form does not have, alike in their first hundred characters,
/// make the same finding (a key is quoted cut short): it is listed and
/// counted once, and keystrokes elsewhere keep that count.
#[test]
fn the_same_finding_twice_counts_once() {
    let long = "x".repeat(200);
    let mut report = Report::default();
    for end in ["a", "b"] {
        report
            .values
            .insert(format!("{long}{end}"), RawValue::Number("1".into()));
    }
    let mut s = session(report);
    let fresh = check(s.report(), None, &s.options());
    assert_eq!(
        fresh.findings.iter().filter(|f| f.code == "F110").count(),
        1
    );
    assert_eq!(s.status().counts, fresh.counts);
    for text in ["1", "", "2"] {
        let c = field(&mut s, "self_found", text);
        assert_eq!(c.counts, check(s.report(), None, &s.options()).counts);
    }
    assert_eq!(s.status().counts, fresh.counts);
}

#[test]
fn unknown_keys_are_refused_with_a_message() {
    let mut s = session(Report::default());
    let e = s.set_field("self_fund", "1").unwrap_err();
    assert_eq!(e.render(Lang::Zh), "表中没有“self_fund”这一项。");
}

#[test]
fn switching_language_rerenders_every_message() {
    let mut s = session(Report::default());
    field(&mut s, "self_found", "x");
    let st = s.set_lang(Lang::En);
    let c = details(&mut s, st);
    assert_eq!(added_ids(&c), ["F102:self_found"]);
    assert!(c.added[0].message.contains("is not a number"));
}

/// Texts a keystroke can bring: digits, every ASCII space and control
/// character, Unicode spaces (full-width, no-break, line separator), and
/// anything at all.
fn typed_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{0,4}",
        prop::collection::vec(
            prop::sample::select(vec![
                '\t', '\n', '\u{b}', '\u{c}', '\r', ' ', '\u{1c}', '\u{1f}', '\u{85}', '\u{a0}',
                '\u{3000}', '\u{2028}', '\u{200b}', '1', '万', '元',
            ]),
            0..4,
        )
        .prop_map(|c| c.into_iter().collect()),
        ".{0,6}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Keystrokes on a report whose values are in the form's order, reversed,
    /// or partly missing, with or without a prior month: each leaves the
    /// report holding exactly what was typed (blank exactly when the text
    /// trims to nothing), the session finds and counts (in the keystroke's
    /// own answer) what a fresh validation of that report does, and the
    /// changes it hands out are what came and went since the last ones.
    #[test]
    fn keystrokes_keep_what_is_typed_and_find_what_a_fresh_check_finds(
        order in prop_oneof![Just(0u8), Just(1), Just(2)],
        with_prior in any::<bool>(),
        // Often the same few fields again, as typing goes.
        strokes in prop::collection::vec((prop_oneof![0usize..35, 0usize..4], typed_text()), 1..8),
    ) {
        let form = diaodu::DEFAULT_FORM;
        let mut keys: Vec<&str> = form.fields.iter().map(|f| f.key).collect();
        match order {
            1 => keys.reverse(),
            2 => { keys.retain(|k| k.len() % 2 == 0); }
            _ => {}
        }
        let mut start = Report {
            unit: RawValue::from("城桥镇"),
            period: RawValue::from("2023-07"),
            date: RawValue::from("2023-07-20"),
            ..Report::default()
        };
        for k in keys {
            start.values.insert(k.to_string(), RawValue::Number("3".into()));
        }
        let options = Options { mode: Mode::Submit, today: Some(today()), lang: Lang::Zh };
        // Made from a report in the form's order, then given the one to
        // type on (as a restored draft is).
        let mut in_order = start.clone();
        in_order.values = form
            .fields
            .iter()
            .map(|f| (f.key.to_string(), RawValue::Number("3".into())))
            .collect();
        // A June whose every figure is 5: figures typed below it are
        // findings of their own.
        let prior = with_prior.then(|| every_field("2023-06", |_| "5".into()));
        let mut s = Session::new(in_order, prior.clone(), options);
        s.set_report(start);
        s.changed_findings();
        for (i, text) in strokes {
            let before = s.checked();
            let key = form.fields[i].key;
            let status = s.set_field(key, &text).unwrap();
            let held = s.report().values.get(key).expect("the key is held after its keystroke");
            if text.trim().is_empty() {
                prop_assert_eq!(held, &RawValue::Blank, "{:?}", text);
            } else {
                prop_assert_eq!(held, &RawValue::Text(text.clone()));
            }
            let fresh = check(s.report(), prior.as_ref(), &options);
            prop_assert_eq!(s.result().to_json(), fresh.to_json());
            prop_assert_eq!(status.counts, fresh.counts);
            prop_assert_eq!(status.submittable, fresh.submittable);
            let now = s.checked();
            let c = s.changed_findings();
            let new: Vec<_> = now.iter().filter(|f| !before.contains(f)).cloned().collect();
            let gone: Vec<_> = before.iter().filter(|f| !now.contains(f)).cloned().collect();
            prop_assert_eq!(c.added, new);
            prop_assert_eq!(c.removed, gone);
        }
    }
}

/// 城桥镇's report for `period` (filed on the 20th), with every field of the
/// form, field `i` holding the number `value(i)`.
fn every_field(period: &str, value: impl Fn(usize) -> String) -> Report {
    Report {
        unit: RawValue::from("城桥镇"),
        period: RawValue::from(period),
        date: RawValue::from(format!("{period}-20").as_str()),
        values: diaodu::DEFAULT_FORM
            .fields
            .iter()
            .enumerate()
            .map(|(i, f)| (f.key.to_string(), RawValue::Number(value(i))))
            .collect(),
        ..Report::default()
    }
}

/// One call on a typing session, for the property below.
#[derive(Clone, Debug)]
enum Call {
    Type(usize, String),
    /// A 说明 for one of the current warnings.
    Explain(usize, &'static str),
    Lang(Lang),
    Mode(Mode),
    Prior(bool),
    /// The report as it started, or blank (a restored draft).
    Restore(bool),
    /// The portal's own wording, or ours again.
    Wording(bool),
    Changes,
}

fn call() -> impl Strategy<Value = Call> {
    prop_oneof![
        6 => ((0usize..35), typed_text()).prop_map(|(i, t)| Call::Type(i, t)),
        2 => ((0usize..6), prop::sample::select(vec![
            "",
            "核实无误",
            "本月开展夜间突击检查，发现隐患较多，已逐一督促整改。",
        ]))
            .prop_map(|(k, t)| Call::Explain(k, t)),
        1 => prop_oneof![Just(Lang::Zh), Just(Lang::En)].prop_map(Call::Lang),
        1 => prop_oneof![Just(Mode::Draft), Just(Mode::Submit)].prop_map(Call::Mode),
        1 => any::<bool>().prop_map(Call::Prior),
        1 => any::<bool>().prop_map(Call::Restore),
        1 => any::<bool>().prop_map(Call::Wording),
        4 => Just(Call::Changes),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever happened between two calls of `changed_findings` (several
    /// keystrokes, 说明, a new language, mode, prior month, report or
    /// wording), it hands out what a copy of the findings taken at the
    /// last call, compared with the findings now, says came and went; all
    /// of them as new, and the old ones as gone, after a change of
    /// language; all as new and none as gone after new wording; and the
    /// findings now that name a field of those.
    #[test]
    fn changes_are_what_came_and_went_since_they_were_last_fetched(
        calls in prop::collection::vec(call(), 1..24),
    ) {
        use diaodu::messages::Overrides;
        let form = diaodu::DEFAULT_FORM;
        let mut start = every_field("2023-07", |i| (i % 4).to_string());
        // A key the form does not have: a finding whose field has no place.
        start.values.insert("self_fund".into(), RawValue::Number("1".into()));
        let june = every_field("2023-06", |_| "2".into());
        let wording = Overrides::from_json(r#"{"zh": {"F102": "请填数字"}}"#).unwrap();
        let options = Options { mode: Mode::Submit, today: Some(today()), lang: Lang::Zh };
        let mut s = Session::new(start.clone(), Some(june.clone()), options);
        let (mut seen, mut seen_lang, mut redraw) = (s.checked(), Lang::Zh, false);
        for c in calls {
            match c {
                Call::Type(i, text) => { s.set_field(form.fields[i].key, &text).unwrap(); }
                Call::Explain(k, text) => {
                    let warnings: Vec<_> = s
                        .checked()
                        .into_iter()
                        .filter(|f| f.severity() == diaodu::Severity::Warning)
                        .collect();
                    if let Some(f) = warnings.get(k % warnings.len().max(1)) {
                        s.set_explanation(&f.finding.id(), text);
                    }
                }
                Call::Lang(lang) => {
                    // Another language changes every message shown.
                    let other = lang != s.lang();
                    let st = s.set_lang(lang);
                    if other && !s.checked().is_empty() {
                        prop_assert!(st.changed, "a new language with findings on the form");
                    }
                }
                Call::Mode(mode) => { s.set_mode(mode); }
                Call::Prior(on) => { s.set_prior(on.then(|| june.clone())); }
                Call::Restore(as_started) => {
                    s.set_report(if as_started { start.clone() } else { Report::default() });
                }
                Call::Wording(on) => {
                    // New wording may change any message: changed exactly
                    // when there is a finding.
                    let st = s.set_messages(on.then(|| wording.clone()));
                    prop_assert_eq!(st.changed, !s.checked().is_empty());
                    redraw = true;
                }
                Call::Changes => {
                    let now = s.checked();
                    let (added, removed): (Vec<_>, Vec<_>) = if redraw {
                        (now.clone(), Vec::new())
                    } else if seen_lang != s.lang() {
                        (now.clone(), seen.clone())
                    } else {
                        (
                            now.iter().filter(|f| !seen.contains(f)).cloned().collect(),
                            seen.iter().filter(|f| !now.contains(f)).cloned().collect(),
                        )
                    };
                    let mut keys = Vec::new();
                    for f in added.iter().chain(&removed) {
                        f.finding.each_key(&mut |k| keys.push(k.to_string()));
                    }
                    let touched: Vec<_> = now
                        .iter()
                        .filter(|f| {
                            let mut named = false;
                            f.finding.each_key(&mut |k| named |= keys.iter().any(|x| x == k));
                            named
                        })
                        .cloned()
                        .collect();
                    let got = s.changed_findings();
                    prop_assert_eq!(got.added, added);
                    prop_assert_eq!(got.removed, removed);
                    prop_assert_eq!(got.removed_lang, seen_lang);
                    prop_assert_eq!(got.touched, touched);
                    (seen, seen_lang, redraw) = (now, s.lang(), false);
                }
            }
        }
    }
}
