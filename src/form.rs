//! The form as data.
//!
//! A [`Form`] is one table: the header, the sections and items as printed on
//! paper, one [`Field`] per value, the cross-field [`Constraint`]s and the unit
//! registry. The validator, the schema export, the JS package and the demo page
//! all read this table, so another year's or district's 调度表 is a new table
//! (a new `static` like [`CHONGMING_2023`]), not new code.

use chrono::NaiveDate;
#[cfg(not(target_arch = "wasm32"))]
use serde::Serialize;

use crate::Lang;
use crate::english::{self, En, EnOpt, Key, en};
use crate::money::Wan;
use crate::registry::{CHONGMING_UNITS, Registry};
use crate::thresholds;

/// What kind of value a field holds, which decides how typed text is parsed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize))]
#[cfg_attr(not(target_arch = "wasm32"), serde(rename_all = "camelCase"))]
pub enum Kind {
    /// A whole number >= 0 (个, 家, 次, 人, 个次, 家次).
    Count,
    /// An amount in 万元, exact to 4 decimals (1 元).
    Money,
    /// 是 or 否.
    YesNo,
}

/// One value on the form.
#[derive(Debug)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize))]
#[cfg_attr(not(target_arch = "wasm32"), serde(rename_all = "camelCase"))]
pub struct Field {
    /// The stable key portal developers use (`self_found`).
    pub key: &'static str,
    /// Section number, 1 to 4 (printed as 一 to 四).
    pub section: u8,
    /// Item number within the section, as printed.
    pub item: u8,
    /// 0 for an item's main value, 1 for its "其中" value (items 3.3, 3.8, 4.5).
    pub part: u8,
    /// The label exactly as printed, without its unit.
    pub label: &'static str,
    /// The label in English (in the browser package, loaded on request:
    /// see [`crate::english`]; read it with [`Field::label_in`]).
    pub label_en: En,
    /// The printed unit: 个, 家, 次, 人, 个次, 家次, 万元 or 是/否.
    pub unit: &'static str,
    pub kind: Kind,
    /// Where the issuing document defines the term, its words (zh).
    #[cfg_attr(
        not(target_arch = "wasm32"),
        serde(skip_serializing_if = "Option::is_none")
    )]
    pub help: Option<&'static str>,
    #[cfg_attr(
        not(target_arch = "wasm32"),
        serde(skip_serializing_if = "Option::is_none")
    )]
    pub help_en: EnOpt,
    /// The largest value accepted at all (a hard error above it).
    #[cfg_attr(
        not(target_arch = "wasm32"),
        serde(skip_serializing_if = "Option::is_none")
    )]
    pub max: Option<Max>,
    /// Whether the figure is a running total that can only grow month on month.
    /// Headcounts (4.7 inspectors) are not.
    pub cumulative: bool,
}

/// A hard maximum, typed by the field's kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Max {
    Count(u64),
    Money(Wan),
}

#[cfg(not(target_arch = "wasm32"))]
impl Serialize for Max {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Max::Count(n) => s.serialize_u64(*n),
            Max::Money(w) => s.serialize_str(&w.to_string()),
        }
    }
}

impl Field {
    /// The label in `lang` (English: `None` in the browser package until it
    /// is loaded).
    pub fn label_in(&self, lang: Lang) -> Option<&'static str> {
        match lang {
            Lang::Zh => Some(self.label),
            Lang::En => english::text(self.label_en, Key::Field(self.key)),
        }
    }

    /// The help in `lang`, where the field has one.
    pub fn help_in(&self, lang: Lang) -> Option<&'static str> {
        match lang {
            Lang::Zh => self.help,
            Lang::En => english::optional(self.help_en, Key::Help(self.key)),
        }
    }

    /// The printed position, e.g. `3.3`.
    pub fn number(&self) -> String {
        format!("{}.{}", self.section, self.item)
    }
}

/// An item as printed: its number, its full printed text and the keys of its
/// values (two for 3.3, 3.8 and 4.5).
#[derive(Debug)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize))]
#[cfg_attr(not(target_arch = "wasm32"), serde(rename_all = "camelCase"))]
pub struct Item {
    pub number: u8,
    pub printed: &'static str,
    pub keys: &'static [&'static str],
}

