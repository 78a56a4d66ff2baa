//! `diaodu month DIR --period YYYY-MM`: the office's month from a folder of
//! report files, for back ends that keep reports their own way.
//!
//! DIR holds JSON reports, one unit and month per file, under any names.
//! With `--db FILE` (where the server is built in) the record is the one
//! `diaodu serve` keeps instead.
//! Every report is rechecked in submit mode, in parallel, against the same
//! unit's latest earlier report in DIR; then the month's status table, the
//! district's roll-up and each unit's series findings are printed.
//!
//! Without a server there is no time of receipt: lateness is judged by the
//! date the unit wrote (H251). A file that cannot be read, names no unit or
//! month, or repeats another file's unit and month is not used, and is
//! listed.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use rayon::prelude::*;
use serde::Serialize;

use super::{Fatal, arg, read_input};
use crate::district::{self, Attempt, Filing, Record, canonical_unit};
use crate::form::YearMonth;
use crate::report::Report;
use crate::validate::{Validation, form_of, parse_period, today_in_china, validate};
use crate::{DEFAULT_FORM, Lang, OptionsError};

#[derive(Args, Debug)]
pub struct MonthArgs {
    /// Folder of JSON reports, one unit and month per file
    #[arg(required_unless_present = "db")]
    dir: Option<PathBuf>,
    /// Read the record of `diaodu serve` from its SQLite file instead of a folder
    #[cfg(feature = "serve")]
    #[arg(long, conflicts_with = "dir")]
    db: Option<PathBuf>,
    /// The month to report on, YYYY-MM
    #[arg(long, value_parser = arg(parse_month))]
    period: YearMonth,
    /// A unit list, one unit per line [default: the registry's townships and departments]
    #[arg(long)]
    units: Option<PathBuf>,
    /// The date taken as today, YYYY-MM-DD [default: today in China, UTC+8]
    #[arg(long, value_parser = arg(crate::options::parse_today))]
    today: Option<NaiveDate>,
    /// zh or en [default: zh]
    #[arg(long, value_parser = arg(crate::options::parse_lang))]
    lang: Option<Lang>,
    #[arg(long, value_enum, default_value_t = MonthFormat::Text)]
    format: MonthFormat,
    /// Write to this file instead of standard output (required for xlsx)
    #[arg(long)]
    out: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum MonthFormat {
    Text,
    Json,
    Csv,
    Xlsx,
}

/// A campaign month, strictly `YYYY-MM`.
fn parse_month(text: &str) -> Result<YearMonth, OptionsError> {
    let ok = text.len() == 7 && text.as_bytes()[4] == b'-';
    match parse_period(text).filter(|_| ok) {
        Some(p) if (DEFAULT_FORM.first_period..=DEFAULT_FORM.last_period).contains(&p) => Ok(p),
        _ => Err(OptionsError::BadPeriod {
            text: text.to_string(),
        }),
    }
}

/// A file that could not be used, and why.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Problem {
    file: String,
    message: String,
}

/// A report read from DIR with the unit and month it is filed under.
struct Loaded {
    source: String,
    report: Report,
    unit: String,
    period: YearMonth,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct MonthOutput<'a> {
    #[serde(flatten)]
    view: &'a district::MonthView,
    problems: &'a [Problem],
}

fn load(path: &Path, lang: Lang) -> Result<Loaded, String> {
    let text = read_input(path, lang).map_err(|Fatal(m)| m)?;
    let report = Report::from_json(&text).map_err(|e| e.render(lang))?;
    let unit_text = report.unit.as_text().trim().to_string();
    if report.unit.is_blank() || unit_text.is_empty() {
        return Err(match lang {
            Lang::Zh => "未填写填报单位，无法归入任何单位。".into(),
            Lang::En => "no unit: the report cannot be filed under any unit.".into(),
        });
    }
    let (form, _) = form_of(&report);
    let period = parse_period(report.period.as_text().trim()).ok_or_else(|| match lang {
        Lang::Zh => format!("报告月份“{}”无法识别。", report.period.as_text()),
        Lang::En => format!(
            "the reported month \"{}\" cannot be read.",
            report.period.as_text()
        ),
    })?;
    Ok(Loaded {
        source: String::new(),
        unit: canonical_unit(form, &unit_text),
        report,
        period,
    })
}

