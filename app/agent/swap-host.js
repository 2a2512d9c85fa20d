// SPDX-License-Identifier: MIT
// graft agent, the swap engine's side in the program's main thread
// (docs/SWAP.md). It holds no parser and plans nothing: as a CommonJS module
// loads, it has the module's text instrumented by the agent worker (a
// synchronous round trip, so the program's own code never runs a tool), gives
// the module its slots, and, when the worker asks, evaluates a save's compiled
// functions in the module's scope and fills their slots. Everything here is
// reached through the module objects and one handle the worker takes at start.
'use strict';

const Module = require('module');
const path = require('path');

const kAgentDirectory = __dirname + path.sep;
const kHandOver = '__graftSwap';
// The swap engine's code in an instrumented module (swapplan.js writes it): a
// function's slot check, a concise arrow's, a generator's activation token, the
// module's hand-over and its evaluator. The worker steps on from pauses in them.
const kFilled = String.raw`typeof __graft\$g\d+_\d+=='function'`;
const kCheck = new RegExp(String.raw`\{if\(${kFilled}\)return [^;]*;\}`, 'g');
const kConciseOpen = new RegExp(String.raw`\(${kFilled}\?__graft\$g\d+_\d+\([\w$.,]*\):\(`, 'g');
const kConciseClose = /\)\/\*__graft\$\*\/\)/g;
const kTrackOpen = /const __graft\$t=\(__graft\$s\d+\.t\|\|Object\)\(\d+\);try\{/g;
const kTrackClose = /\}finally\{\(__graft\$s\d+\.d\|\|Object\)\(\d+,__graft\$t\)\}/g;
const kHandOverCode = [/module\.__graftSwap\(__graft\$s\d+,this,\d+,\d+,\[[\d,]*\][\d,]*\);/g, /__graft\$h\.esmHandOver\([^)]*\);/g,
  /function __graft\$s\d+\(__graft\$c\)\{return eval\(__graft\$c\)\}/g];
const kSwapCode = [kCheck, kConciseOpen, kConciseClose, kTrackOpen, kTrackClose, ...kHandOverCode];
// A check in a function's text (module number, slot; a generator's compiled new
// code has only its activation token). Its own is the one at the offset the
// planner gave for its slot (ownSlotOf).
const kSlotOfCheck = /__graft\$(?:g(\d+)_(\d+)|s(\d+)\.t\|\|Object\)\((\d+)\))/g;

// A slot: a global the program does not see in its own enumerations. One that
// keeps its value is a constant to V8's optimising compiler (a check that folds
// away); a `variable` one starts as an ordinary global (swapplan.js, keptVariable).
const slotName = (number, id) => '__graft$g' + number + '_' + id;
function defineSlot(number, id, variable) {
  const name = slotName(number, id);
  if (Object.prototype.hasOwnProperty.call(globalThis, name))
    return;
  Object.defineProperty(globalThis, name, { value: undefined, writable: true, enumerable: false, configurable: true });
  if (variable) {
    globalThis[name] = null;
    globalThis[name] = undefined;
  }
}
function defineSlots(number, from, count, variable) {
  const variableIds = new Set(variable);
  try {
    for (let id = from; id < count; id++)
      defineSlot(number, id, variableIds.has(id));
  } catch (error) {
    throw new Error('the program\'s global object takes no new properties (' + String(error && error.message)
      + '), and the engine keeps its slots there');
  }
}

// The program's own modules: not the agent, not installed packages.
function instrumentable(filename) {
  return typeof filename === 'string' && path.isAbsolute(filename) && !filename.startsWith(kAgentDirectory)
    && !filename.split(path.sep).includes('node_modules');
}

let esmHandOver = () => {};

