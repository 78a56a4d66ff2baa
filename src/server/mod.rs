//! `diaodu serve`: the demo page, the built package, the recheck API, and
//! the record of submissions with the office's view of a month.
//!
//! - `POST /api/check` — `{ "report": …, "prior": …?, "options": { "mode", "today", "lang" }? }`
//!   in, the same result JSON the browser computes out. Mode defaults to
//!   `submit`. This recheck is stateless and trusts what it is sent: the
//!   prior month and today are the caller's. It is for back ends that keep
//!   their own history.
//! - `POST /api/submit`, `GET /api/prior`, `/api/history`, `/api/month`,
//!   `/api/session` — the record ([`record`]): the prior month and today
//!   come from the server, never from the request.
//! - `GET /api/schema`, `GET /api/rules` — the form and the rule catalogue.
//! - everything else — static files from the `www` folder.
//!
//! Bodies over 1 MiB are refused (413) and malformed ones get 400, both as
//! JSON `{ "error": "…（中文）", "errorEn": "…" }`; a report, prior month,
//! options or request that is not a JSON object is malformed. A request that
//! takes longer than [`REQUEST_TIMEOUT`] gets 408. Validation runs on the
//! blocking pool, never on the async I/O threads, in two bounded lanes so
//! that megabyte bodies never hold up real reports (see `Limits`). Every
//! response carries the Content-Security-Policy the page is written for.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use tokio::sync::Semaphore;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

pub mod auth;
pub mod record;
pub mod store;

use axum::extract::Query as QueryOf;
use axum::http::HeaderMap;

use crate::clock::Clock;
use crate::district::ExpectedUnit;
use crate::json::Member;
use crate::options::read_options;
use crate::report::{MAX_INPUT_BYTES, ReadError, too_large};
use crate::{DEFAULT_FORM, Lang, Options, catalogue, schema};
use auth::Auth;
use record::{Answer, Query, Records};
use store::Store;

/// The largest request body accepted: one report, its prior month and options.
pub const MAX_BODY_BYTES: usize = MAX_INPUT_BYTES;

/// The longest a request may take, from its first byte to its answer. A
/// request that sends its body slowly holds a connection, never a worker:
/// validation starts only once the whole body is in.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// A body up to this size takes the light lane: a month's report with its
/// prior month and options is a few kilobytes, and a long one with many 说明
/// stays far below this. Larger bodies take the heavy lane.
pub const LIGHT_BODY_BYTES: usize = 64 * 1024;

/// Check requests with a light body admitted at once (reading their bodies
/// included); the rest wait unread. At most 16 MiB of light bodies.
pub const LIGHT_IN_FLIGHT: usize = 256;

/// The same for heavy bodies (a declared length over [`LIGHT_BODY_BYTES`],
/// or none): at most 32 MiB of them. A slow sender holds one of these until
/// [`REQUEST_TIMEOUT`], never a place of a real report's.
pub const HEAVY_IN_FLIGHT: usize = 32;

/// The server's limits on concurrent work.
///
/// Validation is CPU work, run on tokio's blocking pool in two lanes, each
/// bounded by a semaphore: light requests (real reports) get one thread per
/// core, heavy ones (bodies over [`LIGHT_BODY_BYTES`], which only hostile or
/// broken clients send) one thread less than the cores. So a flood of
/// megabyte bodies keeps at most all but one core busy and queues behind
/// itself, while real reports are answered beside it.
#[derive(Clone)]
struct Limits {
    light_in_flight: Arc<Semaphore>,
    heavy_in_flight: Arc<Semaphore>,
    light: Arc<Semaphore>,
    heavy: Arc<Semaphore>,
}

