// validate's and setField's common cases without externrefs (leanValidate
// and leanKeystroke, js/lean.js): scripts/build-wasm.sh appends this to each
// build's glue, where validate, __validateRead and ReportForm are the
// generated ones, with LEAN_SNIPPET the path of the lean.js snippet. The
// generated validate and setField stay for everything else.
import { leanKeystroke, leanValidate } from 'LEAN_SNIPPET';

const generatedValidate = validate;
// The module's own binding, so that its export is this one.
validate = function validate(report, options) {
  const result = leanValidate(report, options, __validateRead);
  return result === undefined ? generatedValidate(report, options) : result;
};

const generatedSetField = ReportForm.prototype.setField;
ReportForm.prototype.setField = function setField(key, text) {
  const status = leanKeystroke(this, key, text);
  return status === undefined ? generatedSetField.call(this, key, text) : status;
};
// The tests hold the two ways equal (tests/js/lean.test.mjs).
ReportForm.prototype.__setFieldGeneratedForTests = generatedSetField;
