//! `attach(form, options)`: an existing `<form>` becomes a validated 调度表,
//! whatever its markup. The package's second entry (feature `dom`,
//! `pkg-dom/`): pages that only call `validate` do not download it.
//!
//! What it does to the portal's page, and undoes on `detach()`:
//! - Every input whose name maps to a key of the form (`options.fields`, an
//!   object from the portal's names to ours or a function; by default the
//!   names are our keys) is read into a typing session and re-read on every
//!   `input` and `change` event.
//! - A field with an error gets `setCustomValidity(message)` (so the
//!   portal's `:invalid` CSS, `reportValidity()` and the browser's own
//!   submit blocking work unchanged), `aria-invalid="true"`, and its messages
//!   in a message element referenced by `aria-describedby`: one created after
//!   the input, or the portal's `[data-diaodu-message-for="KEY"]` slot.
//! - A warning does not block the field; it shows its message, the class
//!   `diaodu-warning` on the input, and a 说明 box tied to the finding's id.
//! - `[data-diaodu-summary]`, where the page has one, gets the counts and
//!   every finding as a button that focuses its field.
//! - On submit the report is checked in submit mode from then on (every
//!   value required): a report that cannot be submitted stops the
//!   submission and focuses its first problem; otherwise the normalised report (with its
//!   说明) is written as JSON into a hidden input (`options.hiddenName`,
//!   default `diaodu`, our keys, since the server reads those) and the
//!   portal's submission goes on.
//!
//! It adds only attributes, classes and its own elements, writes text only
//! with `textContent`, and `detach()` removes all of it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::{Rc, Weak};

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{
    Document, Element, Event, HtmlElement, HtmlFormElement, HtmlInputElement, HtmlSelectElement,
    HtmlTextAreaElement,
};

use super::{error, resolve, to_js};
use crate::form::Form;
use crate::rules::Severity;
use crate::session::Session;
use crate::validate::{Checked, Explanation};
use crate::{DEFAULT_FORM, Lang, Options};

#[wasm_bindgen(typescript_custom_section)]
const ATTACH_TYPES: &'static str = r#"
/** A finding as `attach` hands it to the portal: also the portal's names of its fields. */
export interface AttachedFinding extends Finding {
  /** The portal's input names of `fields`, where the form has such inputs. */
  inputs: string[];
}

/** `onChange`'s argument: `Changes` whose findings name the portal's inputs too. */
export interface AttachedChanges extends Changes {
  added: AttachedFinding[];
  removed: AttachedFinding[];
  fields: Record<string, AttachedFinding[]>;
}

export interface AttachOptions extends ValidateOptions {
  /** The portal's input names to the form's keys (`{ qyzcfx: "self_found" }`), or a function from a name to a key (or nothing). By default the names are the keys. */
  fields?: Record<string, string> | ((name: string) => string | null | undefined);
  /** Called after every change that adds or removes a finding. */
  onChange?: (changes: AttachedChanges) => void;
  /** The name of the hidden input that carries the normalised report on submit; default "diaodu". */
  hiddenName?: string;
  /** Keep every keystroke (invalid text included) and 说明 in localStorage under this key, and restore them on load; off by default. A draft that cannot be used is set aside under KEY + ".aside" and reported in `draftProblem`. */
  draftKey?: string;
}
"#;

#[wasm_bindgen]
extern "C" {
    /// `AttachOptions` in TypeScript, so that the parameter is optional.
    #[wasm_bindgen(typescript_type = "AttachOptions")]
    pub type JsAttachOptions;
}

/// The members `attach` takes; any other is refused, so a misspelt option
/// is never silently ignored.
const OPTIONS: &[&str] = &[
    "fields",
    "prior",
    "messages",
    "mode",
    "today",
    "lang",
    "onChange",
    "hiddenName",
    "draftKey",
];

/// The words the binding itself shows, beside the findings' messages.
struct Words {
    explain: &'static str,
    explained: &'static str,
    hint: &'static str,
    ok: &'static str,
    blocked: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Zh => Words {
            explain: "说明",
            explained: "已说明",
            hint: "写明数据为什么是这样",
            ok: "可以提交",
            blocked: "不能提交",
        },
        Lang::En => Words {
            explain: "Explanation",
            explained: "Explained",
            hint: "Say why the figure is what it is",
            ok: "Can be submitted",
            blocked: "Cannot be submitted",
        },
    }
}

/// A portal control bound to one of our keys, and what the binding changed
/// on it.
struct Bound {
    key: &'static str,
    /// The portal's name for it.
    name: String,
    el: HtmlElement,
    /// Where its messages go.
    message: Element,
    /// Whether `message` is ours (else the portal's slot).
    created: bool,
    /// `aria-describedby` and `aria-invalid` as the portal had them.
    described_before: Option<String>,
    invalid_before: Option<String>,
    class_before: Option<String>,
    /// The other radio buttons of a group (`el` is its first): one value,
    /// marked on every button.
    radios: Vec<Marked>,
}

/// Another element of a control (a radio button of its group), and its
/// attributes as the portal had them.
struct Marked {
    el: HtmlElement,
    described_before: Option<String>,
    invalid_before: Option<String>,
    class_before: Option<String>,
}

fn is_radio(el: &HtmlElement) -> bool {
    el.dyn_ref::<HtmlInputElement>()
        .is_some_and(|i| i.type_().eq_ignore_ascii_case("radio"))
}

impl Bound {
    /// Every element of the control.
    fn elements(&self) -> impl Iterator<Item = &HtmlElement> {
        std::iter::once(&self.el).chain(self.radios.iter().map(|m| &m.el))
    }

