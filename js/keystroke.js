// setField's common case without externrefs (leanKeystroke, js/lean.js):
// scripts/build-wasm.sh appends this to each build's glue, where ReportForm
// is the generated class, with LEAN_SNIPPET the path of the lean.js
// snippet. The generated setField stays for everything else.
import { leanKeystroke } from 'LEAN_SNIPPET';

const generatedSetField = ReportForm.prototype.setField;
ReportForm.prototype.setField = function setField(key, text) {
  const status = leanKeystroke(this, key, text);
  return status === undefined ? generatedSetField.call(this, key, text) : status;
};
// The tests hold the two ways equal (tests/js/lean.test.mjs).
ReportForm.prototype.__setFieldGeneratedForTests = generatedSetField;
