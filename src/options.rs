//! How to validate: the options every surface shares, read by one parser.
//!
//! The JS package, the CLI and the recheck server all take the same three
//! options — `mode`, `today`, `lang` — and accept the same spellings, refuse
//! the same mistakes and say so in the same words. Only their defaults differ,
//! and on purpose: a page being typed into is a draft ([`Options::TYPING`]),
//! while the CLI and the server recheck a report that is being filed
//! ([`Options::RECHECK`]). Options a surface adds of its own (the prior month
//! on JS and the server) are its `extras`: this module lets them through and
//! the surface reads them.

use chrono::NaiveDate;
#[cfg(not(target_arch = "wasm32"))]
use serde::{Deserialize, Serialize};

use crate::Lang;
use crate::report::Map;

/// Draft while typing, submit for the final check.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize, Deserialize))]
#[cfg_attr(not(target_arch = "wasm32"), serde(rename_all = "camelCase"))]
pub enum Mode {
    /// Blank values are not findings.
    #[default]
    Draft,
    /// Every value and header field is required (无则填0).
    Submit,
}

/// How to validate and in which language to speak.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    pub mode: Mode,
    /// The date "today" is taken to be; `None` means the current date in
    /// China (UTC+8), whatever the machine's time zone.
    pub today: Option<NaiveDate>,
    /// The language of messages.
    pub lang: Lang,
}

impl Options {
    /// The defaults of a report being typed (the JS package): draft, today's
    /// date in China, Chinese.
    pub const TYPING: Options = Options {
        mode: Mode::Draft,
        today: None,
        lang: Lang::Zh,
    };

    /// The defaults of a recheck (the CLI and the server): submit, today's
    /// date in China, Chinese.
    pub const RECHECK: Options = Options {
        mode: Mode::Submit,
        ..Options::TYPING
    };

    /// The option names every surface takes.
    pub const KEYS: &'static [&'static str] = &["mode", "today", "lang"];
}

impl Default for Options {
    fn default() -> Options {
        Options::TYPING
    }
}

/// Why options were refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OptionsError {
    /// The options are not a JSON object (or are not JSON at all).
    NotObject {
        detail: String,
    },
    /// A member no surface or this surface knows; `allowed` lists the names.
    UnknownKey {
        key: String,
        allowed: Vec<&'static str>,
    },
    /// `mode`, `today` or `lang` given as something other than text.
    NotText {
        key: &'static str,
    },
    BadMode {
        text: String,
    },
    BadToday {
        text: String,
    },
    BadLang {
        text: String,
    },
    /// English asked for in the browser package before
    /// `loadLanguage('en')` loaded it (see [`crate::english`]).
    LanguageNotLoaded {
        text: String,
    },
    /// A month to report on (`diaodu month --period`, the office's view):
    /// not `YYYY-MM`, or outside the campaign.
    BadPeriod {
        text: String,
    },
}

impl OptionsError {
    /// The message, in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            OptionsError::NotObject { detail } if zh => format!("选项应为 JSON 对象：{detail}"),
            OptionsError::NotObject { detail } => format!("options must be an object: {detail}"),
            OptionsError::UnknownKey { key, allowed } => {
                let key = crate::finding::quote(key);
                let list = allowed.join(", ");
                if zh {
                    format!("没有“{key}”这个选项；可用的选项为 {list}。")
                } else {
                    format!("unknown option \"{key}\"; the options are {list}.")
                }
            }
            OptionsError::NotText { key } if zh => format!("选项 {key} 应为文本。"),
            OptionsError::NotText { key } => format!("option {key} must be text."),
            OptionsError::BadMode { text } => {
                let text = crate::finding::quote(text);
                if zh {
                    format!("mode 应为 \"draft\" 或 \"submit\"，收到 \"{text}\"。")
                } else {
                    format!("mode must be \"draft\" or \"submit\", got \"{text}\".")
                }
            }
            OptionsError::BadToday { text } => {
                let text = crate::finding::quote(text);
                if zh {
                    format!("today 应为 YYYY-MM-DD 格式的日期，收到 \"{text}\"。")
                } else {
                    format!("today must be a YYYY-MM-DD date, got \"{text}\".")
                }
            }
            OptionsError::BadLang { text } => {
                let text = crate::finding::quote(text);
                if zh {
                    format!("lang 应为 \"zh\" 或 \"en\"，收到 \"{text}\"。")
                } else {
                    format!("lang must be \"zh\" or \"en\", got \"{text}\".")
                }
            }
            OptionsError::LanguageNotLoaded { text } => {
                let text = crate::finding::quote(text);
                if zh {
                    format!(
                        "lang 为 \"{text}\"，但英文文本尚未加载：请先调用 await loadLanguage('en')。"
                    )
                } else {
                    format!(
                        "lang is \"{text}\", but English is not loaded yet: call await loadLanguage('en') first."
                    )
                }
            }
            OptionsError::BadPeriod { text } => {
                let text = crate::finding::quote(text);
                let (first, last) = (
                    crate::DEFAULT_FORM.first_period,
                    crate::DEFAULT_FORM.last_period,
                );
                if zh {
                    format!("period 应为 {first} 至 {last} 之间的 YYYY-MM 月份，收到 \"{text}\"。")
                } else {
                    format!(
                        "period must be a YYYY-MM month from {first} to {last}, got \"{text}\"."
                    )
                }
            }
        }
    }
}

impl std::fmt::Display for OptionsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Lang::Zh))
    }
}

impl std::error::Error for OptionsError {}

/// `draft` or `submit`.
pub fn parse_mode(text: &str) -> Result<Mode, OptionsError> {
    match text {
        "draft" => Ok(Mode::Draft),
        "submit" => Ok(Mode::Submit),
        _ => Err(OptionsError::BadMode { text: text.into() }),
    }
}

