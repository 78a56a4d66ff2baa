//! ts/diaodu.d.ts is hand-written; this test keeps it in step with the Rust
//! types by comparing every interface with JSON the Rust code really produces:
//! each member the JSON has must be declared, each required member must be
//! present, and each optional member must turn up in some sample.

use std::collections::{BTreeMap, BTreeSet};

use super::*;
use diaodu::session::Session;
use serde_json::Value;

/// interface name -> (member -> optional?)
fn interfaces() -> BTreeMap<String, BTreeMap<String, bool>> {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/ts/diaodu.d.ts")).unwrap();
    let mut out = BTreeMap::new();
    let mut rest = text.as_str();
    while let Some(i) = rest.find("export interface ") {
        rest = &rest[i + "export interface ".len()..];
        let name_end = rest.find([' ', '{']).unwrap();
        let name = rest[..name_end].trim().to_string();
        let open = rest.find('{').unwrap();
        let close = rest.find('}').unwrap();
        let body = &rest[open + 1..close];
        let mut members = BTreeMap::new();
        for decl in body.split([';', '\n']) {
            let decl = decl.trim();
            if decl.is_empty()
                || decl.starts_with("//")
                || decl.starts_with("/*")
                || decl.starts_with('*')
            {
                continue;
            }
            let Some(colon) = decl.find(':') else {
                continue;
            };
            let member = decl[..colon].trim();
            let optional = member.ends_with('?');
            members.insert(member.trim_end_matches('?').to_string(), optional);
        }
        out.insert(name, members);
        rest = &rest[close..];
    }
    out
}

struct Check {
    decls: BTreeMap<String, BTreeMap<String, bool>>,
    seen_optional: BTreeSet<(String, String)>,
}

impl Check {
    fn sample(&mut self, iface: &str, v: &Value) {
        let decl = self
            .decls
            .get(iface)
            .unwrap_or_else(|| panic!("no interface {iface} in diaodu.d.ts"));
        let obj = v
            .as_object()
            .unwrap_or_else(|| panic!("{iface} sample is not an object: {v}"));
        for k in obj.keys() {
            assert!(
                decl.contains_key(k),
                "{iface}.{k} is produced by Rust but not declared in diaodu.d.ts"
            );
        }
        for (k, optional) in decl {
            if *optional {
                if obj.contains_key(k) {
                    self.seen_optional.insert((iface.to_string(), k.clone()));
                }
            } else {
                assert!(
                    obj.contains_key(k),
                    "{iface}.{k} is declared required but Rust did not produce it: {v}"
                );
            }
        }
    }

    fn each(&mut self, iface: &str, v: &Value) {
        for x in v.as_array().unwrap() {
            self.sample(iface, x);
        }
    }
}

