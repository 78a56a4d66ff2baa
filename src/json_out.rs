//! How each type the project hands out is written as JSON, by the one
//! writer ([`crate::json::Writer`]): the result, the report, the schema, the
//! rule catalogue and a typing session's answers.
//!
//! Members are camelCase and in declaration order, and a member that is
//! absent is left out rather than written as `null`, as the derived serde
//! writers these replace wrote them. The native build keeps those derives
//! for library users, and `tests/it/json_shape.rs` holds the two equal on
//! every fixture, so the shapes cannot drift apart.

use crate::Schema;
use crate::form::YearMonth;
use crate::form::{Constraint, Field, Form, HeaderField, Item, Kind, Max, Rectification, Section};
use crate::json::{ToJson, Writer};
use crate::output::{CheckResult, Counts, ExplanationOut, FindingOut};
use crate::registry::{Registry, StaleName, UnitEntry, UnitKind};
use crate::report::{Raw, RawRef, RawValue, Report};
use crate::rules::{MessageInfo, RuleInfo, Severity};
use crate::session::{Changes, Status};
use crate::{Lang, Mode};

/// A unit-like enum as the camelCase name of its variant.
macro_rules! names {
    ($t:ty { $($variant:ident => $name:literal),* $(,)? }) => {
        impl ToJson for $t {
            fn write_json(&self, w: &mut Writer) {
                w.raw(match self { $(<$t>::$variant => concat!("\"", $name, "\"")),* });
            }
        }
    };
}

names!(Mode { Draft => "draft", Submit => "submit" });
names!(Lang { Zh => "zh", En => "en" });
names!(Severity { Error => "error", Warning => "warning" });
names!(Kind { Count => "count", Money => "money", YesNo => "yesNo" });
names!(UnitKind { Town => "town", Department => "department", Office => "office" });

impl ToJson for CheckResult {
    fn write_json(&self, w: &mut Writer) {
        w.object(|o| {
            o.field("form", &self.form);
            o.field("mode", &self.mode);
            o.field("today", &self.today);
            o.field("submittable", &self.submittable);
            o.field("counts", &self.counts);
            o.field("findings", &self.findings);
            o.field("normalized", &self.normalized);
        });
    }
}

impl ToJson for Counts {
    fn write_json(&self, w: &mut Writer) {
        w.object(|o| {
            o.field("errors", &self.errors);
            o.field("warnings", &self.warnings);
            o.field("unexplainedWarnings", &self.unexplained_warnings);
        });
    }
}

impl ToJson for FindingOut {
    fn write_json(&self, w: &mut Writer) {
        w.object(|o| {
            o.field("id", &self.id);
            o.field("code", &self.code);
            o.field("severity", &self.severity);
            o.field("fields", &self.fields);
            o.field("message", &self.message);
            o.field("explained", &self.explained);
            o.some("explanation", &self.explanation);
        });
    }
}

impl ToJson for ExplanationOut {
    fn write_json(&self, w: &mut Writer) {
        w.object(|o| {
            o.field("text", &self.text);
            o.field("accepted", &self.accepted);
            o.some("reason", &self.reason);
        });
    }
}

/// A value in its canonical form ([`crate::parse::Value::to_raw`]): a count
/// as a number, an amount or 是/否 as text, which never needs escaping.
impl ToJson for crate::parse::Value {
    fn write_json(&self, w: &mut Writer) {
        match *self {
            crate::parse::Value::Count(n) => n.write_json(w),
            v => {
                w.out.push('"');
                v.write_text(&mut w.out);
                w.out.push('"');
            }
        }
    }
}

impl ToJson for RawValue {
    fn write_json(&self, w: &mut Writer) {
        self.view().write_json(w);
    }
}

impl ToJson for RawRef<'_> {
    fn write_json(&self, w: &mut Writer) {
        self.view().write_json(w);
    }
}

impl ToJson for Raw<'_> {
    fn write_json(&self, w: &mut Writer) {
        match *self {
            Raw::Blank => w.null(),
            Raw::Text(t) => w.string(t),
            Raw::Int(n) => n.write_json(w),
            // Written as the number it is, digit for digit. Text that is not
            // a JSON number (only possible from Rust callers) stays text.
            Raw::Number(n) => {
                match n
                    .starts_with(|c: char| c == '-' || c.is_ascii_digit())
                    .then(|| crate::json::one_value(n))
                    .flatten()
                {
                    Some(json) => w.raw(json),
                    None => w.string(n),
                }
            }
            Raw::Bool(b) => b.write_json(w),
            // Arrays and objects are not kept; `null` would read as blank, so
            // the type's name stays visible instead.
            Raw::Other(kind) => w.string(&format!("<{kind}>")),
        }
    }
}

impl ToJson for Report {
    fn write_json(&self, w: &mut Writer) {
        w.object(|o| {
            o.some("form", &self.form);
            o.field("unit", &self.unit);
            o.field("period", &self.period);
            o.field("date", &self.date);
            o.field("values", &self.values);
            if !self.explanations.is_empty() {
                o.field("explanations", &self.explanations);
            }
        });
    }
}

impl ToJson for Status {
    fn write_json(&self, w: &mut Writer) {
        w.object(|o| {
            o.field("changed", &self.changed);
            o.field("counts", &self.counts);
            o.field("submittable", &self.submittable);
        });
    }
}

impl ToJson for Changes {
    fn write_json(&self, w: &mut Writer) {
        w.object(|o| {
            o.field("added", &self.added);
            o.field("removed", &self.removed);
            o.field("fields", &self.fields);
            o.field("counts", &self.counts);
            o.field("submittable", &self.submittable);
        });
    }
}

