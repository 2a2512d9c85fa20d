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
const kCheck = /\{const __graft\$f=__graft\$s\[\d+\];if\(__graft\$f\)return [^;]*;\}/g;
const kConciseOpen = /\(__graft\$s\[\d+\]\?__graft\$s\[\d+\]\([\w$.,]*\):\(/g;
const kConciseClose = /\)\/\*__graft\$\*\/\)/g;

// The program's own modules: not the agent, not installed packages.
function instrumentable(filename) {
  return typeof filename === 'string' && path.isAbsolute(filename) && !filename.startsWith(kAgentDirectory)
    && !filename.split(path.sep).includes('node_modules');
}

let esmHandOver = () => {};

// `transform(filename, source)` returns the instrumented text, or null to load
// the module as it is (the worker said why to the app).
function installSwapHost(transform) {
  const modules = new Map(); // filename -> { slots, added: values of functions saves added }

  const compile = Module.prototype._compile;
  Module.prototype._compile = function (content, filename, format) {
    // require() of an ES module (Node >= 22) goes through here with its format.
    if ((format !== undefined && format !== 'commonjs') || !instrumentable(filename))
      return Reflect.apply(compile, this, arguments);
    const code = transform(filename, String(content));
    if (typeof code !== 'string')
      return Reflect.apply(compile, this, arguments);
    // The module's first statement hands over its evaluator, whose properties are the slots.
    const record = { slots: null, receiver: undefined, added: [] };
    Object.defineProperty(this, kHandOver, {
      configurable: true,
      value: (evaluator, receiver) => {
        delete this[kHandOver];
        Object.assign(record, { slots: evaluator, receiver });
      },
    });
    modules.set(filename, record);
    const args = Array.from(arguments);
    args[0] = code;
    return Reflect.apply(compile, this, args);
  };

  // An ES module's first statement (it imports this file).
  esmHandOver = (url, evaluator) => {
    try {
      modules.set(require('url').fileURLToPath(url), { slots: evaluator, receiver: undefined, added: [] });
    } catch {
      // not a file: it was not instrumented either
    }
  };

  // What the instrumented code would show of itself, as the user wrote it.
  const toString = Function.prototype.toString;
  function userToString() {
    if (this === userToString)
      return nativeText;
    const text = Reflect.apply(toString, this, arguments);
    if (!text.includes('__graft$'))
      return text;
    return text.replace(kCheck, '').replace(kConciseOpen, '').replace(kConciseClose, '');
  }
  Object.defineProperty(userToString, 'name', { value: 'toString' });
  const nativeText = Reflect.apply(toString, toString, []);
  Function.prototype.toString = userToString;

  // A save: every batch is compiled first, so a failure fills no slot. A batch
  // that imports is asynchronous (the caller awaits the promise).
  return function applySave(filename, batches) {
    const record = modules.get(filename);
    if (!record)
      return { ok: false, message: 'the swap engine did not instrument this file when it loaded' };
    if (typeof record.slots !== 'function')
      return { ok: false, message: 'the module has not started running yet, so the engine cannot reach its scope' };
    if (batches.some((batch) => batch.async))
      return applyAsync(record, batches);
    const started = process.hrtime.bigint();
    const save = { added: record.added.slice(), fills: [] };
    try {
      for (const batch of batches)
        collect(save, batch, Reflect.apply(record.slots, record.receiver, [batch.code])(...save.added));
    } catch (error) {
      return notCompiled(error);
    }
    return fill(record, save, started);
  };

  async function applyAsync(record, batches) {
    const started = process.hrtime.bigint();
    const save = { added: record.added.slice(), fills: [] };
    try {
      for (const batch of batches)
        collect(save, batch, await Reflect.apply(record.slots, record.receiver, [batch.code])(...save.added));
    } catch (error) {
      return notCompiled(error);
    }
    return fill(record, save, started);
  }
}

function collect(save, batch, made) {
  batch.ids.forEach((id, i) => save.fills.push([id, made.impls[i]]));
  for (const name of batch.added)
    save.added.push(made.added[name]);
}

function fill(record, save, started) {
  for (const [id, impl] of save.fills)
    record.slots[id] = impl;
  record.added = save.added;
  return { ok: true, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

function notCompiled(error) {
  return { ok: false, message: 'the new code could not be run in the module: ' + String(error && error.message) };
}

module.exports = {
  installSwapHost,
  instrumentable,
  esmHandOver: (url, evaluator) => esmHandOver(url, evaluator),
};
