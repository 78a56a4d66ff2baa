//! Judging a 说明 (explanation) of a warning.
//!
//! A 核实性 warning may be submitted once the unit explains it. An explanation
//! that says nothing — empty, a few characters, or only stock phrases such as
//! 核实无误, 无误, 数据正确 — is the classic way to click a warning away, so it
//! does not count: the finding stays unexplained and the reason is shown.

use crate::Lang;
use crate::thresholds::EXPLANATION_MIN_CHARS;

/// Why an explanation does not count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rejection {
    /// Nothing but spaces and punctuation.
    Empty,
    /// Stock phrases that assert correctness without giving a reason, and
    /// fewer than [`EXPLANATION_MIN_CHARS`] characters besides them.
    Boilerplate,
    /// Fewer than [`EXPLANATION_MIN_CHARS`] characters besides punctuation,
    /// spaces and digits.
    TooShort { chars: usize },
}

/// Stock phrases that assert correctness without saying why. Longer phrases
/// come first so that they are removed whole.
pub const STOCK_PHRASES: &[&str] = &[
    "没有问题",
    "没问题",
    "无问题",
    "无异常",
    "经核实",
    "经核对",
    "经确认",
    "经审核",
    "核实",
    "核对",
    "确认",
    "审核",
    "数据",
    "数值",
    "情况",
    "填报",
    "以上",
    "上述",
    "本月",
    "无误",
    "正确",
    "准确",
    "属实",
    "真实",
    "正常",
    "确实",
    "已经",
    "已",
    "经",
    "均",
    "都",
    "是",
    "的",
    "了",
    "ok",
    "yes",
    "correct",
    "verified",
    "confirmed",
];

/// Whether a character is only punctuation or space (ASCII, CJK and
/// full-width). A small hand list rather than Unicode's tables: those would
/// add kilobytes to the browser build for no difference on real 说明.
fn is_filler(c: char) -> bool {
    c.is_whitespace()
        || c.is_ascii_punctuation()
        || matches!(c, '\u{2000}'..='\u{206F}' | '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' | '\u{FF3B}'..='\u{FF40}' | '\u{FF5B}'..='\u{FF65}' | '·')
}

/// Characters that carry meaning, ASCII letters folded to lower case.
fn substance(text: &str) -> String {
    text.chars()
        .filter(|&c| !is_filler(c))
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Check that an explanation says something.
///
/// What counts is what is left once punctuation, spaces, digits and every
/// stock phrase are taken out: "核实无误，好" and "数据无误123" leave one
/// character and nothing, and a filler of a few characters cannot carry a
/// stock phrase over the minimum length.
pub fn assess(text: &str) -> Result<(), Rejection> {
    let s = substance(text);
    if s.is_empty() {
        return Err(Rejection::Empty);
    }
    let words: String = s.chars().filter(|&c| !is_digit(c)).collect();
    let mut rest = words;
    // Whether a phrase that asserts something (核实, 无误…) was there, as
    // opposed to a particle (了, 的) that any sentence has.
    let mut asserted = false;
    for phrase in STOCK_PHRASES {
        if rest.contains(phrase) {
            asserted |= phrase.chars().nth(1).is_some();
            rest = rest.replace(phrase, "");
        }
    }
    let chars = rest.chars().count();
    if chars >= EXPLANATION_MIN_CHARS {
        Ok(())
    } else if asserted {
        Err(Rejection::Boilerplate)
    } else {
        Err(Rejection::TooShort { chars })
    }
}

impl Rejection {
    pub fn render(self, lang: Lang) -> String {
        match (self, lang) {
            (Rejection::Empty, Lang::Zh) => "说明为空。".to_string(),
            (Rejection::Empty, Lang::En) => "The explanation is empty.".to_string(),
            (Rejection::Boilerplate, Lang::Zh) => {
                "说明只有“核实无误”之类的套话，请写明数据为什么是这样。".to_string()
            }
            (Rejection::Boilerplate, Lang::En) => {
                "The explanation only says the data is correct; say why the figure is what it is."
                    .to_string()
            }
            (Rejection::TooShort { chars }, Lang::Zh) => {
                format!(
                    "说明过短（除数字和标点外只有{chars}个字），至少写{EXPLANATION_MIN_CHARS}个字。"
                )
            }
            (Rejection::TooShort { chars }, Lang::En) => {
                format!(
                    "The explanation is too short ({chars} characters besides digits and punctuation); write at least {EXPLANATION_MIN_CHARS}."
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stock_phrases_are_refused() {
        for t in [
            "核实无误",
            "无误",
            "正确",
            "经核实，数据无误。",
            "数据正确！",
            "OK",
            "  ",
            "核实无误，好",
            "数据无误123",
            "１２３４５６",
        ] {
            assert!(assess(t).is_err(), "{t} should be refused");
        }
    }

    #[test]
    fn real_reasons_are_accepted() {
        assert_eq!(assess("6月新增3家危化企业纳入检查"), Ok(()));
        assert_eq!(assess("数据正确，本月集中开展了燃气专项检查"), Ok(()));
    }

    #[test]
    fn short_text_is_too_short() {
        assert_eq!(assess("补报"), Err(Rejection::TooShort { chars: 2 }));
    }
}