impl ToJson for RuleInfo {
    fn write_json(&self, w: &mut Writer) {
        w.object(|o| {
            o.field("code", &self.code);
            o.field("severity", &self.severity);
            o.field("fields", &self.fields);
            o.field("descriptionZh", &self.description_zh);
            o.some("descriptionEn", &self.description_en);
            o.some("doc", &self.doc);
            o.field("messages", &self.messages);
        });
    }
}

impl ToJson for MessageInfo {
    fn write_json(&self, w: &mut Writer) {
        w.object(|o| {
            o.field("key", &self.key);
            o.field("zh", &self.zh);
            o.some("en", &self.en);
            o.field("placeholders", &self.placeholders);
        });
    }
}

impl ToJson for Schema {
    /// The form's members, then `units`.
    fn write_json(&self, w: &mut Writer) {
        let f: &Form = self.form;
        w.object(|o| {
            o.field("id", &f.id);
            o.field("title", &f.title);
            o.some("titleEn", &f.title_in(Lang::En));
            o.field("issuer", &f.issuer);
            o.field("header", &f.header);
            o.field("sections", &f.sections);
            o.field("fields", &f.fields);
            o.field("firstPeriod", &f.first_period);
            o.field("lastPeriod", &f.last_period);
            o.field("dueDay", &f.due_day);
            o.field("notes", &f.notes);
            o.field("constraints", &f.constraints);
            o.field("rectification", &f.rectification);
            o.field("units", &self.units);
        });
    }
}

impl ToJson for YearMonth {
    fn write_json(&self, w: &mut Writer) {
        w.string(&self.to_string());
    }
}

impl ToJson for HeaderField {
    fn write_json(&self, w: &mut Writer) {
        w.object(|o| {
            o.field("key", &self.key);
            o.field("label", &self.label);
            o.some("labelEn", &self.label_in(Lang::En));
            o.field("format", &self.format);
        });
    }
}

impl ToJson for Section {
    fn write_json(&self, w: &mut Writer) {
        w.object(|o| {
            o.field("number", &self.number);
            o.field("numeral", &self.numeral);
            o.field("title", &self.title);
            o.some("titleEn", &self.title_in(Lang::En));
            o.field("items", &self.items);
        });
    }
}

impl ToJson for Item {
    fn write_json(&self, w: &mut Writer) {
        w.object(|o| {
            o.field("number", &self.number);
            o.field("printed", &self.printed);
            o.field("keys", &self.keys);
        });
    }
}

impl ToJson for Field {
    fn write_json(&self, w: &mut Writer) {
        w.object(|o| {
            o.field("key", &self.key);
            o.field("section", &self.section);
            o.field("item", &self.item);
            o.field("part", &self.part);
            o.field("label", &self.label);
            o.some("labelEn", &self.label_in(Lang::En));
            o.field("unit", &self.unit);
            o.field("kind", &self.kind);
            o.some("help", &self.help);
            o.some("helpEn", &self.help_in(Lang::En));
            o.some("max", &self.max);
            o.field("cumulative", &self.cumulative);
        });
    }
}

impl ToJson for Max {
    fn write_json(&self, w: &mut Writer) {
        match self {
            Max::Count(n) => n.write_json(w),
            Max::Money(m) => w.string(&m.to_string()),
        }
    }
}

impl ToJson for Constraint {
    /// Tagged by `type`, as the derived writer's `tag = "type"` wrote it.
    fn write_json(&self, w: &mut Writer) {
        w.object(|o| match self {
            Constraint::NotGreater { part, whole } => {
                o.field("type", &"notGreater");
                o.field("part", &part);
                o.field("whole", &whole);
            }
            Constraint::AmountNeedsCount { amount, count } => {
                o.field("type", &"amountNeedsCount");
                o.field("amount", &amount);
                o.field("count", &count);
            }
            Constraint::NotGreaterThanSum { part, wholes } => {
                o.field("type", &"notGreaterThanSum");
                o.field("part", &part);
                o.field("wholes", &wholes);
            }
            Constraint::ExpectsRelated { field, related } => {
                o.field("type", &"expectsRelated");
                o.field("field", &field);
                o.field("related", &related);
            }
            Constraint::AverageAtMost {
                amount,
                count,
                limit,
            } => {
                o.field("type", &"averageAtMost");
                o.field("amount", &amount);
                o.field("count", &count);
                o.field("limit", &limit.to_string());
            }
            Constraint::AmountAtMost { field, limit } => {
                o.field("type", &"amountAtMost");
                o.field("field", &field);
                o.field("limit", &limit.to_string());
            }
        });
    }
}

impl ToJson for Rectification {
    fn write_json(&self, w: &mut Writer) {
        w.object(|o| {
            o.field("found", &self.found);
            o.field("rectified", &self.rectified);
        });
    }
}

impl ToJson for Registry {
    fn write_json(&self, w: &mut Writer) {
        w.object(|o| {
            o.field("units", &self.units);
            o.field("stale", &self.stale);
        });
    }
}

impl ToJson for UnitEntry {
    fn write_json(&self, w: &mut Writer) {
        w.object(|o| {
            o.field("name", &self.name);
            o.some("nameEn", &self.name_in(Lang::En));
            o.field("kind", &self.kind);
            o.field("aliases", &self.aliases);
        });
    }
}

impl ToJson for StaleName {
    fn write_json(&self, w: &mut Writer) {
        w.object(|o| {
            o.field("old", &self.old);
            o.field("current", &self.current);
        });
    }
}
