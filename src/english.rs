//! English, left out of the browser package until a page asks for it.
//!
//! The form's users read Chinese; English is for the few who ask. Natively
//! every English text is compiled in: the form table's `*_en` members, the
//! units' English names, the rules' descriptions and documentation, and the
//! message templates. The WebAssembly build leaves them out (5 KB of
//! a gzipped download that every page would otherwise pay for) and reads
//! them, when a page calls `await loadLanguage('en')`, from
//! `diaodu_en.json`: one JSON object of keyed texts, written from the native
//! tables by [`file_json`] and pinned by a test (`tests/it/english.rs`), so
//! that both builds speak the same English, byte for byte.
//!
//! Until then nothing is rendered in English: asking for `lang: "en"` is an
//! error that says to load it (see [`crate::options::parse_lang`]), and the
//! schema and rule catalogue leave out their English members.
//!
//! Every English text has one key, made by [`Key`] alone, both when the
//! file is written and when a text is looked up.

use std::fmt::Write as _;

use crate::Lang;
use crate::form::FORMS;
use crate::rules::Rule;

/// An English text in a table: the text natively; nothing in the browser
/// package, where [`load`] supplies it.
#[cfg(not(target_arch = "wasm32"))]
pub type En = &'static str;
#[cfg(target_arch = "wasm32")]
pub type En = Absent;

/// An English text a table entry may have (a field's help).
#[cfg(not(target_arch = "wasm32"))]
pub type EnOpt = Option<&'static str>;
#[cfg(target_arch = "wasm32")]
pub type EnOpt = Absent;

/// Where the browser package has no English compiled in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Absent;

/// An English text as a table writes it: `en!("Overview")`, kept natively,
/// [`Absent`] in the browser package (so that code reading the member as
/// text does not compile there).
#[cfg(not(target_arch = "wasm32"))]
macro_rules! en {
    ($text:expr) => {
        $text
    };
}
#[cfg(target_arch = "wasm32")]
macro_rules! en {
    ($text:expr) => {
        $crate::english::Absent
    };
}
pub(crate) use en;

