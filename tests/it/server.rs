//! The recheck server's endpoints, called in-process (tower's oneshot).
#![cfg(feature = "serve")]

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

fn app() -> axum::Router {
    diaodu::server::router(diaodu::server::Config::demo(
        concat!(env!("CARGO_MANIFEST_DIR"), "/www").into(),
    ))
}

fn block<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(f)
}

async fn call(req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let res = app().oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let body = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    (status, headers, body)
}

fn post(body: impl Into<Body>) -> Request<Body> {
    Request::post("/api/check")
        .header("content-type", "application/json")
        .body(body.into())
        .unwrap()
}

fn read(p: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/{p}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn check_returns_the_same_bytes_as_the_library() {
    block(async {
        let body = format!(
            r#"{{"report": {}, "prior": {}, "options": {{"mode": "submit", "today": "2024-01-10", "lang": "zh"}}}}"#,
            read("broken/cross-field-errors.json"),
            read("series/chengqiao-2023-06.json")
        );
        let (status, headers, bytes) = call(post(body)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers["content-type"], "application/json");
        let r = diaodu::Report::from_json(&read("broken/cross-field-errors.json")).unwrap();
        let p = diaodu::Report::from_json(&read("series/chengqiao-2023-06.json")).unwrap();
        let options = diaodu::Options {
            mode: diaodu::Mode::Submit,
            today: Some(super::today()),
            lang: diaodu::Lang::Zh,
        };
        let expected = diaodu::check(&r, Some(&p), &options).to_json();
        assert_eq!(String::from_utf8(bytes).unwrap(), expected);
    });
}

#[test]
fn check_defaults_to_submit_mode() {
    block(async {
        let (status, _, bytes) = call(post(r#"{"report": {}}"#)).await;
        assert_eq!(status, StatusCode::OK);
        let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(v["mode"], "submit");
        assert_eq!(v["counts"]["errors"], 38);
    });
}

#[test]
fn malformed_bodies_get_400_with_a_json_message() {
    block(async {
        for body in [
            "{",
            "[]",
            r#"{"values": {}}"#,
            r#"{"report": {}, "extra": 1}"#,
            r#"{"report": {}, "options": {"mode": "final"}}"#,
            // Arrays are never reports, priors, options or requests: serde
            // would read an array as a struct, member by member.
            r#"{"report": []}"#,
            "[[]]",
            r#"{"report": ["chongming-2023","城桥镇","2023-06","2023-06-26",{"self_found":1}], "options": {"mode": "draft", "today": "2023-06-26"}}"#,
            r#"{"report": {}, "prior": []}"#,
            r#"{"report": {}, "options": ["draft"]}"#,
            r#"{"report": {}, "options": {"mdoe": "draft"}}"#,
            r#"{"report": {}, "options": {"mode": 1}}"#,
        ] {
            let (status, _, bytes) = call(post(body)).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
            let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
            assert!(v["error"].as_str().unwrap().contains("请求"), "{v}");
            assert!(v["errorEn"].as_str().unwrap().contains("request"), "{v}");
        }
        let (status, _, bytes) =
            call(post(r#"{"report": {}, "options": {"today": "tomorrow"}}"#)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(String::from_utf8(bytes).unwrap().contains("YYYY-MM-DD"));
    });
}

#[test]
fn oversized_bodies_get_413_with_a_json_message() {
    block(async {
        let big = format!(
            r#"{{"report": {{"unit": "{}"}}}}"#,
            "x".repeat(diaodu::server::MAX_BODY_BYTES)
        );
        let (status, _, bytes) = call(post(big)).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
        let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert!(v["error"].as_str().unwrap().contains("1 MiB"));
    });
}

#[test]
fn schema_rules_and_the_page() {
    block(async {
        let (status, _, bytes) =
            call(Request::get("/api/schema").body(Body::empty()).unwrap()).await;
        assert_eq!(status, StatusCode::OK);
        let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(v["fields"].as_array().unwrap().len(), 35);
        let (status, _, bytes) =
            call(Request::get("/api/rules").body(Body::empty()).unwrap()).await;
        assert_eq!(status, StatusCode::OK);
        let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(v.as_array().unwrap().len(), diaodu::Rule::ALL.len());
        let (status, headers, bytes) = call(Request::get("/").body(Body::empty()).unwrap()).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            String::from_utf8(bytes)
                .unwrap()
                .contains("<main id=\"paper\"")
        );
        assert!(
            headers["content-security-policy"]
                .to_str()
                .unwrap()
                .contains("script-src 'self' 'wasm-unsafe-eval'")
        );
        let (status, _, bytes) =
            call(Request::get("/api/nothing").body(Body::empty()).unwrap()).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(String::from_utf8(bytes).unwrap().contains("没有这个接口"));
    });
}

#[test]
fn options_read_as_on_every_surface() {
    block(async {
        // A language tag and a null member, as the JS package takes them.
        let (status, _, bytes) = call(post(
            r#"{"report": {}, "prior": null, "options": {"lang": "en-US", "today": null}}"#,
        ))
        .await;
        assert_eq!(status, StatusCode::OK);
        let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(v["mode"], "submit");
        assert!(
            v["findings"][0]["message"]
                .as_str()
                .unwrap()
                .contains("blank")
        );
    });
}

#[test]
fn hostile_bodies_get_quick_bounded_answers() {
    block(async {
        // One 900 KB unknown key: one finding, a short message, no suggestion.
        let body = format!(
            r#"{{"report": {{"values": {{"{}": 1}}}}}}"#,
            "k".repeat(900_000)
        );
        let (status, _, bytes) = call(post(body)).await;
        assert_eq!(status, StatusCode::OK);
        let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        let f110: Vec<_> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["code"] == "F110")
            .collect();
        assert_eq!(f110.len(), 1);
        assert!(f110[0]["message"].as_str().unwrap().chars().count() < 200);
        // 1 MiB of nesting, as the report or inside a value: a 400, not a
        // crash or a stack overflow.
        for deep in [
            format!(r#"{{"report": {}}}"#, "[".repeat(1024 * 1024 - 20)),
            format!(
                r#"{{"report": {{"values": {{"a": {}"#,
                "{\"a\":".repeat(200_000)
            ),
            format!(
                r#"{{"report": {{"values": {{"a": {}"#,
                "[".repeat(1024 * 1024 - 40)
            ),
        ] {
            let (status, _, bytes) = call(post(deep)).await;
            assert_eq!(status, StatusCode::BAD_REQUEST);
            assert!(bytes.len() < 2_000, "{}", String::from_utf8_lossy(&bytes));
        }
        // An unknown member of 900 KB is not sent back whole.
        let body = format!(r#"{{"report": {{}}, "{}": 1}}"#, "m".repeat(900_000));
        let (status, _, bytes) = call(post(body)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(bytes.len() < 2_000, "{} bytes", bytes.len());
    });
}

/// A report inside a request is read by the project's one reader, and its
/// errors are placed within the body exactly where serde_json, reading the
/// whole body with the derived reader, placed them.
#[test]
fn a_reports_errors_are_placed_in_the_body_as_serde_json_placed_them() {
    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Whole {
        report: diaodu::report::Object<diaodu::Report>,
    }
    let reports = [
        "[]",
        "5",
        "{\"values\": 5}",
        "{\"values\": {\"a\": 1,}}",
        "{\n  \"unit\": 1,\n  \"unit\": 2\n}",
        "{\"unit\": \"\\uDC00\"}",
        "{\n\"explanations\": {\"W\": 1.5}}",
        "{\"form\": [1]}",
        "{\"values\": {\"a\": tru}}",
        "{\"values\"\n: {\"a\": \"x\u{1}\"}}",
        "{\"values\": {}}",
    ];
    let mut compared = 0;
    for report in reports {
        for body in [
            format!("{{\"report\": {report}}}"),
            format!("{{\n  \"report\":\n    {report}\n}}"),
        ] {
            let (status, text) = diaodu::server::answer_check(body.as_bytes());
            match serde_json::from_str::<Whole>(&body) {
                Ok(_) => assert_eq!(status, StatusCode::OK, "{body}"),
                Err(e) => {
                    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
                    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
                    let place = format!("(line {}, column {})", e.line(), e.column().max(1));
                    let en = v["errorEn"].as_str().unwrap();
                    assert!(en.contains(&place), "{body}\n{en}\nserde: {e}");
                    let m = e.to_string();
                    let detail = m.split(" at line ").next().unwrap();
                    assert!(en.ends_with(detail), "{body}\n{en}\nserde: {e}");
                    compared += 1;
                }
            }
        }
    }
    assert!(compared >= 18, "{compared}");
}
