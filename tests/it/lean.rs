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