#[derive(Debug)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize))]
#[cfg_attr(not(target_arch = "wasm32"), serde(rename_all = "camelCase"))]
pub struct Section {
    pub number: u8,
    /// The Chinese numeral the paper uses for the section (一).
    pub numeral: &'static str,
    pub title: &'static str,
    pub title_en: En,
    pub items: &'static [Item],
}

impl Section {
    /// The title in `lang` (see [`Field::label_in`]).
    pub fn title_in(&self, lang: Lang) -> Option<&'static str> {
        match lang {
            Lang::Zh => Some(self.title),
            Lang::En => english::text(self.title_en, Key::Section(self.number)),
        }
    }
}

/// A header field (单位, 时间, and the reported month).
#[derive(Debug)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize))]
#[cfg_attr(not(target_arch = "wasm32"), serde(rename_all = "camelCase"))]
pub struct HeaderField {
    pub key: &'static str,
    pub label: &'static str,
    pub label_en: En,
    /// Expected shape of the text, for a portal's input hint.
    pub format: &'static str,
}

impl HeaderField {
    /// The label in `lang` (see [`Field::label_in`]).
    pub fn label_in(&self, lang: Lang) -> Option<&'static str> {
        match lang {
            Lang::Zh => Some(self.label),
            Lang::En => english::text(self.label_en, Key::Header(self.key)),
        }
    }
}

/// A relation between values of one report, checked by the C rules.
#[derive(Debug)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize))]
#[cfg_attr(
    not(target_arch = "wasm32"),
    serde(
        tag = "type",
        rename_all = "camelCase",
        rename_all_fields = "camelCase"
    )
)]
pub enum Constraint {
    /// `part <= whole` (rule C301), e.g. rectified hazards cannot exceed found ones.
    NotGreater {
        part: &'static str,
        whole: &'static str,
    },
    /// An amount above zero needs a count of at least one (rule C302).
    AmountNeedsCount {
        amount: &'static str,
        count: &'static str,
    },
    /// `part <= sum(wholes)`, as a plausibility check (rule C351).
    NotGreaterThanSum {
        part: &'static str,
        wholes: &'static [&'static str],
    },
    /// `field > 0` is unusual while `related` is 0 (rule C352).
    ExpectsRelated {
        field: &'static str,
        related: &'static str,
    },
    /// `amount / count` above `limit` suggests 元 typed as 万元 (rule C353).
    AverageAtMost {
        amount: &'static str,
        count: &'static str,
        #[cfg_attr(not(target_arch = "wasm32"), serde(serialize_with = "ser_wan"))]
        limit: Wan,
    },
    /// `field` above `limit` suggests 元 typed as 万元 (rule C354).
    AmountAtMost {
        field: &'static str,
        #[cfg_attr(not(target_arch = "wasm32"), serde(serialize_with = "ser_wan"))]
        limit: Wan,
    },
}

impl Constraint {
    /// The keys the constraint reads, as declared.
    pub fn keys(&self) -> Vec<&'static str> {
        match *self {
            Constraint::NotGreater { part, whole } => vec![part, whole],
            Constraint::AmountNeedsCount { amount, count }
            | Constraint::AverageAtMost { amount, count, .. } => vec![amount, count],
            Constraint::NotGreaterThanSum { part, wholes } => std::iter::once(part)
                .chain(wholes.iter().copied())
                .collect(),
            Constraint::ExpectsRelated { field, related } => vec![field, related],
            Constraint::AmountAtMost { field, .. } => vec![field],
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn ser_wan<S: serde::Serializer>(w: &Wan, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&w.to_string())
}

/// A month, as reported in `period` (`2023-06`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    pub year: i32,
    pub month: u32,
}

impl YearMonth {
    pub const fn new(year: i32, month: u32) -> YearMonth {
        YearMonth { year, month }
    }

    /// Months since year 0, so that differences are plain subtraction.
    pub fn index(self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month) - 1
    }

    pub fn next(self) -> YearMonth {
        if self.month == 12 {
            YearMonth::new(self.year + 1, 1)
        } else {
            YearMonth::new(self.year, self.month + 1)
        }
    }

    pub fn previous(self) -> YearMonth {
        if self.month == 1 {
            YearMonth::new(self.year - 1, 12)
        } else {
            YearMonth::new(self.year, self.month - 1)
        }
    }

    pub fn first_day(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month, 1)
    }

    /// The `day`th of this month, or its last day if the month is shorter.
    pub fn day_or_last(self, day: u32) -> Option<NaiveDate> {
        (1..=day)
            .rev()
            .find_map(|d| NaiveDate::from_ymd_opt(self.year, self.month, d))
    }
}

