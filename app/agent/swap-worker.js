// SPDX-License-Identifier: MIT
// The swap engine's part of the agent worker (docs/SWAP.md): each module of the
// program is instrumented here as it loads (the main thread, or Node's loader
// thread for ES modules, waits for its text), the planner is warmed and
// rehearsed on the program's modules, and Graft.swap is answered: planned here,
// evaluated in the program, checked against the program's live instances.
'use strict';

const path = require('path');

// Started by agent-worker.js with what it shares: its analysis, its session
// with the main thread (`post`, promise style), its pipe to Graft (`send`), and
// `swapHostId()` / `fileOfScript(params)`, which the main thread's handles and
// script list answer once known.
function startSwapWorker({ analysis, session, post, send, toolingSuffix, agentDir, gate, swapPort, esmSwapPort,
  swapHostId, fileOfScript }) {
  // A module of the program is loading: the main thread (CommonJS) or Node's
  // loader thread (ES modules) waits for its instrumented text.
  const swapHostUrl = require('url').pathToFileURL(path.join(agentDir, 'swap-host.js')).href;
  if (swapPort) {
    swapPort.on('message', ({ filename, source }) => {
      session.lookAgainSoon();
      const answer = analysis.swap('Instrument', { filename, source });
      swapPort.postMessage(answer);
      Atomics.store(gate, 2, 1);
      Atomics.notify(gate, 2);
      if (answer.code !== undefined)
        rehearsal.instrumented(filename, source.length);
    });
  }
  if (esmSwapPort) {
    esmSwapPort.on('message', ({ id, filename, source }) => {
      session.lookAgainSoon();
      const instrumentable = !filename.split(path.sep).includes('node_modules');
      const answer = instrumentable ? analysis.swap('Instrument', { filename, source, isModule: true, hostUrl: swapHostUrl }) : {};
      esmSwapPort.postMessage({ id, code: answer.code });
      if (answer.code !== undefined)
        rehearsal.instrumented(filename, source.length);
    });
  }
  if (swapPort)
    setImmediate(warmUpPlanner);

  // The planner's first saves run in V8's interpreter and baseline code (10-20 ms
  // for a 100-function module, 2-4 once optimized). While the program starts,
  // this thread plans saves of a module of its own, one per turn of its event
  // loop, so the program's modules still get instrumented at once; then the
  // user's first saves are about as fast as the later ones.
  function warmUpPlanner(step = 0) {
    const filename = '\0graft-warm-up.js';
    const source = (version) => `'use strict';\nconst path = require('path');\nlet count = 0;\n`
      + `function f(p) {\n  count++;\n  return p + ${version};\n}\nconst g = (q) => f(q) * 2;\n`
      + 'class C {\n  m() { return g(1); }\n  static s() { return new C(); }\n}\n'
      + 'function* gen() { yield f(1); }\nasync function h() { await null; return [f(2), g(3)]; }\n'
      + 'setInterval(() => { f(1); }, 1000);\nmodule.exports = { f, g, C, gen, h };\n';
    if (step === 0)
      analysis.swap('Instrument', { filename, source: source(0) });
    analysis.swap('Plan', { filename, source: source(step + 1), v8: process.versions.v8 });
    analysis.swap('Commit', { filename });
    if (step < 30)
      setImmediate(warmUpPlanner, step + 1);
    else
      analysis.swap('Forget', { filename });
  }

  const elapsedMs = (since) => Number(process.hrtime.bigint() - since) / 1e6;

  // That warm-up is a small module's: the first plans of a 1,000-line one still
  // take 10-50 ms, ~3 ms only after some 60 plans. Once the program has loaded its
  // modules (none for a while), this thread plans saves that never happen of its
  // largest modules (swapplan.js, rehearse: a copy of the module's state, then
  // dropped; the program is not asked anything): one per turn of its event loop,
  // none while a save is under way, within a budget of this thread's time.
  const kRehearsedModules = 3; // the largest
  // Characters. Even a module of 1-4 KB plans 1.6-1.8x faster after rehearsals
  // (Node 22: a 100-function, 3.7 KB module 1.68 -> 0.64 ms, a 1.1 KB one 0.87 ->
  // 0.52 ms); below this the warm-up above covers it.
  const kRehearsalMinSize = 1000;
  const kRehearsalMaxSize = 60000; // a larger one's first plans take long enough to keep a save waiting
  const kRehearsalsPerModule = 60;
  const kRehearsalBudgetMs = 600; // in all, per session
  const kRehearsalQuietMs = 50; // after the last module loaded
  // After a save: saves come in runs, and a save that finds a rehearsal under way
  // waits for it, outside its plan's time (a benchmark's saves 70 ms apart: patch
  // `ms` 14.5 with `analysisMs` 4.7 when this was 50 ms).
  const kRehearsalAfterSaveMs = 1000;
  const rehearsal = {
    sizes: new Map(), // filename -> size, of the modules worth rehearsing
    steps: new Map(), // filename -> rehearsals so far
    spentMs: 0,
    timer: null,
    immediate: null,
    saving: 0, // saves under way: their answers come first
    instrumented(filename, size) {
      if (size >= kRehearsalMinSize && size <= kRehearsalMaxSize) {
        this.sizes.set(filename, size);
        this.later();
      }
    },
    later(delayMs = kRehearsalQuietMs) {
      clearTimeout(this.timer);
      clearImmediate(this.immediate);
      this.immediate = null;
      if (this.spentMs < kRehearsalBudgetMs && this.sizes.size)
        this.timer = setTimeout(() => this.step(), delayMs);
    },
    step() {
      this.immediate = null;
      if (this.saving > 0 || this.spentMs >= kRehearsalBudgetMs)
        return;
      const largest = [...this.sizes].sort((a, b) => b[1] - a[1]).slice(0, kRehearsedModules).map(([file]) => file);
      const filename = largest.filter((file) => (this.steps.get(file) || 0) < kRehearsalsPerModule)
        .sort((a, b) => (this.steps.get(a) || 0) - (this.steps.get(b) || 0))[0];
      if (!filename)
        return;
      const step = this.steps.get(filename) || 0;
      const started = process.hrtime.bigint();
      analysis.swap('Rehearse', { filename, step, v8: process.versions.v8 });
      this.spentMs += elapsedMs(started);
      this.steps.set(filename, step + 1);
      this.immediate = setImmediate(() => this.step());
    },
  };

  // Graft.swap {scriptId, url, source, check}: plan here, evaluate in the
  // program, then the planned source is the module's. Answers {status, message,
  // functions, bindings, applyMs, analysisMs, checked}.
  async function swap(id, params) {
    rehearsal.saving++;
    try {
      await swapOnce(id, params);
    } finally {
      rehearsal.saving--;
      rehearsal.later(kRehearsalAfterSaveMs);
    }
  }

  async function swapOnce(id, params) {
    const started = process.hrtime.bigint();
    if (!swapHostId()) {
      send({ id, result: { status: 'Refused', message: 'the swap engine is not running in this program (start it with --engine swap)' } });
      return;
    }
    const filename = fileOfScript(params);
    const planned = analysis.swap('Plan', { filename, source: String(params.source), v8: process.versions.v8 });
    const analysisMs = elapsedMs(started);
    if (planned.status !== 'Ok') {
      send({ id, result: { ...planned, analysisMs, applyMs: 0 } });
      return;
    }
    // A save without an import whose check needs only the count has it counted
    // in the same call, right after the slots are filled: one round trip less.
    const awaited = planned.batches.some((batch) => batch.async);
    const texts = changedTexts(planned);
    const countId = texts.length && !planned.bindings.length && !awaited && params.check
      ? await keptCountFunction(params.check.countInScope).catch(() => null) : null;
    const applying = process.hrtime.bigint();
    let outcome;
    try {
      const { result, exceptionDetails } = await post('Runtime.callFunctionOn', {
        objectId: swapHostId(),
        functionDeclaration: 'function (file, batches, names, texts, count) { '
          + `return count ? this.andCount(file, batches, names, texts, count) : this(file, batches); }${toolingSuffix}`,
        arguments: [{ value: filename }, { value: planned.batches }, { value: planned.scopeNames }, { value: texts },
          countId ? { objectId: countId } : { value: null }],
        returnByValue: true,
        // Only a save that imports answers with a promise. V8 holds an awaited
        // promise weakly, and a program busy in a loop runs no microtask while the
        // collector may run: a plain answer must not be awaited (the host keeps
        // the promise of an import alive itself).
        awaitPromise: awaited,
      });
      outcome = exceptionDetails ? { ok: false, message: exceptionDetails.text } : result.value;
    } catch (error) {
      outcome = { ok: false, message: error.message };
    }
    const applyMs = elapsedMs(applying) - ((outcome && outcome.countMs) || 0);
    if (!outcome || !outcome.ok) {
      send({ id, result: { status: 'Refused', message: (outcome && outcome.message) || 'the program did not answer', analysisMs, applyMs } });
      return;
    }
    analysis.swap('Commit', { filename });
    markSuspendedGenerators(planned, outcome.suspended || {});
    const scopeHolder = await scopeHolderOf(filename);
    // The texts to find a live function of the module by only when there is no
    // handle of its evaluator: they are most of the module's text (17 of 24 KB of
    // the answer for a 1,000-line module), sent and parsed on every save.
    send({ id, result: { status: 'Ok', functions: planned.functions, bindings: planned.bindings,
      scopeHolders: scopeHolder ? undefined : planned.scopeHolders, scopeHolder, analysisMs, applyMs,
      checked: Array.isArray(outcome.counts) ? { counts: outcome.counts } : await checkLive(filename, planned, params.check) } });
  }

  // The new and old text of each function whose body changed, in the answer's
  // order: what the check counts the live instances of.
  function changedTexts(planned) {
    const texts = [];
    for (const f of planned.functions)
      if (f.change === 'body')
        texts.push(f.text, f.oldText);
    return texts;
  }

  // Graft's check of a swap (core/patch/patchverifier.cpp), asked of the program
  // here, on this thread's session with the main thread, instead of call by call
  // over Graft's pipe: the same calls, with the check's own function as Graft
  // sends it (`check.countInScope`), on the module's scope as its evaluator holds
  // it. Answers {counts} (new and old text of each function whose body changed,
  // in the answer's order) and {variables} (the scope's, when a binding changed:
  // Runtime.getProperties's result), or nothing, when Graft is to ask itself.
  const kCheckGroup = 'graft-agent-check';
  async function checkLive(filename, planned, check) {
    if (!check || typeof check.countInScope !== 'string')
      return undefined;
    const texts = changedTexts(planned);
    const readValues = planned.bindings.length > 0;
    if (!texts.length && !readValues)
      return undefined;
    // Counts alone: one call, on the scope the module's evaluator reads.
    if (!readValues) {
      const counts = await countThroughEvaluator(filename, planned.scopeNames, texts, check.countInScope);
      if (counts)
        return { counts, variables: undefined };
    }
    try {
      const { result: evaluator } = await post('Runtime.callFunctionOn', {
        objectId: swapHostId(),
        functionDeclaration: `function (file) { return this.evaluatorOf(file); }${toolingSuffix}`,
        arguments: [{ value: filename }],
        objectGroup: kCheckGroup,
      });
      if (!evaluator || evaluator.type !== 'function')
        return undefined;
      const { internalProperties } = await post('Runtime.getProperties', { objectId: evaluator.objectId, ownProperties: true });
      const scopes = (internalProperties || []).find((p) => p.name === '[[Scopes]]');
      if (!scopes || !scopes.value || !scopes.value.objectId)
        return undefined;
      const list = await post('Runtime.getProperties', { objectId: scopes.value.objectId, ownProperties: true });
      const scope = list.result.map((p) => p.value)
        .find((v) => v && v.objectId && !String(v.description || '').startsWith('Global'));
      if (!scope)
        return undefined;
      // Values only when a binding changed: V8's previews walk each value.
      const countId = texts.length ? await keptCountFunction(check.countInScope) : null;
      const [counted, values] = await Promise.all([
        countId ? post('Runtime.callFunctionOn', { objectId: scope.objectId,
          functionDeclaration: `function (count, texts) { return count.call(this, texts); }${toolingSuffix}`,
          arguments: [{ objectId: countId }, { value: texts }], returnByValue: true }) : null,
        readValues ? post('Runtime.getProperties', { objectId: scope.objectId, ownProperties: true, generatePreview: true }) : null,
      ]);
      if (texts.length && (!counted || counted.exceptionDetails || !Array.isArray(counted.result.value)))
        return undefined;
      return { counts: counted ? counted.result.value : [], variables: values ? values.result : undefined };
    } catch {
      return undefined;
    } finally {
      post('Runtime.releaseObjectGroup', { objectGroup: kCheckGroup }).catch(() => {});
    }
  }

  // The count of the live instances on the module's scope as its evaluator reads
  // it (swap-host.js, scopeOf): one round trip where the debugger's scope object
  // takes four (docs/PERFORMANCE.md, "2026-12-03, later"). Null when the program
  // cannot answer so; the caller then takes the debugger's scope.
  async function countThroughEvaluator(filename, names, texts, countSource) {
    if (!Array.isArray(names))
      return null;
    try {
      const countId = await keptCountFunction(countSource);
      if (!countId)
        return null;
      const { result, exceptionDetails } = await post('Runtime.callFunctionOn', {
        objectId: swapHostId(),
        functionDeclaration: 'function (file, names, count, texts) { const scope = this.scopeOf(file, names); '
          + `return scope === undefined ? null : count.call(scope, texts); }${toolingSuffix}`,
        arguments: [{ value: filename }, { value: names }, { objectId: countId }, { value: texts }],
        returnByValue: true,
      });
      return !exceptionDetails && result && Array.isArray(result.value) ? result.value : null;
    } catch {
      return null;
    }
  }

  // The check's count, compiled once in the program and kept: while a debugger is
  // attached V8 caches no compilation, so a function sent with each save was
  // compiled anew and ran cold every time. Kept, a save's patch `ms` went from
  // 7.3-7.8 to 6.4-6.5 ms (docs/PERFORMANCE.md: swapsaves.js, Node 22).
  const kKeptCheckGroup = 'graft-agent-kept';
  let keptCount = { source: null, id: null };
  async function keptCountFunction(source) {
    if (keptCount.source !== source || !keptCount.id) {
      const { result } = await post('Runtime.callFunctionOn', { objectId: swapHostId(),
        functionDeclaration: `function () { return (${source}\n); }${toolingSuffix}`, objectGroup: kKeptCheckGroup });
      keptCount = { source, id: result && result.type === 'function' ? result.objectId : null };
    }
    return keptCount.id;
  }

  // The module's evaluator as a handle the app keeps (its group is the app's
  // kept scope holders'), asked once per module.
  const scopeHolders = new Map();
  async function scopeHolderOf(filename) {
    if (!scopeHolders.has(filename)) {
      const { result } = await post('Runtime.callFunctionOn', {
        objectId: swapHostId(),
        functionDeclaration: `function (file) { return this.evaluatorOf(file); }${toolingSuffix}`,
        arguments: [{ value: filename }],
        objectGroup: 'graft-scope-holders',
      }).catch(() => ({}));
      scopeHolders.set(filename, result && result.type === 'function' ? result.objectId : null);
    }
    return scopeHolders.get(filename) || undefined;
  }

  // A changed generator whose activations started before the save (suspended at
  // a `yield`) is not effective for them: they resume the code they started with.
  function markSuspendedGenerators(planned, suspended) {
    for (const generator of planned.generators || []) {
      const count = suspended[generator.id];
      const entry = count && planned.functions.find((f) => f.name === generator.name && f.line === generator.line);
      if (!entry || entry.effective !== true)
        continue;
      Object.assign(entry, { effective: false, stale: 'existing',
        reason: `${count} of its generators started before this save and have not finished: they resume its old code `
          + 'at their next step; generators started from now on run the new code' });
    }
  }

  return { swap };
}

module.exports = { startSwapWorker };
