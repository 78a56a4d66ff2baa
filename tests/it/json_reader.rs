//! The project's JSON reader (`diaodu::json`) against serde_json with the
//! derived readers it replaced: texts made by editing the fixtures and small
//! objects with the bytes JSON turns on (quotes, escapes, surrogates,
//! numbers at every limit, duplicates, nesting, truncation) must be read
//! alike: the same values, or the same error at the same line and column.
#![cfg(feature = "fuzzing")]

use std::path::Path;

/// What an edit inserts: JSON's structure, its literals cut short, numbers
/// at and past every limit, escapes of every kind, the report's own names.
const PIECES: &[&str] = &[
    "\"",
    "\\",
    "\\u",
    "\\uD800",
    "\\uDC00",
    "\\ud83d\\ude00",
    "\\ud83d\\u0041",
    "\\ud83d\\n",
    "\\ud83d",
    "\\uZZZZ",
    "\\x",
    "\\/",
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    " ",
    "\n",
    "\r\n",
    "\t",
    "null",
    "nul",
    "true",
    "tru",
    "false",
    "fals",
    "-",
    "0",
    "01",
    "-01",
    "1.",
    "1.e5",
    "1e",
    "1e+",
    "1E-7",
    "1e400",
    "-1e400",
    "1e-400",
    "-0",
    "-0.0",
    "1.5",
    "0.1",
    "2.5e-3",
    "18446744073709551615",
    "18446744073709551616",
    "-9223372036854775808",
    "-9223372036854775809",
    "1e2147483647",
    "1e2147483648",
    "1e99999999999",
    "0e99999999999",
    "1e-99999999999",
    "123456789012345678901234567890.5",
    "\"form\"",
    "\"unit\"",
    "\"period\"",
    "\"date\"",
    "\"values\"",
    "\"explanations\"",
    "\"form\":",
    "\"values\":{",
    "\"values\":null",
    "\"explanations\":{\"W\":",
    "\u{1}",
    "\u{1f}",
    "\u{7f}",
    "é",
    "中",
    "😀",
    "\"a\":1,",
    "\"a\" at line 3 column 4\"",
    "[[[[",
    "]]]]",
    "{\"x\":[1,{\"y\":[]}]}",
    ",}",
    ",]",
];

const SEEDS: &[&str] = &[
    "{}",
    "",
    "{\"unit\":\"城桥镇\",\"period\":\"2023-06\",\"values\":{\"self_found\":12}}",
    "{\"form\":\"chongming-2023\",\"explanations\":{\"W\":\"说明\"}}",
    "\"text\"",
    "null",
    "{\"values\":{\"a\":[1,2],\"b\":{\"x\":1},\"c\":\"\\u4e2d\"}}",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A char boundary of `s` at random.
fn boundary(rng: &mut Rng, s: &str) -> usize {
    let mut i = rng.below(s.len() + 1);
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn edited(rng: &mut Rng, seed: &str) -> String {
    let mut s = seed.to_string();
    for _ in 0..1 + rng.below(4) {
        let at = boundary(rng, &s);
        match rng.below(4) {
            0 | 1 => s.insert_str(at, PIECES[rng.below(PIECES.len())]),
            2 => {
                let mut end = (at + 1 + rng.below(8)).min(s.len());
                while !s.is_char_boundary(end) {
                    end += 1;
                }
                s.replace_range(at..end, "");
            }
            _ => s.truncate(at),
        }
    }
    s
}

fn fixtures() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut texts = Vec::new();
    for sub in ["valid", "broken", "series"] {
        let Ok(entries) = std::fs::read_dir(dir.join(sub)) else {
            continue;
        };
        for e in entries {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "json") {
                texts.push(std::fs::read_to_string(p).unwrap());
            }
        }
    }
    texts
}

#[test]
fn every_piece_alone_and_in_a_report_reads_as_serde_json_reads_it() {
    for piece in PIECES {
        for text in [
            piece.to_string(),
            format!("{{\"form\":{piece}}}"),
            format!("{{\"unit\":{piece}}}"),
            format!("{{\"values\":{piece}}}"),
            format!("{{\"values\":{{\"a\":{piece}}}}}"),
            format!("{{\"explanations\":{{\"W\":{piece}}}}}"),
            format!("{{\"x\":{piece}}}"),
            format!("\"{piece}\""),
            format!("{{\"unit\":\"{piece}\"}}"),
            format!("{{\"{piece}\":1}}"),
            format!("{{\"unit\":1,\"unit\"{piece}}}"),
        ] {
            diaodu::fuzz::json_text(&text);
        }
    }
}

#[test]
fn edited_fixtures_read_as_serde_json_reads_them() {
    let mut seeds: Vec<String> = SEEDS.iter().map(|s| s.to_string()).collect();
    seeds.extend(fixtures());
    assert!(seeds.len() > 20, "the fixtures are found");
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let mut rejected = 0;
    for i in 0..20_000 {
        let text = edited(&mut rng, &seeds[i % seeds.len()]);
        diaodu::fuzz::json_text(&text);
        rejected += usize::from(diaodu::Report::from_json(&text).is_err());
    }
    // Both outcomes are exercised, not only one.
    assert!(
        (2_000..18_000).contains(&rejected),
        "{rejected} of 20000 rejected"
    );
}

/// A number named in an error message ("invalid type: floating point …"),
/// scaled by every power of ten serde_json's table holds and past both
/// ends, names the same double as serde_json's message.
#[test]
fn numbers_in_messages_at_every_power_of_ten() {
    for k in -340..=340 {
        for mantissa in [
            "1",
            "1.5",
            "9.999999999999999",
            "123456789012345678901234567890",
        ] {
            diaodu::fuzz::json_text(&format!("{{\"form\":{mantissa}e{k}}}"));
        }
    }
}
