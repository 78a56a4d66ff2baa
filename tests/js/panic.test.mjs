// A bug (a Rust panic) reaches JS as an Error with a message, not as an
// opaque "unreachable" trap. Its own file: node --test runs each file in its
// own process, and a panicked module is not used again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const diaodu = createRequire(import.meta.url)('../../pkg');

test('a panic surfaces as an Error naming the bug', () => {
  const logged = [];
  const original = console.error;
  console.error = (...a) => logged.push(a.join(' '));
  try {
    assert.throws(() => diaodu.__panicForTests(), (e) => {
      assert.ok(e instanceof Error, `an Error, got ${e}`);
      assert.match(e.message, /internal error \(a bug\)/);
      assert.match(e.message, /deliberate panic for the test suite/);
      return true;
    });
  } finally {
    console.error = original;
  }
  assert.ok(logged.some((l) => l.includes('deliberate panic')), 'the panic is also logged with its location');
});
