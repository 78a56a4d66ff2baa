//! Native/wasm parity on generated reports (a benchmark-style command; see
//! `scripts/parity.sh`, which runs all three steps).
//!
//! 1. `generate N SEED` prints N cases as JSON lines: a report's JSON text,
//!    its prior month's and its options', drawn from the fuzz generator
//!    (`diaodu::fuzz`) with a seeded random source: numbers at every type's
//!    limit, hostile text, unknown keys, full-width forms.
//! 2. `bench/parity.mjs` runs each through the wasm package's `validateJson`
//!    and writes the options exactly as the package received them (a JS
//!    object's JSON) beside the wasm result.
//! 3. `verify FILE` reads that, computes the native result from the same
//!    texts and counts the cases that differ in any byte. Exit 1 if any do.
use std::io::{BufRead, Write};

use arbitrary::{Arbitrary, Unstructured};
use diaodu::fuzz::GenCheck;
use diaodu::options::read_options;
use diaodu::{Options, Report, check};
use serde::{Deserialize, Serialize};

#[derive(Serialize)]
struct Case {
    report: String,
    prior: Option<String>,
    options: String,
}

#[derive(Deserialize)]
struct Answered {
    report: String,
    /// The options object's JSON as the package read it, prior included.
    options: String,
    /// `validateJson`'s result, or the message it threw.
    result: Option<String>,
    error: Option<String>,
}

/// xorshift64*: a fixed, dependency-free source of bytes for the generator.
struct Bytes(u64);

impl Bytes {
    fn next(&mut self) -> u8 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 56) as u8
    }
}

fn generate(count: usize, seed: u64) {
    let mut bytes = Bytes(seed.max(1));
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut made = 0;
    while made < count {
        let len = 64 + usize::from(bytes.next()) * 8;
        let data: Vec<u8> = (0..len).map(|_| bytes.next()).collect();
        let Ok(input) = GenCheck::arbitrary_take_rest(Unstructured::new(&data)) else {
            continue;
        };
        let case = Case {
            report: input.report.json().0,
            prior: input.prior.as_ref().map(|p| p.json().0),
            options: input.options_json(),
        };
        writeln!(out, "{}", serde_json::to_string(&case).unwrap()).unwrap();
        made += 1;
    }
}

/// The native result for the texts the package was given: the report read
/// from its JSON, the options (prior included) by the options module, as the
/// wasm binding reads them.
fn native(report: &str, options: &str) -> Result<String, String> {
    let read = read_options(options, &["prior"], Options::TYPING).map_err(|e| e.to_string())?;
    let prior = match read.extras.get("prior") {
        Some(raw) if raw != "null" => Some(Report::from_json(raw).map_err(|e| e.detail)?),
        _ => None,
    };
    let report = Report::from_json(report).map_err(|e| e.to_string())?;
    Ok(check(&report, prior.as_ref(), &read.options).to_json())
}

fn verify(path: &str) -> bool {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let (mut same, mut differ, mut refused) = (0usize, 0usize, 0usize);
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let a: Answered = serde_json::from_str(&line.unwrap()).expect("an answered case");
        match (native(&a.report, &a.options), a.result, a.error) {
            (Ok(native), Some(wasm), _) if native == wasm => same += 1,
            (Err(_), None, Some(_)) => refused += 1,
            (native, wasm, error) => {
                differ += 1;
                if differ <= 3 {
                    eprintln!(
                        "case {n} differs:\n  native {native:?}\n  wasm   {wasm:?} {error:?}"
                    );
                }
            }
        }
    }
    println!("parity: {same} identical, {refused} refused by both, {differ} differ");
    differ == 0 && same > 0
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["generate", n, seed] => {
            generate(n.parse().expect("a count"), seed.parse().expect("a seed"))
        }
        ["verify", file] => {
            if !verify(file) {
                std::process::exit(1);
            }
        }
        _ => {
            eprintln!("usage: parity_corpus generate N SEED | verify FILE");
            std::process::exit(2);
        }
    }
}
