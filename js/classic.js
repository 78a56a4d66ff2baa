// The classic-script build's entry (pkg/classic/diaodu.js): the DOM entry
// bundled into one plain script, for pages that cannot use
// type="module". It defines `window.diaodu` with the same exports as
// `diaodu/dom`; `diaodu.init()` finds the wasm beside the script
// (pkg/dom/diaodu_bg.wasm), and `diaodu.loadLanguage('en')` the English
// (pkg/dom/diaodu_en.json), unless given another place.
import initModule, { loadLanguage as loadModuleLanguage } from '../pkg/dom/diaodu.js';

export * from '../pkg/dom/diaodu.js';

// Read while the script runs: later, document.currentScript is another's.
const script = typeof document !== 'undefined' ? document.currentScript : null;
const wasm = script && script.src ? new URL('../dom/diaodu_bg.wasm', script.src) : undefined;
const english = script && script.src ? new URL('../dom/diaodu_en.json', script.src) : undefined;

export function init(input) {
  return initModule(input ?? { module_or_path: wasm });
}

// English, when asked for, from beside the wasm as well.
export function loadLanguage(lang, source) {
  return loadModuleLanguage(lang, source ?? english);
}

export default init;
