//! Who is expected to file: by default the townships and lead departments of
//! the registry, or a list the office loads (the plan does not name the
//! district-owned enterprises, so only the office can list them).
//!
//! A unit list is text, one unit per line, as people type them: `城桥镇`,
//! `区建管委`, `上海崇明某某集团有限公司`. Names are matched against the
//! registry (short forms and old names too) and stored by their current
//! name; a name the registry does not know is a district-owned enterprise.
//! Blank lines and lines starting with `#` are skipped.

use serde::Serialize;

use crate::Lang;
use crate::form::Form;
use crate::registry::{UnitKind, UnitMatch};

/// The three kinds of filer the plan names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum FilerKind {
    /// 乡镇.
    Town,
    /// 区级部门 (the lead departments, 牵头单位).
    Department,
    /// 区直属企业, and any unit the registry does not know.
    Enterprise,
}

impl FilerKind {
    pub const ALL: [FilerKind; 3] = [
        FilerKind::Town,
        FilerKind::Department,
        FilerKind::Enterprise,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (FilerKind::Town, Lang::Zh) => "乡镇",
            (FilerKind::Department, Lang::Zh) => "区级部门",
            (FilerKind::Enterprise, Lang::Zh) => "区直属企业",
            (FilerKind::Town, Lang::En) => "township",
            (FilerKind::Department, Lang::En) => "department",
            (FilerKind::Enterprise, Lang::En) => "district enterprise",
        }
    }
}

/// A unit expected to file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExpectedUnit {
    pub name: String,
    pub kind: FilerKind,
}

/// The name a unit is kept under: its current registered name, or what was
/// typed without spaces for a unit the registry does not know.
pub fn canonical_unit(form: &'static Form, typed: &str) -> String {
    match form.registry.lookup(typed.trim()) {
        UnitMatch::Known(e) | UnitMatch::Stale(e) => e.name.to_string(),
        UnitMatch::Unknown => typed.chars().filter(|c| !c.is_whitespace()).collect(),
    }
}

/// The kind of a unit kept under `canonical`.
pub fn kind_of(form: &'static Form, canonical: &str) -> FilerKind {
    match form.registry.by_name(canonical).map(|e| e.kind) {
        Some(UnitKind::Town) => FilerKind::Town,
        Some(UnitKind::Department) | Some(UnitKind::Office) => FilerKind::Department,
        None => FilerKind::Enterprise,
    }
}

/// The registry's townships and departments, in its order. 区安委办 collects
/// the forms and does not file one.
pub fn default_expected(form: &'static Form) -> Vec<ExpectedUnit> {
    form.registry
        .units
        .iter()
        .filter(|u| u.kind != UnitKind::Office)
        .map(|u| ExpectedUnit {
            name: u.name.to_string(),
            kind: kind_of(form, u.name),
        })
        .collect()
}

/// Why a unit list was refused. Lines are 1-based.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnitListError {
    /// No unit at all.
    Empty,
    /// The same unit twice (after matching short forms and old names).
    Duplicate {
        line: usize,
        first_line: usize,
        name: String,
    },
    /// 区安委办 itself, which collects and does not file.
    Office { line: usize },
}

impl UnitListError {
    pub fn render(&self, lang: Lang) -> String {
        match (self, lang) {
            (UnitListError::Empty, Lang::Zh) => "单位名单中没有任何单位。".into(),
            (UnitListError::Empty, Lang::En) => "The unit list names no unit.".into(),
            (
                UnitListError::Duplicate {
                    line,
                    first_line,
                    name,
                },
                Lang::Zh,
            ) => {
                format!("单位名单第 {line} 行的“{name}”与第 {first_line} 行重复。")
            }
            (
                UnitListError::Duplicate {
                    line,
                    first_line,
                    name,
                },
                Lang::En,
            ) => {
                format!("Line {line} of the unit list repeats \"{name}\" from line {first_line}.")
            }
            (UnitListError::Office { line }, Lang::Zh) => {
                format!("单位名单第 {line} 行是区安委办；区安委办汇总各单位报表，本身不报送。")
            }
            (UnitListError::Office { line }, Lang::En) => format!(
                "Line {line} of the unit list is 区安委办, which collects the reports and does not file one."
            ),
        }
    }
}

/// Read a unit list (see the module docs).
pub fn read_unit_list(form: &'static Form, text: &str) -> Result<Vec<ExpectedUnit>, UnitListError> {
    let mut out: Vec<(usize, ExpectedUnit)> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        let typed = line.trim().trim_start_matches('\u{feff}').trim();
        if typed.is_empty() || typed.starts_with('#') {
            continue;
        }
        let name = canonical_unit(form, typed);
        if form
            .registry
            .by_name(&name)
            .is_some_and(|e| e.kind == UnitKind::Office)
        {
            return Err(UnitListError::Office { line: line_no });
        }
        if let Some((first_line, _)) = out.iter().find(|(_, u)| u.name == name) {
            return Err(UnitListError::Duplicate {
                line: line_no,
                first_line: *first_line,
                name,
            });
        }
        let kind = kind_of(form, &name);
        out.push((line_no, ExpectedUnit { name, kind }));
    }
    if out.is_empty() {
        return Err(UnitListError::Empty);
    }
    Ok(out.into_iter().map(|(_, u)| u).collect())
}