impl Limits {
    fn new(cores: usize) -> Limits {
        Limits {
            light_in_flight: Arc::new(Semaphore::new(LIGHT_IN_FLIGHT)),
            heavy_in_flight: Arc::new(Semaphore::new(HEAVY_IN_FLIGHT)),
            light: Arc::new(Semaphore::new(cores.max(1))),
            heavy: Arc::new(Semaphore::new(cores.saturating_sub(1).max(1))),
        }
    }
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

/// What the page is allowed to do: its own scripts and the wasm they compile,
/// nothing from elsewhere.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
     form-action 'self'; frame-ancestors 'none'";

/// The members of a `POST /api/check` body. Every part that holds members
/// must be a JSON object. The body is read by the project's one reader
/// (`crate::json`), as the browser package reads reports, so that a report
/// is read alike everywhere and its errors are placed within the body.
const CHECK_MEMBERS: &[(&str, Member)] = &[
    ("report", Member::Report),
    ("prior", Member::Prior),
    ("options", Member::Raw),
];

fn json_error(status: StatusCode, zh: String, en: String) -> Response {
    json_response(status, error_text(zh, en))
}

fn json_response(status: StatusCode, json: String) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], json).into_response()
}

/// A body that is not UTF-8 text, which no JSON is.
pub(crate) fn not_utf8() -> (StatusCode, String) {
    (
        StatusCode::BAD_REQUEST,
        error_text(
            "请求不是 UTF-8 文本，不是 JSON。".to_string(),
            "the request is not UTF-8 text, so not JSON.".to_string(),
        ),
    )
}

pub(crate) fn error_text(zh: String, en: String) -> String {
    serde_json::json!({ "error": zh, "errorEn": en }).to_string()
}

/// The answer to a `POST /api/check` body: status 200 and the result JSON,
/// or 400 and `{ "error", "errorEn" }`. Pure CPU work, run on the blocking
/// pool by the handler; public for the fuzz target.
pub fn answer_check(body: &[u8]) -> (StatusCode, String) {
    let malformed = |e: ReadError| {
        let (line, column, detail) = (e.line, e.column, e.detail);
        (
            StatusCode::BAD_REQUEST,
            error_text(
                format!(
                    "请求不是有效的 JSON，或不是 {{\"report\": {{…}}, \"prior\": {{…}}, \"options\": {{…}}}} 格式（第 {line} 行第 {column} 列）：{detail}"
                ),
                format!(
                    "the request is not valid JSON or not {{\"report\": {{…}}, \"prior\": {{…}}, \"options\": {{…}}}} (line {line}, column {column}): {detail}"
                ),
            ),
        )
    };
    let Ok(text) = std::str::from_utf8(body) else {
        return not_utf8();
    };
    let req = match crate::json::request_slots(text, CHECK_MEMBERS) {
        Ok(r) => r,
        Err(e) => return malformed(ReadError::from(e)),
    };
    let options = req
        .raw
        .iter()
        .find(|(name, _)| *name == "options")
        .map(|(_, raw)| *raw);
    let options = match options {
        None => Options::RECHECK,
        Some(raw) => match read_options(raw, &[], Options::RECHECK) {
            Ok(read) => read.options,
            Err(e) => {
                return (
                    StatusCode::BAD_REQUEST,
                    error_text(
                        format!("请求中的 options 有误：{}", e.render(Lang::Zh)),
                        format!("the request's options are wrong: {}", e.render(Lang::En)),
                    ),
                );
            }
        },
    };
    // The exact bytes the library, the CLI and the wasm package produce.
    let json = match crate::validate::check_slots(&req.report, req.prior.as_ref(), &options) {
        Some(json) => json,
        // A report naming another form (none exists yet): read again by
        // key, which the body already passed.
        None => match crate::json::request(text, CHECK_MEMBERS) {
            Ok(req) => crate::validate::check_ref(&req.report, req.prior.as_ref(), &options),
            Err(e) => return malformed(ReadError::from(e)),
        },
    };
    (StatusCode::OK, json)
}

/// Admits at most [`LIGHT_IN_FLIGHT`] requests that declare a light body and
/// [`HEAVY_IN_FLIGHT`] others; the rest wait before their bodies are read
/// (and time out after [`REQUEST_TIMEOUT`]). A body longer than it declared
/// is cut off by hyper.
async fn limit_in_flight(State(app): State<App>, req: Request, next: Next) -> Response {
    let limits = app.limits;
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    let gate = match declared {
        Some(n) if n <= LIGHT_BODY_BYTES => &limits.light_in_flight,
        _ => &limits.heavy_in_flight,
    };
    match gate.acquire().await {
        Ok(_permit) => next.run(req).await,
        Err(_) => StatusCode::SERVICE_UNAVAILABLE.into_response(),
    }
}

