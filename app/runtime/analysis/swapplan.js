// SPDX-License-Identifier: MIT
// graft:analysis/swapplan — the planning half of Graft's own patch engine,
// "swap" (docs/SWAP.md). It runs where the change analysis runs, never in the
// program: the program's thread only evaluates what it plans
// (app/agent/swap-host.js).
//
// What it writes into a module (its slots and their checks) is swapcode.js;
// which new function is which old one, swapmatch.js.
//
// What cannot be swapped is said, with the reason, and never claimed effective.
'use strict';

(function () {
  const { PREFIX, evaluatorOf, literalKey, userLiterals, scopesUnder, notSwappable, forwarding, paramsText, bodyStart,
    normalise, ownCheckOffsets, withInsertions, slotChecks, variableSlots } = graftAnalysis.swapCode;
  const { matchLiterals, closuresRenamed } = graftAnalysis.swapMatch;
  let nextModuleNumber = 1;
  // The last instrumented or patched source of each module, and its slots' ids.
  const modules = new Map();

  // ---- instrumenting a module as it loads ----

  // Where the module's first statement may go: after its directive prologue
  // ('use strict' must stay first) and a hashbang line.
  function topLevelStart(description) {
    const source = description.source;
    const prologue = bodyStart({ start: -1, body: description.ast.body }, source);
    if (prologue.position === 0 && source.startsWith('#!')) {
      const lineEnd = source.indexOf('\n');
      return lineEnd < 0 ? source.length : lineEnd + 1;
    }
    return prologue;
  }

  // The names of the module's own scope as it loaded (top-level code is not
  // re-run, so they stay its names): the post-swap check reads their live values
  // through the module's evaluator (app/agent/swap-host.js, scopeOf).
  function scopeNamesOf(description) {
    const own = (name) => /^[A-Za-z_$][\w$]*$/.test(name) && !name.startsWith(PREFIX) && name !== 'arguments' && name !== '__proto__';
    return [...description.model.top.vars.keys()].filter(own);
  }

  function instrument(request) {
    const isModule = !!request.isModule;
    const description = describe(request.source, { isModule });
    const ids = new Map();
    let nextId = 0;
    let swappable = 0, functions = 0;
    for (const l of userLiterals(description)) {
      functions++;
      l.swapWhy = notSwappable(description, l);
      if (l.swapWhy) continue;
      swappable++;
      ids.set(literalKey(l), { id: nextId++, complete: true });
    }
    // An ES module has no `module`: it imports the host (the program's own copy
    // of swap-host.js, as require() loaded it) to hand its evaluator over.
    const number = nextModuleNumber++;
    const evaluator = evaluatorOf(number);
    // Functions start after the module's first statement, where the hand-over
    // goes: its text (which carries the offsets) moves none of them.
    const checks = slotChecks(description, number, ids);
    const offsets = ownCheckOffsets(request.source, checks, ids, userLiterals(description));
    const handOverArguments = number + ',' + nextId + ',[' + variableSlots(description, ids).join(',') + ']'
      + (offsets.length ? ',' + offsets.join(',') : '');
    const handOverText = isModule
      ? 'import ' + PREFIX + 'h from ' + JSON.stringify(request.hostUrl) + ';' + PREFIX + 'h.esmHandOver(import.meta.url,' + evaluator + ',' + handOverArguments + ');'
      : 'module.__graftSwap(' + evaluator + ',this,' + handOverArguments + ');';
    const handOver = { at: topLevelStart(description), text: handOverText, depth: 0, owner: { node: description.ast }, opens: true };
    checks.push(normalise(handOver));
    // Appended on a line of its own, so every line of the user's code keeps its number.
    const code = withInsertions(request.source, 0, request.source.length, checks, null)
      + '\nfunction ' + evaluator + '(' + PREFIX + 'c){return eval(' + PREFIX + 'c)}\n';
    modules.set(request.filename, { source: request.source, isModule, number, description, ids, nextId, added: [], pending: null,
      scopeNames: scopeNamesOf(description) });
    return { code, functions, swappable };
  }

  // ---- planning a save ----

  // The name the compiled function gets (its `name`, its frames in stack traces).
  function simpleName(literal) {
    const name = literal.info.name.replace(/ \((get|set)\)$/, '');
    const last = name.split('/').pop();
    if (/^<anonymous@/.test(last)) return '';
    return last.split('.').pop();
  }

  // Where a function's compiled text starts: its parameter list, so the code in
  // front of it (the name it gets, `function`) can stand on the line before and
  // every position of the user's text is the same in the compiled code.
  function compiledStart(literal) {
    const node = literal.node;
    if (keepsDeclaration(literal)) return node.start;
    if (literal.member) return node.start;
    if (node.type === 'ArrowFunctionExpression') return node.start;
    if (node.type === 'FunctionExpression' && node.id) return node.start; // keeps its own name binding
    return literal.start;
  }

  // A declaration that never names itself is compiled as the user wrote it (in
  // a function of its own, so its name stays the module's), and so reads the
  // same in stack traces and error messages. One that does is compiled
  // anonymous: its name must find the module's function, which every instance is.
  function keepsDeclaration(literal) {
    if (literal.node.type !== 'FunctionDeclaration' || !literal.declaredAs) return false;
    return !scopesUnder(literal.scope).some((s) => s.references && s.references.has(literal.declaredAs));
  }

  function wrapperOf(literal) {
    const node = literal.node;
    if (keepsDeclaration(literal)) return ['(function(){', '\nreturn ' + node.id.name + '})()'];
    const name = JSON.stringify(simpleName(literal) || 'anonymous');
    const star = node.generator ? '*' : '';
    const async = node.async ? 'async ' : '';
    if (literal.member) {
      const kind = literal.member.kind;
      if (kind === 'get' || kind === 'set') return ['Object.getOwnPropertyDescriptor({' + kind + ' ' + name, '},' + name + ').' + kind];
      return ['({' + async + star + name, '})[' + name + ']'];
    }
    if (node.type === 'ArrowFunctionExpression') return simpleName(literal) ? ['({' + name + ':', '})[' + name + ']'] : ['(', ')'];
    if (node.type === 'FunctionExpression' && node.id) return ['(', ')'];
    return ['({' + name + ':' + async + 'function' + star, '})[' + name + ']'];
  }

  // Text laid out so that each piece starts at its line and column of the user's file.
  class PositionedText {
    constructor() { this.parts = []; this.line = 1; this.column = 0; }
    write(text) {
      this.parts.push(text);
      const lastBreak = text.lastIndexOf('\n');
      if (lastBreak < 0) { this.column += text.length; return; }
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.line++;
      this.column = text.length - lastBreak - 1;
    }
    moveTo(line, column) {
      if (line > this.line) this.write('\n'.repeat(line - this.line));
      if (line === this.line && column > this.column) this.write(' '.repeat(column - this.column));
    }
    toString() { return this.parts.join(''); }
  }

  function positionOf(source, offset) {
    const line = lineAt(source, offset);
    let lineStart = offset;
    while (lineStart > 0 && source.charCodeAt(lineStart - 1) !== 10) lineStart--;
    return { line, column: offset - lineStart };
  }

  // One script for the module's evaluator: a function of the names earlier saves
  // added, returning the compiled functions and the names this save adds.
  // Items: `impl` (a function whose slot gets the new code), `declaration` (a
  // top-level function the save adds: declared as written, in the scope of this
  // save's functions, the one function object every caller gets), `binding` (a
  // new require() or import, evaluated here).
  function batchCode(batch, parameters, source, insertions, filename) {
    const text = new PositionedText();
    const r = PREFIX + 'r';
    const async = batch.items.some((i) => i.async) ? 'async ' : '';
    text.write('(' + async + 'function(' + parameters.join(',') + '){const ' + r + '=[];');
    batch.items.forEach((item, index) => {
      const at = positionOf(source, item.start);
      if (at.line - 1 > text.line) text.moveTo(at.line - 1, 0);
      let suffix = '';
      if (item.kind === 'impl') {
        const [open, close] = wrapperOf(item.literal);
        text.write(r + '.push(' + open);
        suffix = close + ');';
      }
      text.moveTo(at.line, at.column);
      if (item.kind === 'binding') text.write(item.code);
      else text.write(withInsertions(source, item.start, item.end, insertions, item.kind === 'impl' ? item.literal : null, item.literal.node));
      // What follows goes on a line of its own where the user's next line is
      // free, so an error's source line reads as the user's.
      const next = batch.items[index + 1];
      if (!next || positionOf(source, next.start).line > text.line + 1) text.write('\n');
      text.write(suffix);
    });
    const added = [].concat(...batch.items.map((i) => i.names || []));
    text.write('return{impls:' + r + ',added:{' + added.join(',') + '}};})');
    text.write('\n//# sourceURL=' + filename + '\n');
    const impls = batch.items.filter((i) => i.kind === 'impl');
    // What Function.prototype.toString shows of an instance whose slot holds the new code.
    const texts = impls.map((i) => toStringText(source, i.literal));
    return { code: text.toString(), ids: impls.map((i) => i.id), texts, added, async: !!async };
  }

  // Items overlapping one another (a swapped function inside another) go to
  // separate scripts, so each keeps its positions.
  function batchesOf(items) {
    const batches = [];
    for (const item of items.sort((a, b) => a.start - b.start)) {
      let batch = batches.find((b) => b.end <= item.start);
      if (!batch) batches.push((batch = { items: [], end: 0 }));
      batch.items.push(item);
      batch.end = item.end;
    }
    return batches;
  }

  // `require('x')` and `require('x').y.z`.
  function isRequire(node) {
    while (node && node.type === 'MemberExpression' && !node.computed) node = node.object;
    return !!node && node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require'
      && node.arguments.length === 1 && node.arguments[0].type === 'Literal' && typeof node.arguments[0].value === 'string';
  }

  // New top-level require()s and imports whose names are all new: the save
  // evaluates them (a module is loaded once; an import is the module's
  // namespace), so the new code finds them. Other new top-level code is not run.
  function addedBindings(before, after, known) {
    const isNew = (name) => !before.model.top.vars.has(name) && !known.includes(name);
    const items = [];
    for (const statement of after.ast.body) {
      if (statement.type === 'VariableDeclaration' && statement.declarations.every((d) => d.init && isRequire(d.init))) {
        const names = [].concat(...statement.declarations.map((d) => graftAnalysis.patternNames(d.id, [])));
        if (names.length && names.every(isNew)) {
          items.push({ kind: 'binding', start: statement.start, end: statement.end, names,
                       code: after.source.slice(statement.start, statement.end) + ';' });
        }
      } else if (statement.type === 'ImportDeclaration' && statement.specifiers.length) {
        const names = statement.specifiers.map((sp) => sp.local.name);
        if (!names.every(isNew)) continue;
        const namespace = statement.specifiers.find((sp) => sp.type === 'ImportNamespaceSpecifier');
        const named = statement.specifiers.filter((sp) => sp !== namespace).map((sp) => (sp.type === 'ImportDefaultSpecifier' ? 'default'
          : sp.imported.type === 'Literal' ? JSON.stringify(sp.imported.value) : sp.imported.name) + ':' + sp.local.name);
        const m = PREFIX + 'm' + statement.start;
        const code = 'const ' + m + '=await import(' + JSON.stringify(statement.source.value) + ');'
          + (namespace ? 'const ' + namespace.local.name + '=' + m + ';' : '')
          + (named.length ? 'const{' + named.join(',') + '}=' + m + ';' : '');
        items.push({ kind: 'binding', start: statement.start, end: statement.end, names, code, async: true });
      }
    }
    return items;
  }

  function childrenOf(literals) {
    const children = new Map(literals.map((l) => [l, []]));
    for (const l of literals) if (l.outer && children.has(l.outer)) children.get(l.outer).push(l);
    return children;
  }

  // A function's text without the functions in it that swap on their own.
  function textWithout(source, literal, children, swapsAlone) {
    const blanked = [];
    (function visit(l) {
      for (const child of children.get(l) || []) {
        if (swapsAlone.has(child)) blanked.push(child.node);
        else visit(child);
      }
    })(literal);
    return blankRanges(source, literal.node.start, literal.node.end, blanked);
  }

  function plan(request) {
    const state = modules.get(request.filename);
    if (!state) {
      return { status: 'Refused', message: 'the swap engine did not instrument this file when it loaded (it instruments the program\'s own modules as they load, not files under node_modules): restart with the LiveEdit engine to patch it' };
    }
    return planFrom(state, request);
  }

  // A plan of a save that never happens, for the planner's JIT: the module's
  // current text with a comment in the body of one of its functions, or (every
  // other step, as most live edits are) a string or template literal's text
  // rewritten, which is planned from a moved description (quickanalysis.js);
  // planned against a copy of its state that is then dropped. The module's
  // state (what it runs, a save's pending plan) is never touched, so nothing the
  // program or a report sees can change.
  function rehearse(request) {
    const state = modules.get(request.filename);
    if (!state) return { status: 'Refused' };
    const functions = request.step % 2 ? userLiterals(state.description) : [];
    const texts = editableTokens(state.description)
      .filter((t) => functions.length && t.kind !== 'number' && functions.some((l) => l.start <= t.start && t.end <= l.end));
    let source;
    if (texts.length) {
      const token = texts[(request.step >> 1) % texts.length];
      const at = token.kind === 'string' ? token.start + 1 : token.start;
      source = state.source.slice(0, at) + 'graft rehearsal ' + request.step + ' ' + state.source.slice(at);
    } else {
      const bodies = userLiterals(state.description).filter((l) => l.node.body.type === 'BlockStatement');
      const at = bodies.length ? bodies[request.step % bodies.length].node.body.start + 1 : state.source.length;
      source = state.source.slice(0, at) + '/*graft rehearsal ' + request.step + '*/' + state.source.slice(at);
    }
    const planned = planFrom({ ...state, pending: null }, { filename: request.filename, source, v8: request.v8 });
    return { status: planned.status, batches: planned.batches ? planned.batches.length : 0, size: state.source.length };
  }

  function planFrom(state, request) {
    let after;
    try {
      // A save that only rewrote literals is described from the module's last description, unparsed.
      const literal = literalEdit(state.description, { oldSource: state.source, newSource: request.source, v8: request.v8 });
      after = literal ? shiftedDescription(request.source, literal) : describe(request.source, { isModule: state.isModule });
    } catch (error) {
      return { status: 'CompileError', message: String(error && error.message), lineNumber: error.loc ? error.loc.line - 1 : 0,
               columnNumber: error.loc ? error.loc.column : 0 };
    }
    const before = state.description;
    const { oldOf, matched, renamed } = matchLiterals(before, after, request.v8);
    const renamedClosures = closuresRenamed(before, after, oldOf, matched);
    const newUser = userLiterals(after);
    for (const n of newUser) n.swapWhy = notSwappable(after, n);

    const topNames = before.model.top.vars;
    const madeReal = new Set(newUser.filter((n) => (!oldOf.has(n) || renamed.has(n)) && !n.swapWhy && n.node.type === 'FunctionDeclaration'
      && n.declaredAs && n.declaredAs.scope === after.model.top && !topNames.has(n.node.id.name) && !state.added.includes(n.node.id.name)));
    // Slots of the new source: a function keeps its slot (and every instance
    // with it); a new one gets a fresh one, whose check only code compiled from
    // now on has (`complete` false when older instances of it exist without it).
    const ids = new Map();
    let nextId = state.nextId;
    for (const n of newUser) {
      if (n.swapWhy) continue;
      const o = oldOf.get(n);
      const oldSlot = o && state.ids.get(literalKey(o));
      let old = oldSlot;
      if (old && forwarding(o) !== forwarding(n)) {
        n.keepsOldWhy = 'an arrow function passes its arguments on as its own parameters, and its parameters changed from ('
          + paramsText(o, before.source) + ') to (' + paramsText(n, after.source) + '), so the arrows made before this save cannot run the new code';
        old = null;
      }
      // A top-level function a save added, and the program never created (top-level
      // code is not re-run), has no instance until a restart, or until a save makes
      // its declaration real: it stays so across saves, whatever its code.
      const unborn = !madeReal.has(n) && (oldSlot ? !!oldSlot.unborn : !o && !creatorOf(n));
      const renamedFrom = renamedClosures.get(n);
      ids.set(literalKey(n), old ? { id: old.id, complete: old.complete, inherited: true, unborn, closuresOf: old.closuresOf, notMade: old.notMade }
        : { id: nextId++, complete: !o && !renamedFrom, inherited: false, unborn, closuresOf: renamedFrom });
    }
    const swapsAlone = new Set();
    for (const [n, o] of oldOf) if ((ids.get(literalKey(n)) || {}).inherited) swapsAlone.add(n).add(o);
    const newChildren = childrenOf(after.model.literals), oldChildren = childrenOf(before.model.literals);
    const swapped = new Set(newUser.filter((n) => swapsAlone.has(n)
      && textWithout(after.source, n, newChildren, swapsAlone) !== textWithout(before.source, oldOf.get(n), oldChildren, swapsAlone)));

    // Never created by the running program: itself, or the function that makes it.
    const slotOf = (l) => ids.get(literalKey(l)) || {};
    const unbornOf = (l) => !!slotOf(l).unborn || !!slotOf(l).notMade || (!!creatorOf(l) && unbornOf(creatorOf(l)));
    // Whether the live instances of `l` run its new code, and so make the closures
    // of the new code: all of them when its slot is in every instance (`complete`),
    // else only the instances its maker makes from now on, if that runs new code.
    const runsNewCode = (l) => !unbornOf(l) && ((swapped.has(l) && !!slotOf(l).complete) || madeReal.has(l)
      || (!!creatorOf(l) && runsNewCode(creatorOf(l))));
    // A closure a save adds inside a function that keeps older code (one the
    // engine cannot swap) is made by nothing in the program, until a save of
    // the function around it runs: `notMade` until then (makers first).
    for (const n of newUser) {
      const slot = ids.get(literalKey(n)), creator = creatorOf(n);
      if (!slot || !creator) continue;
      const makerRuns = runsNewCode(creator);
      slot.notMade = makerRuns ? false : (!oldOf.has(n) || !!slot.notMade) && !unbornOf(creator);
    }
    const functions = newUser.map((n) => entryFor(n, oldOf.get(n), ids.get(literalKey(n)), { runsNewCode, unbornOf }, madeReal, before, after));
    for (const o of userLiterals(before)) if (!matched.has(o)) functions.push(removedEntry(o));
    statementEntries(before.statements, after.statements, functions);
    const newBindings = addedBindings(before, after, state.added);
    const madeRealNames = new Set([].concat(...newBindings.map((b) => b.names)));
    const bindings = changedBindings(before, after).filter((b) => !(b.added && madeRealNames.has(b.name)));

    // Code that named a function or module before this save declares it looked
    // for a global: recompiled in the scope of the new names, it finds them.
    const declared = new Set([...madeReal].map((l) => l.node.id.name).concat(...newBindings.map((b) => b.names)));
    for (const n of newUser) {
      const o = oldOf.get(n);
      if (!declared.size || swapped.has(n) || !swapsAlone.has(n) || !o.scope.unresolved) continue;
      if ([...o.scope.unresolved].some((name) => declared.has(name))) swapped.add(n);
    }

    const items = [...swapped].map((l) => ({ kind: 'impl', literal: l, start: compiledStart(l), end: l.node.end, id: ids.get(literalKey(l)).id }))
      .concat([...madeReal].map((l) => ({ kind: 'declaration', literal: l, start: l.node.start, end: l.node.end, names: [l.node.id.name] })))
      .concat(newBindings);
    const compiled = items.filter((i) => i.literal).map((i) => i.literal.node);
    const insertions = compiled.length ? slotChecks(after, state.number, ids, compiled) : [];
    let parameters = state.added.slice();
    // The slots this save adds: the host defines them before the new code, which checks them, runs.
    const newSlots = { count: nextId, variable: nextId > state.nextId ? variableSlots(after, ids, state.nextId) : [] };
    const batches = batchesOf(items).map((batch) => {
      const code = batchCode(batch, parameters, after.source, insertions, request.filename);
      parameters = parameters.concat(code.added);
      return { ...code, newSlots };
    });
    state.pending = { source: request.source, description: after, ids, nextId, added: parameters };
    // Top-level functions, to find one that is alive and read the module's scope through it.
    const scopeHolders = newUser.filter((l) => l.topLevel).map((l) => toStringText(after.source, l));
    // Changed generators: the host counts their activations that still run the old code.
    const generators = [...swapped].filter((l) => l.node.generator).map((l) => ({ id: ids.get(literalKey(l)).id, name: l.info.name, line: l.info.line }));
    return { status: 'Ok', functions, bindings, batches, scopeHolders, generators, scopeNames: state.scopeNames };
  }

  function entryFor(n, o, slot, { runsNewCode, unbornOf }, madeReal, before, after) {
    const base = { name: n.info.name, line: n.info.line };
    const creator = creatorOf(n);
    const creatorName = creator && creator.info ? '`' + creator.info.name + '`' : 'the code around it';
    const neverMade = 'the running program has never created ' + (creator ? creatorName + ', which makes it' : 'it')
      + ' (it came with an earlier save, and top-level code is not re-run); restart to get it';
    if (!o) {
      if (madeReal.has(n)) return { ...base, change: 'added', effective: true, reason: 'defined in the module\'s scope: code compiled from now on finds it' };
      if (!creator) {
        return { ...base, change: 'added', effective: false, stale: 'all',
                 reason: 'top-level code is not re-run, so the running program never creates it; restart to get it' };
      }
      if (unbornOf(creator)) return { ...base, change: 'added', effective: false, stale: 'all', reason: neverMade };
      if (runsNewCode(creator)) return { ...base, change: 'added', effective: true, reason: 'created when the code around it next runs' };
      return { ...base, change: 'added', effective: false, stale: 'all',
               reason: 'the function around it (' + creatorName + ') keeps running its old code, which never creates this one; restart to get it' };
    }
    if (o.info.ownText === n.info.ownText) return { ...base, change: 'unchanged', effective: null };
    // The texts Function.prototype.toString gives of new and old instances: the
    // live check counts them (core/patch/patchverifier.cpp).
    Object.assign(base, { text: toStringText(after.source, n), oldText: toStringText(before.source, o) });
    if (slot && slot.notMade) {
      return { ...base, change: 'body', effective: false, stale: 'all',
               reason: 'an earlier save added it inside ' + creatorName + ', whose live code is older and never makes it; restart to get it' };
    }
    if (unbornOf(n)) return { ...base, change: 'body', effective: false, stale: 'all', reason: neverMade };
    if (slot && slot.inherited && slot.complete) {
      if (n.renamedFrom) base.reason = 'renamed from `' + n.renamedFrom + '`: what holds the old function runs this code, and the new name is defined';
      return { ...base, change: 'body', effective: true };
    }
    let why;
    if (slot && slot.inherited && slot.closuresOf) {
      why = 'an earlier save renamed it from `' + slot.closuresOf + '`, and the closures made before that save are the old function\'s: '
        + 'they keep running its code';
    } else if (slot && slot.inherited) why = 'closures made by code older than an earlier save, when it could not be swapped, keep their old code';
    else if (n.swapWhy) why = 'the swap engine cannot replace its code in place: ' + n.swapWhy;
    else if (n.keepsOldWhy) why = n.keepsOldWhy;
    else why = 'its closures made before this save were made when ' + (o.swapWhy || 'it could not be swapped') + ', so they keep their old code';
    if (slot && slot.inherited) return { ...base, change: 'body', effective: false, stale: 'existing', reason: why + '; the others run the new code' };
    if (!creator) return { ...base, change: 'body', effective: false, stale: 'all', reason: why + '; it is made by top-level code, which is not re-run: restart to get it' };
    if (runsNewCode(creator)) {
      return { ...base, change: 'body', effective: false, stale: 'existing',
               reason: why + '; closures made from now on (by the new code of ' + creatorName + ') run the new code: re-create the old ones or restart' };
    }
    return { ...base, change: 'body', effective: false, stale: 'all',
             reason: why + '; and ' + creatorName + ', which makes it, keeps running its old code: restart to get it' };
  }

  function removedEntry(o) {
    const topLevel = !creatorOf(o);
    return { name: o.info.name, line: o.info.line, change: 'removed', effective: false, stale: 'existing',
             reason: topLevel
               ? 'top-level code is not re-run: the running program keeps the old function wherever it is referenced; restart to drop it'
               : 'the new code no longer creates it, but closures made before keep running the old code until nothing holds them; restart to drop them' };
  }

  // The program evaluated the plan: the new source is the module's from now on.
  function commit(request) {
    const state = modules.get(request.filename);
    if (!state || !state.pending) return false;
    Object.assign(state, state.pending, { pending: null });
    return true;
  }

  // The planner runs in the agent worker's own thread (app/agent/analysis-host.js):
  // requests and answers are objects, never JSON text.
  const guarded = (run) => (request) => {
    try {
      return run(request);
    } catch (error) {
      return { status: 'Error', message: String(error && error.message || error) };
    }
  };
  globalThis.graftSwapInstrument = guarded(instrument);
  globalThis.graftSwapPlan = guarded(plan);
  globalThis.graftSwapCommit = guarded(commit);
  globalThis.graftSwapRehearse = guarded(rehearse);
  globalThis.graftSwapForget = guarded((request) => modules.delete(request.filename));
  globalThis.graftSwapSource = (filename) => (modules.has(filename) ? modules.get(filename).source : null);
})();