    /// The value as typed: a radio group's is its checked button's.
    fn value(&self) -> String {
        if is_radio(&self.el) {
            return self
                .elements()
                .filter_map(|e| e.dyn_ref::<HtmlInputElement>())
                .find(|i| i.checked())
                .map(|i| i.value())
                .unwrap_or_default();
        }
        value_of(&self.el).unwrap_or_default()
    }

    /// Put a value back (a draft): a radio group checks the button with it.
    fn set_value(&self, text: &str) {
        if is_radio(&self.el) {
            for i in self
                .elements()
                .filter_map(|e| e.dyn_ref::<HtmlInputElement>())
            {
                i.set_checked(i.value() == text);
            }
        } else if let Some(i) = self.el.dyn_ref::<HtmlInputElement>() {
            i.set_value(text);
        } else if let Some(t) = self.el.dyn_ref::<HtmlTextAreaElement>() {
            t.set_value(text);
        } else if let Some(s) = self.el.dyn_ref::<HtmlSelectElement>() {
            s.set_value(text);
        }
    }
}

fn restore_attr(el: &HtmlElement, name: &str, before: &Option<String>) {
    match before {
        Some(v) => {
            let _ = el.set_attribute(name, v);
        }
        None => {
            let _ = el.remove_attribute(name);
        }
    }
}

/// A 说明 box: its wrapper, its textarea and its status line.
struct ExplainBox {
    wrapper: Element,
    area: HtmlTextAreaElement,
    status: Element,
}

/// A listener on the form: its event, its closure, and whether it captures.
type Listener = (&'static str, Closure<dyn FnMut(Event)>, bool);

struct Inner {
    form: HtmlFormElement,
    doc: Document,
    session: Session,
    bound: Vec<Bound>,
    explain: HashMap<String, ExplainBox>,
    summary: Option<Element>,
    /// The summary's own children, which are ours.
    summary_nodes: Vec<Element>,
    hidden_name: String,
    hidden: Option<HtmlInputElement>,
    on_change: Option<js_sys::Function>,
    listeners: Vec<Listener>,
    summary_listener: Option<Closure<dyn FnMut(Event)>>,
    /// Where every keystroke is kept, if the portal asked.
    draft_key: Option<String>,
    /// Why a stored draft could not be used (it was set aside).
    draft_problem: Option<String>,
}

/// The handle `attach` returns.
#[wasm_bindgen]
pub struct Attached {
    inner: Option<Rc<RefCell<Inner>>>,
}

fn form_keys(form: &Form) -> impl Iterator<Item = &'static str> + '_ {
    form.header
        .iter()
        .map(|h| h.key)
        .chain(form.fields.iter().map(|f| f.key))
}

fn our_key(form: &'static Form, key: &str) -> Option<&'static str> {
    form_keys(form).find(|k| *k == key)
}

/// The value of a control as typed.
fn value_of(el: &HtmlElement) -> Option<String> {
    if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
        return Some(i.value());
    }
    if let Some(s) = el.dyn_ref::<HtmlSelectElement>() {
        return Some(s.value());
    }
    el.dyn_ref::<HtmlTextAreaElement>().map(|t| t.value())
}

fn set_validity(el: &HtmlElement, message: &str) {
    if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
        i.set_custom_validity(message);
    } else if let Some(s) = el.dyn_ref::<HtmlSelectElement>() {
        s.set_custom_validity(message);
    } else if let Some(t) = el.dyn_ref::<HtmlTextAreaElement>() {
        t.set_custom_validity(message);
    }
}

fn js_err(lang: Lang, zh: String, en: String) -> JsError {
    error(lang, zh, en)
}

