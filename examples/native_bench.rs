//! The native counterpart of bench/: the same keystroke and full validation,
//! timed with `Instant`. `cargo run --release --example native_bench`.

use std::time::Instant;

use diaodu::session::Session;
use diaodu::{Lang, Mode, Options, Report, check};

fn fixture(p: &str) -> Report {
    Report::from_json(&std::fs::read_to_string(format!("tests/fixtures/{p}")).unwrap()).unwrap()
}

fn stats(mut xs: Vec<f64>) -> String {
    xs.sort_by(f64::total_cmp);
    let q = |p: f64| xs[((p * xs.len() as f64) as usize).min(xs.len() - 1)];
    format!(
        "median {:.1} µs, p99 {:.1} µs (n={})",
        q(0.5),
        q(0.99),
        xs.len()
    )
}

fn main() {
    let july = fixture("series/chengqiao-2023-07.json");
    let june = fixture("series/chengqiao-2023-06.json");
    let options = Options {
        mode: Mode::Submit,
        today: chrono::NaiveDate::from_ymd_opt(2024, 1, 10),
        lang: Lang::Zh,
    };
    let mut session = Session::new(july.clone(), Some(june.clone()), options);
    let texts = ["3", "30", "31"];
    let mut keys = Vec::new();
    for i in 0..5500 {
        let t = Instant::now();
        std::hint::black_box(
            session
                .set_field("dept_interviews", texts[i % texts.len()])
                .unwrap(),
        );
        if i >= 500 {
            keys.push(t.elapsed().as_secs_f64() * 1e6);
        }
    }
    let mut full = Vec::new();
    for i in 0..2200 {
        let t = Instant::now();
        std::hint::black_box(check(&july, Some(&june), &options).to_json());
        if i >= 200 {
            full.push(t.elapsed().as_secs_f64() * 1e6);
        }
    }
    println!("native: keystroke, digits (set_field)     {}", stats(keys));
    println!("native: full check + to_json with prior   {}", stats(full));
}
