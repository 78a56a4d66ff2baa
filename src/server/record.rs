//! The record's endpoints: submissions rechecked and kept, a unit's prior
//! month and history read back, and the office's view of a month.
//!
//! - `POST /api/submit` — `{ "report": …, "options": { "lang" }? }`.
//!   Rechecked in submit mode against the unit's last month **from the
//!   record**, with today from the server's clock; a body that carries
//!   `prior` or `today` is refused (400), since a recheck that takes them
//!   from the client checks nothing. Received after the 28th is S551. A
//!   submittable report is kept as a new version (201); anything else is
//!   refused with its findings (422) and the attempt is kept.
//! - `GET /api/prior?period=YYYY-MM[&unit=…]` — the report that stands for
//!   the unit's latest month before `period`, or `null`.
//! - `GET /api/history?period=YYYY-MM[&unit=…]` — every version and attempt
//!   of a unit's month.
//! - `GET /api/month?period=YYYY-MM[&format=json|csv|xlsx][&lang=…]` — the
//!   office's view (区安委办 only): who filed, the roll-up, series findings.
//! - `GET /api/session` — how the server authenticates and who is asking.
//!
//! A unit reads and submits only its own record (403 otherwise); `unit=`
//! is for the office and the demo.

use crate::json::Member;
use axum::http::{HeaderMap, StatusCode, header};
use serde::Deserialize;

use super::auth::{Auth, Who};
use super::store::{Store, Stored};
use crate::clock::Clock;
use crate::district::{self, ExpectedUnit, canonical_unit};
use crate::form::{Form, YearMonth};
use crate::options::parse_lang;
use crate::report::Report;
use crate::rules::series::received_late;
use crate::validate::{parse_period, validate};
use crate::{Lang, Mode, Options};

/// What the record's endpoints share.
pub struct Records {
    pub form: &'static Form,
    pub store: Store,
    pub auth: Auth,
    pub clock: Clock,
    pub expected: Vec<ExpectedUnit>,
}

/// An answer: status, content type, body, and a file name where the body
/// is a download.
pub struct Answer {
    pub status: StatusCode,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    pub file_name: Option<String>,
}

impl Answer {
    fn json(status: StatusCode, body: String) -> Answer {
        Answer {
            status,
            content_type: "application/json",
            body: body.into_bytes(),
            file_name: None,
        }
    }

    fn error(status: StatusCode, zh: impl Into<String>, en: impl Into<String>) -> Answer {
        Answer::json(status, super::error_text(zh.into(), en.into()))
    }
}

/// The members of a `POST /api/submit` body, read by the project's one
/// reader as `/api/check` reads its body. `prior` and `today` are named so
/// that they can be refused by name.
const SUBMIT_MEMBERS: &[(&str, Member)] = &[
    ("report", Member::Report),
    ("options", Member::Raw),
    ("prior", Member::Refused),
    ("today", Member::Refused),
];

fn refuse_member(name: &str) -> Answer {
    Answer::error(
        StatusCode::BAD_REQUEST,
        format!(
            "提交的请求不能包含 {name}：上月数据取自服务器的记录，今天的日期取自服务器的时钟。"
        ),
        format!(
            "a submission may not carry {name}: last month comes from the server's record and today from its clock."
        ),
    )
}

/// The language a submission's options ask for; only `lang` is allowed.
fn submit_lang(options: Option<&str>) -> Result<Lang, Answer> {
    let Some(raw) = options else {
        return Ok(Lang::Zh);
    };
    let members = crate::json::members(raw).map_err(|e| {
        let detail = crate::report::detail(&e);
        Answer::error(
            StatusCode::BAD_REQUEST,
            format!("options 应为 JSON 对象：{detail}"),
            format!("options must be an object: {detail}"),
        )
    })?;
    let mut lang = Lang::Zh;
    for (key, value) in members {
        match key.as_str() {
            "today" => return Err(refuse_member("options.today")),
            "mode" => {
                return Err(Answer::error(
                    StatusCode::BAD_REQUEST,
                    "提交的请求不能包含 options.mode：提交一律按提交模式校验。",
                    "a submission may not carry options.mode: submissions are always checked in submit mode.",
                ));
            }
            "lang" => {
                let text: Option<String> = crate::json::option_string(value).unwrap_or(None);
                if let Some(t) = text {
                    lang = parse_lang(&t).map_err(|e| {
                        Answer::error(
                            StatusCode::BAD_REQUEST,
                            e.render(Lang::Zh),
                            e.render(Lang::En),
                        )
                    })?;
                }
            }
            other => {
                let other = crate::finding::quote(other);
                return Err(Answer::error(
                    StatusCode::BAD_REQUEST,
                    format!("提交的 options 中没有“{other}”这个选项；只有 lang。"),
                    format!("unknown option \"{other}\" for a submission; only lang is allowed."),
                ));
            }
        }
    }
    Ok(lang)
}

