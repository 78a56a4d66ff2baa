//! The `diaodu` command line: server-side rechecks and exports.
//!
//! Exit codes follow ripgrep's spirit: 0 the report can be submitted, 1 it has
//! findings that block submission (errors, or warnings without an explanation
//! that counts), 2 the command could not do its work (usage error, unreadable
//! or malformed input). A script can therefore tell "the report is bad" from
//! "the check did not run".

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use crate::report::{MAX_INPUT_BYTES, Report, too_large};
use crate::rules::Severity;
use crate::{DEFAULT_FORM, Lang, Mode, Options, catalogue, schema};

mod month;

#[derive(Parser, Debug)]
#[command(
    name = "diaodu",
    version,
    about = "校验崇明区重大事故隐患专项排查整治2023行动进展情况调度表 / Validate the Chongming 2023 hazard campaign progress form"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// 校验一份报表 / Check one report (exit 0 submittable, 1 blocked, 2 unreadable)
    Check {
        /// Report JSON file, or - for standard input
        report: PathBuf,
        /// The same unit's report for an earlier month (cumulative checks)
        #[arg(long)]
        prior: Option<PathBuf>,
        /// draft: blanks allowed; submit: everything required (无则填0) [default: submit]
        #[arg(long, value_parser = arg(crate::options::parse_mode))]
        mode: Option<Mode>,
        /// The date taken as today, YYYY-MM-DD [default: today in China, UTC+8]
        #[arg(long, value_parser = arg(crate::options::parse_today))]
        today: Option<NaiveDate>,
        /// zh or en (a tag such as zh-CN also does) [default: zh]
        #[arg(long, value_parser = arg(crate::options::parse_lang))]
        lang: Option<Lang>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// 汇总一个月的报表：报送情况、汇总表、多月核实 / A month from a folder of reports: who filed, the roll-up, series checks (exit 0 all filed, 1 missing or unusable, 2 bad arguments or unreadable folder)
    Month(month::MonthArgs),
    /// 输出表单结构（JSON）/ Print the form schema as JSON
    Schema,
    /// 启动演示页面和复核接口 / Serve the demo page and the recheck API
    #[cfg(feature = "serve")]
    Serve {
        /// Address to listen on
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// Folder with the demo page (index.html and the built pkg/)
        #[arg(long, default_value = "www")]
        www: PathBuf,
        /// The record of submissions, a SQLite file created on first run
        #[arg(long, default_value = "diaodu.sqlite3")]
        db: PathBuf,
        /// Take the unit from this request header, set by the portal's reverse proxy
        #[arg(long, conflicts_with = "tokens")]
        auth_header: Option<String>,
        /// Per-unit tokens: a JSON file {"城桥镇": "TOKEN", "区安委办": "TOKEN"}
        #[arg(long)]
        tokens: Option<PathBuf>,
        /// The units expected to file, one per line [default: the registry's townships and departments]
        #[arg(long)]
        units: Option<PathBuf>,
        /// Fix the server's clock at a moment in China (YYYY-MM-DDTHH:MM:SS), for tests and demonstrations
        #[arg(long, hide = true, value_parser = arg_clock)]
        clock: Option<crate::clock::Clock>,
    },
    /// 输出校验规则目录 / Print the rule catalogue
    Rules {
        #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
        format: RulesFormat,
        /// zh or en [default: zh]
        #[arg(long, value_parser = arg(crate::options::parse_lang))]
        lang: Option<Lang>,
    },
}

/// A clap value parser from one of the options module's parsers, so the CLI
/// accepts exactly what JS and the server accept and says so in the same
/// words.
fn arg<T: Clone + Send + Sync + 'static>(
    parse: fn(&str) -> Result<T, crate::OptionsError>,
) -> impl Fn(&str) -> Result<T, String> + Clone + Send + Sync + 'static {
    move |s| parse(s).map_err(|e| format!("{} / {}", e.render(Lang::Zh), e.render(Lang::En)))
}