/// A text's key in `diaodu_en.json`.
#[derive(Clone, Copy, Debug)]
pub enum Key<'a> {
    /// A form's title, by the form's id.
    Title(&'a str),
    /// A header field's label.
    Header(&'a str),
    /// A section's title, by its number.
    Section(u8),
    /// A value's label.
    Field(&'a str),
    /// A value's help.
    Help(&'a str),
    /// A unit's name, by its Chinese name.
    Unit(&'a str),
    /// A message template, by its key (`F106.inexact`).
    Message(&'a str),
    /// A rule's one-line description, by its code.
    Rule(&'a str),
    /// A rule's documentation.
    Doc(&'a str),
}

impl Key<'_> {
    fn write(self, out: &mut String) {
        let _ = match self {
            Key::Title(id) => write!(out, "title.{id}"),
            Key::Header(k) => write!(out, "header.{k}"),
            Key::Section(n) => write!(out, "section.{n}"),
            Key::Field(k) => write!(out, "field.{k}"),
            Key::Help(k) => write!(out, "help.{k}"),
            Key::Unit(name) => write!(out, "unit.{name}"),
            Key::Message(k) => write!(out, "message.{k}"),
            Key::Rule(code) => write!(out, "rule.{code}"),
            Key::Doc(code) => write!(out, "doc.{code}"),
        };
    }

    fn text(self) -> String {
        let mut s = String::new();
        self.write(&mut s);
        s
    }
}

/// The member naming the package the file was written for.
const PACKAGE: &str = "package";

fn package() -> String {
    format!("diaodu {}", env!("CARGO_PKG_VERSION"))
}

/// The English text of a table entry: natively the one compiled in; in the
/// browser package the loaded one, or `None` before [`load`].
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn text(native: En, _key: Key<'_>) -> Option<&'static str> {
    Some(native)
}
#[cfg(target_arch = "wasm32")]
pub(crate) fn text(_native: En, key: Key<'_>) -> Option<&'static str> {
    loaded_text(key)
}

/// [`text`] for an entry that may have none.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn optional(native: EnOpt, _key: Key<'_>) -> Option<&'static str> {
    native
}
#[cfg(target_arch = "wasm32")]
pub(crate) fn optional(_native: EnOpt, key: Key<'_>) -> Option<&'static str> {
    loaded_text(key)
}

#[cfg(target_arch = "wasm32")]
static LOADED: std::sync::OnceLock<crate::report::Map<&'static str>> = std::sync::OnceLock::new();

#[cfg(target_arch = "wasm32")]
fn loaded_text(key: Key<'_>) -> Option<&'static str> {
    LOADED.get()?.get(key.text().as_str()).copied()
}

/// Whether English can be rendered: always natively; in the browser package
/// once [`load`] has succeeded.
pub fn loaded() -> bool {
    #[cfg(target_arch = "wasm32")]
    return LOADED.get().is_some();
    #[cfg(not(target_arch = "wasm32"))]
    true
}

/// A table entry with an English text.
#[derive(Clone, Copy)]
enum Entry {
    Title(&'static crate::form::Form),
    Header(&'static crate::form::HeaderField),
    Section(&'static crate::form::Section),
    Field(&'static crate::form::Field),
    Help(&'static crate::form::Field),
    Unit(&'static crate::registry::UnitEntry),
    Rule(Rule),
    Doc(Rule),
    Message(&'static crate::messages::Template),
}

impl Entry {
    fn key(self) -> Key<'static> {
        match self {
            Entry::Title(f) => Key::Title(f.id),
            Entry::Header(h) => Key::Header(h.key),
            Entry::Section(s) => Key::Section(s.number),
            Entry::Field(f) => Key::Field(f.key),
            Entry::Help(f) => Key::Help(f.key),
            Entry::Unit(u) => Key::Unit(u.name),
            Entry::Rule(r) => Key::Rule(r.code()),
            Entry::Doc(r) => Key::Doc(r.code()),
            Entry::Message(t) => Key::Message(t.key),
        }
    }

    fn text(self) -> Option<std::borrow::Cow<'static, str>> {
        let en = Lang::En;
        match self {
            Entry::Title(f) => f.title_in(en).map(Into::into),
            Entry::Header(h) => h.label_in(en).map(Into::into),
            Entry::Section(s) => s.title_in(en).map(Into::into),
            Entry::Field(f) => f.label_in(en).map(Into::into),
            Entry::Help(f) => f.help_in(en).map(Into::into),
            Entry::Unit(u) => u.name_in(en).map(Into::into),
            Entry::Rule(r) => r.description(en).map(Into::into),
            Entry::Doc(r) => r.doc().map(Into::into),
            Entry::Message(t) => t.text(en).map(Into::into),
        }
    }
}

/// Every table entry with an English text, in file order. The browser
/// package walks it for the keys alone.
fn entries(mut f: impl FnMut(Entry)) {
    for form in FORMS {
        f(Entry::Title(form));
        form.header.iter().for_each(|h| f(Entry::Header(h)));
        form.sections.iter().for_each(|s| f(Entry::Section(s)));
        form.fields.iter().for_each(|x| f(Entry::Field(x)));
        let helped = form.fields.iter().filter(|x| x.help.is_some());
        helped.for_each(|x| f(Entry::Help(x)));
        form.registry.units.iter().for_each(|u| f(Entry::Unit(u)));
    }
    Rule::ALL.iter().for_each(|r| f(Entry::Rule(*r)));
    Rule::ALL.iter().for_each(|r| f(Entry::Doc(*r)));
    crate::messages::templates().for_each(|t| f(Entry::Message(t)));
}

/// Every English text the build needs, in file order: its key and the text
/// (`None` only in the browser package before [`load`]).
pub fn each(mut f: impl FnMut(Key<'_>, Option<&str>)) {
    entries(|e| f(e.key(), e.text().as_deref()));
}

/// `diaodu_en.json` as this build writes it: one object, `"package"` first,
/// then every text by its key. The browser package ships this file.
#[cfg(not(target_arch = "wasm32"))]
pub fn file_json() -> String {
    let mut w = crate::json::Writer::new(true);
    w.object(|o| {
        o.field(PACKAGE, &package());
        each(|key, text| o.field(&key.text(), &text.unwrap_or_default()));
    });
    let mut s = w.out;
    s.push('\n');
    s
}

/// Why a language file was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// A language other than zh and en.
    UnknownLanguage { text: String },
    /// The file could not be fetched or read (the reason, as given).
    Unreadable { detail: String },
    /// Not a JSON object of texts.
    Shape { detail: String },
    /// Written for another version of the package.
    OtherPackage { found: Option<String> },
    /// A text this build needs is not in the file.
    Missing { key: String },
    /// Natively, where English is compiled in: the file says something else.
    Differs { key: String },
}

impl LoadError {
    /// The message, in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let expected = package();
        match self {
            LoadError::UnknownLanguage { text } => {
                let text = crate::finding::quote(text);
                if zh {
                    format!("语言应为 \"zh\" 或 \"en\"，收到 \"{text}\"。")
                } else {
                    format!("the language must be \"zh\" or \"en\", got \"{text}\".")
                }
            }
            LoadError::Unreadable { detail } if zh => {
                format!("无法读取英文文本文件 diaodu_en.json：{detail}")
            }
            LoadError::Unreadable { detail } => {
                format!("cannot read the English texts, diaodu_en.json: {detail}")
            }
            LoadError::Shape { detail } if zh => {
                format!("英文文本文件应为一个由文字组成的 JSON 对象：{detail}")
            }
            LoadError::Shape { detail } => {
                format!("the English texts must be one JSON object of texts: {detail}")
            }
            LoadError::OtherPackage { found } => {
                let found = found.as_deref().unwrap_or("?");
                if zh {
                    format!(
                        "英文文本文件属于“{found}”，与本程序包“{expected}”不符；请使用同一版本的 diaodu_en.json。"
                    )
                } else {
                    format!(
                        "the English texts are for \"{found}\", not this package, \"{expected}\"; use the diaodu_en.json of the same version."
                    )
                }
            }
            LoadError::Missing { key } if zh => {
                format!("英文文本文件缺少“{key}”；请使用与本程序包同一版本的 diaodu_en.json。")
            }
            LoadError::Missing { key } => format!(
                "the English texts have no \"{key}\"; use the diaodu_en.json of this package's version."
            ),
            LoadError::Differs { key } if zh => format!("英文文本文件中“{key}”与本程序不同。"),
            LoadError::Differs { key } => {
                format!("the English texts say something else for \"{key}\" than this build.")
            }
        }
    }
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Lang::Zh))
    }
}

impl std::error::Error for LoadError {}

/// Read `diaodu_en.json`: check that it is this package's, and hand every
/// text this build needs to `take`, with its entry and key. Members the
/// build does not need are let through (a newer file may add some).
fn read(text: &str, mut take: impl FnMut(Entry, String, String)) -> Result<(), LoadError> {
    let shape = |e: crate::json::Error| LoadError::Shape {
        detail: crate::report::detail(&e),
    };
    let members = crate::json::members(text).map_err(shape)?;
    let found = match members.get(PACKAGE) {
        Some(raw) => Some(crate::json::string(raw).map_err(shape)?),
        None => None,
    };
    if found.as_deref() != Some(package().as_str()) {
        return Err(LoadError::OtherPackage { found });
    }
    let mut result = Ok(());
    entries(|e| {
        if result.is_ok() {
            let key = e.key().text();
            result = match members.get(key.as_str()) {
                Some(raw) => crate::json::string(raw)
                    .map_err(shape)
                    .map(|t| take(e, key, t)),
                None => Err(LoadError::Missing { key }),
            };
        }
    });
    result
}

/// Take in `diaodu_en.json`'s text. In the browser package this is what
/// `loadLanguage('en')` ends in; a second call, once loaded, changes
/// nothing. Natively, where English is compiled in, it checks that the file
/// says what the build says.
pub fn load(text: &str) -> Result<(), LoadError> {
    #[cfg(target_arch = "wasm32")]
    {
        if LOADED.get().is_none() {
            let mut texts = crate::report::Map::default();
            read(text, |_, key, t| {
                texts.insert(key, &*Box::leak(t.into_boxed_str()));
            })?;
            let _ = LOADED.set(texts);
        }
        Ok(())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let mut differs = None;
        read(text, |e, key, t| {
            if differs.is_none() && e.text().as_deref() != Some(t.as_str()) {
                differs = Some(key);
            }
        })?;
        match differs {
            Some(key) => Err(LoadError::Differs { key }),
            None => Ok(()),
        }
    }
}

/// What `loadLanguage(lang)` has to do: nothing for Chinese or for English
/// already loaded (`Ok(false)`), fetch the file for English not yet loaded
/// (`Ok(true)`); any other language is refused.
pub fn needs_file(lang: &str) -> Result<bool, LoadError> {
    match crate::options::language_tag(lang) {
        Some(Lang::Zh) => Ok(false),
        Some(Lang::En) => Ok(!loaded()),
        None => Err(LoadError::UnknownLanguage { text: lang.into() }),
    }
}