/// A strict `YYYY-MM-DD` date.
pub fn parse_today(text: &str) -> Result<NaiveDate, OptionsError> {
    crate::validate::parse_iso_date(text)
        .ok_or_else(|| OptionsError::BadToday { text: text.into() })
}

/// `zh` or `en`, or a language tag with either as its language
/// (`zh-CN`, `zh-Hans`, `en-US`, any case): pages pass `navigator.language`.
/// English must be there to be spoken: in the browser package that is once
/// `loadLanguage('en')` has loaded it, and asking before is an error, never
/// a quiet fall back to Chinese.
pub fn parse_lang(text: &str) -> Result<Lang, OptionsError> {
    match language_tag(text) {
        Some(Lang::En) if !crate::english::loaded() => {
            Err(OptionsError::LanguageNotLoaded { text: text.into() })
        }
        Some(lang) => Ok(lang),
        None => Err(OptionsError::BadLang { text: text.into() }),
    }
}

/// The language a tag names, whether or not it can be spoken yet.
pub fn language_tag(text: &str) -> Option<Lang> {
    let primary = text.split(['-', '_']).next().unwrap_or("");
    if primary.eq_ignore_ascii_case("zh") {
        Some(Lang::Zh)
    } else if primary.eq_ignore_ascii_case("en") {
        Some(Lang::En)
    } else {
        None
    }
}

impl std::str::FromStr for Mode {
    type Err = OptionsError;
    fn from_str(s: &str) -> Result<Mode, OptionsError> {
        parse_mode(s)
    }
}

impl std::str::FromStr for Lang {
    type Err = OptionsError;
    fn from_str(s: &str) -> Result<Lang, OptionsError> {
        parse_lang(s)
    }
}

/// Options read from JSON, with the members the surface added of its own.
#[derive(Debug)]
pub struct ReadOptions {
    pub options: Options,
    /// The surface's own members (named in `extras`), as JSON text.
    pub extras: Map<String>,
}

/// Read options from a JSON object's text: `mode`, `today` and `lang` (text,
/// or `null` for the default) over `defaults`, and the members named in
/// `extras`, which are handed back unread. Any other member is refused, so a
/// misspelt option (`"mdoe"`) is never silently ignored.
pub fn read_options(
    json: &str,
    extras: &[&'static str],
    defaults: Options,
) -> Result<ReadOptions, OptionsError> {
    let members = crate::json::members(json).map_err(|e| OptionsError::NotObject {
        detail: crate::report::detail(&e),
    })?;
    let mut options = defaults;
    let mut rest = Map::default();
    for (key, value) in members {
        // A shared option is text, or null for the default.
        let text = |key: &'static str| {
            crate::json::option_string(value).map_err(|_| OptionsError::NotText { key })
        };
        match key.as_str() {
            "mode" => {
                if let Some(t) = text("mode")? {
                    options.mode = parse_mode(&t)?;
                }
            }
            "today" => {
                if let Some(t) = text("today")? {
                    options.today = Some(parse_today(&t)?);
                }
            }
            "lang" => {
                if let Some(t) = text("lang")? {
                    options.lang = parse_lang(&t)?;
                }
            }
            k if extras.contains(&k) => {
                rest.insert(key, value.to_string());
            }
            _ => {
                return Err(OptionsError::UnknownKey {
                    key,
                    allowed: Options::KEYS.iter().chain(extras).copied().collect(),
                });
            }
        }
    }
    Ok(ReadOptions {
        options,
        extras: rest,
    })
}

/// The language to speak in about options that could not be read: theirs,
/// where it can be made out, else Chinese.
pub fn lang_hint(json: &str) -> Lang {
    crate::json::members(json)
        .ok()
        .and_then(|m| crate::json::string(m.get("lang")?).ok())
        .and_then(|t| language_tag(&t))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags_are_read_by_their_language() {
        for t in ["zh", "zh-CN", "ZH_cn", "zh-Hans"] {
            assert_eq!(parse_lang(t), Ok(Lang::Zh), "{t}");
        }
        for t in ["en", "en-US", "EN-gb"] {
            assert_eq!(parse_lang(t), Ok(Lang::En), "{t}");
        }
        for t in ["", "fr", "zhx", "english"] {
            assert!(parse_lang(t).is_err(), "{t}");
        }
    }

    #[test]
    fn members_override_defaults_and_extras_pass_through() {
        let r = read_options(
            r#"{"mode": "submit", "today": "2023-06-30", "lang": null, "prior": {"unit": "x"}}"#,
            &["prior"],
            Options::TYPING,
        )
        .unwrap();
        assert_eq!(r.options.mode, Mode::Submit);
        assert_eq!(r.options.today, NaiveDate::from_ymd_opt(2023, 6, 30));
        assert_eq!(r.options.lang, Lang::Zh);
        assert_eq!(r.extras["prior"], r#"{"unit": "x"}"#);
    }

    #[test]
    fn unknown_members_and_wrong_types_are_refused() {
        let e = read_options(r#"{"mdoe": "submit"}"#, &[], Options::RECHECK).unwrap_err();
        assert_eq!(
            e.render(Lang::En),
            "unknown option \"mdoe\"; the options are mode, today, lang."
        );
        let e = read_options(r#"{"prior": {}}"#, &[], Options::RECHECK).unwrap_err();
        assert!(matches!(e, OptionsError::UnknownKey { .. }));
        let e = read_options(r#"{"mode": 1}"#, &[], Options::RECHECK).unwrap_err();
        assert_eq!(e, OptionsError::NotText { key: "mode" });
        assert!(matches!(
            read_options("[]", &[], Options::RECHECK),
            Err(OptionsError::NotObject { .. })
        ));
    }
}