/// The record of a folder of reports: each rechecked against its unit's
/// latest earlier report there, and the files that could not be used.
fn record_from_dir(
    dir: &Path,
    today: NaiveDate,
    lang: Lang,
) -> Result<(Record, Vec<Problem>), Fatal> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Fatal(match lang {
            Lang::Zh => format!("无法读取目录 {}：{e}", dir.display()),
            Lang::En => format!("cannot read the folder {}: {e}", dir.display()),
        })
    })?;
    let mut files: Vec<(String, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .filter(|(name, _)| !name.starts_with('.'))
        .collect();
    files.sort();

    let mut problems = Vec::new();
    let mut loaded = Vec::new();
    let results: Vec<(String, Result<Loaded, String>)> = files
        .par_iter()
        .map(|(name, path)| (name.clone(), load(path, lang)))
        .collect();
    for (name, r) in results {
        match r {
            Ok(mut l) => {
                l.source = name;
                loaded.push(l);
            }
            Err(message) => problems.push(Problem {
                file: name,
                message,
            }),
        }
    }

    // One file per unit and month: where two claim the same, neither is
    // used, since nothing says which one the unit meant.
    let mut usable: Vec<Loaded> = Vec::new();
    for l in loaded {
        let twins: Vec<&str> = usable
            .iter()
            .filter(|u| u.unit == l.unit && u.period == l.period)
            .map(|u| u.source.as_str())
            .collect();
        if twins.is_empty() {
            usable.push(l);
            continue;
        }
        let message = |other: &str| match lang {
            Lang::Zh => format!(
                "与 {other} 是同一单位（{}）同一月份（{}）的报表，两者都未采用。",
                l.unit, l.period
            ),
            Lang::En => format!(
                "same unit ({}) and month ({}) as {other}; neither is used.",
                l.unit, l.period
            ),
        };
        let first = twins[0].to_string();
        problems.push(Problem {
            file: l.source.clone(),
            message: message(&first),
        });
        if let Some(pos) = usable.iter().position(|u| u.source == first) {
            let twin = usable.remove(pos);
            problems.push(Problem {
                message: message(&l.source),
                file: twin.source,
            });
        }
    }
    problems.sort_by(|a, b| a.file.cmp(&b.file));

    // Recheck every report against its unit's latest earlier one, in
    // parallel: each check is independent.
    let options = district::office_options(today, lang);
    let checked: Vec<Validation> = usable
        .par_iter()
        .map(|l| {
            let prior = usable
                .iter()
                .filter(|p| p.unit == l.unit && p.period < l.period)
                .max_by_key(|p| p.period);
            validate(&l.report, prior.map(|p| &p.report), &options)
        })
        .collect();

    let mut record = Record::default();
    for (l, v) in usable.into_iter().zip(checked) {
        if v.submittable() {
            record.filings.push(Filing {
                late: v.findings.iter().any(|c| c.finding.rule().code() == "H251"),
                counts: v.counts(),
                unit: l.unit,
                period: l.period,
                report: v.normalized,
                received: None,
                source: l.source,
            });
        } else {
            let codes = v.blocking_codes();
            record.attempts.push(Attempt {
                unit: l.unit,
                period: l.period,
                received: None,
                codes,
                source: l.source,
            });
        }
    }

    Ok((record, problems))
}

/// The record `diaodu serve` keeps, up to `period`.
#[cfg(feature = "serve")]
fn record_from_db(db: &Path, period: YearMonth, lang: Lang) -> Result<Record, Fatal> {
    if !db.is_file() {
        return Err(Fatal(match lang {
            Lang::Zh => format!("找不到数据库文件 {}。", db.display()),
            Lang::En => format!("no database file {}.", db.display()),
        }));
    }
    crate::server::store::Store::open(db)
        .and_then(|s| s.record(period))
        .map_err(|e| Fatal(format!("{}: {e}", db.display())))
}

/// Run `diaodu month`.
pub(crate) fn run(a: MonthArgs, stdout: &mut dyn Write) -> Result<ExitCode, Fatal> {
    let lang = a.lang.unwrap_or_default();
    let today = a.today.unwrap_or_else(today_in_china);
    let form = DEFAULT_FORM;
    if matches!(a.format, MonthFormat::Xlsx) && a.out.is_none() {
        return Err(Fatal(match lang {
            Lang::Zh => "xlsx 格式须用 --out 指定输出文件。".into(),
            Lang::En => "the xlsx format needs --out FILE.".into(),
        }));
    }
    let expected = match &a.units {
        None => district::default_expected(form),
        Some(path) => {
            let text = read_input(path, lang)?;
            district::read_unit_list(form, &text)
                .map_err(|e| Fatal(format!("{}: {}", path.display(), e.render(lang))))?
        }
    };

    #[cfg(feature = "serve")]
    let from_db = match a.db.as_deref() {
        Some(db) => Some(record_from_db(db, a.period, lang)?),
        None => None,
    };
    #[cfg(not(feature = "serve"))]
    let from_db: Option<Record> = None;
    let (record, problems) = match (from_db, &a.dir) {
        (Some(record), _) => (record, Vec::new()),
        (None, Some(dir)) => record_from_dir(dir, today, lang)?,
        // clap requires one of them.
        (None, None) => return Err(Fatal("DIR or --db".into())),
    };

    let view = district::month_view(form, &expected, &record, a.period, today, lang);
    let period = a.period;
    let figures = district::export::figures_of(form, |unit: &str| {
        record.latest(unit, period).map(|f| &f.report)
    });
    let rendered: Vec<String> = problems
        .iter()
        .map(|p| format!("{}: {}", p.file, p.message))
        .collect();
    let bytes = match a.format {
        MonthFormat::Text => district::export::to_text(form, &view, &rendered, lang).into_bytes(),
        MonthFormat::Json => {
            let out = MonthOutput {
                view: &view,
                problems: &problems,
            };
            (serde_json::to_string_pretty(&out).expect("serialises") + "\n").into_bytes()
        }
        MonthFormat::Csv => district::export::to_csv(form, &view, &figures, lang),
        MonthFormat::Xlsx => district::export::to_xlsx(form, &view, &figures, lang)
            .map_err(|e| Fatal(format!("xlsx: {e}")))?,
    };
    match &a.out {
        Some(path) => std::fs::write(path, &bytes).map_err(|e| {
            Fatal(match lang {
                Lang::Zh => format!("无法写入 {}：{e}", path.display()),
                Lang::En => format!("cannot write {}: {e}", path.display()),
            })
        })?,
        None => {
            let _ = stdout.write_all(&bytes);
        }
    }
    if a.out.is_some() || !matches!(a.format, MonthFormat::Text) {
        // Problems reach the terminal whatever the format.
        for p in &rendered {
            let _ = writeln!(std::io::stderr(), "diaodu: {p}");
        }
    }
    Ok(if view.complete() && problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