// `transform(filename, source)` returns the instrumented text, or null to load
// the module as it is (the worker said why to the app).
function installSwapHost(transform) {
  // filename -> { evaluator (a function of the module's scope), number, receiver, added (values of the names saves added),
  // texts (the user's text of the code each filled slot holds) }; and by the module's number.
  const modules = new Map();
  const numbered = new Map();
  const track = (filename, number, count, variable, record, offsets) => {
    record.number = Number(number);
    record.ownOffsets = offsets.map(Number);
    modules.set(filename, record);
    numbered.set(record.number, record);
    record.slotCount = 0;
    try {
      defineSlots(record.number, 0, Number(count) || 0, Array.isArray(variable) ? variable : []);
      record.slotCount = Number(count) || 0;
    } catch {
      // every function runs its own code; a save says why it cannot fill a slot
    }
    countActivations(record);
  };

  const compile = Module.prototype._compile;
  Module.prototype._compile = function (content, filename, format) {
    // require() of an ES module (Node >= 22) goes through here with its format.
    if ((format !== undefined && format !== 'commonjs') || !instrumentable(filename))
      return Reflect.apply(compile, this, arguments);
    const code = transform(filename, String(content));
    if (typeof code !== 'string')
      return Reflect.apply(compile, this, arguments);
    // The module's first statement hands over its evaluator and its slots' count.
    Object.defineProperty(this, kHandOver, {
      configurable: true,
      value: (evaluator, receiver, number, count, variable, ...offsets) => {
        delete this[kHandOver];
        track(filename, number, count, variable, { evaluator, receiver, added: [], texts: [] }, offsets);
      },
    });
    const args = Array.from(arguments);
    args[0] = code;
    return Reflect.apply(compile, this, args);
  };

  // An ES module's first statement (it imports this file).
  esmHandOver = (url, evaluator, number, count, variable, ...offsets) => {
    try {
      track(require('url').fileURLToPath(url), number, count, variable, { evaluator, receiver: undefined, added: [], texts: [] }, offsets);
    } catch {
      // not a file: it was not instrumented either
    }
  };

  // What the instrumented code would show of itself, as the user wrote it.
  const toString = Function.prototype.toString;
  // A swappable function's own text never changes, only whether its slot is
  // filled: what it shows is kept by function (the post-swap check reads the
  // text of every function in the module's scope after each save).
  const shown = new WeakMap(); // function -> { own, text }
  function userToString() {
    if (this === userToString)
      return nativeText;
    let entry = typeof this === 'function' ? shown.get(this) : undefined;
    if (entry === undefined) {
      const text = Reflect.apply(toString, this, arguments);
      if (!text.includes('__graft$'))
        return text;
      entry = { own: ownSlotOf(text), text: text.replace(kCheck, '').replace(kConciseOpen, '').replace(kConciseClose, '')
        .replace(kTrackOpen, '').replace(kTrackClose, '') };
      if (entry.own)
        shown.set(this, entry); // (without one, its module may not have handed over yet)
    }
    // An instance whose slot a save filled runs, and shows, the new code.
    const own = entry.own;
    if (own && globalThis[slotName(own.record.number, own.slot)] && typeof own.record.texts[own.slot] === 'string')
      return own.record.texts[own.slot];
    return entry.text;
  }
  // The function's own check among those in its text: the one at its slot's
  // offset (an inner function's check can come first, and the module's wrapper
  // has only inner ones). A slot a save added has no offset: its first check.
  function ownSlotOf(text) {
    kSlotOfCheck.lastIndex = 0;
    for (let match; (match = kSlotOfCheck.exec(text)) !== null;) {
      const record = numbered.get(Number(match[1] || match[3]));
      const slot = Number(match[2] || match[4]);
      if (!record)
        continue;
      const offset = record.ownOffsets[slot];
      if (offset === undefined || offset === match.index)
        return { record, slot };
    }
    return null;
  }
  Object.defineProperty(userToString, 'name', { value: 'toString' });
  const nativeText = Reflect.apply(toString, toString, []);
  Function.prototype.toString = userToString;

  // A save: every batch is compiled first, so a failure fills no slot. A batch
  // that imports is asynchronous (the caller awaits the promise).
  function applySave(filename, batches) {
    const record = modules.get(filename);
    if (!record)
      return { ok: false, message: 'the swap engine did not instrument this file when it loaded' };
    if (typeof record.evaluator !== 'function')
      return { ok: false, message: 'the module has not started running yet, so the engine cannot reach its scope' };
    if (batches.some((batch) => batch.async)) {
      const answer = applyAsync(record, batches);
      pending.add(answer);
      answer.finally(() => pending.delete(answer));
      return answer;
    }
    const started = process.hrtime.bigint();
    const save = { added: record.added.slice(), fills: [] };
    try {
      defineNewSlots(record, batches);
      for (const batch of batches)
        collect(save, batch, Reflect.apply(record.evaluator, record.receiver, [batch.code])(...save.added));
    } catch (error) {
      return notCompiled(error);
    }
    return fill(record, save, started);
  }
  // The module's evaluator: a function of the module's own scope, through which
  // the app reads the module's live bindings without looking for one in the heap.
  applySave.evaluatorOf = (filename) => (modules.has(filename) ? modules.get(filename).evaluator : undefined);
  // The module's scope as an object of its live bindings, read through its
  // evaluator, for the post-swap check: the same values V8's debugger shows as
  // the evaluator's closure scope, without the three protocol calls that reach
  // that one (its handle, its [[Scopes]], the scope). A binding still in its
  // temporal dead zone is left out. Undefined when the module has no evaluator.
  applySave.scopeOf = (filename, names) => {
    const record = modules.get(filename);
    if (!record || typeof record.evaluator !== 'function' || !Array.isArray(names))
      return undefined;
    const key = names.join(',');
    if (!record.scopeReader || record.scopeReader.key !== key) {
      // Graft's own name for the object: a module binding of any other name stays visible.
      const reads = names.map((name) => `try{__graft$o.${name}=${name}}catch(__graft$e){}`).join('');
      const reader = `(()=>{const __graft$o={};${reads}return __graft$o})`;
      record.scopeReader = { key, read: Reflect.apply(record.evaluator, record.receiver, [reader]) };
    }
    return record.scopeReader.read();
  };
  // A save, then the post-swap check's count (Graft's function, `count`) on the
  // module's scope, in one call of the program's thread; `countMs` is the
  // count's share of the call. A save that imports is not counted here.
  applySave.andCount = (filename, batches, names, texts, count) => {
    const outcome = applySave(filename, batches);
    if (!outcome || outcome.ok !== true || typeof count !== 'function')
      return outcome;
    const started = process.hrtime.bigint();
    try {
      const scope = applySave.scopeOf(filename, names);
      if (scope !== undefined)
        outcome.counts = Reflect.apply(count, scope, [texts]);
    } catch {
      // no count: the worker asks on its own
    }
    outcome.countMs = Number(process.hrtime.bigint() - started) / 1e6;
    return outcome;
  };
  return applySave;

  async function applyAsync(record, batches) {
    const started = process.hrtime.bigint();
    const save = { added: record.added.slice(), fills: [] };
    try {
      defineNewSlots(record, batches);
      for (const batch of batches)
        collect(save, batch, await Reflect.apply(record.evaluator, record.receiver, [batch.code])(...save.added));
    } catch (error) {
      return notCompiled(error);
    }
    return fill(record, save, started);
  }
}

