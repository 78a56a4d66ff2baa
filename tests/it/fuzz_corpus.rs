//! The fuzz targets on stable Rust: the committed corpus replayed through
//! the same functions libFuzzer runs (`diaodu::fuzz`), and a fixed sample
//! of generated inputs, so a crash found once stays fixed on any toolchain
//! route.
#![cfg(all(feature = "fuzzing", feature = "serve"))]

use std::path::Path;

fn corpus(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect()
}

/// Deterministic pseudo-random blobs (xorshift), starting with `first`.
fn generated(first: u8, count: usize) -> Vec<Vec<u8>> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..count)
        .map(|i| {
            let len = 16 + (i * 37) % 2000;
            let mut v = vec![first];
            v.extend((0..len).map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 24) as u8
            }));
            v
        })
        .collect()
}

fn replay(target: &str, run: fn(&[u8]), first: u8) {
    let files = corpus(target);
    assert!(!files.is_empty(), "the {target} corpus is committed");
    for (name, data) in &files {
        let outcome = std::panic::catch_unwind(|| run(data));
        assert!(outcome.is_ok(), "{name} fails the {target} target");
    }
    for data in generated(first, 300) {
        run(&data);
    }
}

#[test]
fn report_corpus() {
    replay("report", diaodu::fuzz::report, 1);
}

#[test]
fn session_corpus() {
    replay("session", diaodu::fuzz::session, 0);
}

#[test]
fn server_body_corpus() {
    replay("server_body", diaodu::fuzz::server_body, 1);
}

#[test]
fn lean_corpus() {
    replay("lean", diaodu::fuzz::lean, 0);
}

#[test]
fn json_corpus() {
    replay("json", diaodu::fuzz::json, b'{');
}

/// What a fuzz run once found is kept under its own name through every
/// later run's minimising (`scripts/fuzz.sh` copies `regression-*` back),
/// so that the replay above keeps running it.
#[test]
fn the_named_regressions_are_kept() {
    for (target, name) in [
        ("lean", "regression-scaled-16-digits"),
        ("lean", "regression-kept-prior-text-boundaries"),
        ("report", "regression-exponent-past-f64"),
        ("server_body", "regression-submit-exponent-past-f64"),
    ] {
        let files = corpus(target);
        assert!(
            files
                .iter()
                .any(|(path, _)| path.ends_with(&format!("/{name}"))),
            "fuzz/corpus/{target}/{name} is gone"
        );
    }
}