/// Turn `form` into a validated 调度表. `options`: `{ fields, prior, mode,
/// today, lang, onChange, hiddenName }`, all optional.
#[wasm_bindgen]
pub fn attach(
    form: HtmlFormElement,
    options: Option<JsAttachOptions>,
) -> Result<Attached, JsError> {
    let options: JsValue = options.map_or(JsValue::UNDEFINED, JsValue::from);
    let schema = DEFAULT_FORM;
    let given = !options.is_undefined() && !options.is_null();
    if given && !options.is_object() {
        return Err(js_err(
            Lang::Zh,
            "attach 的选项应为对象。".into(),
            "attach's options must be an object.".into(),
        ));
    }
    // The members the options module reads are handed to it as they are;
    // functions and the binding's own members are read here.
    let shared = js_sys::Object::new();
    let mut fields = JsValue::UNDEFINED;
    let mut on_change = None;
    let mut hidden_name = "diaodu".to_string();
    let mut draft_key: Option<String> = None;
    if given {
        for key in js_sys::Object::keys(options.unchecked_ref::<js_sys::Object>()).iter() {
            let name = key.as_string().unwrap_or_default();
            let value = js_sys::Reflect::get(&options, &key).unwrap_or(JsValue::UNDEFINED);
            match name.as_str() {
                "prior" | "mode" | "today" | "lang" | "messages" => {
                    let _ = js_sys::Reflect::set(&shared, &key, &value);
                }
                "fields" => fields = value,
                "onChange" if value.is_function() => on_change = Some(value.unchecked_into()),
                "onChange" if value.is_undefined() || value.is_null() => {}
                "onChange" => {
                    return Err(js_err(
                        Lang::Zh,
                        "onChange 应为函数。".into(),
                        "onChange must be a function.".into(),
                    ));
                }
                "draftKey" if value.is_undefined() || value.is_null() => {}
                "draftKey" => match value.as_string() {
                    Some(s) if !s.is_empty() => draft_key = Some(s),
                    _ => {
                        return Err(js_err(
                            Lang::Zh,
                            "draftKey 应为非空文本。".into(),
                            "draftKey must be non-empty text.".into(),
                        ));
                    }
                },
                "hiddenName" => match value.as_string() {
                    Some(s) if !s.is_empty() => hidden_name = s,
                    _ => {
                        return Err(js_err(
                            Lang::Zh,
                            "hiddenName 应为非空文本。".into(),
                            "hiddenName must be non-empty text.".into(),
                        ));
                    }
                },
                other => {
                    let list = OPTIONS.join(", ");
                    let other = crate::finding::quote(other);
                    return Err(js_err(
                        Lang::Zh,
                        format!("attach 没有“{other}”这个选项；可用的选项为 {list}。"),
                        format!("attach has no option \"{other}\"; the options are {list}."),
                    ));
                }
            }
        }
    }
    let resolved = resolve(Some(&shared.into()), Options::TYPING)?;
    let lang = resolved.options.lang;

    // Which of the form's controls are ours, under which key.
    let map = |name: &str| -> Result<Option<&'static str>, JsError> {
        if fields.is_undefined() || fields.is_null() {
            return Ok(our_key(schema, name));
        }
        let target = if fields.is_function() {
            let f: &js_sys::Function = fields.unchecked_ref();
            f.call1(&JsValue::NULL, &JsValue::from_str(name))
                .map_err(|e| {
                    js_err(
                        lang,
                        format!("fields 函数出错：{e:?}"),
                        format!("the fields function threw: {e:?}"),
                    )
                })?
        } else if fields.is_object() {
            js_sys::Reflect::get(&fields, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
        } else {
            return Err(js_err(
                lang,
                "fields 应为对象或函数。".into(),
                "fields must be an object or a function.".into(),
            ));
        };
        if target.is_undefined() || target.is_null() {
            // Unmapped names that are our keys still count.
            return Ok(if fields.is_function() {
                None
            } else {
                our_key(schema, name)
            });
        }
        let Some(t) = target.as_string() else {
            return Err(js_err(
                lang,
                format!("fields 把“{name}”映射为非文本的值。"),
                format!("fields maps \"{name}\" to something that is not text."),
            ));
        };
        our_key(schema, &t).map(Some).ok_or_else(|| {
            let t = crate::finding::quote(&t);
            js_err(
                lang,
                format!("fields 把“{name}”映射为“{t}”，表中没有这一项。"),
                format!("fields maps \"{name}\" to \"{t}\", which the form does not have."),
            )
        })
    };

    let doc = form.owner_document().ok_or_else(|| {
        js_err(
            lang,
            "表单不在文档中。".into(),
            "the form is not in a document.".into(),
        )
    })?;
    let controls = form.elements();
    let mut bound: Vec<Bound> = Vec::new();
    for i in 0..controls.length() {
        let Some(el) = controls
            .item(i)
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        else {
            continue;
        };
        let Some(name) = el.get_attribute("name").filter(|n| !n.is_empty()) else {
            continue;
        };
        if el.get_attribute("type").as_deref() == Some("hidden") || value_of(&el).is_none() {
            continue;
        }
        let Some(key) = map(&name)? else { continue };
        if let Some(group) = bound
            .iter_mut()
            .find(|b| b.key == key && b.name == name && is_radio(&b.el) && is_radio(&el))
        {
            group.radios.push(Marked {
                el,
                described_before: None,
                invalid_before: None,
                class_before: None,
            });
            continue;
        }
        if bound.iter().any(|b| b.key == key) {
            return Err(js_err(
                lang,
                format!("表单中有两个输入框都对应“{key}”（其一名为“{name}”）。"),
                format!("two of the form's inputs map to \"{key}\" (one is named \"{name}\")."),
            ));
        }
        bound.push(Bound {
            key,
            name,
            el,
            message: doc.create_element("div").map_err(|_| dom_failed(lang))?,
            created: true,
            described_before: None,
            invalid_before: None,
            class_before: None,
            radios: Vec::new(),
        });
    }
    if bound.is_empty() {
        return Err(js_err(
            lang,
            "表单中没有任何输入框对应调度表的项目；请检查输入框的 name 或 fields 选项。".into(),
            "none of the form's inputs maps to the form's items; check their names or the fields option.".into(),
        ));
    }

    // A draft kept from an earlier visit goes back into the inputs first.
    let draft_problem = draft_key
        .as_deref()
        .and_then(|key| restore_draft(key, &bound, lang).err());
    let restored_explanations = draft_key
        .as_deref()
        .and_then(|key| stored_draft(key).ok().flatten())
        .map(|d| d.explanations)
        .unwrap_or_default();

    // The report as the portal's inputs hold it now.
    let mut report = crate::report::Report::default();
    for b in &bound {
        let raw = crate::report::RawValue::Text(b.value());
        match b.key {
            "unit" => report.unit = raw,
            "period" => report.period = raw,
            "date" => report.date = raw,
            k => {
                report.values.insert(k.to_string(), raw);
            }
        }
    }
    report.explanations = restored_explanations;
    let mut session = Session::new(report, resolved.prior.flatten(), resolved.options);
    if let Some(Some(m)) = resolved.messages {
        session.set_messages(Some(m));
    }

    // Message elements: the portal's slot, or ours after the input.
    for b in &mut bound {
        let slot = form
            .query_selector(&format!("[data-diaodu-message-for=\"{}\"]", b.key))
            .ok()
            .flatten()
            .or_else(|| {
                doc.query_selector(&format!("[data-diaodu-message-for=\"{}\"]", b.key))
                    .ok()
                    .flatten()
            });
        match slot {
            Some(s) => {
                b.message = s;
                b.created = false;
            }
            None => {
                b.message.set_class_name("diaodu-message");
                let _ = b.message.set_attribute("data-diaodu", "message");
                // After the control: a radio group's last button, or the
                // label that holds it.
                let last = b.elements().last().cloned().unwrap_or_else(|| b.el.clone());
                let anchor: Element = match last.closest("label") {
                    Ok(Some(label)) if is_radio(&last) => label,
                    _ => last.into(),
                };
                let _ = anchor.after_with_node_1(&b.message);
            }
        }
        if b.message.id().is_empty() {
            b.message.set_id(&format!("diaodu-m-{}", b.key));
            if !b.created {
                let _ = b.message.set_attribute("data-diaodu-id-set", "");
            }
        }
        let _ = b.message.set_attribute("aria-live", "polite");
        b.described_before = b.el.get_attribute("aria-describedby");
        b.class_before = b.el.get_attribute("class");
        b.invalid_before = b.el.get_attribute("aria-invalid");
        let ids = match &b.described_before {
            Some(d) if !d.split_whitespace().any(|x| x == b.message.id()) => {
                format!("{d} {}", b.message.id())
            }
            Some(d) => d.clone(),
            None => b.message.id(),
        };
        let _ = b.el.set_attribute("aria-describedby", &ids);
        let id = b.message.id();
        for m in &mut b.radios {
            m.described_before = m.el.get_attribute("aria-describedby");
            m.class_before = m.el.get_attribute("class");
            m.invalid_before = m.el.get_attribute("aria-invalid");
            let ids = match &m.described_before {
                Some(d) if !d.split_whitespace().any(|x| x == id) => format!("{d} {id}"),
                Some(d) => d.clone(),
                None => id.clone(),
            };
            let _ = m.el.set_attribute("aria-describedby", &ids);
        }
    }
    let summary = doc.query_selector("[data-diaodu-summary]").ok().flatten();

    let inner = Rc::new(RefCell::new(Inner {
        form: form.clone(),
        doc,
        session,
        bound,
        explain: HashMap::new(),
        summary,
        summary_nodes: Vec::new(),
        hidden_name,
        hidden: None,
        on_change,
        listeners: Vec::new(),
        summary_listener: None,
        draft_key,
        draft_problem,
    }));

    // Listeners hold the binding weakly: dropping the handle's binding
    // (detach) leaves nothing alive.
    let weak = Rc::downgrade(&inner);
    let on_input = listener(weak.clone(), |inner, event| inner.input(&event));
    let on_submit = listener(weak, |inner, event| inner.submit(&event));
    {
        let mut i = inner.borrow_mut();
        for (ty, cb, capture) in [("input", on_input, false), ("submit", on_submit, true)] {
            let _ = form.add_event_listener_with_callback_and_bool(
                ty,
                cb.as_ref().unchecked_ref(),
                capture,
            );
            i.listeners.push((ty, cb, capture));
        }
        // `change` reaches selects and pasted or autofilled values that
        // fire no `input`; the same handler reads them.
        let weak = Rc::downgrade(&inner);
        let on_change = listener(weak, |inner, event| inner.input(&event));
        let _ = form.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
        i.listeners.push(("change", on_change, false));
        if let Some(summary) = i.summary.clone() {
            let cb = listener(Rc::downgrade(&inner), |inner, event| {
                inner.summary_click(&event)
            });
            let _ = summary.add_event_listener_with_callback("click", cb.as_ref().unchecked_ref());
            i.summary_listener = Some(cb);
        }
        i.redraw_all();
    }
    Ok(Attached { inner: Some(inner) })
}

