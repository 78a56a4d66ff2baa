// The smallest embedding of the package in a page without a bundler: the
// README shows this file, and the end-to-end tests run it.
import init, { ReportForm } from './pkg/diaodu.js';

await init(); // fetches diaodu_bg.wasm next to diaodu.js
const form = new ReportForm(null, { mode: 'draft' });
const list = document.getElementById('findings');

for (const input of document.querySelectorAll('input[name]')) {
  input.addEventListener('input', () => {
    form.setField(input.name, input.value);
    list.replaceChildren(...form.findings().map((f) => {
      const li = document.createElement('li');
      li.textContent = `${f.code} ${f.message}`; // never innerHTML for what users typed
      return li;
    }));
  });
}
