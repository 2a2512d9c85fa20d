// SPDX-License-Identifier: MIT
// The swap planner's rehearsals (swapplan.js `rehearse`: the agent worker plans
// saves that never happen of the program's largest modules, to warm the planner)
// change nothing: whatever number of them runs, before a save, while a save's
// plan waits for its commit, or after, every plan, commit, instrumented text and
// module source is what it is without them.
// node swaprehearsal.js ANALYSIS_BUNDLE
'use strict';

const assert = require('assert');
const fs = require('fs');
const vm = require('vm');

const bundle = fs.readFileSync(process.argv[2], 'utf8');
const v8 = process.versions.v8;

// A planner of its own (its modules, its numbering), as the worker holds one.
function planner() {
  const context = vm.createContext({});
  vm.runInContext(bundle, context, { filename: 'graft:analyzer' });
  // Through JSON, so that answers of the context's realm compare as plain data.
  const call = (step, request) => JSON.parse(JSON.stringify(context['graftSwap' + step](request)));
  return { call, source: (filename) => context.graftSwapSource(filename) };
}

const v1 = `'use strict';
const path = require('path');
let count = 0;
function tick() { count++; return 'tick-v1 ' + count; }
function makeCounter() { let n = 0; return () => 'counter-v1 ' + (++n); }
class Greeter { hello() { return 'hello-v1'; } static make() { return new Greeter(); } }
function* numbers() { yield 1; yield 2; }
const handlers = { onData(x) { return x + 1; }, onEnd: () => 'end-v1' };
setInterval(() => { tick(); }, 1000);
module.exports = { tick, makeCounter, Greeter, numbers, handlers, path };
`;
const v2 = v1.replace("'tick-v1 '", "'tick-v2 '").replace("'hello-v1'", "'hello-v2'")
  .replace("return x + 1;", 'return helper(x) + 1;') + 'function helper(x) { return x * 2; }\n';
const v3 = v2.replace("'counter-v1 '", "'counter-v3 '").replace("yield 2;", 'yield 3;')
  .replace("const path = require('path');", "const path = require('path');\nconst os = require('os');");
const other = "function other() { return 'other'; }\nmodule.exports = other;\n";

// One session's answers, in order; `rehearse(planner)` runs where a rehearsal may.
function session(rehearse) {
  const p = planner();
  const file = '/app/main.js';
  const answers = [];
  const step = (name, request) => answers.push(name + ' ' + JSON.stringify(p.call(name, request)));
  step('Instrument', { filename: file, source: v1 });
  rehearse(p, file);
  step('Plan', { filename: file, source: v2, v8 });
  rehearse(p, file); // a save's plan waits for the program
  step('Commit', { filename: file });
  rehearse(p, file);
  answers.push('source ' + p.source(file));
  step('Plan', { filename: file, source: v3, v8 });
  step('Commit', { filename: file });
  rehearse(p, file);
  step('Plan', { filename: file, source: v1, v8 }); // not committed
  rehearse(p, file);
  answers.push('source ' + p.source(file));
  step('Instrument', { filename: '/app/other.js', source: other }); // the next module's number
  return answers;
}

const without = session(() => {});
let rehearsals = 0;
const withRehearsals = session((p, file) => {
  for (let k = 0; k < 7; k++) {
    const answer = p.call('Rehearse', { filename: file, step: rehearsals++, v8 });
    assert.strictEqual(answer.status, 'Ok', JSON.stringify(answer));
    assert.ok(answer.batches >= 1, 'a rehearsal plans a change of a function: ' + JSON.stringify(answer));
  }
});
assert.strictEqual(withRehearsals.length, without.length);
for (let i = 0; i < without.length; i++)
  assert.strictEqual(withRehearsals[i], without[i], `answer ${i} differs with rehearsals`);
// A module the planner never instrumented: refused, and still not known after.
const p = planner();
assert.strictEqual(p.call('Rehearse', { filename: '/app/none.js', step: 0, v8 }).status, 'Refused');
assert.strictEqual(p.source('/app/none.js'), null);
console.log(`ok: ${without.length} answers the same with ${rehearsals} rehearsals`);
