// Gives wasm-bindgen's runtime errors the package's own words, in the glue
// file named on the command line (edited in place). Two of them reach a
// portal: a call on a ReportForm after free(), and a call made while the
// same form is still busy (from inside a callback of its own). The Rust code
// cannot reword them: wasm-bindgen raises them before our code runs.
import { readFileSync, writeFileSync } from 'node:fs';

const file = process.argv[2];
const glue = readFileSync(file, 'utf8');
const throwing = 'throw new Error(getStringFromWasm0(arg0, arg1));';
const count = glue.split(throwing).length - 1;
if (count !== 1) {
  console.error(`${file}: expected wasm-bindgen's throw import once, found it ${count} times`);
  process.exit(1);
}
const helper = `
const DIAODU_RUNTIME_MESSAGES = {
  'null pointer passed to rust':
    '这个 ReportForm 已调用 free() 释放，不能再使用，请新建一个。 / This ReportForm was released with free() and cannot be used; create a new one.',
  'recursive use of an object detected which would lead to unsafe aliasing in rust':
    'ReportForm 正在处理另一个调用，不能在其中再次调用它。 / This ReportForm is busy with another call and cannot be called from inside it.',
};
function diaoduRuntimeMessage(text) {
  return DIAODU_RUNTIME_MESSAGES[text] ?? text;
}
`;
writeFileSync(
  file,
  glue.replace(throwing, 'throw new Error(diaoduRuntimeMessage(getStringFromWasm0(arg0, arg1)));') + helper,
);
