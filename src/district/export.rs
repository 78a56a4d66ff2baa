//! The office's view of a month as people read it: text for the terminal,
//! CSV (UTF-8 with a BOM, so that Excel shows the Chinese) and an XLSX
//! workbook whose first sheet is the roll-up laid out like the paper form.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};

use super::{MonthView, StatusRow};
use crate::Lang;
use crate::form::Form;
use crate::output::FindingOut;
use crate::rules::Severity;
use crate::validate::parse_period;

fn month_words(period: &str, lang: Lang) -> String {
    match parse_period(period) {
        Some(p) => crate::messages::month(p, lang),
        None => period.to_string(),
    }
}

fn finding_line(f: &FindingOut, lang: Lang) -> String {
    let sev = f.severity.label(lang);
    let explained = match (f.severity, f.explained, lang) {
        (Severity::Warning, true, Lang::Zh) => "（已说明）",
        (Severity::Warning, true, Lang::En) => " (explained)",
        _ => "",
    };
    format!("[{sev}] {} {}{explained}", f.code, f.message)
}

/// The view as text for the terminal.
pub fn to_text(form: &'static Form, view: &MonthView, problems: &[String], lang: Lang) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let c = &view.counts;
    let month = month_words(&view.period, lang);
    match lang {
        Lang::Zh => {
            let _ = writeln!(out, "崇明区 {month} 调度表报送情况（按 {} 计）", view.today);
            let _ = writeln!(
                out,
                "应报 {} 个单位：按时报送 {}，逾期报送 {}，仅有未通过的报送 {}，未报送 {}；{} 个单位有已说明的核实项。",
                c.expected,
                c.on_time,
                c.late,
                c.only_failed_attempts,
                c.not_filed,
                c.with_explained_warnings
            );
            if c.unexpected > 0 {
                let _ = writeln!(out, "另有 {} 个不在名单中的单位报送。", c.unexpected);
            }
        }
        Lang::En => {
            let _ = writeln!(out, "Chongming {month}: who filed (as of {})", view.today);
            let _ = writeln!(
                out,
                "{} units expected: {} on time, {} late, {} only failed attempts, {} not filed; {} with explained warnings.",
                c.expected,
                c.on_time,
                c.late,
                c.only_failed_attempts,
                c.not_filed,
                c.with_explained_warnings
            );
            if c.unexpected > 0 {
                let _ = writeln!(
                    out,
                    "{} more units filed without being on the list.",
                    c.unexpected
                );
            }
        }
    }
    out.push('\n');
    for r in &view.rows {
        let mut line = format!(
            "{}\t{}\t{}",
            r.unit,
            r.kind.label(lang),
            r.standing.label(lang)
        );
        if !r.expected {
            line.push_str(match lang {
                Lang::Zh => "（不在名单中）",
                Lang::En => " (not on the list)",
            });
        }
        if r.explained_warnings > 0 {
            let _ = match lang {
                Lang::Zh => write!(line, "\t已说明核实项 {}", r.explained_warnings),
                Lang::En => write!(line, "\t{} explained warning(s)", r.explained_warnings),
            };
        }
        if r.versions > 1 {
            let _ = match lang {
                Lang::Zh => write!(line, "\t共 {} 版", r.versions),
                Lang::En => write!(line, "\t{} versions", r.versions),
            };
        }
        if r.failed_attempts > 0 {
            let _ = match lang {
                Lang::Zh => write!(
                    line,
                    "\t未通过 {} 次（{}）",
                    r.failed_attempts,
                    r.attempt_codes.join("、")
                ),
                Lang::En => write!(
                    line,
                    "\t{} failed attempt(s) ({})",
                    r.failed_attempts,
                    r.attempt_codes.join(", ")
                ),
            };
        }
        if let Some(s) = &r.source {
            let _ = write!(line, "\t{s}");
        }
        let _ = writeln!(out, "{line}");
    }

    out.push('\n');
    let roll = &view.rollup;
    let _ = match lang {
        Lang::Zh => writeln!(out, "汇总（{} 个单位）", roll.units.len()),
        Lang::En => writeln!(out, "Roll-up ({} units)", roll.units.len()),
    };
    for f in form.fields {
        let total = roll.values.get(f.key).map_or("", String::as_str);
        let mut line = format!(
            "{} {}\t{}",
            f.number(),
            field_label(form, f.key, lang),
            total
        );
        for s in &roll.subtotals {
            if s.units > 0 {
                let v = s.values.get(f.key).map_or("", String::as_str);
                let _ = write!(line, "\t{} {}", s.kind.label(lang), v);
            }
        }
        if let Some(n) = roll.yes_count.get(f.key) {
            let _ = match lang {
                Lang::Zh => write!(line, "\t（{n} 个单位为“是”）"),
                Lang::En => write!(line, "\t({n} units said yes)"),
            };
        }
        let _ = writeln!(out, "{line}");
    }
    if let Some(check) = &roll.check {
        out.push('\n');
        let _ = match (lang, check.findings.is_empty()) {
            (Lang::Zh, true) => writeln!(out, "汇总表按同一规则校验：未发现问题。"),
            (Lang::En, true) => {
                writeln!(out, "The roll-up checked by the same rules: no findings.")
            }
            (Lang::Zh, false) => writeln!(out, "汇总表按同一规则校验（对照上月汇总）："),
            (Lang::En, false) => writeln!(
                out,
                "The roll-up checked by the same rules (against last month's roll-up):"
            ),
        };
        for f in &check.findings {
            let _ = writeln!(out, "  {}", finding_line(f, lang));
        }
    }
    if !view.series.is_empty() {
        out.push('\n');
        let _ = match lang {
            Lang::Zh => writeln!(out, "各单位多月核实："),
            Lang::En => writeln!(out, "Each unit's months read together:"),
        };
        for s in &view.series {
            let _ = writeln!(out, "  {}", s.unit);
            for f in &s.findings {
                let _ = writeln!(out, "    {}", finding_line(f, lang));
            }
        }
    }
    if !problems.is_empty() {
        out.push('\n');
        let _ = match lang {
            Lang::Zh => writeln!(out, "无法使用的文件："),
            Lang::En => writeln!(out, "Files that could not be used:"),
        };
        for p in problems {
            let _ = writeln!(out, "  {p}");
        }
    }
    out
}

