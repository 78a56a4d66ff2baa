//! The record: submissions rechecked against the server's own last month
//! and clock, kept as versions; who may do what; the office's month.
#![cfg(feature = "serve")]

use axum::body::Body;
use axum::http::{Request, StatusCode};
use diaodu::clock::Clock;
use diaodu::server::auth::Auth;
use diaodu::server::store::Store;
use diaodu::server::{Config, router};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

fn fixture(p: &str) -> Value {
    let text =
        std::fs::read_to_string(format!("{}/tests/fixtures/{p}", env!("CARGO_MANIFEST_DIR")))
            .unwrap();
    serde_json::from_str(&text).unwrap()
}

fn june() -> Value {
    fixture("series/chengqiao-2023-06.json")
}

fn july() -> Value {
    fixture("series/chengqiao-2023-07.json")
}

struct Server {
    app: axum::Router,
    rt: tokio::runtime::Runtime,
}

impl Server {
    fn new(auth: Auth, at: &str) -> Server {
        Server::with_store(auth, at, Store::in_memory().unwrap())
    }

    fn with_store(auth: Auth, at: &str, store: Store) -> Server {
        let config = Config {
            www: concat!(env!("CARGO_MANIFEST_DIR"), "/www").into(),
            store,
            auth,
            clock: Clock::fixed_at(at).unwrap(),
            expected: diaodu::district::read_unit_list(diaodu::DEFAULT_FORM, "城桥镇\n堡镇")
                .unwrap(),
        };
        Server {
            app: router(config),
            rt: tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap(),
        }
    }

    fn call(&self, req: Request<Body>) -> (StatusCode, Value, axum::http::HeaderMap, Vec<u8>) {
        self.rt.block_on(async {
            let res = self.app.clone().oneshot(req).await.unwrap();
            let status = res.status();
            let headers = res.headers().clone();
            let bytes = res.into_body().collect().await.unwrap().to_bytes().to_vec();
            let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
            (status, json, headers, bytes)
        })
    }

    fn submit_as(&self, who: Option<(&str, &str)>, body: Value) -> (StatusCode, Value) {
        let mut req = Request::post("/api/submit").header("content-type", "application/json");
        if let Some((name, value)) = who {
            req = req.header(name, value);
        }
        let (s, v, _, _) = self.call(req.body(Body::from(body.to_string())).unwrap());
        (s, v)
    }

    fn submit(&self, report: Value) -> (StatusCode, Value) {
        self.submit_as(None, json!({ "report": report }))
    }

    fn get_as(
        &self,
        who: Option<(&str, &str)>,
        path: &str,
    ) -> (StatusCode, Value, axum::http::HeaderMap, Vec<u8>) {
        let mut req = Request::get(path);
        if let Some((name, value)) = who {
            req = req.header(name, value);
        }
        self.call(req.body(Body::empty()).unwrap())
    }

    fn get(&self, path: &str) -> (StatusCode, Value) {
        let (s, v, _, _) = self.get_as(None, path);
        (s, v)
    }
}

