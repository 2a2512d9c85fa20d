// SPDX-License-Identifier: MIT
// graft:analyzer — compares the old and new source of a script and says what a
// LiveEdit patch will do to the running program: every function with its
// qualified name and how it changed, whether its live closures will run the new
// code (V8 10.2's own rule: liveeditrule.js on v8diff.js and v8scopes.js), the
// top-level bindings and statements whose new text never runs (top-level code
// is not re-run), and how to send the edit so that V8 10.2 survives it — in two
// steps, or not at all, with the reason. Runs in Graft's own isolate with acorn,
// never in the user's program. docs/ANALYSIS.md explains the model.
//
// A source's description is describe.js; how the edit is sent, editsteps.js;
// the quick check, quickedit.js; the outline and hover lookups, outline.js.

// A short, one-line name for a top-level statement in the change-list.
function statementName(text) {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 48 ? line.slice(0, 45) + '…' : line;
}

function scopeOwnerName(scope) {
  for (let s = scope; s; s = s.parent) {
    if (s.type === 'class') return 'class ' + (s.node.id ? s.node.id.name : '<anonymous>');
    if (s.literal && s.literal.info) return '`' + s.literal.info.name + '`';
    if (s.literal && (s.literal.kind === 'wrapper' || s.literal.kind === 'toplevel')) return "the module's top level";
    if (s.type === 'script' || s.type === 'module') return "the module's top level";
  }
  return "the module's top level";
}

function slotName(name) {
  if (name === null) return '`this`';
  if (name === '.new.target') return '`new.target`';
  if (name === '.this_function' || name === '.brand') return 'a method\'s home object';
  return '`' + name + '`';
}

// Why V8 leaves a literal's live closures on the old code, in the user's terms.
function damageReason(why) {
  const keep = 'existing closures keep the old code (only closures created from now on get the new one); ' +
    're-create them (run again the code that made them, e.g. re-register the listener) or restart';
  if (why.unmatched) {
    return why.edgeInsideEdit
      ? 'the edit touches where V8 delimits this function (its parameter list or its last token), so V8 cannot match it: ' + keep
      : 'V8 finds no function at its new position: ' + keep;
  }
  const change = why.scopeChange;
  const owners = (chain) => chain.map(scopeOwnerName).filter((name, i, all) => all.indexOf(name) === i);
  const oldOwners = owners(change.oldChain), newOwners = owners(change.newChain);
  if (oldOwners.join('\n') !== newOwners.join('\n')) {
    return 'the functions around it changed (now inside ' + newOwners.join(', ') + '; before inside ' + oldOwners.join(', ') + '), ' +
           'so its closures cannot take the new code: ' + keep;
  }
  if (change.chainLength) return 'a block scope around it appeared or disappeared (a let/const/class declared next to it), which changes its context: ' + keep;
  const where = scopeOwnerName(change.scope);
  const what = change.previous === undefined
    ? slotName(change.entry.name) + ' is now kept in the context of ' + where
    : slotName(change.entry.name) + ' moved to another slot of the context of ' + where + ' (now held by ' + slotName(change.previous) + ' in the old code)';
  return what + ' because a function there captures a different set of variables, which V8 cannot apply to closures made before: ' + keep;
}

// Is the code that creates this new literal running new code? Only then is an
// added nested function created by the running program.
// `stateAfter`: new literal -> 'absent' (never created) or 'detached' (its live
// instances run the code of an older script), for the literals before this one.
function creatorRunsNewCode(literal, rule, stateAfter) {
  const outer = creatorOf(literal);
  if (!outer) return { runs: false, topLevel: true };
  if (stateAfter.get(outer) === 'absent') return { runs: false, outer, outerAbsent: true };
  // The live instances of a detached outer function run the code of an older
  // script, which does not contain this literal.
  if (stateAfter.get(outer) === 'detached') return { runs: false, outer, outerDetached: true };
  if (rule.reverse.has(outer)) return { runs: true, outer };
  // The function around it is new too: it is created (and creates this one) only
  // where the code around it runs new code.
  if (creatorRunsNewCode(outer, rule, stateAfter).runs) return { runs: true, outer };
  return { runs: false, outer, outerAdded: true };
}

// The function whose code creates this literal's closures; null at top level.
function creatorOf(literal) {
  const outer = literal.outer;
  if (!outer || outer.kind === 'wrapper' || outer.kind === 'toplevel') return null;
  if (outer.synthetic && outer.kind === 'default-constructor') return creatorOf(outer);
  return outer;
}