fn store_failed(e: impl std::fmt::Display) -> Answer {
    Answer::error(
        StatusCode::INTERNAL_SERVER_ERROR,
        format!("服务器无法读写记录：{e}"),
        format!("the server cannot read or write its record: {e}"),
    )
}

fn forbidden_other_unit(unit: &str, who: &str) -> Answer {
    Answer::error(
        StatusCode::FORBIDDEN,
        format!("您以“{who}”登录，不能为“{unit}”报送或查看。"),
        format!("you are signed in as \"{who}\" and cannot file or read for \"{unit}\"."),
    )
}

fn stored_json(s: &Stored) -> serde_json::Value {
    serde_json::json!({
        "version": s.version,
        "unit": s.unit,
        "period": s.period.to_string(),
        "received": s.received,
        "late": s.late,
        "report": serde_json::from_str::<serde_json::Value>(&s.report).unwrap_or_default(),
        "result": serde_json::from_str::<serde_json::Value>(&s.result).unwrap_or_default(),
    })
}

impl Records {
    /// `POST /api/submit`.
    pub fn submit(&self, who: &Who, body: &[u8]) -> Answer {
        let malformed = |line: usize, column: usize, detail: String| {
            Answer::error(
                StatusCode::BAD_REQUEST,
                format!(
                    "请求不是有效的 JSON，或不是 {{\"report\": {{…}}, \"options\": {{\"lang\": …}}}} 格式（第 {line} 行第 {column} 列）：{detail}"
                ),
                format!(
                    "the request is not valid JSON or not {{\"report\": {{…}}, \"options\": {{\"lang\": …}}}} (line {line}, column {column}): {detail}"
                ),
            )
        };
        let Ok(text) = std::str::from_utf8(body) else {
            let (status, json) = super::not_utf8();
            return Answer::json(status, json);
        };
        let req = match crate::json::request(text, SUBMIT_MEMBERS) {
            Ok(r) => r,
            Err(e) => {
                let e = crate::report::ReadError::from(e);
                return malformed(e.line, e.column, e.detail);
            }
        };
        let report = req.report.into_owned();
        // Named in the order they are declared, whatever the body's order.
        if let Some(name) = ["prior", "today"].iter().find(|n| req.refused.contains(n)) {
            return refuse_member(name);
        }
        let options = req
            .raw
            .iter()
            .find(|(name, _)| *name == "options")
            .map(|(_, raw)| *raw);
        let lang = match submit_lang(options) {
            Ok(l) => l,
            Err(a) => return a,
        };
        let typed_unit = report.unit.as_text().trim().to_string();
        let named = (!report.unit.is_blank() && !typed_unit.is_empty())
            .then(|| canonical_unit(self.form, &typed_unit));
        // The unit the submission is kept under.
        let unit = match (who, named) {
            (Who::Office, _) => {
                return Answer::error(
                    StatusCode::FORBIDDEN,
                    "区安委办汇总各单位报表，不能代替单位报送。",
                    "区安委办 collects the reports and cannot file for a unit.",
                );
            }
            (Who::Unit(me), Some(named)) if *me != named => {
                return forbidden_other_unit(&named, me);
            }
            (Who::Unit(me), _) => Some(me.clone()),
            (Who::Anyone, named) => named,
        };
        let period = (!report.period.is_blank())
            .then(|| parse_period(report.period.as_text().trim()))
            .flatten();
        let prior = match (&unit, period) {
            (Some(u), Some(p)) => match self.store.prior(u, p) {
                Ok(Some(s)) => match Report::from_json(&s.report) {
                    Ok(r) => Some(r),
                    Err(e) => return store_failed(e.render(Lang::En)),
                },
                Ok(None) => None,
                Err(e) => return store_failed(e),
            },
            _ => None,
        };
        let now = self.clock.unix_seconds();
        let today = crate::clock::china_time(now).date();
        let options = Options {
            mode: Mode::Submit,
            today: Some(today),
            lang,
        };
        let mut v = validate(&report, prior.as_ref(), &options);
        let mut late = false;
        if let Some(p) = period
            && let Some(f) = received_late(self.form, p, today)
        {
            v.add(f, &report.explanations);
            late = true;
        }
        let submittable = v.submittable();
        let warnings = v.warnings();
        let blocking = v.blocking_codes();
        let result = v.into_result(lang);
        let result_json = result.to_json();
        match (submittable, &unit, period) {
            (true, Some(u), Some(p)) => {
                let report_json = crate::json::ToJson::to_json_text(&result.normalized);
                match self.store.add_submission(
                    u,
                    p,
                    now,
                    late,
                    warnings,
                    &report_json,
                    &result_json,
                ) {
                    Ok((version, received)) => Answer::json(
                        StatusCode::CREATED,
                        format!(
                            r#"{{"version":{version},"unit":{},"period":"{p}","received":"{received}","result":{result_json}}}"#,
                            serde_json::to_string(u).expect("serialises")
                        ),
                    ),
                    Err(e) => store_failed(e),
                }
            }
            _ => {
                let attempt = match &unit {
                    Some(u) => match self.store.add_attempt(u, period, now, &blocking) {
                        Ok(id) => Some(id),
                        Err(e) => return store_failed(e),
                    },
                    None => None,
                };
                let (zh, en) = (
                    "报表未通过校验，未予接收；请按提示修改或说明后重新提交。",
                    "the report did not pass its checks and was not accepted; fix or explain what is listed and submit again.",
                );
                Answer::json(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    format!(
                        r#"{{"error":{},"errorEn":{},"attempt":{},"result":{result_json}}}"#,
                        serde_json::to_string(zh).expect("serialises"),
                        serde_json::to_string(en).expect("serialises"),
                        attempt.map_or("null".to_string(), |id| id.to_string()),
                    ),
                )
            }
        }
    }

