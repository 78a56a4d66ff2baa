//! The registry of reporting units (填报单位).
//!
//! The plan names who files the 调度表: every township (乡镇), the lead
//! departments of the key sectors, and district-owned enterprises (区直属企业),
//! with 区安委办 collecting. Townships and departments are listed here by their
//! canonical names with the short forms people type; the enterprises are not
//! named in the plan, so an unlisted unit is only a warning (rule H208).

#[cfg(not(target_arch = "wasm32"))]
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize))]
#[cfg_attr(not(target_arch = "wasm32"), serde(rename_all = "camelCase"))]
pub enum UnitKind {
    /// 镇 or 乡.
    Town,
    /// A lead department of a key sector (重点领域专项行动牵头单位).
    Department,
    /// 区安委办, which collects the forms.
    Office,
}

#[derive(Debug, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize))]
#[cfg_attr(not(target_arch = "wasm32"), serde(rename_all = "camelCase"))]
pub struct UnitEntry {
    pub name: &'static str,
    /// The name in English (in the browser package, loaded on request: see
    /// [`crate::english`]; read it with [`UnitEntry::name_in`]).
    pub name_en: crate::english::En,
    pub kind: UnitKind,
    /// Other names that mean this unit today (full formal names, common
    /// abbreviations). Towns also match without 镇/乡, departments without 区.
    pub aliases: &'static [&'static str],
}

impl UnitEntry {
    /// The name in `lang` (English: `None` in the browser package until it
    /// is loaded).
    pub fn name_in(&self, lang: crate::Lang) -> Option<&'static str> {
        match lang {
            crate::Lang::Zh => Some(self.name),
            crate::Lang::En => {
                crate::english::text(self.name_en, crate::english::Key::Unit(self.name))
            }
        }
    }
}

/// A name that was right once and is not any more (长兴乡 became 长兴镇).
#[derive(Debug)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize))]
#[cfg_attr(not(target_arch = "wasm32"), serde(rename_all = "camelCase"))]
pub struct StaleName {
    pub old: &'static str,
    pub current: &'static str,
}

#[derive(Debug)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize))]
#[cfg_attr(not(target_arch = "wasm32"), serde(rename_all = "camelCase"))]
pub struct Registry {
    pub units: &'static [UnitEntry],
    pub stale: &'static [StaleName],
}

/// What a typed unit name turned out to be.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum UnitMatch {
    /// A registered unit, by its name or an accepted short form.
    Known(&'static UnitEntry),
    /// An outdated name of a registered unit.
    Stale(&'static UnitEntry),
    /// Not in the registry.
    #[default]
    Unknown,
}

impl UnitMatch {
    /// The canonical name, where the unit is known (stale or not).
    pub fn canonical(self) -> Option<&'static str> {
        match self {
            UnitMatch::Known(e) | UnitMatch::Stale(e) => Some(e.name),
            UnitMatch::Unknown => None,
        }
    }
}

/// Prefixes that only restate the district.
const DISTRICT_PREFIXES: &[&str] = &["上海市崇明区", "崇明区", "上海市"];
/// Chongming became a district in 2016; "崇明县…" is a stale name.
const STALE_PREFIXES: &[&str] = &["上海市崇明县", "崇明县"];

impl Registry {
    pub fn by_name(&self, name: &str) -> Option<&'static UnitEntry>
    where
        Self: 'static,
    {
        self.units.iter().find(|u| u.name == name)
    }

    /// Match what someone typed in 单位 against the registry.
    pub fn lookup(&'static self, typed: &str) -> UnitMatch {
        let squeezed: std::borrow::Cow<'_, str> = if typed.contains(char::is_whitespace) {
            typed
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .into()
        } else {
            typed.into()
        };
        let mut stale = false;
        let mut rest: &str = &squeezed;
        if let Some(r) = STALE_PREFIXES.iter().find_map(|p| rest.strip_prefix(p)) {
            rest = r;
            stale = true;
        } else if let Some(r) = DISTRICT_PREFIXES.iter().find_map(|p| rest.strip_prefix(p)) {
            rest = r;
        }
        if rest.is_empty() {
            return UnitMatch::Unknown;
        }
        // The candidates, in order: as typed, with 区 before it, with 镇 or 乡
        // after it. Compared in place rather than built as strings.
        let fits: [fn(&str, &str) -> bool; 4] = [
            |name: &str, rest: &str| name == rest,
            |name: &str, rest: &str| name.strip_prefix('区') == Some(rest),
            |name: &str, rest: &str| name.strip_suffix('镇') == Some(rest),
            |name: &str, rest: &str| name.strip_suffix('乡') == Some(rest),
        ];
        for fit in fits {
            if let Some(e) = self
                .units
                .iter()
                .find(|u| fit(u.name, rest) || u.aliases.iter().any(|a| fit(a, rest)))
            {
                return if stale {
                    UnitMatch::Stale(e)
                } else {
                    UnitMatch::Known(e)
                };
            }
            if let Some(s) = self.stale.iter().find(|s| fit(s.old, rest))
                && let Some(e) = self.by_name(s.current)
            {
                return UnitMatch::Stale(e);
            }
        }
        UnitMatch::Unknown
    }
}