fn dom_failed(lang: Lang) -> JsError {
    js_err(
        lang,
        "无法在页面中创建元素。".into(),
        "cannot create an element in the page.".into(),
    )
}

/// An event listener on the binding. An event the binding's own DOM work
/// sets off (a focused 说明 box that is moved fires `change`) arrives while
/// the binding is busy; it says nothing new and is let pass.
fn listener(
    weak: Weak<RefCell<Inner>>,
    f: impl Fn(&mut Inner, Event) + 'static,
) -> Closure<dyn FnMut(Event)> {
    Closure::wrap(Box::new(move |event: Event| {
        if let Some(inner) = weak.upgrade()
            && let Ok(mut inner) = inner.try_borrow_mut()
        {
            f(&mut inner, event);
        }
    }) as Box<dyn FnMut(Event)>)
}

impl Inner {
    fn lang(&self) -> Lang {
        self.session.lang()
    }

    /// An `input` or `change` event somewhere in the form.
    fn input(&mut self, event: &Event) {
        let Some(target) = event
            .target()
            .and_then(|t| t.dyn_into::<HtmlElement>().ok())
        else {
            return;
        };
        if let Some(id) = target.get_attribute("data-diaodu-explains") {
            let text = target
                .dyn_ref::<HtmlTextAreaElement>()
                .map(|t| t.value())
                .unwrap_or_default();
            let status = self.session.set_explanation(&id, &text);
            if status.changed {
                self.redraw_changes();
            }
            self.save_draft();
            return;
        }
        let Some(b) = self
            .bound
            .iter()
            .find(|b| b.elements().any(|e| *e == target))
        else {
            return;
        };
        let key = b.key;
        let text = b.value();
        if let Ok(status) = self.session.set_field(key, &text)
            && status.changed
        {
            self.redraw_changes();
        }
        self.save_draft();
    }