    /// The unit a read is about: the caller's own, or `unit=` for the
    /// office and the demo.
    fn unit_for(&self, who: &Who, query: &Query) -> Result<String, Answer> {
        let asked = query
            .unit
            .as_deref()
            .map(|u| canonical_unit(self.form, u))
            .filter(|u| !u.is_empty());
        match (who, asked) {
            (Who::Unit(me), None) => Ok(me.clone()),
            (Who::Unit(me), Some(u)) if *me == u => Ok(u),
            (Who::Unit(me), Some(u)) => Err(forbidden_other_unit(&u, me)),
            (_, Some(u)) => Ok(u),
            (_, None) => Err(Answer::error(
                StatusCode::BAD_REQUEST,
                "请用 unit= 指明单位。",
                "name the unit with unit=.",
            )),
        }
    }

    fn period_of(&self, query: &Query) -> Result<YearMonth, Answer> {
        let text = query.period.as_deref().unwrap_or("");
        let ok = text.len() == 7 && text.as_bytes().get(4) == Some(&b'-');
        match parse_period(text).filter(|_| ok) {
            Some(p) if (self.form.first_period..=self.form.last_period).contains(&p) => Ok(p),
            _ => {
                let e = crate::OptionsError::BadPeriod {
                    text: text.to_string(),
                };
                Err(Answer::error(
                    StatusCode::BAD_REQUEST,
                    e.render(Lang::Zh),
                    e.render(Lang::En),
                ))
            }
        }
    }

    /// `GET /api/prior`.
    pub fn prior(&self, who: &Who, query: &Query) -> Answer {
        let (unit, period) = match (self.unit_for(who, query), self.period_of(query)) {
            (Ok(u), Ok(p)) => (u, p),
            (Err(a), _) | (_, Err(a)) => return a,
        };
        match self.store.prior(&unit, period) {
            Ok(found) => Answer::json(
                StatusCode::OK,
                serde_json::json!({
                    "unit": unit,
                    "period": period.to_string(),
                    "prior": found.as_ref().map(stored_json),
                })
                .to_string(),
            ),
            Err(e) => store_failed(e),
        }
    }