#[cfg(feature = "serve")]
fn arg_clock(s: &str) -> Result<crate::clock::Clock, String> {
    crate::clock::Clock::fixed_at(s).ok_or_else(|| {
        format!(
            "时间应为 YYYY-MM-DDTHH:MM:SS，收到 \"{s}\" / expected YYYY-MM-DDTHH:MM:SS, got \"{s}\""
        )
    })
}

/// The server's setup from its flags.
#[cfg(feature = "serve")]
fn serve_config(
    www: PathBuf,
    db: &Path,
    auth_header: Option<String>,
    tokens: Option<&Path>,
    units: Option<&Path>,
    clock: Option<crate::clock::Clock>,
) -> Result<crate::server::Config, Fatal> {
    use crate::server::auth::Auth;
    let auth = match (auth_header, tokens) {
        (Some(name), _) => Auth::Header(
            axum::http::HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                Fatal(format!(
                    "“{name}”不是有效的请求头名称 / \"{name}\" is not a header name"
                ))
            })?,
        ),
        (None, Some(path)) => {
            let text = read_input(path, Lang::Zh)?;
            Auth::tokens(DEFAULT_FORM, &text, Lang::Zh)
                .map_err(|e| Fatal(format!("{}: {e}", path.display())))?
        }
        (None, None) => Auth::Demo,
    };
    let expected = match units {
        None => crate::district::default_expected(DEFAULT_FORM),
        Some(path) => {
            let text = read_input(path, Lang::Zh)?;
            crate::district::read_unit_list(DEFAULT_FORM, &text)
                .map_err(|e| Fatal(format!("{}: {}", path.display(), e.render(Lang::Zh))))?
        }
    };
    let store = crate::server::store::Store::open(db).map_err(|e| {
        Fatal(format!(
            "无法打开数据库 {} / cannot open the database {}: {e}",
            db.display(),
            db.display()
        ))
    })?;
    Ok(crate::server::Config {
        www,
        store,
        auth,
        clock: clock.unwrap_or_default(),
        expected,
    })
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum RulesFormat {
    Text,
    Json,
    Markdown,
}

/// A failure that keeps the command from doing its work (exit 2).
pub(crate) struct Fatal(pub(crate) String);

/// Read a file (or standard input for `-`), refusing anything over
/// [`MAX_INPUT_BYTES`] before reading it all.
pub(crate) fn read_input(path: &Path, lang: Lang) -> Result<String, Fatal> {
    let shown = path.display();
    let mut bytes = Vec::new();
    let limit = MAX_INPUT_BYTES as u64 + 1;
    let result = if path.as_os_str() == "-" {
        io::stdin().take(limit).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(limit).read_to_end(&mut bytes))
    };
    if let Err(e) = result {
        return Err(Fatal(match lang {
            Lang::Zh => format!("无法读取 {shown}：{e}"),
            Lang::En => format!("cannot read {shown}: {e}"),
        }));
    }
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(Fatal(too_large(&shown.to_string(), lang)));
    }
    String::from_utf8(bytes).map_err(|_| {
        Fatal(match lang {
            Lang::Zh => format!("{shown} 不是 UTF-8 编码的文本。"),
            Lang::En => format!("{shown} is not UTF-8 text."),
        })
    })
}

fn read_report(path: &Path, lang: Lang) -> Result<Report, Fatal> {
    let text = read_input(path, lang)?;
    Report::from_json(&text).map_err(|e| Fatal(format!("{}: {}", path.display(), e.render(lang))))
}