    /// Keep every input as typed, invalid text included, and the 说明.
    fn save_draft(&self) {
        let Some(key) = &self.draft_key else { return };
        let values: crate::report::Map<String> = self
            .bound
            .iter()
            .map(|b| (b.key.to_string(), b.value()))
            .collect();
        let draft = Draft {
            form: DEFAULT_FORM.id.to_string(),
            values,
            explanations: self.session.report().explanations.clone(),
        };
        if let Some(storage) = local_storage() {
            let json = crate::json::ToJson::to_json_text(&draft);
            // A full or disabled storage costs the draft, never the form.
            let _ = storage.set_item(key, &json);
        }
    }

    /// The submission: stopped where the report cannot be submitted, else
    /// given the normalised report.
    fn submit(&mut self, event: &Event) {
        // What is filed is checked as filed: every value required (无则填0).
        if self.session.options().mode != crate::Mode::Submit {
            let status = self.session.set_mode(crate::Mode::Submit);
            if status.changed {
                self.redraw_changes();
            }
        }
        if !self.session.status().submittable {
            event.prevent_default();
            let first = self
                .session
                .checked()
                .into_iter()
                .find(|c| c.severity() == Severity::Error || !c.explanation.is_accepted());
            if let Some(c) = first {
                let subject = c.finding.subject().to_string();
                let fields = c.finding.fields(DEFAULT_FORM);
                let explain = self.explain.get(&c.finding.id()).map(|b| b.area.clone());
                let target = match (c.severity(), explain) {
                    (Severity::Warning, Some(area)) => Some(area.unchecked_into::<HtmlElement>()),
                    _ => std::iter::once(&subject)
                        .chain(&fields)
                        .find_map(|k| self.bound.iter().find(|b| b.key == k))
                        .map(|b| b.el.clone()),
                };
                if let Some(el) = target {
                    let _ = el.focus();
                }
            }
            return;
        }
        let json = crate::json::ToJson::to_json_text(&self.session.result().normalized);
        if self.hidden.is_none()
            && let Ok(el) = self.doc.create_element("input")
        {
            let input: HtmlInputElement = el.unchecked_into();
            input.set_type("hidden");
            input.set_name(&self.hidden_name);
            let _ = input.set_attribute("data-diaodu", "report");
            let _ = self.form.append_with_node_1(&input);
            self.hidden = Some(input);
        }
        if let Some(h) = &self.hidden {
            h.set_value(&json);
        }
    }

    /// Every field, the summary: at the start.
    fn redraw_all(&mut self) {
        let _ = self.session.changes();
        let checked = self.session.checked();
        let keys: Vec<&'static str> = self.bound.iter().map(|b| b.key).collect();
        for key in keys {
            self.redraw_field(key, &checked);
        }
        self.redraw_summary(&checked);
    }

    /// The fields whose findings changed, the summary, and the portal's
    /// hook.
    fn redraw_changes(&mut self) {
        let changes = self.session.changes();
        let checked = self.session.checked();
        for key in changes.fields.keys() {
            if let Some(k) = self.bound.iter().find(|b| b.key == key).map(|b| b.key) {
                self.redraw_field(k, &checked);
            }
        }
        self.redraw_summary(&checked);
        if let Some(f) = &self.on_change
            && let Ok(v) = to_js(&changes)
        {
            self.name_inputs(&v);
            let _ = f.call1(&JsValue::NULL, &v);
        }
    }

    /// Beside our keys, each finding in a changes object names the portal's
    /// inputs (`inputs`), so the portal need not map them back.
    fn name_inputs(&self, changes: &JsValue) {
        let add = |finding: &JsValue| {
            let fields = js_sys::Reflect::get(finding, &"fields".into()).unwrap_or_default();
            let names = js_sys::Array::new();
            for k in js_sys::Array::from(&fields).iter() {
                if let Some(b) = k
                    .as_string()
                    .and_then(|k| self.bound.iter().find(|b| b.key == k))
                {
                    names.push(&JsValue::from_str(&b.name));
                }
            }
            let _ = js_sys::Reflect::set(finding, &"inputs".into(), &names);
        };
        for list in ["added", "removed"] {
            if let Ok(a) = js_sys::Reflect::get(changes, &list.into()) {
                js_sys::Array::from(&a).iter().for_each(|f| add(&f));
            }
        }
        if let Ok(fields) = js_sys::Reflect::get(changes, &"fields".into()) {
            for key in js_sys::Object::keys(fields.unchecked_ref::<js_sys::Object>()).iter() {
                if let Ok(list) = js_sys::Reflect::get(&fields, &key) {
                    js_sys::Array::from(&list).iter().for_each(|f| add(&f));
                }
            }
        }
    }

