//! Who is asking. The server runs behind the portal's login, and learns the
//! unit one of two ways:
//!
//! - **A header set by the reverse proxy** (`--auth-header X-Diaodu-Unit`):
//!   the proxy authenticates the user and writes the unit's name, as UTF-8,
//!   into the header; the server must only be reachable through the proxy.
//! - **Per-unit tokens** (`--tokens FILE`): a JSON object from unit name to
//!   its token, sent as `Authorization: Bearer TOKEN`.
//!
//! 区安委办 is the office: it may read every unit's record and the month's
//! view; a unit may submit and read only its own. Without either setting
//! the server runs in demo mode, says so at startup and on the page, and
//! takes the unit from the report.

use axum::http::{HeaderMap, HeaderName, header};

use crate::Lang;
use crate::district::canonical_unit;
use crate::form::Form;
use crate::registry::UnitKind;

/// How the server learns who is asking.
#[derive(Clone, Debug)]
pub enum Auth {
    /// Nobody is authenticated: anyone may submit for any unit and read
    /// everything.
    Demo,
    /// The unit is in this header, set by the reverse proxy.
    Header(HeaderName),
    /// `(token, unit)` pairs.
    Tokens(Vec<(String, String)>),
}

/// Who is asking.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Who {
    /// Demo mode: anyone.
    Anyone,
    /// A unit, by its canonical name.
    Unit(String),
    /// 区安委办.
    Office,
}

/// Why a request was not let in: 401.
#[derive(Debug, PartialEq, Eq)]
pub struct Unauthenticated {
    pub zh: String,
    pub en: String,
}

/// The shortest token accepted: 128 bits of randomness as hex.
pub const MIN_TOKEN_CHARS: usize = 32;

impl Auth {
    pub fn mode(&self) -> &'static str {
        match self {
            Auth::Demo => "demo",
            Auth::Header(_) => "header",
            Auth::Tokens(_) => "tokens",
        }
    }

    /// Read a tokens file: `{ "城桥镇": "…", "区安委办": "…" }`.
    pub fn tokens(form: &'static Form, json: &str, lang: Lang) -> Result<Auth, String> {
        let map: indexmap::IndexMap<String, String> =
            serde_json::from_str(json).map_err(|e| match lang {
                Lang::Zh => format!("令牌文件应为 {{\"单位\": \"令牌\"}} 形式的 JSON 对象：{e}"),
                Lang::En => {
                    format!("the tokens file must be a JSON object {{\"unit\": \"token\"}}: {e}")
                }
            })?;
        let mut pairs: Vec<(String, String)> = Vec::new();
        for (unit, token) in map {
            let unit = canonical_unit(form, &unit);
            if token.chars().count() < MIN_TOKEN_CHARS {
                return Err(match lang {
                    Lang::Zh => format!("“{unit}”的令牌太短，至少 {MIN_TOKEN_CHARS} 个字符。"),
                    Lang::En => format!(
                        "the token of \"{unit}\" is shorter than {MIN_TOKEN_CHARS} characters."
                    ),
                });
            }
            if pairs.iter().any(|(t, u)| *u == unit || *t == token) {
                return Err(match lang {
                    Lang::Zh => format!("“{unit}”或其令牌在令牌文件中重复。"),
                    Lang::En => {
                        format!("\"{unit}\" or its token appears twice in the tokens file.")
                    }
                });
            }
            pairs.push((token, unit));
        }
        if pairs.is_empty() {
            return Err(match lang {
                Lang::Zh => "令牌文件中没有任何单位。".into(),
                Lang::En => "the tokens file names no unit.".into(),
            });
        }
        Ok(Auth::Tokens(pairs))
    }

    /// Who sent the request.
    pub fn who(&self, form: &'static Form, headers: &HeaderMap) -> Result<Who, Unauthenticated> {
        let unit = match self {
            Auth::Demo => return Ok(Who::Anyone),
            Auth::Header(name) => {
                let value = headers.get(name).ok_or_else(|| Unauthenticated {
                    zh: format!("未登录：请求中没有 {name} 请求头（应由门户的反向代理设置）。"),
                    en: format!(
                        "not signed in: no {name} header (the portal's reverse proxy sets it)."
                    ),
                })?;
                let text = std::str::from_utf8(value.as_bytes()).map_err(|_| Unauthenticated {
                    zh: format!("{name} 请求头不是 UTF-8 文本。"),
                    en: format!("the {name} header is not UTF-8 text."),
                })?;
                if text.trim().is_empty() {
                    return Err(Unauthenticated {
                        zh: format!("{name} 请求头为空。"),
                        en: format!("the {name} header is empty."),
                    });
                }
                canonical_unit(form, text)
            }
            Auth::Tokens(pairs) => {
                let given = headers
                    .get(header::AUTHORIZATION)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.strip_prefix("Bearer "))
                    .ok_or_else(|| Unauthenticated {
                        zh: "未登录：请求中没有 Authorization: Bearer 令牌。".into(),
                        en: "not signed in: no Authorization: Bearer token.".into(),
                    })?;
                // Every token is compared in full, so the time taken does
                // not tell how much of a guess was right.
                let mut found = None;
                for (token, unit) in pairs {
                    if constant_time_eq(token.as_bytes(), given.trim().as_bytes()) {
                        found = Some(unit.clone());
                    }
                }
                found.ok_or_else(|| Unauthenticated {
                    zh: "令牌无效。".into(),
                    en: "the token is not valid.".into(),
                })?
            }
        };
        let office = form
            .registry
            .by_name(&unit)
            .is_some_and(|e| e.kind == UnitKind::Office);
        Ok(if office { Who::Office } else { Who::Unit(unit) })
    }
}

impl Who {
    /// May read the record of `unit`.
    pub fn may_read(&self, unit: &str) -> bool {
        match self {
            Who::Anyone | Who::Office => true,
            Who::Unit(u) => u == unit,
        }
    }

    /// May read the whole month.
    pub fn is_office(&self) -> bool {
        matches!(self, Who::Anyone | Who::Office)
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
