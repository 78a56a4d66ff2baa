//! Snapshots of the rendered findings for every fixture, zh and en.

use super::*;

fn prior_for(name: &str) -> Option<Report> {
    // Broken July reports are checked against June, as a portal would.
    name.starts_with("broken/")
        .then(|| fixture("series/chengqiao-2023-06.json"))
}

pub fn fixture_names() -> Vec<String> {
    let dir = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let mut names = Vec::new();
    for sub in ["series", "broken"] {
        for e in std::fs::read_dir(format!("{dir}/{sub}")).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "json") {
                names.push(format!(
                    "{sub}/{}",
                    p.file_name().unwrap().to_string_lossy()
                ));
            }
        }
    }
    names.sort();
    names
}

#[test]
fn rendered_findings_zh_and_en() {
    let names = fixture_names();
    assert!(names.len() >= 18, "{names:?}");
    for name in names {
        let r = fixture(&name);
        let prior = prior_for(&name);
        for lang in [Lang::Zh, Lang::En] {
            let result = check(
                &r,
                prior.as_ref(),
                &Options {
                    mode: Mode::Submit,
                    today: Some(today()),
                    lang,
                },
            );
            let snap = format!("{}_{:?}", name.replace(['/', '.'], "_"), lang).to_lowercase();
            insta::assert_snapshot!(snap, result.to_text(lang));
        }
    }
}

#[test]
fn every_broken_fixture_blocks_and_every_series_month_passes() {
    for name in fixture_names() {
        let r = fixture(&name);
        let result = run(&r, prior_for(&name).as_ref(), Mode::Submit);
        assert_eq!(
            result.submittable,
            name.starts_with("series/"),
            "{name}: {:?}",
            ids(&result)
        );
    }
}