    /// One field's marks and messages from the current findings.
    fn redraw_field(&mut self, key: &'static str, checked: &[Checked]) {
        let lang = self.lang();
        let w = words(lang);
        let Some(i) = self.bound.iter().position(|b| b.key == key) else {
            return;
        };
        let mine: Vec<&Checked> = checked
            .iter()
            .filter(|c| c.finding.keys().contains(&key))
            .collect();
        let errors: Vec<String> = mine
            .iter()
            .filter(|c| c.severity() == Severity::Error)
            .map(|c| self.session.message(&c.finding))
            .collect();
        let warned = mine
            .iter()
            .any(|c| c.severity() == Severity::Warning && !c.explanation.is_accepted());
        {
            let b = &self.bound[i];
            let marks = std::iter::once((&b.el, &b.invalid_before))
                .chain(b.radios.iter().map(|m| (&m.el, &m.invalid_before)));
            for (el, invalid_before) in marks {
                set_validity(el, &errors.join(" "));
                if errors.is_empty() {
                    restore_attr(el, "aria-invalid", invalid_before);
                } else {
                    let _ = el.set_attribute("aria-invalid", "true");
                }
                let _ = el
                    .class_list()
                    .toggle_with_force("diaodu-error", !errors.is_empty());
                let _ = el
                    .class_list()
                    .toggle_with_force("diaodu-warning", errors.is_empty() && warned);
            }
            // Our nodes in the message element go; 说明 boxes are kept and
            // moved, so typing in one is never interrupted.
            let ours = b.message.query_selector_all(":scope > [data-diaodu]");
            if let Ok(list) = ours {
                for n in 0..list.length() {
                    if let Some(node) = list.item(n).and_then(|n| n.dyn_into::<Element>().ok())
                        && node.get_attribute("data-diaodu").as_deref() == Some("finding")
                    {
                        node.remove();
                    }
                }
            }
        }
        let message = self.bound[i].message.clone();
        // Messages go before this field's first 说明 box that stays where
        // it is: a box is never moved, since moving a focused textarea
        // takes the focus from the person typing in it.
        let anchor: Option<Element> = mine
            .iter()
            .filter(|c| c.severity() == Severity::Warning && c.finding.subject() == key)
            .find_map(|c| self.explain.get(&c.finding.id()))
            .map(|b| b.wrapper.clone())
            .filter(|w| w.parent_element().is_some_and(|p| p == message));
        let mut keep: Vec<String> = Vec::new();
        for c in &mine {
            let id = c.finding.id();
            let warning = c.severity() == Severity::Warning;
            let Ok(p) = self.doc.create_element("p") else {
                continue;
            };
            let _ = p.set_attribute("data-diaodu", "finding");
            let _ = p.set_attribute("data-diaodu-finding", &id);
            p.set_class_name(if warning {
                "diaodu-finding diaodu-warning"
            } else {
                "diaodu-finding diaodu-error"
            });
            let text = self.session.message(&c.finding);
            p.set_text_content(Some(&text));
            let _ = message.insert_before(&p, anchor.as_ref().map(|a| a.unchecked_ref()));
            if warning && c.finding.subject() == key {
                keep.push(id.clone());
                let b = self.explain_box(&id, &w);
                if let Some(b) = b {
                    if !b.wrapper.parent_element().is_some_and(|p| p == message) {
                        let _ = message.append_with_node_1(&b.wrapper);
                    }
                    let (status, refused) = match &c.explanation {
                        Explanation::Accepted(_) => (format!("✓ {}", w.explained), false),
                        Explanation::Rejected(_, r) => (r.render(lang), true),
                        _ => (String::new(), false),
                    };
                    b.status.set_text_content(Some(&status));
                    let _ = b
                        .status
                        .class_list()
                        .toggle_with_force("diaodu-refused", refused);
                }
            }
        }
        // 说明 boxes of this field whose warning went away.
        let gone: Vec<String> = self
            .explain
            .iter()
            .filter(|(id, b)| {
                !keep.contains(id) && b.wrapper.parent_element().is_some_and(|p| p == message)
            })
            .map(|(id, _)| id.clone())
            .collect();
        for id in gone {
            if let Some(b) = self.explain.remove(&id) {
                b.wrapper.remove();
            }
        }
    }

    /// The 说明 box of a warning, made once.
    fn explain_box(&mut self, id: &str, w: &Words) -> Option<&ExplainBox> {
        if !self.explain.contains_key(id) {
            let wrapper = self.doc.create_element("div").ok()?;
            wrapper.set_class_name("diaodu-explain");
            let _ = wrapper.set_attribute("data-diaodu", "explain");
            let label = self.doc.create_element("label").ok()?;
            let area: HtmlTextAreaElement =
                self.doc.create_element("textarea").ok()?.dyn_into().ok()?;
            let area_id = format!(
                "diaodu-x-{}",
                id.chars()
                    .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
                    .collect::<String>()
            );
            area.set_id(&area_id);
            let _ = area.set_attribute("data-diaodu-explains", id);
            area.set_rows(2);
            area.set_placeholder(&format!(
                "{}（≥{}）",
                w.hint,
                crate::thresholds::EXPLANATION_MIN_CHARS
            ));
            if let Some(text) = self.session.report().explanations.get(id) {
                area.set_value(text);
            }
            let _ = label.set_attribute("for", &area_id);
            label.set_text_content(Some(w.explain));
            let status = self.doc.create_element("span").ok()?;
            status.set_class_name("diaodu-explain-status");
            let _ = status.set_attribute("aria-live", "polite");
            let _ = wrapper.append_with_node_3(&label, &area, &status);
            self.explain.insert(
                id.to_string(),
                ExplainBox {
                    wrapper,
                    area,
                    status,
                },
            );
        }
        self.explain.get(id)
    }

