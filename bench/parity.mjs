// Step 2 of the parity run (scripts/parity.sh): each generated case through
// the wasm package's validateJson, in Node. Reads cases (JSON lines) on
// standard input, writes answered cases on standard output.
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';

const require = createRequire(import.meta.url);
const { validateJson, loadLanguage } = require('../pkg');
// The generated cases speak both languages.
await loadLanguage('en');

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  const c = JSON.parse(line);
  // The options object a portal would pass: the prior month as an object.
  const options = JSON.parse(c.options);
  if (c.prior !== null) options.prior = JSON.parse(c.prior);
  // The text the package reads from that object: JSON.stringify, with
  // NaN, ±Infinity and BigInt kept as their text (a prior month's 1e400
  // becomes Infinity in JS, which the package passes on as "Infinity").
  const text = JSON.stringify(options, (_, v) =>
    (typeof v === 'number' && !Number.isFinite(v)) || typeof v === 'bigint' ? String(v) : v);
  const answered = { report: c.report, options: text };
  try {
    answered.result = validateJson(c.report, options);
  } catch (e) {
    answered.error = String(e.message);
  }
  process.stdout.write(`${JSON.stringify(answered)}\n`);
}