fn field_label(form: &'static Form, key: &str, lang: Lang) -> String {
    let f = form.fields.iter().find(|f| f.key == key);
    match (f, lang) {
        (Some(f), Lang::Zh) => format!("{}（{}）", f.label, f.unit),
        (Some(f), Lang::En) => format!("{} ({})", f.label_en, f.unit),
        (None, _) => key.to_string(),
    }
}

/// The columns before the figures in the units-by-items table.
fn row_head(lang: Lang) -> [&'static str; 7] {
    match lang {
        Lang::Zh => [
            "单位",
            "类型",
            "状态",
            "已说明核实项",
            "版本数",
            "未通过次数",
            "来源",
        ],
        Lang::En => [
            "unit",
            "kind",
            "standing",
            "explained warnings",
            "versions",
            "failed attempts",
            "source",
        ],
    }
}

/// One table: a row per unit (status and the figures of the report that
/// counts), then the total and the subtotal of each kind of filer.
fn table(
    form: &'static Form,
    view: &MonthView,
    figures: &dyn Fn(&StatusRow) -> Vec<String>,
    lang: Lang,
) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut head: Vec<String> = row_head(lang).iter().map(|s| s.to_string()).collect();
    head.extend(
        form.fields
            .iter()
            .map(|f| format!("{} {}", f.number(), field_label(form, f.key, lang))),
    );
    rows.push(head);
    for r in &view.rows {
        let mut row = vec![
            r.unit.clone(),
            r.kind.label(lang).to_string(),
            r.standing.label(lang).to_string(),
            r.explained_warnings.to_string(),
            r.versions.to_string(),
            r.failed_attempts.to_string(),
            r.source.clone().unwrap_or_default(),
        ];
        row.extend(figures(r));
        rows.push(row);
    }
    let total = |label: String, units: usize, values: &crate::report::Map<String>| {
        let mut row = vec![
            label,
            String::new(),
            String::new(),
            String::new(),
            units.to_string(),
            String::new(),
            String::new(),
        ];
        row.extend(
            form.fields
                .iter()
                .map(|f| values.get(f.key).cloned().unwrap_or_default()),
        );
        row
    };
    let roll = &view.rollup;
    rows.push(total(
        match lang {
            Lang::Zh => "合计".into(),
            Lang::En => "total".into(),
        },
        roll.units.len(),
        &roll.values,
    ));
    for s in &roll.subtotals {
        let label = match lang {
            Lang::Zh => format!("{}小计", s.kind.label(lang)),
            Lang::En => format!("{} subtotal", s.kind.label(lang)),
        };
        rows.push(total(label, s.units, &s.values));
    }
    rows
}

