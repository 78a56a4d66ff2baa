//! 说明: what counts as an explanation, and what it does to submission.

use super::*;

fn late() -> Report {
    let mut r = valid();
    r.date = "2023-07-31".into();
    r
}

#[test]
fn an_unexplained_warning_blocks_submission() {
    let r = run(&late(), None, Mode::Submit);
    assert_eq!(ids(&r), ["H251:date"]);
    assert_eq!(
        (
            r.counts.errors,
            r.counts.warnings,
            r.counts.unexplained_warnings
        ),
        (0, 1, 1)
    );
    assert!(!r.submittable);
    assert!(!r.findings[0].explained);
    assert!(r.findings[0].explanation.is_none());
}

#[test]
fn a_real_explanation_makes_it_submittable() {
    let mut rep = late();
    rep.explanations.insert(
        "H251:date".into(),
        "7月28日至30日全镇开展防台防汛，报表延后报送".into(),
    );
    let r = run(&rep, None, Mode::Submit);
    assert!(r.submittable);
    assert!(r.findings[0].explained);
    let e = r.findings[0].explanation.as_ref().unwrap();
    assert!(e.accepted && e.reason.is_none());
    assert_eq!(r.counts.unexplained_warnings, 0);
}

#[test]
fn boilerplate_and_short_explanations_do_not_count() {
    for (text, reason_part) in [
        ("核实无误", "套话"),
        ("无误", "套话"),
        ("正确", "套话"),
        ("经核实，数据正确。", "套话"),
        ("", "为空"),
        ("。。。", "为空"),
        ("迟报了", "过短"),
    ] {
        let mut rep = late();
        rep.explanations.insert("H251:date".into(), text.into());
        let r = run(&rep, None, Mode::Submit);
        assert!(!r.submittable, "{text}");
        let e = r.findings[0].explanation.as_ref().unwrap();
        assert!(!e.accepted);
        assert_eq!(e.text, text, "the explanation is kept as written");
        assert!(
            e.reason.as_deref().unwrap().contains(reason_part),
            "{text}: {:?}",
            e.reason
        );
    }
}

#[test]
fn errors_cannot_be_explained_away() {
    let mut rep = valid();
    rep.values.insert("self_rectified".into(), 99u64.into());
    rep.explanations.insert(
        "C301:self_rectified".into(),
        "这是我们镇的真实数据，已经多次核对".into(),
    );
    let r = run(&rep, None, Mode::Submit);
    assert!(!r.submittable);
    assert!(!r.findings[0].explained);
}

#[test]
fn explanations_for_findings_that_are_gone_are_harmless() {
    let mut rep = valid();
    rep.explanations.insert(
        "C351:listed_found".into(),
        "本月统一挂牌督办历史遗留隐患".into(),
    );
    let r = run(&rep, None, Mode::Submit);
    assert!(r.submittable);
    let n = serde_json::to_value(&r.normalized).unwrap();
    assert_eq!(
        n["explanations"]["C351:listed_found"],
        "本月统一挂牌督办历史遗留隐患"
    );
}