    /// The summary region, where the page has one.
    fn redraw_summary(&mut self, checked: &[Checked]) {
        let Some(summary) = self.summary.clone() else {
            return;
        };
        for n in self.summary_nodes.drain(..) {
            n.remove();
        }
        let lang = self.lang();
        let w = words(lang);
        let status = self.session.status();
        let Ok(line) = self.doc.create_element("p") else {
            return;
        };
        line.set_class_name(if status.submittable {
            "diaodu-summary-line diaodu-ok"
        } else {
            "diaodu-summary-line diaodu-blocked"
        });
        let c = status.counts;
        line.set_text_content(Some(&match lang {
            Lang::Zh => format!(
                "{}：{} 个错误，{} 个待说明的核实问题",
                if status.submittable { w.ok } else { w.blocked },
                c.errors,
                c.unexplained_warnings
            ),
            Lang::En => format!(
                "{}: {} error(s), {} unexplained warning(s)",
                if status.submittable { w.ok } else { w.blocked },
                c.errors,
                c.unexplained_warnings
            ),
        }));
        let _ = summary.append_with_node_1(&line);
        self.summary_nodes.push(line);
        let Ok(list) = self.doc.create_element("ul") else {
            return;
        };
        list.set_class_name("diaodu-summary-list");
        for c in checked {
            let Ok(li) = self.doc.create_element("li") else {
                continue;
            };
            let Ok(button) = self.doc.create_element("button") else {
                continue;
            };
            let _ = button.set_attribute("type", "button");
            let sev = if c.severity() == Severity::Error {
                "error"
            } else {
                "warning"
            };
            button.set_class_name(&format!("diaodu-jump diaodu-{sev}"));
            button.set_text_content(Some(&format!(
                "{} {} {}",
                c.finding.rule().severity().label(lang),
                c.finding.rule().code(),
                self.session.message(&c.finding)
            )));
            // One click listener on the summary finds the field by this.
            let target = c
                .finding
                .fields(DEFAULT_FORM)
                .into_iter()
                .find(|k| self.bound.iter().any(|b| b.key == k));
            if let Some(key) = target {
                let _ = button.set_attribute("data-diaodu-focus", &key);
            }
            let _ = li.append_with_node_1(&button);
            let _ = list.append_with_node_1(&li);
        }
        let _ = summary.append_with_node_1(&list);
        self.summary_nodes.push(list);
    }

    /// A click in the summary: focus the field its button names.
    fn summary_click(&self, event: &Event) {
        let key = event
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|e| e.closest("[data-diaodu-focus]").ok().flatten())
            .and_then(|e| e.get_attribute("data-diaodu-focus"));
        if let Some(b) = key.and_then(|k| self.bound.iter().find(|b| b.key == k)) {
            let _ = b.el.focus();
        }
    }

    /// Undo everything.
    fn detach(&mut self) {
        if let (Some(summary), Some(cb)) = (&self.summary, self.summary_listener.take()) {
            let _ =
                summary.remove_event_listener_with_callback("click", cb.as_ref().unchecked_ref());
        }
        for (ty, cb, capture) in self.listeners.drain(..) {
            let _ = self.form.remove_event_listener_with_callback_and_bool(
                ty,
                cb.as_ref().unchecked_ref(),
                capture,
            );
        }
        for b in &self.bound {
            set_validity(&b.el, "");
            match &b.described_before {
                Some(v) => {
                    let _ = b.el.set_attribute("aria-describedby", v);
                }
                None => {
                    let _ = b.el.remove_attribute("aria-describedby");
                }
            }
            match &b.invalid_before {
                Some(v) => {
                    let _ = b.el.set_attribute("aria-invalid", v);
                }
                None => {
                    let _ = b.el.remove_attribute("aria-invalid");
                }
            }
            match &b.class_before {
                Some(v) => {
                    let _ = b.el.set_attribute("class", v);
                }
                None => {
                    let _ = b.el.remove_attribute("class");
                }
            }
            for m in &b.radios {
                set_validity(&m.el, "");
                restore_attr(&m.el, "aria-describedby", &m.described_before);
                restore_attr(&m.el, "aria-invalid", &m.invalid_before);
                restore_attr(&m.el, "class", &m.class_before);
            }
            if b.created {
                b.message.remove();
            } else {
                if let Ok(ours) = b.message.query_selector_all(":scope > [data-diaodu]") {
                    for n in 0..ours.length() {
                        if let Some(node) = ours.item(n).and_then(|n| n.dyn_into::<Element>().ok())
                        {
                            node.remove();
                        }
                    }
                }
                let _ = b.message.remove_attribute("aria-live");
                if b.message.has_attribute("data-diaodu-id-set") {
                    let _ = b.message.remove_attribute("id");
                    let _ = b.message.remove_attribute("data-diaodu-id-set");
                }
            }
        }
        for (_, b) in self.explain.drain() {
            b.wrapper.remove();
        }
        for n in self.summary_nodes.drain(..) {
            n.remove();
        }
        if let Some(h) = self.hidden.take() {
            h.remove();
        }
    }
}

#[wasm_bindgen]
impl Attached {
    /// Remove everything `attach` added: listeners, attributes, classes,
    /// elements, custom validity.
    pub fn detach(&mut self) {
        if let Some(inner) = self.inner.take() {
            inner.borrow_mut().detach();
        }
    }

    /// Why the stored draft could not be used, if it could not (it was set
    /// aside under `draftKey + ".aside"`); `undefined` otherwise.
    #[wasm_bindgen(getter, js_name = draftProblem)]
    pub fn draft_problem(&self) -> Option<String> {
        self.inner.as_ref()?.borrow().draft_problem.clone()
    }

