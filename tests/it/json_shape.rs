//! The JSON result is a public contract with portals: pinned here.

use super::*;
use serde_json::json;

#[test]
fn result_shape_is_camel_case_and_pinned() {
    let mut r = valid();
    r.date = "2023-07-31".into();
    r.values.insert("self_rectified".into(), "50".into());
    r.values
        .insert("penalty_amount".into(), "８．３万元".into());
    r.explanations.insert("H251:date".into(), "核实无误".into());
    let result = run(&r, None, Mode::Submit);
    let v = serde_json::to_value(&result).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "counts",
            "findings",
            "form",
            "mode",
            "normalized",
            "submittable",
            "today"
        ]
    );
    assert_eq!(
        v["counts"],
        json!({ "errors": 1, "warnings": 1, "unexplainedWarnings": 1 })
    );
    insta::assert_json_snapshot!("result_shape", v);
}

#[test]
fn result_json_text_is_compact_and_stable() {
    let result = run(&valid(), None, Mode::Submit);
    let text = result.to_json();
    assert!(!text.contains('\n'));
    assert_eq!(text, run(&valid(), None, Mode::Submit).to_json());
    let back: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(back["normalized"]["values"]["penalty_amount"], "8.3");
}

#[test]
fn normalized_report_reads_back_as_a_report() {
    let r = with(json!({ "self_found": "４２个", "inspectors": "abc" }));
    let result = run(&r, None, Mode::Draft);
    let back: Report =
        serde_json::from_value(serde_json::to_value(&result.normalized).unwrap()).unwrap();
    assert_eq!(
        back.values["self_found"],
        diaodu::RawValue::Number("42".into())
    );
    assert_eq!(
        back.values["inspectors"],
        diaodu::RawValue::Text("abc".into()),
        "unreadable text kept as typed"
    );
    assert_eq!(back.form.as_deref(), Some("chongming-2023"));
}

/// Every fixture's result, compact and pretty, in both languages: the one
/// writer (`diaodu::json`) writes what serde_json writes with the derives
/// the native build keeps for library users.
#[test]
fn the_one_writer_writes_what_serde_json_writes() {
    use diaodu::json::ToJson;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    // The parity cases' reports, generated ones among them (numbers at
    // every limit, hostile text), and the fixtures.
    let cases: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("parity.json")).unwrap()).unwrap();
    let mut texts: Vec<String> = cases
        .iter()
        .map(|c| c["report"].as_str().unwrap().to_string())
        .collect();
    let mut paths = vec![];
    for sub in ["broken", "series"] {
        for e in std::fs::read_dir(dir.join(sub)).unwrap() {
            paths.push(e.unwrap().path());
        }
    }
    let june = fixture("series/chengqiao-2023-06.json");
    let june_text = std::fs::read_to_string(dir.join("series/chengqiao-2023-06.json")).unwrap();
    let mut checked = 0;
    texts.extend(paths.iter().map(|p| std::fs::read_to_string(p).unwrap()));
    for text in &texts {
        let Ok(r) = Report::from_json(text) else {
            continue;
        };
        for lang in [Lang::Zh, Lang::En] {
            for mode in [Mode::Draft, Mode::Submit] {
                let options = Options {
                    mode,
                    today: Some(today()),
                    lang,
                };
                let result = check(&r, Some(&june), &options);
                assert_eq!(
                    result.to_json_text(),
                    serde_json::to_string(&result).unwrap()
                );
                // The check from text writes the same result.
                assert_eq!(
                    diaodu::check_json(text, Some(&june_text), &options).unwrap(),
                    result.to_json()
                );
                assert_eq!(
                    result.to_json_pretty(),
                    serde_json::to_string_pretty(&result).unwrap()
                );
                checked += 1;
            }
        }
        assert_eq!(
            r.to_json_pretty(),
            serde_json::to_string_pretty(&r).unwrap()
        );
    }
    assert!(checked > 40, "{checked}");
    let schema = diaodu::schema();
    assert_eq!(
        schema.to_json_text(),
        serde_json::to_string(&schema).unwrap()
    );
    assert_eq!(
        schema.to_json_pretty(),
        serde_json::to_string_pretty(&schema).unwrap()
    );
    let rules = diaodu::catalogue(diaodu::DEFAULT_FORM);
    assert_eq!(rules.to_json_text(), serde_json::to_string(&rules).unwrap());
    assert_eq!(
        rules.to_json_pretty(),
        serde_json::to_string_pretty(&rules).unwrap()
    );
}