// items by key(item), keeping only the keys exactly one item has (null keys never).
function uniqueBy(items, key) {
  const byKey = new Map();
  for (const item of items) {
    const k = key(item);
    if (k !== null) byKey.set(k, byKey.has(k) ? null : item);
  }
  for (const [k, item] of byKey) if (item === null) byKey.delete(k);
  return byKey;
}

// Does code V8 left behind make closures of this (old) literal? LiveEdit leaves
// a damaged function's bytecode on the old script; a changed function's old
// SharedFunctionInfo is abandoned with its bytecode (liveedit.cc: `changed`
// mappings move the closures, not the SFI). Either bytecode still creates the
// inner functions from the SFIs in its constant pool: an unchanged one moves to
// the new script with its literal, so those closures run the literal's code
// until it next changes; after that, the old code for good. The state
// 'old-maker' marks a literal such code makes closures of.
function oldCodeMakesClosures(o, rule, carriedStates) {
  const creator = creatorOf(o);
  if (!creator) return null;
  const creatorStates = carriedStates(creator);
  if (creatorStates.has('absent')) return null;
  const creatorState = rule.state.get(creator);
  if (creatorState === LITERAL_STATE.DAMAGED) return creator;
  if (creatorState === LITERAL_STATE.CHANGED && creatorStates.has('old-maker')) return creator;
  return null;
}

// What earlier patches carried of contexts live closures still hold and their
// code lacks (liveeditrule.js, staleContexts): old literal 'start:end' -> chain indexes.
function staleContextsOf(request) {
  const stale = new Map();
  for (const d of request.carried || []) if (d.state === 'stale-context' && Array.isArray(d.at)) stale.set(d.start + ':' + d.end, d.at);
  return stale;
}

// A function entry that is not effective says which of its instances keep the
// old code, `stale`: 'existing' (closures made before this patch; new ones get
// the new code), 'new' (closures made from now on, by code V8 left behind) or
// 'all' (nothing in the program runs the new code).
// `quick`: quickEdit()'s answer for this request, when the edit is one: then
// the new source is described from the old one (nothing to parse) and, as
// quickEdit proves, needs no steps.
function analyze(request, quick) {
  const before = quick ? quick.before : describeOnce(request.oldSource, request);
  const after = quick ? shiftedDescription(request.newSource, quick) : describeOnce(request.newSource, request);
  if (quick) rememberDescription(sourceKind(request), request.newSource, after);
  const chunks = quick ? quick.chunks : A.compareStrings(request.oldSource, request.newSource, request.v8);
  const rule = A.applyLiveEditRule(before.model, after.model, chunks, staleContextsOf(request));
  const plan = quick ? {} : planSteps(request, before, after, rule);
  // The functions' verdicts are about the source V8 will run; the top-level
  // statements and bindings compare the user's two texts either way.
  const kept = plan.refuse || quick ? null : keptModuleTopLevel(request, before, rule);
  const report = kept ? functionEntries(kept.request, before, kept.after, kept.rule) : functionEntries(request, before, after, rule);
  if (kept) keptTopLevelEntries(report.functions, kept.after, after);
  statementEntries(before.statements, after.statements, report.functions);
  const bindings = changedBindings(before, after);
  const result = { functions: report.functions, bindings, scopeHolders: report.scopeHolders, carried: report.carried, ...(kept ? kept.plan : plan) };
  // When the new source is what will run, the app can tell at the next save
  // whether it may go to V8 before the analysis (see quickEditTokens).
  if (!result.refuse && !result.steps) result.quickTokens = quickEditTokens(after, request);
  return result;
}

