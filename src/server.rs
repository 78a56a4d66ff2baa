//! `diaodu serve`: the demo page, the built package, and the recheck API.
//!
//! - `POST /api/check` — `{ "report": …, "prior": …?, "options": { "mode", "today", "lang" }? }`
//!   in, the same result JSON the browser computes out. Mode defaults to
//!   `submit`: the server rechecks what is being filed.
//! - `GET /api/schema`, `GET /api/rules` — the form and the rule catalogue.
//! - everything else — static files from the `www` folder.
//!
//! Bodies over 1 MiB are refused (413) and malformed ones get 400, both as
//! JSON `{ "error": "…（中文）", "errorEn": "…" }`. Every response carries the
//! Content-Security-Policy the page is written for.

use std::net::SocketAddr;
use std::path::PathBuf;

use axum::body::Bytes;
use axum::extract::DefaultBodyLimit;
use axum::extract::rejection::BytesRejection;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::report::Report;
use crate::validate::parse_iso_date;
use crate::{DEFAULT_FORM, Lang, Mode, Options, catalogue, check, schema};

/// The largest request body accepted.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// What the page is allowed to do: its own scripts and the wasm they compile,
/// nothing from elsewhere.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
     form-action 'self'; frame-ancestors 'none'";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct CheckRequest {
    report: Report,
    #[serde(default)]
    prior: Option<Report>,
    #[serde(default)]
    options: RequestOptions,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RequestOptions {
    #[serde(default)]
    mode: Option<Mode>,
    #[serde(default)]
    today: Option<String>,
    #[serde(default)]
    lang: Option<Lang>,
}

fn json_error(status: StatusCode, zh: String, en: String) -> Response {
    (
        status,
        Json(serde_json::json!({ "error": zh, "errorEn": en })),
    )
        .into_response()
}

async fn api_check(body: Result<Bytes, BytesRejection>) -> Response {
    let body = match body {
        Ok(b) => b,
        Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return json_error(
                StatusCode::PAYLOAD_TOO_LARGE,
                "请求超过 1 MiB，不是一份月报表，拒绝处理。".into(),
                "The request is over 1 MiB, far larger than any monthly report; refused.".into(),
            );
        }
        Err(e) => {
            return json_error(
                StatusCode::BAD_REQUEST,
                format!("无法读取请求：{e}"),
                format!("cannot read the request: {e}"),
            );
        }
    };
    let req: CheckRequest = match serde_json::from_slice(&body) {
        Ok(r) => r,
        Err(e) => {
            return json_error(
                StatusCode::BAD_REQUEST,
                format!(
                    "请求不是有效的 JSON，或不是 {{\"report\": …, \"prior\": …, \"options\": …}} 格式（第 {} 行第 {} 列）：{e}",
                    e.line(),
                    e.column()
                ),
                format!(
                    "the request is not valid JSON or not {{\"report\": …, \"prior\": …, \"options\": …}} (line {}, column {}): {e}",
                    e.line(),
                    e.column()
                ),
            );
        }
    };
    let lang = req.options.lang.unwrap_or_default();
    let today = match req.options.today.as_deref() {
        None => None,
        Some(t) => match parse_iso_date(t) {
            Some(d) => Some(d),
            None => {
                return json_error(
                    StatusCode::BAD_REQUEST,
                    format!("options.today 应为 YYYY-MM-DD 格式的日期，收到 \"{t}\"。"),
                    format!("options.today must be a YYYY-MM-DD date, got \"{t}\"."),
                );
            }
        },
    };
    let options = Options {
        mode: req.options.mode.unwrap_or(Mode::Submit),
        today,
    };
    let result = check(&req.report, req.prior.as_ref(), &options, lang);
    // The exact bytes the library, the CLI and the wasm package produce.
    (
        [(header::CONTENT_TYPE, "application/json")],
        result.to_json(),
    )
        .into_response()
}

async fn api_schema() -> Response {
    Json(schema()).into_response()
}

async fn api_rules() -> Response {
    Json(catalogue(DEFAULT_FORM)).into_response()
}

async fn api_not_found() -> Response {
    json_error(
        StatusCode::NOT_FOUND,
        "没有这个接口。".into(),
        "No such endpoint.".into(),
    )
}

/// The whole application: API routes and static files from `www`.
pub fn router(www: PathBuf) -> Router {
    Router::new()
        .route("/api/check", post(api_check))
        .route("/api/schema", get(api_schema))
        .route("/api/rules", get(api_rules))
        .route("/api/{*rest}", get(api_not_found).post(api_not_found))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .fallback_service(ServeDir::new(www).append_index_html_on_directories(true))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
}

/// Serve until interrupted. Prints the URL to open.
pub fn serve(addr: SocketAddr, www: PathBuf) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        let local = listener.local_addr()?;
        println!("diaodu: 调度表演示页面已启动 / demo page at http://{local}/");
        println!("diaodu: 按 Ctrl+C 停止 / press Ctrl+C to stop");
        axum::serve(listener, router(www))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
    })
}
