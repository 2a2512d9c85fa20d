// SPDX-License-Identifier: MIT
// graft:analysis/liveeditrule — what V8 10.2's LiveEdit::PatchScript decides for
// each function literal of the old source (src/debug/liveedit.cc):
//  - CalculateFunctionLiteralChanges: sweep literal starts/ends and diff chunks
//    in position order; a literal whose start or end lies inside a chunk has no
//    translated position; a chunk starting inside a literal marks that
//    innermost literal as having changes;
//  - MapLiterals: an old literal maps to the new literal at its translated
//    (start, end) unless HasChangedScope says an enclosing scope's context-slot
//    layout differs; unmapped ones are DAMAGED (live closures keep the old
//    code, stay on the old Script) and mark their positional outer literal
//    CHANGED; mapped ones are CHANGED if they had changes, else UNCHANGED;
//  - HasChangedScope: walking both scope chains outward, every context slot of
//    the new scope must hold a variable of the same name in the old one, and the
//    chains must be equally long. (It does not ask the reverse: a slot the new
//    layout drops at the end is no change.)
'use strict';

(function (exports) {
  const { outerScopes } = exports;
  const EVENT = { LITERAL_STARTS: 0, LITERAL_ENDS: 1, DIFF_STARTS: 2, DIFF_ENDS: 3 };

  function literalChanges(literals, chunks) {
    const events = [];
    for (const literal of literals) {
      events.push({ position: literal.start, type: EVENT.LITERAL_STARTS, literal });
      events.push({ position: literal.end, type: EVENT.LITERAL_ENDS, literal });
    }
    for (const chunk of chunks) {
      const posDiff = (chunk.newEnd - chunk.newStart) - (chunk.end - chunk.start);
      events.push({ position: chunk.start, type: EVENT.DIFF_STARTS, posDiff });
      events.push({ position: chunk.end, type: EVENT.DIFF_ENDS, posDiff });
    }
    events.sort((a, b) => {
      if (a.position !== b.position) return a.position - b.position;
      if (a.type !== b.type) return a.type - b.type;
      if (a.type === EVENT.LITERAL_STARTS) {
        if (a.literal.end !== b.literal.end) return b.literal.end - a.literal.end;
        return a.literal.id - b.literal.id;
      }
      if (a.type === EVENT.LITERAL_ENDS) {
        if (a.literal.start !== b.literal.start) return b.literal.start - a.literal.start;
        return b.literal.id - a.literal.id;
      }
      return a.posDiff - b.posDiff;
    });
    const changes = new Map();
    const stack = [];
    let insideDiff = false, delta = 0;
    for (const event of events) {
      switch (event.type) {
        case EVENT.DIFF_ENDS: insideDiff = false; delta += event.posDiff; break;
        case EVENT.LITERAL_ENDS: {
          const change = stack.pop();
          change.newEnd = insideDiff ? null : event.literal.end + delta;
          changes.set(event.literal, change);
          break;
        }
        case EVENT.LITERAL_STARTS:
          stack.push({ newStart: insideDiff ? null : event.literal.start + delta, newEnd: null, hasChanges: false,
                       outer: stack.length ? stack[stack.length - 1].literal : null, literal: event.literal });
          break;
        case EVENT.DIFF_STARTS:
          insideDiff = true;
          if (stack.length) stack[stack.length - 1].hasChanges = true;
          break;
      }
    }
    return changes;
  }

  // Which enclosing scope's layout differs, or null: V8's HasChangedScope, with
  // the first difference kept so the report can say what changed.
  function changedScope(oldLiteral, newLiteral) {
    const a = outerScopes(oldLiteral), b = outerScopes(newLiteral);
    for (let k = 0; k < Math.min(a.length, b.length); k++) {
      const slots = new Map(a[k].layout.map((e) => [e.slot, e.name]));
      for (const entry of b[k].layout) {
        if (!slots.has(entry.slot) || slots.get(entry.slot) !== entry.name)
          return { scope: b[k], oldScope: a[k], entry, previous: slots.has(entry.slot) ? slots.get(entry.slot) : undefined, oldChain: a, newChain: b };
      }
    }
    if (a.length !== b.length) return { scope: b[Math.min(a.length, b.length)] || a[Math.min(a.length, b.length)], chainLength: true, oldChain: a, newChain: b };
    return null;
  }

  // HasChangedScope (V8 10.2 to 14.6) checks only that the new layouts' slots
  // were in the old ones, so a scope that keeps no variable in a context any
  // more passes: its context disappears from under live closures, and bytecode
  // that reaches past it reads the wrong context (the runtime crashes). Which
  // scope of the chain lost its context, when `literal`'s code (`references`,
  // along `chain`) reaches past it; null when nothing does.
  const hasContext = (scope) => scope.layout.length > 0 || scope.sloppyEval;
  const droppedAt = (a, b) => a.flatMap((scope, i) => (hasContext(scope) && !hasContext(b[i]) ? [i] : []));
  // The first context variable `literal`'s own code reads at chain index `k` or
  // beyond, or null.
  function readPast(literal, chain, k) {
    for (const v of literal.scope.references || []) if (v.slot >= 0 && chain.indexOf(v.scope) >= k) return v.name;
    return null;
  }
  function lostContext(oldLiteral, newLiteral, state) {
    const a = outerScopes(oldLiteral), b = outerScopes(newLiteral);
    if (a.length !== b.length) return null;
    const k = droppedAt(a, b)[0];
    if (k === undefined) return null;
    // A changed function's closures run its new bytecode; an unchanged one's
    // old bytecode runs in closures the new code of the function around it
    // makes (top-level code makes none: it is not re-run).
    const outer = oldLiteral.outer;
    if (state !== CHANGED && (!outer || outer.kind === 'wrapper' || outer.kind === 'toplevel')) return null;
    const [literal, chain] = state === CHANGED ? [newLiteral, b] : [oldLiteral, a];
    const reads = readPast(literal, chain, k);
    return reads === null ? null : { scope: a[k], newScope: b[k], reads };
  }

  // The closures made before a patch that dropped a context keep it: HasChangedScope
  // compares the last two versions only, so a later patch's new code for them
  // (or for a function that code makes) must not reach past it either, or the
  // runtime crashes as above. `stale`: by old literal ('start:end'), the indexes
  // of its scope chain at which its live closures may hold a context its code
  // lacks (what earlier patches carried). Answers the new literals' indexes
  // after this patch, and the reads that would crash it.
  function staleContexts(state, mapping, reverse, newLiterals, stale) {
    const after = new Map(); // new literal -> chain indexes
    const losses = [];
    for (const [o, n] of mapping) {
      if (state.get(o) === DAMAGED || o.synthetic) continue;
      const a = outerScopes(o), b = outerScopes(n);
      const carried = a.length === b.length ? stale.get(o.start + ':' + o.end) || [] : [];
      const indexes = [...new Set([...carried, ...(a.length === b.length ? droppedAt(a, b) : [])])];
      if (!indexes.length) continue;
      after.set(n, indexes);
      if (state.get(o) !== CHANGED) continue;
      for (const k of carried) {
        const reads = readPast(n, b, k);
        if (reads !== null) losses.push({ oldLiteral: o, newLiteral: n, scope: b[k], newScope: b[k], reads, earlier: true });
      }
    }
    // A function this patch adds inside a changed one is made by that one's new
    // code, in its live closures too: their stale contexts are in its chain.
    for (const m of newLiterals) {
      if (reverse.has(m) || m.kind === 'toplevel') continue;
      let p = m.outer;
      while (p && !reverse.has(p)) p = p.outer;
      if (!p || !after.has(p) || state.get(reverse.get(p)) !== CHANGED) continue;
      const chain = outerScopes(m), offset = chain.length - outerScopes(p).length;
      const indexes = after.get(p).map((k) => k + offset);
      after.set(m, indexes);
      for (const k of indexes) {
        const reads = readPast(m, chain, k);
        if (reads !== null) losses.push({ oldLiteral: reverse.get(p), newLiteral: m, scope: chain[k], newScope: chain[k], reads, earlier: true });
      }
    }
    return { after, losses };
  }

  const UNCHANGED = 'unchanged', CHANGED = 'changed', DAMAGED = 'damaged';

  function mapLiterals(changes, newLiterals) {
    const byPosition = new Map();
    let newTop = null;
    for (const literal of newLiterals) {
      if (literal.kind === 'toplevel') newTop = literal;
      else byPosition.set(literal.start + ':' + literal.end, literal);
    }
    const state = new Map(); // old literal -> UNCHANGED | CHANGED | DAMAGED
    const mapping = new Map(); // old literal -> new literal
    const why = new Map(); // old literal -> why it is damaged
    for (const [literal, change] of changes) {
      const target = literal.kind === 'toplevel' ? newTop
        : (change.newStart === null || change.newEnd === null ? undefined : byPosition.get(change.newStart + ':' + change.newEnd));
      const scopeChange = target ? changedScope(literal, target) : null;
      if (!target || scopeChange) {
        state.set(literal, DAMAGED);
        why.set(literal, target ? { scopeChange, target } : { unmatched: true, edgeInsideEdit: change.newStart === null || change.newEnd === null });
        if (change.outer && state.get(change.outer) !== DAMAGED) state.set(change.outer, CHANGED);
      } else {
        mapping.set(literal, target);
        if (!state.has(literal)) state.set(literal, change.hasChanges ? CHANGED : UNCHANGED);
      }
    }
    return { state, mapping, why };
  }

  function applyRule(oldModel, newModel, chunks, stale = new Map()) {
    const changes = literalChanges(oldModel.literals, chunks);
    const { state, mapping, why } = mapLiterals(changes, newModel.literals);
    const reverse = new Map();
    for (const [o, n] of mapping) if (state.get(o) !== DAMAGED) reverse.set(n, o);
    // The patch would abort V8 10.2 (crbug 1328453) if a changed literal's new
    // version gets no SharedFunctionInfo.
    const crashes = [];
    for (const [o, n] of mapping) if (state.get(o) === CHANGED && !n.hasSfi) crashes.push({ oldLiteral: o, newLiteral: n });
    const contextLosses = [];
    for (const [o, n] of mapping) {
      if (state.get(o) === DAMAGED || o.synthetic) continue;
      const loss = lostContext(o, n, state.get(o));
      if (loss) contextLosses.push({ oldLiteral: o, newLiteral: n, ...loss });
    }
    const carried = staleContexts(state, mapping, reverse, newModel.literals, stale);
    contextLosses.push(...carried.losses);
    return { state, mapping, reverse, why, crashes, contextLosses, staleContexts: carried.after };
  }

  // From V8 10.5 on, CanPatchScript refuses a patch whose changed functions
  // include an ES module's top level (BlockedByTopLevelEsModuleChange).
  exports.refusesModuleTopLevelChanges = (v8Version) => exports.v8AtLeast(v8Version, 10, 5);
  exports.applyLiveEditRule = applyRule;
  // Every old literal's position in the new source (null where an edit covers it): the swap engine matches by it too.
  exports.translateLiterals = literalChanges;
  exports.LITERAL_STATE = { UNCHANGED, CHANGED, DAMAGED };
})(globalThis.graftAnalysis = globalThis.graftAnalysis || {});