impl std::fmt::Display for YearMonth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Serialize for YearMonth {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A whole 调度表: everything the validator knows about one form.
#[derive(Debug)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize))]
#[cfg_attr(not(target_arch = "wasm32"), serde(rename_all = "camelCase"))]
pub struct Form {
    pub id: &'static str,
    pub title: &'static str,
    pub title_en: En,
    /// Who issues the form and when.
    pub issuer: &'static str,
    pub header: &'static [HeaderField],
    pub sections: &'static [Section],
    pub fields: &'static [Field],
    /// The first and last month that may be reported.
    pub first_period: YearMonth,
    pub last_period: YearMonth,
    /// Reports are due by this day of the reported month.
    pub due_day: u32,
    /// The notes printed under the form (注).
    pub notes: &'static [&'static str],
    pub constraints: &'static [Constraint],
    /// The items whose found hazards are rectified, and the items counting
    /// the rectified ones (1.1 and 1.2, …): what the year-end share (rule
    /// S554) is taken of.
    pub rectification: &'static [Rectification],
    #[cfg_attr(not(target_arch = "wasm32"), serde(skip))]
    pub registry: &'static Registry,
    /// Key -> field position, built on first use.
    #[cfg_attr(not(target_arch = "wasm32"), serde(skip))]
    pub index: FieldIndex,
}

/// Found hazards and the item counting those of them rectified.
#[derive(Debug)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize))]
#[cfg_attr(not(target_arch = "wasm32"), serde(rename_all = "camelCase"))]
pub struct Rectification {
    pub found: &'static str,
    pub rectified: &'static str,
}

/// Lookups built from the table on first use: key to field position (the
/// validator looks keys up dozens of times per report, and a linear scan
/// over 35 keys each time showed up in profiles), and for each field the
/// constraints that read it (so a keystroke re-runs only those).
#[derive(Debug, Default)]
pub struct FieldIndex(std::sync::OnceLock<Lookups>);

#[derive(Debug)]
pub struct Lookups {
    keys: rustc_hash::FxHashMap<&'static str, usize>,
    /// Field positions in the byte order of their keys, and each field's
    /// place in that order: the order a map sorted by key writes them in.
    /// Made on first use (only reading JSON text asks for it, which the
    /// browser package does not do this way).
    key_order: std::sync::OnceLock<(Vec<usize>, Vec<usize>)>,
    constraints_of: Vec<Vec<usize>>,
    /// For each constraint, the positions of its keys in declared order.
    constraint_fields: Vec<Vec<Option<usize>>>,
}

impl FieldIndex {
    pub const fn new() -> FieldIndex {
        FieldIndex(std::sync::OnceLock::new())
    }
}