/// A POST body, and a place in its lane (see [`Limits`]): or the answer to
/// a body that could not be read, or to a server shutting down.
///
/// Reading and checking a body is CPU work (up to about 60 ms for a
/// megabyte of unknown keys); on the async threads it would stall every
/// other connection, so it runs on the blocking pool, in its lane, where
/// megabyte bodies queue behind each other and never in front of a real
/// report. Waiting for a lane is async and ends with the request.
async fn body_in_lane(
    limits: &Limits,
    body: Result<Bytes, BytesRejection>,
) -> Result<(Bytes, tokio::sync::OwnedSemaphorePermit), Box<Response>> {
    let body = match body {
        Ok(b) => b,
        Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return Err(Box::new(json_error(
                StatusCode::PAYLOAD_TOO_LARGE,
                too_large("请求", Lang::Zh),
                too_large("The request", Lang::En),
            )));
        }
        Err(e) => {
            return Err(Box::new(json_error(
                StatusCode::BAD_REQUEST,
                format!("无法读取请求：{e}"),
                format!("cannot read the request: {e}"),
            )));
        }
    };
    let lane = if body.len() > LIGHT_BODY_BYTES {
        &limits.heavy
    } else {
        &limits.light
    };
    match lane.clone().acquire_owned().await {
        Ok(permit) => Ok((body, permit)),
        Err(_) => Err(Box::new(StatusCode::SERVICE_UNAVAILABLE.into_response())),
    }
}

async fn api_check(State(app): State<App>, body: Result<Bytes, BytesRejection>) -> Response {
    let (body, permit) = match body_in_lane(&app.limits, body).await {
        Ok(b) => b,
        Err(answer) => return *answer,
    };
    blocking(move || {
        let _permit = permit;
        let (status, json) = answer_check(&body);
        json_response(status, json)
    })
    .await
}

async fn api_schema() -> Response {
    json_response(StatusCode::OK, crate::json::ToJson::to_json_text(&schema()))
}

async fn api_rules() -> Response {
    json_response(
        StatusCode::OK,
        crate::json::ToJson::to_json_text(&catalogue(DEFAULT_FORM)),
    )
}

async fn api_not_found() -> Response {
    json_error(
        StatusCode::NOT_FOUND,
        "没有这个接口。".into(),
        "No such endpoint.".into(),
    )
}

/// How the server is set up: where the page is, the record, who may do
/// what, and the clock.
pub struct Config {
    pub www: PathBuf,
    pub store: Store,
    pub auth: Auth,
    pub clock: Clock,
    /// The units expected to file each month.
    pub expected: Vec<ExpectedUnit>,
}

impl Config {
    /// Demo mode with a record in memory and the system clock.
    pub fn demo(www: PathBuf) -> Config {
        Config {
            www,
            store: Store::in_memory().expect("an in-memory SQLite database opens"),
            auth: Auth::Demo,
            clock: Clock::System,
            expected: crate::district::default_expected(DEFAULT_FORM),
        }
    }
}

/// What the handlers share.
#[derive(Clone)]
struct App {
    limits: Limits,
    records: Arc<Records>,
}

fn answer(a: Answer) -> Response {
    let mut res = (a.status, [(header::CONTENT_TYPE, a.content_type)], a.body).into_response();
    if let Some(name) = a.file_name {
        let (h, v) = record::disposition(&name);
        if let Ok(v) = HeaderValue::from_str(&v) {
            res.headers_mut().insert(h, v);
        }
    }
    res
}

/// Run CPU or SQLite work (validation, the record) on the blocking pool.
async fn blocking(work: impl FnOnce() -> Response + Send + 'static) -> Response {
    match tokio::task::spawn_blocking(work).await {
        Ok(r) => r,
        Err(e) => json_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("内部错误（程序缺陷），请报告：{e}"),
            format!("internal error (a bug): {e}"),
        ),
    }
}