/// The form's values as a Markdown table, section by section (the README
/// embeds this).
pub fn fields_markdown() -> String {
    let mut out = String::from("| section | key | item | label | unit |\n|---|---|---|---|---|\n");
    for s in DEFAULT_FORM.sections {
        for (n, f) in DEFAULT_FORM
            .fields
            .iter()
            .filter(|f| f.section == s.number)
            .enumerate()
        {
            let section = if n == 0 {
                format!("{} {}", s.numeral, s.title)
            } else {
                String::new()
            };
            out.push_str(&format!(
                "| {section} | `{}` | {} | {} | {} |\n",
                f.key,
                f.number(),
                f.label,
                f.unit
            ));
        }
    }
    out
}

/// Text for HTML: the form's words carry no markup, and stay so.
fn html_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The paper form's markup, from the form table: the demo page
/// (`www/index.html`) is this markup and one `attach()` call, and a test
/// keeps the page's copy current. Each value is an input named by its key,
/// with its label, unit, help text and a message slot
/// (`data-diaodu-message-for`), in the printed order.
pub fn paper_html() -> String {
    let form = DEFAULT_FORM;
    let mut out = String::new();
    let field_row = |f: &crate::form::Field, text: &str| -> String {
        let yes_no = f.kind == crate::form::Kind::YesNo;
        let described = match f.help {
            Some(_) => format!("m-{k} h-{k}", k = f.key),
            None => format!("m-{}", f.key),
        };
        let mut row = format!(
            "<div class=\"field\" data-key=\"{k}\"><label for=\"f-{k}\">{label}</label><div class=\"input-line\"><input id=\"f-{k}\" name=\"{k}\" autocomplete=\"off\" inputmode=\"{mode}\"{list} aria-describedby=\"{described}\">{unit}<span class=\"prior-value\"></span></div>",
            k = f.key,
            label = html_text(text),
            mode = if yes_no { "text" } else { "decimal" },
            list = if yes_no { " list=\"yes-no\"" } else { "" },
            unit = if yes_no {
                String::new()
            } else {
                format!(
                    "<span class=\"unit\" aria-hidden=\"true\">{}</span>",
                    html_text(f.unit)
                )
            },
        );
        if let Some(help) = f.help {
            row.push_str(&format!(
                "<p class=\"help\" id=\"h-{}\">{}</p>",
                f.key,
                html_text(help)
            ));
        }
        row.push_str(&format!(
            "<div class=\"msgs\" id=\"m-{k}\" data-diaodu-message-for=\"{k}\"></div></div>",
            k = f.key
        ));
        row
    };
    for s in form.sections {
        out.push_str(&format!(
            "<fieldset class=\"section\" data-section=\"{}\"><legend>{}、{}</legend>\n<div class=\"items\">\n",
            s.number,
            s.numeral,
            html_text(s.title)
        ));
        for item in s.items {
            let fields: Vec<&crate::form::Field> = item
                .keys
                .iter()
                .filter_map(|k| form.fields.iter().find(|f| f.key == *k))
                .collect();
            out.push_str(&format!(
                "<div class=\"item\" data-item=\"{}.{}\"><span class=\"no\" aria-hidden=\"true\">{}</span><div class=\"item-body\">",
                s.number, item.number, item.number
            ));
            match fields.as_slice() {
                [one] => out.push_str(&field_row(one, item.printed)),
                many => {
                    out.push_str(&format!(
                        "<div class=\"item-title\">{}</div>",
                        html_text(item.printed)
                    ));
                    for f in many {
                        out.push_str(&field_row(f, &format!("{}（{}）", f.label, f.unit)));
                    }
                }
            }
            out.push_str("</div></div>\n");
        }
        out.push_str("</div></fieldset>\n");
    }
    out.push_str("<div id=\"notes\" class=\"notes\"><p data-i18n=\"notes\">注：</p>");
    for (i, n) in form.notes.iter().enumerate() {
        out.push_str(&format!("<p>{}. {}</p>", i + 1, html_text(n)));
    }
    out.push_str("</div>\n");
    out
}