    /// Change `mode`, `today`, `lang`, `prior` or `messages`; everything is
    /// shown again (a new language relabels every message and 说明 box).
    #[wasm_bindgen(js_name = setOptions, unchecked_return_type = "Status")]
    pub fn set_options(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ValidateOptions")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        let Some(inner) = &self.inner else {
            return Err(detached());
        };
        let mut i = inner.borrow_mut();
        let r = resolve(Some(&options), i.session.options())?;
        let mut status = i.session.set_options(r.options);
        if let Some(prior) = r.prior {
            status = i.session.set_prior(prior);
        }
        if let Some(messages) = r.messages {
            status = i.session.set_messages(messages);
        }
        for (_, b) in i.explain.drain() {
            b.wrapper.remove();
        }
        i.redraw_all();
        to_js(&crate::session::Status {
            changed: true,
            ..status
        })
    }

    /// The report exactly as typed, with its 说明 (for a draft).
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn report(&self) -> Result<JsValue, JsError> {
        match &self.inner {
            Some(i) => to_js(i.borrow().session.report()),
            None => Err(detached()),
        }
    }

    /// Give (or, with "", take back) the 说明 of a finding, such as one the
    /// server found.
    #[wasm_bindgen(js_name = setExplanation, unchecked_return_type = "Status")]
    pub fn set_explanation(&self, id: &str, text: &str) -> Result<JsValue, JsError> {
        let Some(inner) = &self.inner else {
            return Err(detached());
        };
        let mut i = inner.borrow_mut();
        let status = i.session.set_explanation(id, text);
        if status.changed {
            i.redraw_changes();
        }
        if let Some(b) = i.explain.get(id)
            && b.area.value() != text
        {
            b.area.set_value(text);
        }
        i.save_draft();
        to_js(&status)
    }

    /// `{ changed, counts, submittable }` now.
    #[wasm_bindgen(unchecked_return_type = "Status")]
    pub fn status(&self) -> Result<JsValue, JsError> {
        match &self.inner {
            Some(i) => to_js(&i.borrow().session.status()),
            None => Err(detached()),
        }
    }

    /// The whole result, with the normalised report (our keys).
    #[wasm_bindgen(unchecked_return_type = "JsonResult")]
    pub fn result(&self) -> Result<JsValue, JsError> {
        match &self.inner {
            Some(i) => to_js(i.borrow().session.result()),
            None => Err(detached()),
        }
    }
}

fn detached() -> JsError {
    JsError::new("diaodu: 表单已解除绑定 / the form was detached")
}

/// A draft as `attach` keeps it: the inputs' text by key, and the 说明.
struct Draft {
    form: String,
    values: crate::report::Map<String>,
    explanations: crate::report::Map<String>,
}

impl crate::json::ToJson for Draft {
    fn write_json(&self, w: &mut crate::json::Writer) {
        w.object(|o| {
            o.field("form", &self.form);
            o.field("values", &self.values);
            o.field("explanations", &self.explanations);
        });
    }
}

impl Draft {
    /// Read with the readers the package already has (objects of raw JSON,
    /// then text): a derived reader of this struct cost 6 KB.
    fn from_json(text: &str) -> Result<Draft, String> {
        use crate::json;
        let members = |text| json::members(text).map_err(|e| e.to_string());
        let texts = |text| -> Result<crate::report::Map<String>, String> {
            members(text)?
                .into_iter()
                .map(|(k, v)| json::string(v).map(|t| (k, t)).map_err(|e| e.to_string()))
                .collect()
        };
        let top = members(text)?;
        let form = top
            .get("form")
            .map(|f| json::string(f).map_err(|e| e.to_string()))
            .transpose()?
            .unwrap_or_default();
        let values = top
            .get("values")
            .map(|v| texts(v))
            .transpose()?
            .unwrap_or_default();
        let explanations = top
            .get("explanations")
            .map(|v| texts(v))
            .transpose()?
            .unwrap_or_default();
        Ok(Draft {
            form,
            values,
            explanations,
        })
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The stored draft: none, one that reads, or the reason it does not.
fn stored_draft(key: &str) -> Result<Option<Draft>, String> {
    let Some(text) = local_storage().and_then(|s| s.get_item(key).ok().flatten()) else {
        return Ok(None);
    };
    let draft = Draft::from_json(&text)?;
    if draft.form != DEFAULT_FORM.id {
        return Err(format!("form {}", crate::finding::quote(&draft.form)));
    }
    if let Some(k) = draft
        .values
        .keys()
        .find(|k| our_key(DEFAULT_FORM, k).is_none())
    {
        return Err(format!("key {}", crate::finding::quote(k)));
    }
    Ok(Some(draft))
}

/// Put a stored draft back into the inputs. One that cannot be used is
/// moved aside (`KEY.aside`, unchanged) and the form starts without it.
fn restore_draft(key: &str, bound: &[Bound], lang: Lang) -> Result<(), String> {
    match stored_draft(key) {
        Ok(None) => Ok(()),
        Ok(Some(d)) => {
            for b in bound {
                if let Some(text) = d.values.get(b.key) {
                    b.set_value(text);
                }
            }
            Ok(())
        }
        Err(why) => {
            if let Some(storage) = local_storage() {
                if let Ok(Some(text)) = storage.get_item(key) {
                    let _ = storage.set_item(&format!("{key}.aside"), &text);
                }
                let _ = storage.remove_item(key);
            }
            let message = match lang {
                Lang::Zh => {
                    format!("保存的草稿无法使用（{why}），已另存为 {key}.aside，表单从空白开始。")
                }
                Lang::En => format!(
                    "the saved draft could not be used ({why}); it is kept as {key}.aside and the form starts empty."
                ),
            };
            web_sys::console::warn_1(&JsValue::from_str(&format!("diaodu: {message}")));
            Err(message)
        }
    }
}