impl Server {
    /// The office's month view, and the row of `unit` in it.
    fn month_row(&self, period: &str, unit: &str) -> (Value, Value) {
        let (_, m) = self.get(&format!("/api/month?period={period}"));
        let row = m["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["unit"] == unit)
            .unwrap_or_else(|| panic!("{unit} in {m}"))
            .clone();
        (m, row)
    }
}

fn codes(result: &Value) -> Vec<String> {
    result["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_submittable_report_is_kept_and_becomes_next_months_prior() {
    let s = Server::new(Auth::Demo, "2023-06-28T10:00:00");
    let (status, body) = s.submit(june());
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["unit"], "城桥镇");
    assert_eq!(body["received"], "2023-06-28 10:00:00");
    assert!(body["result"]["submittable"].as_bool().unwrap());
    let version = body["version"].as_i64().unwrap();

    let (status, prior) = s.get("/api/prior?period=2023-07&unit=城桥");
    assert_eq!(status, StatusCode::OK);
    assert_eq!(prior["prior"]["version"], version);
    assert_eq!(prior["prior"]["report"]["period"], "2023-06");
    // Stored normalised: full-width digits and units read.
    assert_eq!(prior["prior"]["report"]["values"]["self_found"], 31);

    let (_, none) = s.get("/api/prior?period=2023-06&unit=城桥镇");
    assert!(none["prior"].is_null());
}

#[test]
fn a_request_that_carries_prior_or_today_is_refused_by_name() {
    let s = Server::new(Auth::Demo, "2023-07-26T10:00:00");
    for (body, name) in [
        (json!({ "report": july(), "prior": june() }), "prior"),
        (json!({ "report": july(), "today": "2023-07-01" }), "today"),
        (
            json!({ "report": july(), "options": { "today": "2023-07-01" } }),
            "options.today",
        ),
        (
            json!({ "report": july(), "options": { "mode": "draft" } }),
            "options.mode",
        ),
    ] {
        let (status, v) = s.submit_as(None, body);
        assert_eq!(status, StatusCode::BAD_REQUEST, "{name}: {v}");
        assert!(v["error"].as_str().unwrap().contains(name), "{name}: {v}");
        assert!(v["errorEn"].as_str().unwrap().contains(name), "{name}: {v}");
    }
    // Nothing was kept.
    let (_, h) = s.get("/api/history?period=2023-07&unit=城桥镇");
    assert_eq!(h["versions"].as_array().unwrap().len(), 0);
    assert_eq!(h["attempts"].as_array().unwrap().len(), 0);
}

#[test]
fn last_month_comes_from_the_record_so_a_decrease_cannot_be_hidden() {
    let s = Server::new(Auth::Demo, "2023-07-28T09:00:00");
    // June arrives a month late, with its reason.
    let mut late_june = june();
    late_june["explanations"]["S551:period"] = json!("6月报表漏报，7月补报，已向区安委办说明");
    let (status, v) = s.submit(late_june);
    assert_eq!(status, StatusCode::CREATED, "{v}");
    // July with a figure below June's: the client sends no prior, and the
    // server compares with the June it keeps.
    let mut bad = july();
    bad["values"]["self_found"] = json!(1);
    let (status, v) = s.submit(bad);
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(codes(&v["result"]).contains(&"M403".to_string()), "{v}");
    assert!(v["attempt"].as_i64().is_some());
    // The attempt is kept and shows in the office's month.
    let (_, row) = s.month_row("2023-07", "城桥镇");
    assert_eq!(row["standing"], "onlyFailedAttempts");
    assert!(
        row["attemptCodes"]
            .as_array()
            .unwrap()
            .contains(&json!("M403"))
    );
    // The right July is accepted.
    assert_eq!(s.submit(july()).0, StatusCode::CREATED);
    let (_, row) = s.month_row("2023-07", "城桥镇");
    assert_eq!(row["standing"], "onTime");
    assert_eq!(row["failedAttempts"], 1);
}

#[test]
fn received_after_the_28th_needs_a_reason_and_counts_as_late() {
    let s = Server::new(Auth::Demo, "2023-06-29T08:30:00");
    let (status, v) = s.submit(june());
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    let f = v["result"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "S551")
        .unwrap();
    assert_eq!(f["id"], "S551:period");
    assert!(f["message"].as_str().unwrap().contains("2023-06-29"), "{f}");
    let mut explained = june();
    explained["explanations"]["S551:period"] = json!("6月28日系统故障无法登录，次日上午补报");
    let (status, v) = s.submit(explained);
    assert_eq!(status, StatusCode::CREATED, "{v}");
    let (_, row) = s.month_row("2023-06", "城桥镇");
    assert_eq!(row["standing"], "late");
}

#[test]
fn a_resubmission_keeps_every_version() {
    let s = Server::new(Auth::Demo, "2023-06-28T10:00:00");
    let (_, a) = s.submit(june());
    let mut again = june();
    again["values"]["spot_checked"] = json!(41);
    let (_, b) = s.submit(again);
    assert!(b["version"].as_i64() > a["version"].as_i64());
    let (_, h) = s.get("/api/history?period=2023-06&unit=城桥镇");
    let versions = h["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0]["report"]["values"]["spot_checked"], 40);
    assert_eq!(versions[1]["report"]["values"]["spot_checked"], 41);
    // The last one counts.
    let (m, row) = s.month_row("2023-06", "城桥镇");
    assert_eq!(row["versions"], 2);
    assert_eq!(m["rollup"]["values"]["spot_checked"], "41");
}

#[test]
fn behind_a_proxy_a_unit_files_and_reads_only_its_own() {
    let s = Server::new(
        Auth::Header("x-diaodu-unit".parse().unwrap()),
        "2023-06-28T10:00:00",
    );
    let me = Some(("x-diaodu-unit", "城桥镇"));
    // No header: 401.
    assert_eq!(s.submit(june()).0, StatusCode::UNAUTHORIZED);
    // Another unit's report: 403, nothing kept.
    let (status, v) = s.submit_as(Some(("x-diaodu-unit", "堡镇")), json!({ "report": june() }));
    assert_eq!(status, StatusCode::FORBIDDEN, "{v}");
    assert!(v["error"].as_str().unwrap().contains("堡镇"));
    // Its own (by a short name): kept.
    assert_eq!(
        s.submit_as(Some(("x-diaodu-unit", "城桥")), json!({ "report": june() }))
            .0,
        StatusCode::CREATED
    );
    assert_eq!(
        s.get_as(me, "/api/history?period=2023-06").0,
        StatusCode::OK
    );
    assert_eq!(
        s.get_as(me, "/api/history?period=2023-06&unit=堡镇").0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        s.get_as(me, "/api/month?period=2023-06").0,
        StatusCode::FORBIDDEN
    );
    // The office reads the month and any unit, and files for nobody.
    let office = Some(("x-diaodu-unit", "区安委办"));
    let (status, m, _, _) = s.get_as(office, "/api/month?period=2023-06");
    assert_eq!(status, StatusCode::OK);
    assert_eq!(m["counts"]["onTime"], 1);
    assert_eq!(m["counts"]["notFiled"], 1);
    assert_eq!(
        s.get_as(office, "/api/history?period=2023-06&unit=城桥镇")
            .0,
        StatusCode::OK
    );
    assert_eq!(
        s.submit_as(office, json!({ "report": june() })).0,
        StatusCode::FORBIDDEN
    );
    let (_, who, _, _) = s.get_as(me, "/api/session");
    assert_eq!(
        who,
        json!({ "auth": "header", "demo": false, "unit": "城桥镇", "office": false, "today": "2023-06-28" })
    );
}

#[test]
fn tokens_name_the_unit() {
    let token = "a".repeat(32);
    let office = "b".repeat(32);
    let auth = Auth::tokens(
        diaodu::DEFAULT_FORM,
        &json!({ "城桥镇": token, "区安委办": office }).to_string(),
        diaodu::Lang::Zh,
    )
    .unwrap();
    let s = Server::new(auth, "2023-06-28T10:00:00");
    let bearer = format!("Bearer {token}");
    assert_eq!(
        s.submit_as(
            Some(("authorization", &bearer)),
            json!({ "report": june() })
        )
        .0,
        StatusCode::CREATED
    );
    let wrong = format!("Bearer {}", "c".repeat(32));
    assert_eq!(
        s.submit_as(Some(("authorization", &wrong)), json!({ "report": june() }))
            .0,
        StatusCode::UNAUTHORIZED
    );
    let ob = format!("Bearer {office}");
    assert_eq!(
        s.get_as(Some(("authorization", &ob)), "/api/month?period=2023-06")
            .0,
        StatusCode::OK
    );
    // Short, repeated or empty token files are refused.
    for bad in [
        json!({ "城桥镇": "short" }),
        json!({ "城桥镇": token, "城桥": "d".repeat(32) }),
        json!({}),
    ] {
        assert!(
            Auth::tokens(diaodu::DEFAULT_FORM, &bad.to_string(), diaodu::Lang::Zh).is_err(),
            "{bad}"
        );
    }
}

#[test]
fn the_month_downloads_as_csv_and_xlsx() {
    let s = Server::new(Auth::Demo, "2023-06-28T10:00:00");
    s.submit(june());
    let (status, _, headers, bytes) = s.get_as(None, "/api/month?period=2023-06&format=csv");
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        headers["content-disposition"],
        "attachment; filename=\"diaodu-2023-06.csv\""
    );
    assert!(bytes.starts_with("\u{feff}单位".as_bytes()));
    let (status, _, headers, bytes) = s.get_as(None, "/api/month?period=2023-06&format=xlsx");
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .contains("spreadsheetml")
    );
    assert_eq!(&bytes[..2], b"PK");
    for bad in [
        "/api/month?period=2023-13",
        "/api/month?period=2023-06&format=pdf",
        "/api/month",
    ] {
        assert_eq!(s.get(bad).0, StatusCode::BAD_REQUEST, "{bad}");
    }
}

