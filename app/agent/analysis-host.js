// SPDX-License-Identifier: MIT
// Graft.analyze in the agent: the same analysis bundle as the embedded runtime's
// (acorn, then app/runtime/analysis/*.js, joined by CMake into analysis.js),
// evaluated in the agent worker's own context. Why here and
// not in a graft-runtime beside the program: the worker is already there, has a
// V8 of its own that the program cannot reach (ENGINE.md's rule for the parser),
// and answers while the main thread is busy or paused; no second process to start.
'use strict';

const fs = require('fs');
const vm = require('vm');

class Analysis {
  constructor(bundlePath) {
    this.bundlePath = bundlePath;
    this.analyze = null;
    this.prepareNext = null;
    this.loadError = null;
  }

  load() {
    if (this.analyze || this.loadError)
      return;
    try {
      // This worker's own context, not a vm context: the program cannot reach
      // this isolate anyway, and in a vm context every global name the analysis
      // looks up (Array, Map, its own helpers) goes through the context's
      // interceptor, which made a 1,000-line analysis 2-3x slower.
      vm.runInThisContext(fs.readFileSync(this.bundlePath, 'utf8'), { filename: 'graft:analyzer' });
      if (typeof globalThis.graftAnalyze !== 'function')
        throw new Error('graft:analyzer did not define graftAnalyze');
      this.analyze = globalThis.graftAnalyze;
      this.prepareNext = globalThis.graftPrepareNext;
    } catch (error) {
      this.loadError = `cannot load the change analysis: ${error.message}`;
    }
  }

  // {result} or {error}, as the embedded runtime answers. `safeToApply` is
  // called first when the request allows it and the edit may go to V8 before
  // the analysis ends (quickedit.js, quickEdit).
  run(params, safeToApply) {
    this.load();
    if (this.loadError)
      return { error: { message: this.loadError } };
    try {
      return JSON.parse(this.analyze(JSON.stringify(params), safeToApply));
    } catch (error) {
      return { error: { message: String(error && error.message) } };
    }
  }

  // The swap engine's planner (swapplan.js), by name: 'Instrument', 'Plan',
  // 'Commit'. Answers {status, message} when it cannot run.
  swap(step, params) {
    this.load();
    if (this.loadError)
      return { status: 'Error', message: this.loadError };
    try {
      return globalThis['graftSwap' + step](params);
    } catch (error) {
      return { status: 'Error', message: String(error && error.message) };
    }
  }

  // The user's text of an instrumented module (what the program runs is the instrumented one).
  swapSource(filename) {
    return this.analyze && typeof globalThis.graftSwapSource === 'function' ? globalThis.graftSwapSource(filename) : null;
  }

  // After an answer is sent: work the next save would otherwise wait for.
  idle() {
    if (this.prepareNext)
      this.prepareNext();
  }
}

module.exports = { Analysis };