impl Form {
    /// The title in `lang` (see [`Field::label_in`]).
    pub fn title_in(&self, lang: Lang) -> Option<&'static str> {
        match lang {
            Lang::Zh => Some(self.title),
            Lang::En => english::text(self.title_en, Key::Title(self.id)),
        }
    }

    /// Whether `period` is one of the campaign's reporting months.
    pub fn in_campaign(&self, period: YearMonth) -> bool {
        (self.first_period..=self.last_period).contains(&period)
    }

    /// The field with this key.
    pub fn field(&'static self, key: &str) -> Option<&'static Field> {
        self.index_of(key).map(|i| &self.fields[i])
    }

    fn lookups(&'static self) -> &'static Lookups {
        self.index.0.get_or_init(|| {
            let keys: rustc_hash::FxHashMap<&'static str, usize> = self
                .fields
                .iter()
                .enumerate()
                .map(|(i, f)| (f.key, i))
                .collect();
            let constraints_of = (0..self.fields.len())
                .map(|i| {
                    (0..self.constraints.len())
                        .filter(|&c| {
                            self.constraints[c]
                                .keys()
                                .iter()
                                .any(|k| keys.get(k) == Some(&i))
                        })
                        .collect()
                })
                .collect();
            let constraint_fields = self
                .constraints
                .iter()
                .map(|c| c.keys().iter().map(|k| keys.get(k).copied()).collect())
                .collect();
            Lookups {
                keys,
                key_order: std::sync::OnceLock::new(),
                constraints_of,
                constraint_fields,
            }
        })
    }

    /// The position of a value key in `fields`.
    pub fn index_of(&'static self, key: &str) -> Option<usize> {
        self.lookups().keys.get(key).copied()
    }

    /// The field whose key comes after field `i`'s in byte order (after
    /// none: the first), as a map sorted by key writes them (serde_json's
    /// default map, `jq -S`, Python's `sort_keys`); `None` after the last.
    pub fn next_in_key_order(&'static self, i: Option<usize>) -> Option<usize> {
        let (by_key, key_rank) = self.lookups().key_order.get_or_init(|| {
            let mut by_key: Vec<usize> = (0..self.fields.len()).collect();
            crate::order::sort_by_key(&mut by_key, |&i| self.fields[i].key);
            let mut key_rank = vec![0; self.fields.len()];
            for (rank, &i) in by_key.iter().enumerate() {
                key_rank[i] = rank;
            }
            (by_key, key_rank)
        });
        let rank = match i {
            None => 0,
            Some(i) => key_rank.get(i)? + 1,
        };
        by_key.get(rank).copied()
    }

    /// The positions in `fields` of constraint `c`'s keys, in the order of
    /// [`Constraint::keys`] (`None` for a key the form does not have).
    pub fn constraint_fields(&'static self, c: usize) -> &'static [Option<usize>] {
        self.lookups()
            .constraint_fields
            .get(c)
            .map_or(&[], Vec::as_slice)
    }

    /// The positions in `constraints` of the constraints that read field `i`.
    pub fn constraints_of(&'static self, i: usize) -> &'static [usize] {
        self.lookups()
            .constraints_of
            .get(i)
            .map_or(&[], Vec::as_slice)
    }

    /// The index of a key in printed order; header fields come first.
    pub fn position(&'static self, key: &str) -> Option<usize> {
        if let Some(i) = self.header.iter().position(|h| h.key == key) {
            return Some(i);
        }
        self.index_of(key).map(|i| i + self.header.len())
    }

    /// The bit of `key`'s printed position in a 64-bit mask of a
    /// finding's fields ([`crate::finding::Finding::field_mask`]); `None`
    /// for a key with no position, or one past the 63rd.
    pub(crate) fn position_bit(&'static self, key: &str) -> Option<u64> {
        self.position(key).filter(|&p| p < 64).map(|p| 1 << p)
    }

    pub fn header_field(&self, key: &str) -> Option<&'static HeaderField>
    where
        Self: 'static,
    {
        self.header.iter().find(|h| h.key == key)
    }
}

/// Every form this build knows, by id.
pub static FORMS: &[&Form] = &[&CHONGMING_2023];

/// The form a report uses when it names none.
pub static DEFAULT_FORM: &Form = &CHONGMING_2023;

/// Look a form up by its id.
pub fn form_by_id(id: &str) -> Option<&'static Form> {
    FORMS.iter().copied().find(|f| f.id == id)
}

const COUNT_MAX: Option<Max> = Some(Max::Count(thresholds::COUNT_HARD_MAX));
const MONEY_MAX: Option<Max> = Some(Max::Money(thresholds::MONEY_HARD_MAX));

macro_rules! field {
    ($key:literal, $s:literal, $i:literal, $p:literal, $label:literal, $en:literal, $unit:literal, $kind:ident) => {
        field!($key, $s, $i, $p, $label, $en, $unit, $kind, None, None)
    };
    ($key:literal, $s:literal, $i:literal, $p:literal, $label:literal, $en:literal, $unit:literal, $kind:ident, $help:expr, $help_en:expr) => {
        Field {
            key: $key,
            section: $s,
            item: $i,
            part: $p,
            label: $label,
            label_en: $crate::english::en!($en),
            unit: $unit,
            kind: Kind::$kind,
            help: $help,
            help_en: $crate::english::en!($help_en),
            max: match Kind::$kind {
                Kind::Count => COUNT_MAX,
                Kind::Money => MONEY_MAX,
                Kind::YesNo => None,
            },
            cumulative: true,
        }
    };
}

/// 上海市崇明区重大事故隐患专项排查整治2023行动进展情况调度表, the attachment to
/// the district safety committee's plan of 2023-05-23. Filed by every township,
/// district department and district-owned enterprise by the 28th of each month,
/// May to December 2023, with cumulative figures.
pub static CHONGMING_2023: Form = Form {
    id: "chongming-2023",
    title: "上海市崇明区重大事故隐患专项排查整治2023行动进展情况调度表",
    title_en: en!("Shanghai Chongming District Major Accident Hazard Campaign 2023: Progress Form"),
    issuer: "上海市崇明区安全生产委员会，2023年5月23日",
    header: &[
        HeaderField {
            key: "unit",
            label: "单位",
            label_en: en!("Reporting unit"),
            format: "text",
        },
        HeaderField {
            key: "period",
            label: "报告月份",
            label_en: en!("Reported month"),
            format: "YYYY-MM",
        },
        HeaderField {
            key: "date",
            label: "时间",
            label_en: en!("Date"),
            format: "YYYY-MM-DD",
        },
    ],
    sections: &[
        Section {
            number: 1,
            numeral: "一",
            title: "总体情况",
            title_en: en!("Overview"),
            items: &[
                Item {
                    number: 1,
                    printed: "企业自查发现的重大事故隐患（个）",
                    keys: &["self_found"],
                },
                Item {
                    number: 2,
                    printed: "企业自查发现重大事故隐患中已完成整改的（个）",
                    keys: &["self_rectified"],
                },
                Item {
                    number: 3,
                    printed: "部门检查发现的重大事故隐患（个）",
                    keys: &["dept_found"],
                },
                Item {
                    number: 4,
                    printed: "部门检查发现重大事故隐患中已完成整改的（个）",
                    keys: &["dept_rectified"],
                },
                Item {
                    number: 5,
                    printed: "政府挂牌督办的重大事故隐患（个）",
                    keys: &["listed_found"],
                },
                Item {
                    number: 6,
                    printed: "挂牌督办重大事故隐患中已完成整改的（个）",
                    keys: &["listed_rectified"],
                },
            ],
        },
        Section {
            number: 2,
            numeral: "二",
            title: "对企业自查自改进行抽查检查情况",
            title_en: en!("Spot checks of enterprises' self-inspection and rectification"),
            items: &[
                Item {
                    number: 1,
                    printed: "部门抽查检查的企业总数（家）",
                    keys: &["spot_checked"],
                },
                Item {
                    number: 2,
                    printed: "企业主要负责人未按要求亲自研究排查整治工作（家）",
                    keys: &["principal_not_studied"],
                },
                Item {
                    number: 3,
                    printed: "企业主要负责人未带队检查（家）",
                    keys: &["principal_not_led"],
                },
                Item {
                    number: 4,
                    printed: "企业未制定分管负责人职责清单（家）",
                    keys: &["no_deputy_duty_list"],
                },
                Item {
                    number: 5,
                    printed: "企业未依法建立安全管理机构和配足安全管理人员（家）",
                    keys: &["no_safety_staff"],
                },
                Item {
                    number: 6,
                    printed: "电焊等特种作业岗位人员无证上岗作业（家）",
                    keys: &["uncertified_special_work"],
                },
                Item {
                    number: 7,
                    printed: "外包外租安全管理混乱（家）",
                    keys: &["outsourcing_chaos"],
                },
                Item {
                    number: 8,
                    printed: "未按规定开展应急演练、员工不熟悉逃生出口（家）",
                    keys: &["no_emergency_drill"],
                },
            ],
        },
        Section {
            number: 3,
            numeral: "三",
            title: "部门精准严格执法情况",
            title_en: en!("Precise and strict enforcement by departments"),
            items: &[
                Item {
                    number: 1,
                    printed: "帮扶指导乡镇、区直属企业（个次）",
                    keys: &["guided_towns"],
                },
                Item {
                    number: 2,
                    printed: "帮扶指导重点企业（家次）",
                    keys: &["guided_key_firms"],
                },
                Item {
                    number: 3,
                    printed: "行政处罚（次，万元）",
                    keys: &["penalty_count", "penalty_amount"],
                },
                Item {
                    number: 4,
                    printed: "企业和企业主要负责人“一案双罚”（次）",
                    keys: &["dual_penalty"],
                },
                Item {
                    number: 5,
                    printed: "移送司法机关（人）",
                    keys: &["judicial_transfer"],
                },
                Item {
                    number: 6,
                    printed: "责令停产整顿（家）",
                    keys: &["suspension_ordered"],
                },
                Item {
                    number: 7,
                    printed: "曝光、约谈、联合惩戒企业（家）",
                    keys: &["exposed_firms"],
                },
                Item {
                    number: 8,
                    printed: "公布典型执法案例（个），其中危险作业罪案例（个）",
                    keys: &["typical_cases", "typical_cases_danger_crime"],
                },
                Item {
                    number: 9,
                    printed: "责任倒查追责问责（人）",
                    keys: &["accountability"],
                },
                Item {
                    number: 10,
                    printed: "约谈通报有关部门及单位（次）",
                    keys: &["dept_interviews"],
                },
            ],
        },
        Section {
            number: 4,
            numeral: "四",
            title: "党委政府组织领导情况",
            title_en: en!("Leadership by Party committees and governments"),
            items: &[
                Item {
                    number: 1,
                    printed: "区、乡镇党委政府分别组织专题学习安全生产十五条硬措施等（次）",
                    keys: &["study_sessions"],
                },
                Item {
                    number: 2,
                    printed: "区、乡镇党委政府主要负责同志分别专题研究（次）",
                    keys: &["leader_research"],
                },
                Item {
                    number: 3,
                    printed: "区、乡镇政府负责同志分别现场督导检查（次）",
                    keys: &["onsite_supervision"],
                },
                Item {
                    number: 4,
                    printed: "区、乡镇安委会成员单位负责同志分别到企业宣讲（次）",
                    keys: &["enterprise_briefings"],
                },
                Item {
                    number: 5,
                    printed: "举报奖励（万元），其中匿名举报查实奖励（万元）",
                    keys: &["report_reward", "report_reward_anonymous"],
                },
                Item {
                    number: 6,
                    printed: "是否在主流媒体播放安全生产专题栏目",
                    keys: &["media_column"],
                },
                Item {
                    number: 7,
                    printed: "区、乡镇两级配备专兼职技术检查员数量（人）",
                    keys: &["inspectors"],
                },
                Item {
                    number: 8,
                    printed: "组织开展考核巡查督导检查（次）",
                    keys: &["assessment_inspections"],
                },
            ],
        },
    ],
    fields: &[
        field!(
            "self_found",
            1,
            1,
            0,
            "企业自查发现的重大事故隐患",
            "Major hazards found by enterprises' self-inspection",
            "个",
            Count
        ),
        field!(
            "self_rectified",
            1,
            2,
            0,
            "企业自查发现重大事故隐患中已完成整改的",
            "Of the self-found major hazards, rectified",
            "个",
            Count
        ),
        field!(
            "dept_found",
            1,
            3,
            0,
            "部门检查发现的重大事故隐患",
            "Major hazards found by department inspections",
            "个",
            Count
        ),
        field!(
            "dept_rectified",
            1,
            4,
            0,
            "部门检查发现重大事故隐患中已完成整改的",
            "Of the department-found major hazards, rectified",
            "个",
            Count
        ),
        field!(
            "listed_found",
            1,
            5,
            0,
            "政府挂牌督办的重大事故隐患",
            "Major hazards under government supervision (挂牌督办)",
            "个",
            Count
        ),
        field!(
            "listed_rectified",
            1,
            6,
            0,
            "挂牌督办重大事故隐患中已完成整改的",
            "Of the supervised major hazards, rectified",
            "个",
            Count
        ),
        field!(
            "spot_checked",
            2,
            1,
            0,
            "部门抽查检查的企业总数",
            "Enterprises spot-checked by departments",
            "家",
            Count
        ),
        field!(
            "principal_not_studied",
            2,
            2,
            0,
            "企业主要负责人未按要求亲自研究排查整治工作",
            "Principal did not personally study the campaign as required",
            "家",
            Count
        ),
        field!(
            "principal_not_led",
            2,
            3,
            0,
            "企业主要负责人未带队检查",
            "Principal did not lead an inspection",
            "家",
            Count
        ),
        field!(
            "no_deputy_duty_list",
            2,
            4,
            0,
            "企业未制定分管负责人职责清单",
            "No duty list for deputy heads",
            "家",
            Count
        ),
        field!(
            "no_safety_staff",
            2,
            5,
            0,
            "企业未依法建立安全管理机构和配足安全管理人员",
            "No safety management body or too few safety staff as the law requires",
            "家",
            Count
        ),
        field!(
            "uncertified_special_work",
            2,
            6,
            0,
            "电焊等特种作业岗位人员无证上岗作业",
            "Uncertified workers in welding and other special operations",
            "家",
            Count,
            Some(
                "电焊等人员无证上岗作业，既要通过现场检查发现问题，也要通过对企业动火等特种作业存单进行检查核实来发现问题。"
            ),
            Some(
                "Find uncertified welders and other special workers both by on-site inspection and by checking the enterprise's records of hot work and other special operations."
            )
        ),
        field!(
            "outsourcing_chaos",
            2,
            7,
            0,
            "外包外租安全管理混乱",
            "Chaotic safety management of outsourcing and leasing",
            "家",
            Count,
            Some(
                "外包外租管理混乱，是指符合以下情形之一的：承包承租方不具备安全生产条件、未取得相应资质，双方未签订安全生产协议，安全生产管理职责不清，未纳入本企业统一管理。"
            ),
            Some(
                "Any one of: the contractor or lessee lacks safe production conditions or the required qualification; the parties signed no safety agreement; safety management duties are unclear; the activity is not brought under the enterprise's unified management."
            )
        ),
        field!(
            "no_emergency_drill",
            2,
            8,
            0,
            "未按规定开展应急演练、员工不熟悉逃生出口",
            "No emergency drill as required; staff unfamiliar with escape exits",
            "家",
            Count
        ),
        field!(
            "guided_towns",
            3,
            1,
            0,
            "帮扶指导乡镇、区直属企业",
            "Guidance visits to townships and district-owned enterprises",
            "个次",
            Count
        ),
        field!(
            "guided_key_firms",
            3,
            2,
            0,
            "帮扶指导重点企业",
            "Guidance visits to key enterprises",
            "家次",
            Count
        ),
        field!(
            "penalty_count",
            3,
            3,
            0,
            "行政处罚",
            "Administrative penalties",
            "次",
            Count
        ),
        field!(
            "penalty_amount",
            3,
            3,
            1,
            "行政处罚",
            "Administrative penalties",
            "万元",
            Money
        ),
        field!(
            "dual_penalty",
            3,
            4,
            0,
            "企业和企业主要负责人“一案双罚”",
            "Dual penalties on the enterprise and its principal",
            "次",
            Count,
            Some(
                "对排查整治不力导致重大事故隐患依然存在或发生事故的，依法对企业和企业主要负责人实行“一案双罚”。"
            ),
            Some(
                "Where poor remediation leaves a major hazard in place or leads to an accident, both the enterprise and its principal are penalised."
            )
        ),
        field!(
            "judicial_transfer",
            3,
            5,
            0,
            "移送司法机关",
            "Persons transferred to judicial authorities",
            "人",
            Count
        ),
        field!(
            "suspension_ordered",
            3,
            6,
            0,
            "责令停产整顿",
            "Enterprises ordered to suspend production",
            "家",
            Count
        ),
        field!(
            "exposed_firms",
            3,
            7,
            0,
            "曝光、约谈、联合惩戒企业",
            "Enterprises exposed, summoned or jointly disciplined",
            "家",
            Count
        ),
        field!(
            "typical_cases",
            3,
            8,
            0,
            "公布典型执法案例",
            "Typical enforcement cases published",
            "个",
            Count
        ),
        field!(
            "typical_cases_danger_crime",
            3,
            8,
            1,
            "其中危险作业罪案例",
            "Of which: cases of the crime of dangerous operations",
            "个",
            Count
        ),
        field!(
            "accountability",
            3,
            9,
            0,
            "责任倒查追责问责",
            "Persons held accountable after tracing responsibility",
            "人",
            Count
        ),
        field!(
            "dept_interviews",
            3,
            10,
            0,
            "约谈通报有关部门及单位",
            "Summons and notices to departments and units",
            "次",
            Count
        ),
        field!(
            "study_sessions",
            4,
            1,
            0,
            "区、乡镇党委政府分别组织专题学习安全生产十五条硬措施等",
            "Study sessions on the fifteen hard measures by district and township Party committees and governments",
            "次",
            Count
        ),
        field!(
            "leader_research",
            4,
            2,
            0,
            "区、乡镇党委政府主要负责同志分别专题研究",
            "Dedicated meetings chaired by principal district and township leaders",
            "次",
            Count
        ),
        field!(
            "onsite_supervision",
            4,
            3,
            0,
            "区、乡镇政府负责同志分别现场督导检查",
            "On-site supervision by district and township government leaders",
            "次",
            Count
        ),
        field!(
            "enterprise_briefings",
            4,
            4,
            0,
            "区、乡镇安委会成员单位负责同志分别到企业宣讲",
            "Briefings at enterprises by leaders of safety committee member units",
            "次",
            Count
        ),
        field!(
            "report_reward",
            4,
            5,
            0,
            "举报奖励",
            "Rewards for reports",
            "万元",
            Money
        ),
        field!(
            "report_reward_anonymous",
            4,
            5,
            1,
            "其中匿名举报查实奖励",
            "Of which: rewards for verified anonymous reports",
            "万元",
            Money
        ),
        field!(
            "media_column",
            4,
            6,
            0,
            "是否在主流媒体播放安全生产专题栏目",
            "Safety column broadcast in mainstream media",
            "是/否",
            YesNo
        ),
        Field {
            cumulative: false,
            max: Some(Max::Count(thresholds::INSPECTORS_HARD_MAX)),
            ..field!(
                "inspectors",
                4,
                7,
                0,
                "区、乡镇两级配备专兼职技术检查员数量",
                "Full- and part-time technical inspectors at district and township level",
                "人",
                Count
            )
        },
        field!(
            "assessment_inspections",
            4,
            8,
            0,
            "组织开展考核巡查督导检查",
            "Assessment patrols and supervisory inspections",
            "次",
            Count
        ),
    ],
    first_period: YearMonth::new(2023, 5),
    last_period: YearMonth::new(2023, 12),
    due_day: 28,
    notes: &[
        "调度表自5月份开始上报，每月28日前上报当月的累计情况。",
        "调度表内容应围绕专项排查整治工作并对照具体要求如实填报，特别是对企业自查情况进行抽查检查时，要深挖细查，查出真问题。",
    ],
    constraints: &[
        Constraint::NotGreater {
            part: "self_rectified",
            whole: "self_found",
        },
        Constraint::NotGreater {
            part: "dept_rectified",
            whole: "dept_found",
        },
        Constraint::NotGreater {
            part: "listed_rectified",
            whole: "listed_found",
        },
        Constraint::NotGreaterThanSum {
            part: "listed_found",
            wholes: &["self_found", "dept_found"],
        },
        Constraint::NotGreater {
            part: "principal_not_studied",
            whole: "spot_checked",
        },
        Constraint::NotGreater {
            part: "principal_not_led",
            whole: "spot_checked",
        },
        Constraint::NotGreater {
            part: "no_deputy_duty_list",
            whole: "spot_checked",
        },
        Constraint::NotGreater {
            part: "no_safety_staff",
            whole: "spot_checked",
        },
        Constraint::NotGreater {
            part: "uncertified_special_work",
            whole: "spot_checked",
        },
        Constraint::NotGreater {
            part: "outsourcing_chaos",
            whole: "spot_checked",
        },
        Constraint::NotGreater {
            part: "no_emergency_drill",
            whole: "spot_checked",
        },
        Constraint::AmountNeedsCount {
            amount: "penalty_amount",
            count: "penalty_count",
        },
        Constraint::AverageAtMost {
            amount: "penalty_amount",
            count: "penalty_count",
            limit: thresholds::AVERAGE_PENALTY_PLAUSIBLE_MAX,
        },
        Constraint::NotGreater {
            part: "dual_penalty",
            whole: "penalty_count",
        },
        Constraint::NotGreater {
            part: "typical_cases_danger_crime",
            whole: "typical_cases",
        },
        Constraint::ExpectsRelated {
            field: "typical_cases_danger_crime",
            related: "judicial_transfer",
        },
        Constraint::NotGreater {
            part: "report_reward_anonymous",
            whole: "report_reward",
        },
        Constraint::AmountAtMost {
            field: "report_reward",
            limit: thresholds::REPORT_REWARD_PLAUSIBLE_MAX,
        },
    ],
    rectification: &[
        Rectification {
            found: "self_found",
            rectified: "self_rectified",
        },
        Rectification {
            found: "dept_found",
            rectified: "dept_rectified",
        },
        Rectification {
            found: "listed_found",
            rectified: "listed_rectified",
        },
    ],
    registry: &CHONGMING_UNITS,
    index: FieldIndex::new(),
};