/// The rule catalogue as a Markdown table (the README embeds this).
pub fn rules_markdown() -> String {
    let mut out =
        String::from("| code | severity | fields | 说明 | description |\n|---|---|---|---|---|\n");
    for r in catalogue(DEFAULT_FORM) {
        let sev = match r.severity {
            Severity::Error => "error 强制性",
            Severity::Warning => "warning 核实性",
        };
        let fields = if r.fields.len() > 6 {
            format!("{} fields", r.fields.len())
        } else {
            r.fields
                .iter()
                .map(|f| format!("`{f}`"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let doc = r
            .doc
            .as_deref()
            .unwrap_or_default()
            .split("\n\n")
            .next()
            .unwrap_or("")
            .replace('\n', " ");
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} {} |\n",
            r.code,
            sev,
            fields,
            r.description_zh,
            r.description_en.unwrap_or_default(),
            doc
        ));
    }
    out
}

fn rules_text(lang: Lang) -> String {
    let mut out = String::new();
    for r in catalogue(DEFAULT_FORM) {
        let desc = match lang {
            Lang::Zh => r.description_zh,
            Lang::En => r.description_en.unwrap_or_default(),
        };
        out.push_str(&format!("{} {} {}\n", r.code, r.severity.label(lang), desc));
    }
    out
}

fn run(cli: Cli, stdout: &mut dyn Write) -> Result<ExitCode, Fatal> {
    let write = |out: &mut dyn Write, s: &str| {
        // A closed pipe (`diaodu rules | head`) is not an error worth a panic.
        let _ = out.write_all(s.as_bytes());
    };
    match cli.command {
        Command::Check {
            report,
            prior,
            mode,
            today,
            lang,
            format,
        } => {
            let defaults = Options::RECHECK;
            let options = Options {
                mode: mode.unwrap_or(defaults.mode),
                today: today.or(defaults.today),
                lang: lang.unwrap_or(defaults.lang),
            };
            let lang = options.lang;
            let r = read_report(&report, lang)?;
            let p = prior.as_deref().map(|p| read_report(p, lang)).transpose()?;
            let result = crate::check(&r, p.as_ref(), &options);
            match format {
                Format::Text => write(stdout, &result.to_text(lang)),
                Format::Json => write(
                    stdout,
                    &(crate::json::ToJson::to_json_pretty(&result) + "\n"),
                ),
            }
            Ok(if result.submittable {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        #[cfg(feature = "serve")]
        Command::Serve {
            addr,
            www,
            db,
            auth_header,
            tokens,
            units,
            clock,
        } => {
            if !www.join("index.html").is_file() {
                return Err(Fatal(format!(
                    "找不到 {}/index.html；请在项目目录下运行，或用 --www 指定演示页面目录 / no index.html in {}",
                    www.display(),
                    www.display()
                )));
            }
            let config = serve_config(
                www,
                &db,
                auth_header,
                tokens.as_deref(),
                units.as_deref(),
                clock,
            )?;
            crate::server::serve(addr, config).map_err(|e| {
                Fatal(format!(
                    "无法在 {addr} 启动服务 / cannot serve on {addr}: {e}"
                ))
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Month(args) => month::run(args, stdout),
        Command::Schema => {
            write(
                stdout,
                &(crate::json::ToJson::to_json_pretty(&schema()) + "\n"),
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Rules { format, lang } => {
            let text = match format {
                RulesFormat::Text => rules_text(lang.unwrap_or_default()),
                RulesFormat::Json => {
                    crate::json::ToJson::to_json_pretty(&catalogue(DEFAULT_FORM)) + "\n"
                }
                RulesFormat::Markdown => rules_markdown(),
            };
            write(stdout, &text);
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The CLI's entry point.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            // --help and --version are not failures.
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let stdout = io::stdout();
    let mut lock = stdout.lock();
    match run(cli, &mut lock) {
        Ok(code) => code,
        Err(Fatal(msg)) => {
            let _ = writeln!(io::stderr(), "diaodu: {msg}");
            ExitCode::from(2)
        }
    }
}