/// The view as CSV, UTF-8 with a BOM: a row per unit with its standing and
/// figures, then the district's total and subtotals.
pub fn to_csv(
    form: &'static Form,
    view: &MonthView,
    figures: &dyn Fn(&StatusRow) -> Vec<String>,
    lang: Lang,
) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::from("\u{feff}".as_bytes()));
    for row in table(form, view, figures, lang) {
        // Writing to memory cannot fail.
        let _ = w.write_record(&row);
    }
    w.into_inner().unwrap_or_default()
}

/// A cell's text as a number where it is one and Excel holds it exactly
/// (a count or amount of up to 15 significant digits), else as text.
fn cell_number(text: &str) -> Option<f64> {
    let digits = text.bytes().filter(u8::is_ascii_digit).count();
    let plain = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    (plain && digits <= 15).then(|| text.parse().ok()).flatten()
}

/// The view as an XLSX workbook: the roll-up laid out like the paper form,
/// the units table, and the findings of the roll-up and the series.
pub fn to_xlsx(
    form: &'static Form,
    view: &MonthView,
    figures: &dyn Fn(&StatusRow) -> Vec<String>,
    lang: Lang,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let title = Format::new()
        .set_bold()
        .set_font_size(14)
        .set_align(FormatAlign::Center);
    let cell = Format::new()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter);
    let head = cell.clone().set_bold().set_align(FormatAlign::Center);
    let roll = &view.rollup;

    // Sheet 1: the paper form, two items to a row, each section's name down
    // its left.
    let sheet = book.add_worksheet();
    sheet.set_name(match lang {
        Lang::Zh => "汇总表",
        Lang::En => "roll-up",
    })?;
    sheet.set_column_width(0, 10)?;
    for c in [1u16, 4] {
        sheet.set_column_width(c, 5)?;
    }
    for c in [2u16, 5] {
        sheet.set_column_width(c, 36)?;
    }
    for c in [3u16, 6] {
        sheet.set_column_width(c, 14)?;
    }
    let form_title = match lang {
        Lang::Zh => form.title.to_string(),
        Lang::En => form.title_en.to_string(),
    };
    sheet.merge_range(0, 0, 0, 6, &form_title, &title)?;
    let month = month_words(&view.period, lang);
    let unit_line = match lang {
        Lang::Zh => format!(
            "{}（单位）    时间：{month}    汇总 {} 个单位",
            super::rollup::ROLLUP_UNIT,
            roll.units.len()
        ),
        Lang::En => format!(
            "{} (unit)    {month}    {} units summed",
            super::rollup::ROLLUP_UNIT,
            roll.units.len()
        ),
    };
    sheet.merge_range(1, 0, 1, 6, &unit_line, &Format::new())?;
    let mut row: u32 = 2;
    for s in form.sections {
        let lines = s.items.len().div_ceil(2) as u32;
        let name = match lang {
            Lang::Zh => s.title.to_string(),
            Lang::En => s.title_en.to_string(),
        };
        if lines > 1 {
            sheet.merge_range(row, 0, row + lines - 1, 0, &name, &head)?;
        } else {
            sheet.write_string_with_format(row, 0, &name, &head)?;
        }
        for (n, item) in s.items.iter().enumerate() {
            let r = row + (n / 2) as u32;
            let c = if n % 2 == 0 { 1u16 } else { 4 };
            sheet.write_number_with_format(r, c, f64::from(item.number), &cell)?;
            let label = match lang {
                Lang::Zh => item.printed.to_string(),
                Lang::En => item
                    .keys
                    .iter()
                    .map(|k| field_label(form, k, lang))
                    .collect::<Vec<_>>()
                    .join("; "),
            };
            sheet.write_string_with_format(r, c + 1, &label, &cell)?;
            let values: Vec<&str> = item
                .keys
                .iter()
                .map(|k| roll.values.get(*k).map_or("", String::as_str))
                .collect();
            match values.as_slice() {
                [one] => match cell_number(one) {
                    Some(x) => sheet.write_number_with_format(r, c + 2, x, &cell)?,
                    None => sheet.write_string_with_format(r, c + 2, *one, &cell)?,
                },
                many => sheet.write_string_with_format(r, c + 2, many.join("，"), &cell)?,
            };
        }
        if s.items.len() % 2 == 1 {
            let r = row + lines - 1;
            for c in 4u16..=6 {
                sheet.write_blank(r, c, &cell)?;
            }
        }
        row += lines;
    }
    let note_row = row + 1;
    let notes = match lang {
        Lang::Zh => {
            "注：汇总为各单位最近一次通过校验的报表之和；乡镇（属地）与部门（行业）可能对同一隐患各自统计，分类小计见“报送情况”表。"
        }
        Lang::En => {
            "Note: the sum of each unit's latest accepted report; a township and a department may both count the same hazard; subtotals by kind are on the next sheet."
        }
    };
    sheet.merge_range(
        note_row,
        0,
        note_row,
        6,
        notes,
        &Format::new().set_text_wrap(),
    )?;
    sheet.set_row_height(note_row, 32)?;

    // Sheet 2: units by items.
    let sheet = book.add_worksheet();
    sheet.set_name(match lang {
        Lang::Zh => "报送情况",
        Lang::En => "units",
    })?;
    for (r, cells) in table(form, view, figures, lang).iter().enumerate() {
        for (c, text) in cells.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            let fmt = if r == 0 { &head } else { &cell };
            match (c >= 7 || c == 3 || c == 4 || c == 5, cell_number(text)) {
                (true, Some(x)) if r > 0 => sheet.write_number_with_format(r, c, x, fmt)?,
                _ => sheet.write_string_with_format(r, c, text, fmt)?,
            };
        }
    }
    sheet.set_column_width(0, 16)?;
    sheet.set_freeze_panes(1, 1)?;

    // Sheet 3: what needs a look.
    let sheet = book.add_worksheet();
    sheet.set_name(match lang {
        Lang::Zh => "核实事项",
        Lang::En => "findings",
    })?;
    let header: [&str; 4] = match lang {
        Lang::Zh => ["对象", "规则", "类别", "内容"],
        Lang::En => ["subject", "rule", "severity", "message"],
    };
    for (c, h) in header.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &head)?;
    }
    let mut r = 1u32;
    let mut put = |subject: &str, f: &FindingOut| -> Result<(), XlsxError> {
        sheet.write_string_with_format(r, 0, subject, &cell)?;
        sheet.write_string_with_format(r, 1, f.code, &cell)?;
        sheet.write_string_with_format(r, 2, f.severity.label(lang), &cell)?;
        sheet.write_string_with_format(r, 3, &f.message, &cell)?;
        r += 1;
        Ok(())
    };
    let roll_name = match lang {
        Lang::Zh => "汇总表",
        Lang::En => "roll-up",
    };
    for f in roll.check.iter().flat_map(|c| &c.findings) {
        put(roll_name, f)?;
    }
    for s in &view.series {
        for f in &s.findings {
            put(&s.unit, f)?;
        }
    }
    sheet.set_column_width(0, 16)?;
    sheet.set_column_width(3, 90)?;
    book.save_to_buffer()
}

/// The figures a row shows: those of the unit's report that counts, by the
/// form's keys ("" where it has none).
pub fn figures_of<'a>(
    form: &'static Form,
    latest: impl Fn(&str) -> Option<&'a crate::report::Report> + 'a,
) -> impl Fn(&StatusRow) -> Vec<String> + 'a {
    move |r: &StatusRow| match latest(&r.unit) {
        Some(report) => form
            .fields
            .iter()
            .map(|f| {
                report
                    .values
                    .get(f.key)
                    .map(|v| v.as_text().to_string())
                    .unwrap_or_default()
            })
            .collect(),
        None => vec![String::new(); form.fields.len()],
    }
}