/// A session's answers, and numbers a Rust caller built by hand (not all of
/// them JSON), written alike.
#[test]
fn session_answers_and_hand_made_numbers_are_written_alike() {
    use diaodu::json::ToJson;
    let mut s = diaodu::session::Session::new(
        valid(),
        Some(fixture("series/chengqiao-2023-06.json")),
        Options {
            mode: Mode::Submit,
            today: Some(today()),
            lang: Lang::Zh,
        },
    );
    for (key, text) in [
        ("self_found", "1"),
        ("penalty_amount", "abc\u{1}\"\\"),
        ("self_found", ""),
    ] {
        let status = s.set_field(key, text).unwrap();
        assert_eq!(
            status.to_json_text(),
            serde_json::to_string(&status).unwrap()
        );
        let changes = s.changes();
        assert_eq!(
            changes.to_json_text(),
            serde_json::to_string(&changes).unwrap()
        );
    }
    let mut r = Report::default();
    for (i, n) in [
        "1 ",
        " 1",
        "-",
        "1,2",
        "-0",
        "1e5",
        "0[]",
        "NaN",
        "",
        "07",
        "-1.50",
        "1.",
        "\u{7f}\u{1f}",
    ]
    .iter()
    .enumerate()
    {
        r.values
            .insert(format!("k{i}"), RawValue::Number(n.to_string()));
    }
    r.values.insert(
        "t".into(),
        RawValue::Text("tab\there\u{0}\u{8}\u{c}é😀".into()),
    );
    r.values.insert("o".into(), RawValue::Other("array"));
    r.values.insert("b".into(), RawValue::Bool(false));
    assert_eq!(r.to_json_text(), serde_json::to_string(&r).unwrap());
    assert_eq!(
        r.to_json_pretty(),
        serde_json::to_string_pretty(&r).unwrap()
    );
}

