//! The English texts the browser package loads on request
//! (`loadLanguage('en')`, `src/english.rs`): the file is what the native
//! tables say, and reading it refuses what it must.

use diaodu::english::{self, Key, LoadError};
use diaodu::{DEFAULT_FORM, Lang, Rule};

const FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/js/diaodu_en.json");

#[test]
fn the_file_is_written_from_the_tables() {
    let want = english::file_json();
    let have = std::fs::read_to_string(FILE).unwrap_or_default();
    if have != want {
        if std::env::var_os("DIAODU_BLESS").is_some() {
            std::fs::write(FILE, &want).unwrap();
        } else {
            panic!("js/diaodu_en.json is out of date: run the tests with DIAODU_BLESS=1");
        }
    }
    // The file checks out against the build, as the browser's load does.
    assert_eq!(english::load(&want), Ok(()));
}

#[test]
fn every_english_text_is_in_it_once() {
    let mut keys = Vec::new();
    english::each(|key, text| {
        let mut k = String::new();
        let _ = std::fmt::Write::write_fmt(&mut k, format_args!("{key:?}"));
        assert!(text.is_some_and(|t| !t.trim().is_empty()), "{k}");
        keys.push(k);
    });
    let n = keys.len();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), n, "a key is made twice");
    // Everything the tables have in English is counted: each field's label,
    // each help, every rule twice, every template.
    let f = DEFAULT_FORM;
    let helps = f.fields.iter().filter(|x| x.help.is_some()).count();
    assert_eq!(
        n,
        1 + f.header.len()
            + f.sections.len()
            + f.fields.len()
            + helps
            + f.registry.units.len()
            + 2 * Rule::ALL.len()
            + diaodu::messages::templates().count()
    );
    // Natively, English help exists exactly where Chinese help does.
    for x in f.fields {
        assert_eq!(x.help.is_some(), x.help_in(Lang::En).is_some(), "{}", x.key);
    }
}

/// The file with one member's value replaced.
fn with(member: &str, value: &str) -> String {
    let file = english::file_json();
    let at = file.find(&format!("\"{member}\": ")).expect(member) + member.len() + 4;
    let end = at + file[at..].find(",\n").unwrap();
    format!("{}{value}{}", &file[..at], &file[end..])
}

#[test]
fn a_file_that_does_not_fit_is_refused_with_its_reason() {
    let file = english::file_json();
    // Another version's file.
    let other = with("package", "\"diaodu 0.0.1\"");
    let e = english::load(&other).unwrap_err();
    assert_eq!(
        e,
        LoadError::OtherPackage {
            found: Some("diaodu 0.0.1".into())
        }
    );
    assert!(
        e.render(Lang::En).contains("\"diaodu 0.0.1\""),
        "{}",
        e.render(Lang::En)
    );
    assert!(
        e.render(Lang::Zh).contains("diaodu_en.json"),
        "{}",
        e.render(Lang::Zh)
    );
    // A text missing.
    let cut = file.replacen("\"field.self_found\"", "\"field.self_found_\"", 1);
    assert_eq!(
        english::load(&cut),
        Err(LoadError::Missing {
            key: "field.self_found".into()
        })
    );
    // A text that says something else (natively, where English is built in).
    let changed = with("rule.F101", "\"Something else\"");
    assert_eq!(
        english::load(&changed),
        Err(LoadError::Differs {
            key: "rule.F101".into()
        })
    );
    // Not an object of texts.
    for bad in ["", "[]", "{\"package\": 1}", "{", &with("rule.F101", "7")] {
        let e = english::load(bad).unwrap_err();
        assert!(
            matches!(e, LoadError::Shape { .. } | LoadError::OtherPackage { .. }),
            "{bad:?}: {e:?}"
        );
    }
    // Members this build does not need are let through: a newer file may
    // have more.
    let more = file.replacen("{\n", "{\n  \"field.new\": \"New\",\n", 1);
    assert_eq!(english::load(&more), Ok(()));
}

#[test]
fn only_zh_and_en_are_languages() {
    assert_eq!(english::needs_file("zh-CN"), Ok(false));
    // Natively English is built in: nothing to fetch.
    assert_eq!(english::needs_file("en-US"), Ok(false));
    let e = english::needs_file("fr").unwrap_err();
    assert_eq!(e, LoadError::UnknownLanguage { text: "fr".into() });
    assert!(e.render(Lang::Zh).contains("\"fr\""));
}

#[test]
fn keys_name_what_they_hold() {
    let mut seen = Vec::new();
    english::each(|key, _| {
        if let Key::Field(k) = key {
            seen.push(k.to_string());
        }
    });
    let keys: Vec<_> = DEFAULT_FORM
        .fields
        .iter()
        .map(|f| f.key.to_string())
        .collect();
    assert_eq!(seen, keys);
    assert!(
        english::file_json().contains(
            "\"field.self_found\": \"Major hazards found by enterprises' self-inspection\""
        ),
        "{}",
        &english::file_json()[..400]
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 512, .. Default::default() })]

    /// Whatever arrives in place of the file (cut short, bytes changed,
    /// text added), loading it answers: the file as written, or a refusal
    /// that names its reason. It never panics, and nothing else is accepted.
    #[test]
    fn any_file_is_loaded_or_refused_with_a_reason(
        cut in proptest::prelude::any::<proptest::sample::Index>(),
        at in proptest::prelude::any::<proptest::sample::Index>(),
        byte in proptest::prelude::any::<u8>(),
        how in 0u8..4,
    ) {
        let file = english::file_json();
        let mut bytes = file.clone().into_bytes();
        match how {
            0 => bytes.truncate(cut.index(bytes.len() + 1)),
            1 => {
                let i = at.index(bytes.len());
                bytes[i] = byte;
            }
            2 => bytes.insert(at.index(bytes.len() + 1), byte),
            _ => {
                let i = at.index(bytes.len());
                bytes.remove(i);
            }
        }
        let Ok(text) = String::from_utf8(bytes) else { return Ok(()) };
        match english::load(&text) {
            Ok(()) => {
                // Only a change JSON does not see (white space) or a member
                // nobody reads may pass.
                let reread = diaodu::json::members(&text).unwrap();
                let original = diaodu::json::members(&file).unwrap();
                for (k, v) in &original {
                    proptest::prop_assert_eq!(
                        diaodu::json::string(v).unwrap(),
                        diaodu::json::string(reread[k.as_str()]).unwrap()
                    );
                }
            }
            Err(e) => {
                proptest::prop_assert!(!e.render(Lang::Zh).is_empty());
                proptest::prop_assert!(!e.render(Lang::En).is_empty());
            }
        }
    }
}