async fn api_submit(
    State(app): State<App>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let (body, permit) = match body_in_lane(&app.limits, body).await {
        Ok(b) => b,
        Err(answer) => return *answer,
    };
    let records = app.records;
    blocking(move || {
        let _permit = permit;
        answer(match record::identify(&records, &headers) {
            Ok(who) => records.submit(&who, &body),
            Err(a) => a,
        })
    })
    .await
}

type Read = fn(&Records, &auth::Who, &Query) -> Answer;

async fn read_with(app: App, headers: HeaderMap, query: Query, read: Read) -> Response {
    let records = app.records;
    blocking(move || {
        answer(match record::identify(&records, &headers) {
            Ok(who) => read(&records, &who, &query),
            Err(a) => a,
        })
    })
    .await
}

type QueryResult = Result<QueryOf<Query>, axum::extract::rejection::QueryRejection>;

/// A read of the record; a query string that cannot be read is a 400 like
/// any other.
async fn read_query(app: App, headers: HeaderMap, q: QueryResult, read: Read) -> Response {
    match q {
        Ok(QueryOf(q)) => read_with(app, headers, q, read).await,
        Err(e) => json_error(
            StatusCode::BAD_REQUEST,
            format!("查询参数有误：{e}"),
            format!("the query is wrong: {e}"),
        ),
    }
}

async fn api_prior(State(app): State<App>, headers: HeaderMap, q: QueryResult) -> Response {
    read_query(app, headers, q, Records::prior).await
}

async fn api_history(State(app): State<App>, headers: HeaderMap, q: QueryResult) -> Response {
    read_query(app, headers, q, Records::history).await
}

async fn api_month(State(app): State<App>, headers: HeaderMap, q: QueryResult) -> Response {
    read_query(app, headers, q, Records::month).await
}

async fn api_session(State(app): State<App>, headers: HeaderMap) -> Response {
    read_with(app, headers, Query::default(), |r, who, _| r.session(who)).await
}

/// The whole application: API routes and static files from `www`.
pub fn router(config: Config) -> Router {
    let limits = Limits::new(cores());
    let app = App {
        limits: limits.clone(),
        records: Arc::new(Records {
            form: DEFAULT_FORM,
            store: config.store,
            auth: config.auth,
            clock: config.clock,
            expected: config.expected,
        }),
    };
    Router::new()
        .route(
            "/api/check",
            post(api_check)
                .route_layer(middleware::from_fn_with_state(app.clone(), limit_in_flight)),
        )
        .route(
            "/api/submit",
            post(api_submit)
                .route_layer(middleware::from_fn_with_state(app.clone(), limit_in_flight)),
        )
        .route("/api/prior", get(api_prior))
        .route("/api/history", get(api_history))
        .route("/api/month", get(api_month))
        .route("/api/session", get(api_session))
        .with_state(app)
        .route("/api/schema", get(api_schema))
        .route("/api/rules", get(api_rules))
        .route("/api/{*rest}", get(api_not_found).post(api_not_found))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .fallback_service(ServeDir::new(config.www).append_index_html_on_directories(true))
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
pub fn serve(addr: SocketAddr, config: Config) -> std::io::Result<()> {
    // The lanes' semaphores bound the validating threads (two lanes, at
    // most one thread per core each); the pool only needs room for them.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(2 * cores())
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        let local = listener.local_addr()?;
        println!("diaodu: 调度表演示页面已启动 / demo page at http://{local}/");
        match &config.auth {
            Auth::Demo => println!(
                "diaodu: 演示模式：未配置身份认证，任何人都可以为任何单位报送 / demo mode: no authentication, anyone may file for any unit"
            ),
            Auth::Header(name) => println!(
                "diaodu: 单位取自反向代理设置的 {name} 请求头 / the unit comes from the proxy's {name} header"
            ),
            Auth::Tokens(t) => println!(
                "diaodu: 按令牌认证（{} 个单位）/ token authentication ({} units)",
                t.len(),
                t.len()
            ),
        }
        println!("diaodu: 按 Ctrl+C 停止 / press Ctrl+C to stop");
        axum::serve(listener, router(config))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
    })
}