    /// `GET /api/history`.
    pub fn history(&self, who: &Who, query: &Query) -> Answer {
        let (unit, period) = match (self.unit_for(who, query), self.period_of(query)) {
            (Ok(u), Ok(p)) => (u, p),
            (Err(a), _) | (_, Err(a)) => return a,
        };
        match self.store.history(&unit, period) {
            Ok((versions, attempts)) => Answer::json(
                StatusCode::OK,
                serde_json::json!({
                    "unit": unit,
                    "period": period.to_string(),
                    "versions": versions.iter().map(stored_json).collect::<Vec<_>>(),
                    "attempts": attempts.iter().map(|a| serde_json::json!({
                        "id": a.id, "received": a.received, "codes": a.codes,
                    })).collect::<Vec<_>>(),
                })
                .to_string(),
            ),
            Err(e) => store_failed(e),
        }
    }

    /// `GET /api/month`.
    pub fn month(&self, who: &Who, query: &Query) -> Answer {
        if !who.is_office() {
            return Answer::error(
                StatusCode::FORBIDDEN,
                "全区汇总只有区安委办可以查看。",
                "only 区安委办 may read the district's month.",
            );
        }
        let period = match self.period_of(query) {
            Ok(p) => p,
            Err(a) => return a,
        };
        let lang = match query.lang.as_deref().map(parse_lang).transpose() {
            Ok(l) => l.unwrap_or_default(),
            Err(e) => {
                return Answer::error(
                    StatusCode::BAD_REQUEST,
                    e.render(Lang::Zh),
                    e.render(Lang::En),
                );
            }
        };
        let record = match self.store.record(period) {
            Ok(r) => r,
            Err(e) => return store_failed(e),
        };
        let today = self.clock.china_now().date();
        let view = district::month_view(self.form, &self.expected, &record, period, today, lang);
        let figures = district::export::figures_of(self.form, |unit: &str| {
            record.latest(unit, period).map(|f| &f.report)
        });
        match query.format.as_deref().unwrap_or("json") {
            "json" => Answer::json(
                StatusCode::OK,
                serde_json::to_string(&view).expect("serialises"),
            ),
            "csv" => Answer {
                status: StatusCode::OK,
                content_type: "text/csv; charset=utf-8",
                body: district::export::to_csv(self.form, &view, &figures, lang),
                file_name: Some(format!("diaodu-{period}.csv")),
            },
            "xlsx" => match district::export::to_xlsx(self.form, &view, &figures, lang) {
                Ok(body) => Answer {
                    status: StatusCode::OK,
                    content_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    body,
                    file_name: Some(format!("diaodu-{period}.xlsx")),
                },
                Err(e) => store_failed(e),
            },
            other => Answer::error(
                StatusCode::BAD_REQUEST,
                format!(
                    "format 应为 json、csv 或 xlsx，收到“{}”。",
                    crate::finding::quote(other)
                ),
                format!(
                    "format must be json, csv or xlsx, got \"{}\".",
                    crate::finding::quote(other)
                ),
            ),
        }
    }

    /// `GET /api/session`.
    pub fn session(&self, who: &Who) -> Answer {
        let now = self.clock.china_now();
        let (unit, office) = match who {
            Who::Anyone => (None, true),
            Who::Unit(u) => (Some(u.clone()), false),
            Who::Office => (
                Some(super::super::district::rollup::ROLLUP_UNIT.to_string()),
                true,
            ),
        };
        Answer::json(
            StatusCode::OK,
            serde_json::json!({
                "auth": self.auth.mode(),
                "demo": matches!(self.auth, Auth::Demo),
                "unit": unit,
                "office": office,
                "today": now.date().to_string(),
            })
            .to_string(),
        )
    }
}

/// The query of the record's GET endpoints.
#[derive(Debug, Default, Deserialize)]
pub struct Query {
    pub period: Option<String>,
    pub unit: Option<String>,
    pub format: Option<String>,
    pub lang: Option<String>,
}

/// Who is asking, or the 401 answer.
pub fn identify(records: &Records, headers: &HeaderMap) -> Result<Who, Answer> {
    records
        .auth
        .who(records.form, headers)
        .map_err(|e| Answer::error(StatusCode::UNAUTHORIZED, e.zh, e.en))
}

/// The header that makes a body a download.
pub fn disposition(name: &str) -> (header::HeaderName, String) {
    (
        header::CONTENT_DISPOSITION,
        format!("attachment; filename=\"{name}\""),
    )
}