macro_rules! town {
    ($name:literal, $en:literal) => {
        UnitEntry {
            name: $name,
            name_en: $crate::english::en!($en),
            kind: UnitKind::Town,
            aliases: &[],
        }
    };
}

macro_rules! dept {
    ($name:literal, $en:literal, [$($alias:literal),*]) => {
        UnitEntry { name: $name, name_en: $crate::english::en!($en), kind: UnitKind::Department, aliases: &[$($alias),*] }
    };
}

/// Chongming's 16 towns and 2 townships, the lead departments the plan names,
/// and 区安委办.
pub static CHONGMING_UNITS: Registry = Registry {
    units: &[
        town!("城桥镇", "Chengqiao Town"),
        town!("堡镇", "Baozhen Town"),
        town!("新河镇", "Xinhe Town"),
        town!("庙镇", "Miaozhen Town"),
        town!("竖新镇", "Shuxin Town"),
        town!("向化镇", "Xianghua Town"),
        town!("三星镇", "Sanxing Town"),
        town!("港沿镇", "Gangyan Town"),
        town!("中兴镇", "Zhongxing Town"),
        town!("陈家镇", "Chenjia Town"),
        town!("绿华镇", "Lühua Town"),
        town!("港西镇", "Gangxi Town"),
        town!("建设镇", "Jianshe Town"),
        town!("新海镇", "Xinhai Town"),
        town!("东平镇", "Dongping Town"),
        town!("长兴镇", "Changxing Town"),
        town!("新村乡", "Xincun Township"),
        town!("横沙乡", "Hengsha Township"),
        dept!(
            "区公安分局",
            "District Public Security Sub-bureau",
            ["公安崇明分局", "崇明公安分局", "上海市公安局崇明分局"]
        ),
        dept!("区民政局", "District Civil Affairs Bureau", []),
        dept!(
            "区生态环境局",
            "District Ecology and Environment Bureau",
            []
        ),
        dept!("区水务局", "District Water Affairs Bureau", []),
        dept!(
            "区卫生健康委",
            "District Health Commission",
            ["区卫健委", "区卫生健康委员会"]
        ),
        dept!("区经委", "District Economic Commission", ["区经济委员会"]),
        dept!(
            "区建设管理委",
            "District Construction Administration Commission",
            ["区建管委", "区建设管理委员会"]
        ),
        dept!(
            "区交通委",
            "District Transport Commission",
            ["区交通委员会"]
        ),
        dept!(
            "区农业农村委",
            "District Agriculture and Rural Affairs Commission",
            ["区农委", "区农业农村委员会"]
        ),
        dept!(
            "区文化旅游局",
            "District Culture and Tourism Bureau",
            ["区文旅局", "区文化和旅游局"]
        ),
        dept!(
            "区应急局",
            "District Emergency Management Bureau",
            ["区应急管理局"]
        ),
        dept!(
            "区市场监管局",
            "District Market Supervision Bureau",
            ["区市场监督管理局"]
        ),
        dept!(
            "区消防救援支队",
            "District Fire and Rescue Detachment",
            ["区消防支队", "崇明消防救援支队"]
        ),
        dept!(
            "崇明海事局",
            "Chongming Maritime Safety Administration",
            ["海事局", "上海崇明海事局"]
        ),
        UnitEntry {
            name: "区安委办",
            name_en: crate::english::en!("District Work Safety Committee Office"),
            kind: UnitKind::Office,
            aliases: &["区安委会办公室", "安委办", "区安全生产委员会办公室"],
        },
    ],
    stale: &[
        StaleName {
            old: "长兴乡",
            current: "长兴镇",
        },
        StaleName {
            old: "区安监局",
            current: "区应急局",
        },
        StaleName {
            old: "区安全生产监督管理局",
            current: "区应急局",
        },
        StaleName {
            old: "区环保局",
            current: "区生态环境局",
        },
        StaleName {
            old: "区卫计委",
            current: "区卫生健康委",
        },
        StaleName {
            old: "区卫生计生委",
            current: "区卫生健康委",
        },
    ],
};