/// `check_json` reads a report by slot (values by their place in the form,
/// members the form lacks apart); it must write what the owned path writes
/// whatever the order of the members, with members the form lacks between
/// known ones, a member repeated (its first place, its last value), and
/// `values` missing or `null`.
#[test]
fn check_json_reads_members_in_any_order_as_the_owned_path() {
    let options = diaodu::Options {
        mode: diaodu::Mode::Submit,
        today: chrono::NaiveDate::from_ymd_opt(2023, 7, 26),
        lang: diaodu::Lang::Zh,
    };
    let keys: Vec<&str> = diaodu::DEFAULT_FORM.fields.iter().map(|f| f.key).collect();
    let member = |k: &str, i: usize| format!("\"{k}\": {}", i % 7 + 1);
    let header = r#""unit": "城桥镇", "period": "2023-07", "date": "2023-07-20""#;
    let mut reversed: Vec<String> = keys
        .iter()
        .enumerate()
        .rev()
        .map(|(i, k)| member(k, i))
        .collect();
    reversed.insert(10, "\"no_such_item\": \"x\"".into());
    reversed.insert(3, "\"zzz_extra\": [1]".into());
    reversed.push("\"no_such_item\": 5".into());
    reversed.push(format!("\"{}\": \"-3\"", keys[4]));
    let in_order: Vec<String> = keys.iter().enumerate().map(|(i, k)| member(k, i)).collect();
    let texts = [
        format!("{{{header}, \"values\": {{{}}}}}", reversed.join(", ")),
        format!("{{\"values\": {{{}}}, {header}}}", in_order.join(", ")),
        format!("{{{header}, \"values\": null}}"),
        format!("{{{header}}}"),
        format!("{{{header}, \"values\": {{\"a\": 1, \"b\": 2, \"a\": 3}}}}"),
    ];
    for text in &texts {
        let owned = Report::from_json(text).unwrap();
        for prior in [None, Some(&texts[1])] {
            let p = prior.map(|p| Report::from_json(p).unwrap());
            assert_eq!(
                diaodu::check_json(text, prior.map(String::as_str), &options).unwrap(),
                diaodu::check(&owned, p.as_ref(), &options).to_json(),
                "{text}"
            );
        }
    }
    // The members the form lacks come after its fields, each at its first
    // place with its last value.
    let out = diaodu::check_json(&texts[0], None, &options).unwrap();
    assert!(
        out.contains(r#""zzz_extra":"<array>","no_such_item":5}"#),
        "{out}"
    );
}

/// Members in the form's order are read without their keys being scanned
/// or looked up: the expected key is compared where it would be. Whatever
/// the text around it (space, an escape spelling the same key, a key that
/// only starts like it, a repeat, a broken member after it), the result or
/// the error is the keyed reader's.
#[test]
fn check_json_reads_the_expected_member_as_any_other() {
    let options = diaodu::Options {
        mode: diaodu::Mode::Draft,
        today: chrono::NaiveDate::from_ymd_opt(2023, 7, 26),
        lang: diaodu::Lang::Zh,
    };
    let head = r#"{"unit": "城桥镇", "period": "2023-07", "date": "2023-07-20", "values": "#;
    let texts = [
        r#"{"self_found": 3, "self_rectified": 2}"#,
        "{\n\t\"self_found\"\r\n :3 ,\n \"self_rectified\"\t: 2 }",
        r#"{"self\u005ffound": 3, "self_rectified": 2}"#,
        r#"{"self_foun": 3, "self_rectified": 2}"#,
        r#"{"self_found_x": 3, "self_rectified": 2}"#,
        r#"{"self_found": 3, "self_found": 4, "self_rectified": 2}"#,
        r#"{"self_found": 3, "self_rectified": 2, "dept_found": 1}"#,
        r#"{"self_found" 3}"#,
        r#"{"self_found": }"#,
        r#"{"self_found": 3,}"#,
        r#"{"self_found": 3 "self_rectified": 2}"#,
        r#"{"self_found""#,
        r#"{"self_found"#,
        r#"{,"self_found": 3}"#,
        r#"{"self_found": 3, "#,
        r#"{ }"#,
    ];
    for values in texts {
        let text = format!("{head}{values}}}");
        let keyed = Report::from_json(&text);
        let by_slot = diaodu::check_json(&text, None, &options);
        match keyed {
            Ok(r) => assert_eq!(
                by_slot.unwrap(),
                diaodu::check(&r, None, &options).to_json(),
                "{text}"
            ),
            Err(e) => assert_eq!(
                by_slot.unwrap_err(),
                diaodu::CheckJsonError::Report(e),
                "{text}"
            ),
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 1024, .. proptest::prelude::ProptestConfig::default() })]

    /// Reports whose values come in the form's order, in their keys' byte
    /// order (as serde_json's default map writes them), in either order
    /// reversed or shuffled, with members left out, members the form lacks
    /// (sorting puts them between known ones), repeats, and an order that
    /// changes part way: `check_json`, which looks for the member it
    /// expects next in the order it has seen, gives the owned path's result.
    #[test]
    fn check_json_reads_values_in_any_order_as_the_owned_path(
        keep in proptest::collection::vec(proptest::bool::weighted(0.85), 35),
        order in 0u8..5,
        seed in proptest::prelude::any::<u64>(),
        extras in proptest::collection::vec((0usize..40, proptest::sample::select(vec![
            "a", "self_found_x", "self_foun", "zzz", "dept_found", "inspectors", "accountability",
        ])), 0..4),
        values in proptest::collection::vec(0u32..20, 35),
    ) {
        let options = diaodu::Options {
            mode: diaodu::Mode::Submit,
            today: chrono::NaiveDate::from_ymd_opt(2023, 7, 26),
            lang: diaodu::Lang::Zh,
        };
        let fields = &diaodu::DEFAULT_FORM.fields;
        let mut members: Vec<(String, String)> = fields
            .iter()
            .zip(&keep)
            .zip(&values)
            .filter(|((_, k), _)| **k)
            .map(|((f, _), v)| (f.key.to_string(), v.to_string()))
            .collect();
        let mut state = seed | 1;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        match order {
            0 => {}
            1 => members.sort(),
            2 => members.reverse(),
            3 => {
                members.sort();
                members.reverse();
            }
            _ => {
                for i in (1..members.len()).rev() {
                    let j = (next() % (i as u64 + 1)) as usize;
                    members.swap(i, j);
                }
            }
        }
        // Half the time the order changes part way: the rest in the form's.
        if seed % 2 == 0 && members.len() > 4 {
            let cut = members.len() / 2;
            let mut rest = members.split_off(cut);
            rest.sort_by_key(|(k, _)| fields.iter().position(|f| f.key == k));
            members.extend(rest);
        }
        for (at, key) in &extras {
            let at = (*at).min(members.len());
            members.insert(at, (key.to_string(), "\"7\"".to_string()));
        }
        let body: Vec<String> = members.iter().map(|(k, v)| format!("\"{k}\": {v}")).collect();
        let text = format!(
            r#"{{"unit": "城桥镇", "period": "2023-07", "date": "2023-07-20", "values": {{{}}}}}"#,
            body.join(", ")
        );
        let owned = Report::from_json(&text).unwrap();
        proptest::prop_assert_eq!(
            diaodu::check_json(&text, None, &options).unwrap(),
            diaodu::check(&owned, None, &options).to_json(),
            "{}", text
        );
    }
}
