//! The command line: exit codes and output.
#![cfg(feature = "cli")]

use assert_cmd::Command;
use predicates::prelude::*;

fn diaodu() -> Command {
    let mut c = Command::cargo_bin("diaodu").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

const TODAY: &str = "2024-01-10";

/// Run `diaodu ARGS`, check the exit code, and return what it printed.
fn stdout_of(args: &[&str], code: i32) -> Vec<u8> {
    diaodu()
        .args(args)
        .assert()
        .code(code)
        .get_output()
        .stdout
        .clone()
}

#[test]
fn a_valid_report_exits_zero() {
    diaodu()
        .args([
            "check",
            "tests/fixtures/series/chengqiao-2023-07.json",
            "--prior",
            "tests/fixtures/series/chengqiao-2023-06.json",
            "--today",
            TODAY,
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("可以提交"));
}

#[test]
fn findings_that_block_exit_one_with_text_output() {
    let out = stdout_of(
        &[
            "check",
            "tests/fixtures/broken/cross-field-errors.json",
            "--today",
            TODAY,
        ],
        1,
    );
    insta::assert_snapshot!("cli_cross_field_text", String::from_utf8(out).unwrap());
}

#[test]
fn unexplained_warnings_block_too() {
    diaodu()
        .args([
            "check",
            "tests/fixtures/broken/warnings-unexplained.json",
            "--today",
            TODAY,
            "--lang",
            "en",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "needs an explanation, id H251:date",
        ));
}

#[test]
fn json_output_is_the_result_object() {
    let out = stdout_of(
        &[
            "check",
            "tests/fixtures/broken/typed-badly.json",
            "--today",
            TODAY,
            "--format",
            "json",
        ],
        1,
    );
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["counts"]["errors"], 13);
    assert_eq!(v["findings"][0]["id"], "F102:self_found");
    // Same as the library gives.
    let r = diaodu::Report::from_json(
        &std::fs::read_to_string("tests/fixtures/broken/typed-badly.json").unwrap(),
    )
    .unwrap();
    let lib = diaodu::check(
        &r,
        None,
        &diaodu::Options {
            mode: diaodu::Mode::Submit,
            today: Some(super::today()),
            lang: diaodu::Lang::Zh,
        },
    );
    assert_eq!(v, serde_json::to_value(&lib).unwrap());
}

#[test]
fn draft_mode_allows_blanks() {
    diaodu()
        .args([
            "check",
            "tests/fixtures/broken/mostly-blank.json",
            "--today",
            TODAY,
            "--mode",
            "draft",
        ])
        .assert()
        .code(0);
    diaodu()
        .args([
            "check",
            "tests/fixtures/broken/mostly-blank.json",
            "--today",
            TODAY,
        ])
        .assert()
        .code(1);
}

#[test]
fn reads_standard_input() {
    diaodu()
        .args(["check", "-", "--today", TODAY])
        .write_stdin(std::fs::read("tests/fixtures/series/chengqiao-2023-05.json").unwrap())
        .assert()
        .code(0);
}

#[test]
fn unreadable_input_exits_two_with_a_clear_message() {
    diaodu()
        .args(["check", "no/such/file.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("无法读取 no/such/file.json"))
        .stderr(predicate::str::contains("panicked").not());
    diaodu()
        .args(["check", "-"])
        .write_stdin("{\"values\": [1,2]")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("报表不是有效的 JSON"));
    diaodu()
        .args(["check", "-"])
        .write_stdin(vec![0xff, 0xfe, 0x00])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("UTF-8"));
}

#[test]
fn input_over_one_mebibyte_is_refused() {
    let mut big = String::from("{\"unit\":\"");
    big.push_str(&"x".repeat(1024 * 1024));
    big.push_str("\"}");
    diaodu()
        .args(["check", "-"])
        .write_stdin(big)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("超过 1 MiB"));
}

#[test]
fn usage_errors_exit_two() {
    diaodu().assert().code(2);
    diaodu().args(["check"]).assert().code(2);
    // The options module's own words, as JS and the server say them.
    let mode = diaodu::options::parse_mode("final").unwrap_err();
    diaodu()
        .args(["check", "x.json", "--mode", "final"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(mode.render(diaodu::Lang::Zh)))
        .stderr(predicate::str::contains(mode.render(diaodu::Lang::En)));
    diaodu()
        .args(["check", "x.json", "--lang", "fr"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("lang 应为"));
    diaodu()
        .args(["check", "x.json", "--today", "2023-13-01"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("YYYY-MM-DD"));
    diaodu().args(["--help"]).assert().code(0);
}

#[test]
fn schema_and_rules_export() {
    let out = stdout_of(&["schema"], 0);
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["fields"].as_array().unwrap().len(), 35);
    let out = stdout_of(&["rules", "--format", "json"], 0);
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v.as_array().unwrap().len(), diaodu::Rule::ALL.len());
    assert_eq!(v[0]["code"], "F101");
    assert_eq!(v[0]["descriptionZh"], "必填项未填写（无则填0）");
    diaodu()
        .args(["rules"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("C301 错误 分项不能大于总数"));
}

#[test]
fn language_tags_are_accepted_as_everywhere() {
    let out = stdout_of(
        &[
            "check",
            "tests/fixtures/series/chengqiao-2023-07.json",
            "--today",
            TODAY,
            "--lang",
            "en-US",
        ],
        0,
    );
    assert!(String::from_utf8(out).unwrap().contains("can be submitted"));
}
