// Element Plus (Vue 3) rules, and any form built on async-validator (Ant
// Design Vue's too): `rulesFor(form, options)` gives the `rules` object
// their forms take, with the package's messages. Shipped as
// `diaodu/element-plus`; it imports nothing from Vue or Element Plus.
//
// - An error fails the item's validation, with its messages.
// - A warning does not fail it: `state[prop].warning` holds its text and
//   id, `classOf(prop)` gives `diaodu-warning` for the item's class, and
//   `explain(id, text)` records the 说明. It blocks `submit()` until it is
//   explained.
// - When a change makes or clears a finding that involves other fields,
//   those fields are validated again (through `formRef`), so both items of
//   a cross-field error show it together.
// - `submit()` checks in submit mode (everything required) and resolves
//   with the normalised report, or rejects with the findings that block.

/** The field a finding's 说明 belongs to: its id is `CODE:key`, a documented contract. */
const subjectOf = (finding) => finding.id.slice(finding.id.indexOf(':') + 1);

/**
 * @param {import('./diaodu.js').ReportForm} form the package's form object
 * @param {object} [options]
 * @param {Record<string, string> | ((prop: string) => string | null | undefined)} [options.fields]
 *   the form model's prop names to the form's keys; by default they are the keys
 * @param {() => any} [options.formRef] the el-form instance, for validating partner fields again
 * @param {Record<string, any>} [options.state] where the adapter writes each prop's state (pass Vue's `reactive({})`)
 * @param {string[]} [options.props] the props to make rules for; by default every mapped key
 * @param {(changes: any) => void} [options.onChange]
 */
export function rulesFor(form, options = {}) {
  const { fields, formRef, onChange } = options;
  const state = options.state ?? {};
  const schemaKeys = form.keys();
  const keyOf = (prop) => {
    if (typeof fields === 'function') return fields(prop) ?? null;
    if (fields && typeof fields === 'object') return fields[prop] ?? (schemaKeys.includes(prop) ? prop : null);
    return schemaKeys.includes(prop) ? prop : null;
  };
  const props = options.props
    ?? (fields && typeof fields === 'object' ? Object.keys(fields) : schemaKeys);
  const propOf = new Map();
  for (const prop of props) {
    const key = keyOf(prop);
    if (key === null) continue;
    if (!schemaKeys.includes(key)) throw new Error(`diaodu: fields 把“${prop}”映射为“${key}”，表中没有这一项 / fields maps "${prop}" to "${key}", which the form does not have`);
    propOf.set(key, prop);
  }

  /** Every prop's state from the current findings. */
  const refresh = () => {
    const findings = form.findings();
    for (const [key, prop] of propOf) {
      const mine = findings.filter((f) => f.fields.includes(key));
      const warnings = mine.filter((f) => f.severity === 'warning');
      const own = warnings.filter((f) => subjectOf(f) === key);
      state[prop] = {
        errors: mine.filter((f) => f.severity === 'error').map((f) => f.message),
        warning: own.length ? {
          id: own[0].id,
          message: own.map((f) => f.message).join('\n'),
          explained: own.every((f) => f.explained),
          explanation: own[0].explanation?.text ?? '',
          reason: own[0].explanation?.reason ?? '',
        } : warnings.length ? { id: null, message: warnings.map((f) => f.message).join('\n'), explained: warnings.every((f) => f.explained) } : null,
      };
    }
  };

  let revalidating = false;
  /** After a change: the partner fields again, and the portal's hook. */
  const changed = (prop) => {
    const changes = form.changes();
    refresh();
    if (onChange) {
      // Each finding also names the portal's props, so nothing is mapped back by hand.
      const name = (f) => { f.props = f.fields.map((k) => propOf.get(k)).filter(Boolean); };
      changes.added.forEach(name);
      changes.removed.forEach(name);
      Object.values(changes.fields).forEach((list) => list.forEach(name));
      onChange(changes);
    }
    const partners = Object.keys(changes.fields).map((k) => propOf.get(k)).filter((p) => p && p !== prop);
    const el = formRef?.();
    if (partners.length && el && !revalidating) {
      revalidating = true;
      // After this validator has answered, so the item shows both at once.
      Promise.resolve()
        .then(() => el.validateField(partners))
        .catch(() => {})
        .finally(() => { revalidating = false; });
    }
  };

  const rules = {};
  for (const [key, prop] of propOf) {
    rules[prop] = [{
      trigger: ['change', 'blur'],
      validator: (_rule, value, callback) => {
        const text = value === null || value === undefined ? '' : String(value);
        const status = form.setField(key, text);
        if (status.changed) changed(prop);
        else if (!state[prop]) refresh();
        const errors = state[prop]?.errors ?? [];
        if (errors.length) callback(new Error(errors.join('\n')));
        else callback();
      },
    }];
  }
  refresh();

  return {
    rules,
    state,
    /** `diaodu-warning` while the prop has a warning not yet explained, else ''. */
    classOf: (prop) => (state[prop]?.warning && !state[prop].warning.explained ? 'diaodu-warning' : ''),
    /** Record a 说明; its state (accepted, or the reason not) shows at once. */
    explain: (id, text) => {
      const status = form.setExplanation(id, text);
      if (status.changed) changed(null);
      return status;
    },
    /**
     * Validate everything in submit mode; resolves with the normalised
     * report, or rejects with `{ findings }` that block (errors, warnings
     * without a 说明 that counts).
     */
    async submit() {
      const status = form.setOptions({ mode: 'submit' });
      if (status.changed) changed(null);
      const el = formRef?.();
      let valid = true;
      if (el) valid = await el.validate().then(() => true, () => false);
      const result = form.result();
      if (!valid || !result.submittable) {
        const blocking = result.findings.filter((f) => f.severity === 'error' || !f.explained);
        throw Object.assign(new Error(`diaodu: ${blocking.length} finding(s) block submission`), { findings: blocking });
      }
      return form.normalized();
    },
  };
}