/// A record file in `dir` that a server, now stopped, accepted June into.
fn record_file_with_june(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("record.sqlite3");
    let s = Server::with_store(
        Auth::Demo,
        "2023-06-28T10:00:00",
        Store::open(&path).unwrap(),
    );
    assert_eq!(s.submit(june()).0, StatusCode::CREATED);
    path
}

#[test]
fn the_store_is_a_file_in_wal_mode_that_keeps_what_it_was_given() {
    let dir = tempfile::tempdir().unwrap();
    let path = record_file_with_june(dir.path());
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), 1);
    let (versions, _) = store
        .history("城桥镇", diaodu::form::YearMonth::new(2023, 6))
        .unwrap();
    assert_eq!(versions.len(), 1);
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    // Nothing is overwritten or deleted.
    assert!(
        conn.execute("UPDATE submissions SET unit = '堡镇'", [])
            .is_err()
    );
    assert!(conn.execute("DELETE FROM submissions", []).is_err());
    let n: i64 = conn
        .query_row("SELECT count(*) FROM submissions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
}

#[test]
fn diaodu_month_reads_the_servers_record() {
    let dir = tempfile::tempdir().unwrap();
    let path = record_file_with_june(dir.path());
    let list = dir.path().join("units.txt");
    std::fs::write(&list, "城桥镇\n").unwrap();
    let out = assert_cmd::Command::cargo_bin("diaodu")
        .unwrap()
        .args([
            "month",
            "--db",
            path.to_str().unwrap(),
            "--period",
            "2023-06",
            "--today",
            "2023-06-30",
        ])
        .args(["--units", list.to_str().unwrap(), "--format", "json"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["rows"][0]["standing"], "onTime");
    assert_eq!(v["rows"][0]["received"], "2023-06-28 10:00:00");
    assert_eq!(v["rollup"]["values"]["self_found"], "31");
    // A database that is not there is refused, not created.
    assert_cmd::Command::cargo_bin("diaodu")
        .unwrap()
        .args([
            "month",
            "--db",
            dir.path().join("none.sqlite3").to_str().unwrap(),
            "--period",
            "2023-06",
        ])
        .assert()
        .code(2);
}