// What V8 does to every function, `after` being the source it will run: each
// entry, what the patch leaves behind for the next one (`carried`), and texts
// of top-level functions to find a live one by.
function functionEntries(request, before, after, rule) {
  // What earlier patches left behind, by literal position in the old source:
  // 'detached' closures V8 left on an older script, 'absent' top-level functions
  // the running program never created. Before the first patch of a script,
  // its top-level declarations nothing used were never created either.
  // 'old-maker': code V8 left behind makes closures of it (oldCodeMakesClosures).
  const carriedBefore = new Map();
  const noteCarried = (key, state) => { if (!carriedBefore.has(key)) carriedBefore.set(key, new Set()); carriedBefore.get(key).add(state); };
  for (const d of request.carried || []) noteCarried(d.start + ':' + d.end, d.state);
  if (!request.carried) {
    for (const l of before.model.literals) if (l.topLevel && l.unusedDeclaration) noteCarried(l.start + ':' + l.end, 'absent');
  }
  const none = new Set();
  const carriedStates = (o) => carriedBefore.get(o.start + ':' + o.end) || none;
  const functions = [];
  const carriedAfter = [];
  const stateAfter = new Map();
  const carry = (n, state) => { carriedAfter.push({ start: n.start, end: n.end, state }); if (state !== 'old-maker') stateAfter.set(n, state); };
  const pairedOld = new Set();

  const oldUser = before.model.literals.filter((l) => l.info);
  const newUser = after.model.literals.filter((l) => l.info);
  const damagedByKey = new Map();
  for (const o of oldUser) if (rule.state.get(o) === LITERAL_STATE.DAMAGED) damagedByKey.set(o.info.key, o);
  // V8 matches no new function to a damaged one; the report pairs them for the
  // reader (what runs where is V8's rule either way), by qualified name, else by
  // a simple name only one function has on each side (a function moved into a
  // new function around it).
  const simpleName = (l) => (/<anonymous@/.test(l.info.name) ? null : l.info.name.split('/').pop());
  const newByKey = new Map(newUser.map((n) => [n.info.key, n]));
  const damagedElsewhere = [...damagedByKey.values()].filter((o) => !newByKey.has(o.info.key));
  const damagedByName = uniqueBy(damagedElsewhere, simpleName);
  const unmatchedNewByName = uniqueBy(newUser.filter((n) => !rule.reverse.has(n) && !damagedByKey.has(n.info.key)), simpleName);
  // Else the one damaged closure and the one new closure of the same kind and
  // parameters made by the same function (a closure renamed, with or without
  // an edit). Not at top level, where a function deleted and another added are
  // two functions.
  const creatorKey = (l, old) => {
    const c = creatorOf(l);
    const o = c && (old ? c : rule.reverse.get(c));
    if (!o) return null;
    const source = old ? request.oldSource : request.newSource;
    const params = l.node.params.map((p) => source.slice(p.start, p.end)).join(',');
    return o.start + ':' + o.end + ' ' + l.node.type + '(' + params + ')';
  };
  // Pairs by name come first: neither side of one is offered again.
  const pairedByName = new Set();
  for (const [name, n] of unmatchedNewByName) if (damagedByName.has(name)) pairedByName.add(n).add(damagedByName.get(name));
  const damagedByCreator = uniqueBy(damagedElsewhere.filter((o) => !pairedByName.has(o)), (o) => creatorKey(o, true));
  const unmatchedNewByCreator = uniqueBy(newUser.filter((n) => !rule.reverse.has(n) && !damagedByKey.has(n.info.key) && !pairedByName.has(n)),
                                         (n) => creatorKey(n, false));
  const damagedPartner = (n) => {
    const byKey = damagedByKey.get(n.info.key);
    if (byKey) return byKey;
    const name = simpleName(n);
    if (name !== null && unmatchedNewByName.get(name) === n && damagedByName.has(name)) return damagedByName.get(name);
    const creator = creatorKey(n, false);
    return creator !== null && unmatchedNewByCreator.get(creator) === n ? damagedByCreator.get(creator) : undefined;
  };
  // V8 matches by position: the closures of an old function can go to a new one
  // of another name while the function of the old one's name is still there (a
  // closure inserted above an edited one of its kind). That one is the user's
  // function, and its closures made before run the other's code.
  // Only a name one function has on each side says which function is the user's
  // (keys of anonymous functions and of a name's second function count up).
  const baseKey = (l) => l.info.key.replace(/#\d+$/, '');
  const countKeys = (literals) => {
    const counts = new Map();
    for (const l of literals) counts.set(baseKey(l), (counts.get(baseKey(l)) || 0) + 1);
    return counts;
  };
  const oldKeyCounts = countKeys(oldUser), newKeyCounts = countKeys(newUser);
  const ownName = (l) => baseKey(l) === l.info.key && oldKeyCounts.get(l.info.key) <= 1 && newKeyCounts.get(l.info.key) <= 1;
  const takenBy = new Map(); // new literal -> the new literal V8 gave its old closures
  for (const [n, o] of rule.reverse) {
    if (!o.info || !n.info || o.info.key === n.info.key || !ownName(o) || carriedStates(o).has('absent')) continue;
    const named = newByKey.get(o.info.key);
    if (named && !rule.reverse.has(named)) takenBy.set(named, n);
  }

  for (const n of newUser) {
    const base = { name: n.info.name, line: n.info.line };
    const texts = (o) => ({ text: toStringText(request.newSource, n), oldText: toStringText(request.oldSource, o) });
    let o = rule.reverse.get(n);
    if (o) {
      pairedOld.add(o);
      const was = carriedStates(o);
      const wasDetached = was.has('detached');
      const wasAbsent = was.has('absent');
      if (wasDetached) carry(n, 'detached');
      if (wasAbsent) carry(n, 'absent');
      const oldMaker = was.has('old-maker') || oldCodeMakesClosures(o, rule, carriedStates) !== null;
      if (oldMaker && !wasAbsent) carry(n, 'old-maker');
      if (o.info && o.info.ownText === n.info.ownText) {
        functions.push({ ...base, change: 'unchanged', effective: null });
      } else if (wasAbsent) {
        functions.push({ ...base, change: 'body', effective: false, stale: 'all', ...texts(o),
          reason: 'the running program never created this function (top-level code is not re-run, and nothing used it when the module loaded): restart to get it' });
      } else if (wasDetached) {
        functions.push({ ...base, change: 'body', effective: false, stale: 'existing', ...texts(o),
          reason: 'an earlier patch left its closures made before then on the old code, where no later patch reaches them: ' +
                  'closures created since get the new code; re-create the old ones or restart' });
      } else if (oldMaker) {
        const around = creatorOf(n);
        const aroundName = around && around.info ? around.info.name : 'the function around it';
        functions.push({ ...base, change: 'body', effective: false, stale: 'new', ...texts(o),
          reason: 'its closures made so far run the new code, but the live ' + aroundName + ' runs an earlier version that a patch could not ' +
                  'reach, and that code makes new ones from the old code: re-create what holds the live ' + aroundName + ', or restart' });
      } else {
        functions.push({ ...base, change: 'body', effective: true, ...texts(o) });
      }
      continue;
    }
    const taker = takenBy.get(n);
    if (taker) {
      const old = rule.reverse.get(taker);
      carriedAfter.push({ start: n.start, end: n.end, state: 'detached' }); // for the next patches only
      const why = 'V8 matched its closures made before to `' + taker.info.name + '`, the function now where it stood: they run that ' +
                  'function\'s code, and later patches of this one do not reach them';
      functions.push(old.info.ownText === n.info.ownText
        ? { ...base, change: 'unchanged', effective: null, detached: true, reason: 'its text did not change, but ' + why + ': re-create them or restart' }
        : { ...base, change: 'body', effective: false, stale: 'existing', ...texts(old),
            reason: why + '; closures made from now on run the new code: re-create the old ones or restart' });
      continue;
    }
    o = damagedPartner(n);
    if (o && !pairedOld.has(o)) {
      pairedOld.add(o);
      carry(n, carriedStates(o).has('absent') ? 'absent' : 'detached');
      const reason = damageReason(rule.why.get(o));
      if (o.info.ownText === n.info.ownText) {
        functions.push({ ...base, change: 'unchanged', effective: null, detached: true,
          reason: 'its text did not change, but V8 left its live closures on the old script, where later patches will not reach them: ' + reason });
      } else {
        functions.push({ ...base, change: 'body', effective: false, stale: 'existing', ...texts(o), reason });
      }
      continue;
    }
    const creator = creatorRunsNewCode(n, rule, stateAfter);
    if (!creator.runs) carry(n, 'absent');
    if (creator.topLevel) {
      functions.push({ ...base, change: 'added', effective: false, stale: 'all',
        reason: n.member
          ? 'the class was defined when the module loaded and top-level code is not re-run: instances will not have it until you restart'
          : 'top-level code is not re-run, so the running program never creates it; restart to get it' });
    } else if (creator.runs) {
      functions.push({ ...base, change: 'added', effective: true, reason: 'created when the code around it next runs' });
    } else {
      functions.push({ ...base, change: 'added', effective: false, stale: 'all',
        reason: creator.outerAbsent ? 'the running program never created the function around it; restart to get it'
          : creator.outerDetached ? 'the function around it still runs the code of an earlier version (an earlier patch could not reach its live closures), which never creates this one; restart to get it'
          : creator.outerAdded ? 'the function around it is new, or keeps running its old code (see its entry): the running program does not create this one; restart to get it'
          : 'the function around it keeps running its old code (see its entry), which never creates this one' });
    }
  }
  for (const o of oldUser) {
    if (pairedOld.has(o)) continue;
    const topLevel = !o.outer || o.outer.kind === 'wrapper' || o.outer.kind === 'toplevel';
    functions.push(topLevel
      ? { name: o.info.name, line: o.info.line, change: 'removed', effective: false, stale: 'existing',
          reason: 'top-level code is not re-run: the running program keeps the old function wherever it is referenced; restart to drop it' }
      : { name: o.info.name, line: o.info.line, change: 'removed', effective: false, stale: 'existing',
          reason: 'the new code no longer creates it, but closures made before keep running the old code until nothing holds them; restart to drop them' });
  }

  // Texts to find a live function of the script's top level by; Graft keeps
  // the one it found (`holderKnown`), and the texts are most of the answer.
  const scopeHolders = request.holderKnown ? [] : newUser.filter((l) => l.topLevel).map((l) => toStringText(request.newSource, l));
  for (const [n, at] of rule.staleContexts || []) carriedAfter.push({ start: n.start, end: n.end, state: 'stale-context', at });
  return { functions, scopeHolders, carried: carriedAfter };
}

// Top-level statements whose new text never runs: changed ones (paired in
// order), new ones, and removed ones, whose effects stay until a restart.
function statementEntries(oldStatements, newStatements, functions) {
  const unmatchedOld = [];
  const pool = new Map();
  for (const s of newStatements) pool.set(s.text, (pool.get(s.text) || 0) + 1);
  for (const s of oldStatements) {
    const left = pool.get(s.text) || 0;
    if (left > 0) pool.set(s.text, left - 1); else unmatchedOld.push(s);
  }
  const oldPool = new Map();
  for (const s of oldStatements) oldPool.set(s.text, (oldPool.get(s.text) || 0) + 1);
  const unmatchedNew = [];
  for (const s of newStatements) {
    const left = oldPool.get(s.text) || 0;
    if (left > 0) oldPool.set(s.text, left - 1); else unmatchedNew.push(s);
  }
  const shown = (text) => statementName(text.replace(/\u0000/g, '…'));
  unmatchedNew.forEach((s, i) => {
    const was = unmatchedOld[i];
    functions.push({ name: shown(s.text), line: s.line, change: 'statement', effective: false, stale: 'all',
      reason: was
        ? 'top-level statements ran once, when the module loaded, and are not re-run: the program still runs what `' + shown(was.text) + '` started; restart to run the new one'
        : 'top-level statements ran once, when the module loaded, and are not re-run: restart to run the new one' });
  });
  for (const s of unmatchedOld.slice(unmatchedNew.length)) {
    functions.push({ name: shown(s.text), line: s.line, change: 'statement', effective: false, stale: 'all', removed: true,
      reason: 'this top-level statement already ran when the module loaded; what it started (timers, listeners) keeps running until you restart' });
  }
}

function changedBindings(before, after) {
  const oldBindings = new Map(before.named.bindings.map((b) => [b.name, b]));
  for (const f of before.staticFields) oldBindings.set(f.name, { ...f, compareText: f.source });
  const bindings = [];
  const all = after.named.bindings.concat(after.staticFields.map((f) => ({ ...f, compareText: f.source })));
  for (const b of all) {
    const old = oldBindings.get(b.name);
    if (old && old.compareText === b.compareText) continue;
    bindings.push({ name: b.name, kind: b.kind, line: b.line, source: b.source, added: !old, oldSource: old ? old.source : null });
  }
  return bindings;
}

// `safeToApply`: the host's function that tells Graft at once, before the
// analysis ends, that a request with `applyFirst` may go to V8 now; given the
// setScriptSource message Graft reserved (`apply`), a host that runs the program
// sends it there itself.
function setScriptSourceMessage(request) {
  const params = { scriptId: request.apply.scriptId, scriptSource: request.newSource };
  if (request.apply.allowTopFrameEditing) params.allowTopFrameEditing = true;
  return JSON.stringify({ id: request.apply.id, method: 'Debugger.setScriptSource', params });
}

globalThis.graftAnalyze = function (requestJson, safeToApply) {
  try {
    const request = JSON.parse(requestJson);
    if (typeof request.source === 'string') return JSON.stringify({ result: outline(request) });
    const quick = quickEdit(request);
    if (quick && request.applyFirst && typeof safeToApply === 'function') safeToApply(request.apply ? setScriptSourceMessage(request) : undefined);
    return JSON.stringify({ result: analyze(request, quick) });
  } catch (error) {
    const where = error && error.loc ? { line: error.loc.line, column: error.loc.column + 1 } : {};
    return JSON.stringify({ error: { message: String(error && error.message || error), ...where } });
  }
};