// The answers of saves that import, until they settle (the inspector awaits
// them through a weak handle).
const pending = new Set();

function collect(save, batch, made) {
  batch.ids.forEach((id, i) => save.fills.push([id, made.impls[i], batch.texts[i]]));
  for (const name of batch.added)
    save.added.push(made.added[name]);
}

// The slots a save adds, before its code (which checks them) runs (and, as a
// batch counts all the module's slots, any the hand-over could not define).
function defineNewSlots(record, batches) {
  for (const batch of batches) {
    if (batch.newSlots && batch.newSlots.count > record.slotCount) {
      defineSlots(record.number, record.slotCount, batch.newSlots.count, batch.newSlots.variable);
      record.slotCount = batch.newSlots.count;
    }
  }
}

function fill(record, save, started) {
  const suspended = {};
  for (const [id, impl, text] of save.fills) {
    globalThis[slotName(record.number, id)] = impl;
    record.texts[id] = text;
    const running = record.evaluator.running(id);
    if (running)
      suspended[id] = running;
  }
  record.added = save.added;
  return { ok: true, ms: Number(process.hrtime.bigint() - started) / 1e6, suspended };
}

// A generator's activations, by slot: each holds a token from its start until
// it finishes (`t` and `d`, called by the instrumented code). One that is
// dropped unfinished is counted until the collector takes it.
function countActivations(record) {
  const activations = new Map(); // slot -> Map(sequence -> WeakRef(token))
  let sequence = 0;
  const evaluator = record.evaluator;
  evaluator.t = (id) => {
    const token = { sequence: ++sequence };
    if (!activations.has(id))
      activations.set(id, new Map());
    const live = activations.get(id);
    live.set(token.sequence, new WeakRef(token));
    if ((sequence & 1023) === 0)
      forgetCollected(live); // generators dropped unfinished, in a program that never saves
    return token;
  };
  evaluator.d = (id, token) => {
    const live = activations.get(id);
    if (live)
      live.delete(token.sequence);
  };
  evaluator.running = (id) => {
    const live = activations.get(id);
    return live ? forgetCollected(live).size : 0;
  };
}

function forgetCollected(live) {
  for (const [key, ref] of live)
    if (ref.deref() === undefined)
      live.delete(key);
  return live;
}

function notCompiled(error) {
  return { ok: false, message: 'the new code could not be run in the module: ' + String(error && error.message) };
}

module.exports = {
  installSwapHost,
  instrumentable,
  esmHandOver: (...handOver) => esmHandOver(...handOver),
  swapCodePatterns: kSwapCode,
};
