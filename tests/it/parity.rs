//! The parity manifest: every fixture with its prior, options and the exact
//! result JSON the native build produces. The wasm suite (tests/wasm.rs) reads
//! the same file and must produce the same bytes. `DIAODU_BLESS=1` rewrites it.

use super::*;

const MANIFEST: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/parity.json");

#[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
#[serde(rename_all = "camelCase")]
pub struct Case {
    pub name: String,
    pub report: String,
    pub prior: Option<String>,
    pub mode: String,
    pub today: String,
    pub lang: String,
    pub expected: String,
}

fn read(path: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn cases() -> Vec<Case> {
    let mut out = Vec::new();
    for name in super::fixtures::fixture_names() {
        let prior = if name.starts_with("broken/") {
            Some("series/chengqiao-2023-06.json".to_string())
        } else {
            let m: u32 = name[name.len() - 7..name.len() - 5].parse().unwrap();
            (m > 5).then(|| format!("series/chengqiao-2023-{:02}.json", m - 1))
        };
        for (mode, lang) in [("submit", "zh"), ("draft", "en")] {
            let report = read(&name);
            let prior_text = prior.as_deref().map(read);
            let r = Report::from_json(&report).unwrap();
            let p = prior_text.as_deref().map(|t| Report::from_json(t).unwrap());
            let options = Options {
                mode: mode.parse().unwrap(),
                today: Some(today()),
                lang: lang.parse().unwrap(),
            };
            let expected = check(&r, p.as_ref(), &options).to_json();
            out.push(Case {
                name: format!("{name} ({mode}, {lang})"),
                report,
                prior: prior_text,
                mode: mode.into(),
                today: today().to_string(),
                lang: lang.into(),
                expected,
            });
        }
    }
    out
}

#[test]
fn parity_manifest_is_current() {
    let fresh = serde_json::to_string_pretty(&cases()).unwrap() + "\n";
    let current = std::fs::read_to_string(MANIFEST).unwrap_or_default();
    if current != fresh {
        if std::env::var_os("DIAODU_BLESS").is_some() {
            std::fs::write(MANIFEST, fresh).unwrap();
        } else {
            panic!(
                "tests/fixtures/parity.json is stale; run DIAODU_BLESS=1 cargo test --features cli"
            );
        }
    }
}