#[test]
fn declarations_match_what_rust_produces() {
    let mut c = Check {
        decls: interfaces(),
        seen_optional: BTreeSet::new(),
    };

    // Results, findings and explanations, accepted and refused.
    let r = fixture("broken/warnings-partly-explained.json");
    let result = serde_json::to_value(run(
        &r,
        Some(&fixture("series/chengqiao-2023-06.json")),
        Mode::Submit,
    ))
    .unwrap();
    c.sample("JsonResult", &result);
    let mut js = result.clone();
    js.as_object_mut().unwrap().remove("normalized");
    c.sample("CheckResult", &js);
    c.sample("Counts", &result["counts"]);
    c.sample("NormalizedReport", &result["normalized"]);
    c.each("Finding", &result["findings"]);
    for f in result["findings"].as_array().unwrap() {
        if let Some(e) = f.get("explanation") {
            c.sample("Explanation", e);
        }
    }
    // The input report format, fully populated.
    c.sample("Report", &serde_json::to_value(&r).unwrap());

    // Changes from a typing session.
    let mut s = Session::new(
        valid(),
        None,
        Options {
            mode: Mode::Submit,
            today: Some(today()),
            lang: Lang::Zh,
        },
    );
    let st = serde_json::to_value(s.set_field("self_rectified", "99").unwrap()).unwrap();
    c.sample("Status", &st);
    let ch = serde_json::to_value(s.changes()).unwrap();
    c.sample("Changes", &ch);
    s.set_field("self_rectified", "1").unwrap();
    let ch = serde_json::to_value(s.changes()).unwrap();
    c.sample("Changes", &ch);
    assert!(!ch["removed"].as_array().unwrap().is_empty());

    // The schema and everything in it.
    let schema = serde_json::to_value(diaodu::schema()).unwrap();
    c.sample("Schema", &schema);
    c.each("HeaderField", &schema["header"]);
    c.each("Section", &schema["sections"]);
    for s in schema["sections"].as_array().unwrap() {
        c.each("Item", &s["items"]);
    }
    c.each("Field", &schema["fields"]);
    c.sample("Registry", &schema["units"]);
    c.each("UnitEntry", &schema["units"]["units"]);
    c.each("StaleName", &schema["units"]["stale"]);
    c.each("Rectification", &schema["rectification"]);
    for k in schema["constraints"].as_array().unwrap() {
        let t = k["type"].as_str().unwrap();
        let iface = format!("{}{}Constraint", t[..1].to_uppercase(), &t[1..]);
        c.sample(&iface, k);
    }
    let catalogue = serde_json::to_value(diaodu::catalogue(diaodu::DEFAULT_FORM)).unwrap();
    c.each("RuleInfo", &catalogue);
    for r in catalogue.as_array().unwrap() {
        c.each("MessageInfo", &r["messages"]);
    }

    // Every optional member was seen at least once, so none is stale.
    for (iface, members) in &c.decls {
        for (k, optional) in members {
            let exempt = iface == "ValidateOptions" || iface == "Report";
            if *optional && !exempt {
                assert!(
                    c.seen_optional.contains(&(iface.clone(), k.clone())),
                    "{iface}.{k}? never produced"
                );
            }
        }
    }
}

/// The form's keys as TypeScript unions, from the form table: the block
/// between the markers in ts/diaodu.d.ts is this text (DIAODU_BLESS=1
/// rewrites it), so a key typed wrong in a portal does not compile.
#[test]
fn the_key_unions_are_the_form_tables_keys() {
    let quote = |keys: Vec<&str>| {
        keys.iter()
            .map(|k| format!("\"{k}\""))
            .collect::<Vec<_>>()
            .join(" | ")
    };
    let form = diaodu::DEFAULT_FORM;
    let fresh = format!(
        "/** The form's value keys, in the printed order. */\nexport type ValueKey = {};\n\
         /** The header's keys. */\nexport type HeaderKey = {};\n\
         /** Every key a field of the form has: what `setField` takes. */\nexport type FieldKey = HeaderKey | ValueKey;\n\
         /** Every message template's key: what `messages` may replace. */\nexport type MessageKey = {};\n",
        quote(form.fields.iter().map(|f| f.key).collect()),
        quote(form.header.iter().map(|h| h.key).collect()),
        quote(diaodu::messages::templates().map(|t| t.key).collect()),
    );
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/ts/diaodu.d.ts");
    let text = std::fs::read_to_string(path).unwrap();
    let begin = "// keys:begin (generated from src/form.rs; `DIAODU_BLESS=1 cargo test --all-features` rewrites it)\n";
    let start = text.find(begin).expect("keys:begin") + begin.len();
    let stop = text.find("// keys:end").expect("keys:end");
    if text[start..stop] != fresh {
        assert!(
            std::env::var_os("DIAODU_BLESS").is_some(),
            "the key unions in ts/diaodu.d.ts are stale; run DIAODU_BLESS=1 cargo test --all-features"
        );
        std::fs::write(
            path,
            format!("{}{}{}", &text[..start], fresh, &text[stop..]),
        )
        .unwrap();
    }
}
