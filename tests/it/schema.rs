//! The form table: the keys are a public contract.

use diaodu::form::Kind;

const KEYS: [&str; 35] = [
    "self_found",
    "self_rectified",
    "dept_found",
    "dept_rectified",
    "listed_found",
    "listed_rectified",
    "spot_checked",
    "principal_not_studied",
    "principal_not_led",
    "no_deputy_duty_list",
    "no_safety_staff",
    "uncertified_special_work",
    "outsourcing_chaos",
    "no_emergency_drill",
    "guided_towns",
    "guided_key_firms",
    "penalty_count",
    "penalty_amount",
    "dual_penalty",
    "judicial_transfer",
    "suspension_ordered",
    "exposed_firms",
    "typical_cases",
    "typical_cases_danger_crime",
    "accountability",
    "dept_interviews",
    "study_sessions",
    "leader_research",
    "onsite_supervision",
    "enterprise_briefings",
    "report_reward",
    "report_reward_anonymous",
    "media_column",
    "inspectors",
    "assessment_inspections",
];

#[test]
fn keys_are_exactly_the_contract_in_order() {
    let form = diaodu::DEFAULT_FORM;
    let keys: Vec<_> = form.fields.iter().map(|f| f.key).collect();
    assert_eq!(keys, KEYS);
    let items: usize = form.sections.iter().map(|s| s.items.len()).sum();
    assert_eq!(items, 32);
    // Items list their keys in the same order as the fields.
    let from_items: Vec<_> = form
        .sections
        .iter()
        .flat_map(|s| s.items.iter().flat_map(|i| i.keys.iter().copied()))
        .collect();
    assert_eq!(from_items, KEYS);
    for s in form.sections {
        for i in s.items {
            for k in i.keys {
                let f = form.field(k).unwrap();
                assert_eq!((f.section, f.item), (s.number, i.number), "{k}");
            }
        }
    }
}

#[test]
fn printed_numbers_units_and_kinds() {
    let form = diaodu::DEFAULT_FORM;
    let f = |k| form.field(k).unwrap();
    assert_eq!(f("penalty_count").number(), "3.3");
    assert_eq!(
        (f("penalty_count").unit, f("penalty_amount").unit),
        ("次", "万元")
    );
    assert_eq!(f("dept_interviews").number(), "3.10");
    assert_eq!(f("typical_cases_danger_crime").part, 1);
    assert_eq!(f("media_column").kind, Kind::YesNo);
    assert_eq!(f("report_reward_anonymous").kind, Kind::Money);
    assert!(!f("inspectors").cumulative);
    assert_eq!(form.fields.iter().filter(|f| !f.cumulative).count(), 1);
    assert!(
        f("outsourcing_chaos")
            .help
            .unwrap()
            .contains("未签订安全生产协议")
    );
    assert!(
        f("uncertified_special_work")
            .help
            .unwrap()
            .contains("特种作业存单")
    );
    let units: std::collections::BTreeSet<_> = form.fields.iter().map(|f| f.unit).collect();
    assert_eq!(
        units.into_iter().collect::<Vec<_>>(),
        ["万元", "个", "个次", "人", "家", "家次", "是/否", "次"]
    );
}

#[test]
fn schema_export_carries_everything_a_portal_needs() {
    let v = serde_json::to_value(diaodu::schema()).unwrap();
    assert_eq!(v["id"], "chongming-2023");
    assert_eq!(v["fields"].as_array().unwrap().len(), 35);
    assert_eq!(
        v["sections"][2]["items"][7]["printed"],
        "公布典型执法案例（个），其中危险作业罪案例（个）"
    );
    assert_eq!(
        v["fields"][0]["labelEn"],
        "Major hazards found by enterprises' self-inspection"
    );
    assert_eq!(v["fields"][17]["max"], "1000000");
    assert_eq!(v["units"]["units"][0]["name"], "城桥镇");
    assert_eq!(v["header"][1]["format"], "YYYY-MM");
    assert_eq!(v["dueDay"], 28);
    assert_eq!(v["firstPeriod"], "2023-05");
}

#[test]
fn every_rule_has_a_unique_code_doc_and_descriptions() {
    let cat = diaodu::catalogue(diaodu::DEFAULT_FORM);
    let mut codes: Vec<_> = cat.iter().map(|r| r.code).collect();
    codes.dedup();
    assert_eq!(codes.len(), cat.len());
    for r in &cat {
        let doc = r.doc.as_deref().unwrap();
        assert!(
            doc.contains("Why:") && doc.contains("Example:"),
            "{} doc",
            r.code
        );
        assert!(!r.description_zh.is_empty() && !r.description_en.unwrap().is_empty());
        assert!(!r.fields.is_empty(), "{}", r.code);
        let warning = r.code.as_bytes()[2] == b'5';
        assert_eq!(
            warning,
            r.severity == diaodu::Severity::Warning,
            "{} severity vs numbering",
            r.code
        );
    }
    assert_eq!(
        cat.iter().find(|r| r.code == "C301").unwrap().fields.len(),
        20
    );
}

/// Every field key is ASCII lowercase letters, digits and underscores: a
/// normalised report writes them without escaping (`Object::plain_field`),
/// and the JS side uses them as identifiers.
#[test]
fn field_keys_are_plain_identifiers() {
    for form in diaodu::form::FORMS {
        for f in form.fields {
            assert!(
                !f.key.is_empty()
                    && f.key
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                "{}",
                f.key
            );
        }
    }
}
