// loadLanguage(lang, source): scripts/build-wasm.sh appends this to each
// build's glue, where __loadLanguage is the wasm export it calls, after the
// two lines that differ by build: `languageFile()`, where the file is by
// default (beside the wasm), and `readLocal(source)`, which reads a path in
// Node and reads nothing in a browser. English is kept out of the download
// until a page asks for it (src/english.rs); every word said here, errors
// included, comes from Rust.
export async function loadLanguage(lang, source) {
  lang = String(lang);
  if (!__loadLanguage(lang)) return;
  let text;
  try {
    text = await languageText(source ?? languageFile());
  } catch (e) {
    __loadLanguage(lang, undefined, String((e && e.message) || e));
  }
  __loadLanguage(lang, text);
}

// The file's text: read from disk (Node), fetched from a URL, read from a
// fetch Response, or written out from the parsed JSON object a bundler may
// have imported.
async function languageText(source) {
  if (typeof source === 'string' || source instanceof URL
      || (typeof Request === 'function' && source instanceof Request)) {
    const local = await readLocal(source);
    if (local !== undefined) return local;
    source = await fetch(source);
  }
  if (typeof Response === 'function' && source instanceof Response) {
    if (!source.ok) throw new Error(`${source.status} ${source.statusText} ${source.url}`.trim());
    return source.text();
  }
  return JSON.stringify(source);
}
