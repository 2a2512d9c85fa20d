// SPDX-License-Identifier: MIT
// graft:analysis/swapmatch — which function of the new source is which of the
// old one, for the swap engine's plan (swapplan.js). Functions are matched as
// V8's LiveEdit matches them, their positions translated through V8's diff,
// but a position is not enough where a function of another kind, another
// function's name or another maker stands there; then by qualified name, and
// a top-level declaration or a closure renamed where it stands is the same
// function. A new function matched to none is added; an old one, removed.
'use strict';

(function (exports) {
  const { literalKey, userLiterals, paramsText } = exports.swapCode;

  function matchLiterals(before, after, v8) {
    const chunks = graftAnalysis.compareStrings(before.source, after.source, v8);
    const changes = graftAnalysis.translateLiterals(before.model.literals, chunks);
    const byPosition = new Map(userLiterals(after).map((l) => [literalKey(l), l]));
    const oldOf = new Map();
    const matched = new Set();
    const unmatch = (n, o) => { oldOf.delete(n); matched.delete(o); };
    // V8 maps by position alone. Here a function of another kind there is
    // another function (a closure inserted above an edited one takes its place).
    let byPositionOf = [];
    for (const [o, change] of changes) {
      if (!o.info || change.newStart === null || change.newEnd === null) continue;
      const n = byPosition.get(change.newStart + ':' + change.newEnd);
      if (n && !oldOf.has(n) && n.node.type === o.node.type) { oldOf.set(n, o); matched.add(o); byPositionOf.push([n, o]); }
    }
    // Nor does a function take the place of another named as it is, where that
    // one is still there (a closure deleted above an edited one of the same kind).
    const unmatchedByKey = new Map(userLiterals(before).filter((o) => !matched.has(o)).map((o) => [o.info.key, o]));
    const takesOwnNamesPlace = ([n, o]) => {
      const named = unmatchedByKey.get(n.info.key);
      return o.info.key !== n.info.key && named !== undefined && named.node.type === n.node.type;
    };
    for (const pair of byPositionOf) if (takesOwnNamesPlace(pair)) unmatch(...pair);
    byPositionOf = byPositionOf.filter((pair) => !takesOwnNamesPlace(pair));
    matchByName(before, after, oldOf, matched);
    const renamed = declarationsRenamed(before, after, chunks, oldOf, matched);
    // So is one made by another function (a function inserted above another
    // takes the place of the other's closures): once every maker is matched, a
    // match by position whose makers are not each other's is undone, outer
    // functions first (undoing one undoes its inner ones), and what it left
    // unmatched is matched by name again.
    byPositionOf.sort(([, a], [, b]) => a.start - b.start || b.end - a.end);
    let undone = false;
    for (const [n, o] of byPositionOf) {
      if (sameMaker(o, n, oldOf)) continue;
      unmatch(n, o);
      undone = true;
    }
    if (undone) matchByName(before, after, oldOf, matched);
    return { oldOf, matched, renamed };
  }

  // Where an edit covers a function's edge (its parameters, a concise arrow's
  // last token), the same qualified name with the same parameters.
  function matchByName(before, after, oldOf, matched) {
    const leftOver = new Map();
    for (const o of userLiterals(before)) if (!matched.has(o)) leftOver.set(o.info.key, o);
    for (const n of userLiterals(after)) {
      if (oldOf.has(n)) continue;
      const o = leftOver.get(n.info.key);
      if (!o || matched.has(o) || o.node.type !== n.node.type) continue;
      if (/<anonymous@/.test(n.info.name) && paramsText(o, before.source) !== paramsText(n, after.source)) continue;
      oldOf.set(n, o);
      matched.add(o);
    }
  }

  // A top-level declaration renamed where it stands (`function a(p) {…}` to
  // `function b(p) {…}`, the old name gone, the new one new): V8 would not
  // match it (the edit touches its start), but the user means the same
  // function, so what holds the old one runs the renamed code, and the new
  // name is declared as well (plan's `renamed`).
  function declarationsRenamed(before, after, chunks, oldOf, matched) {
    const renamed = new Set();
    const declaredAtTop = (l, d) => l.node.type === 'FunctionDeclaration' && l.declaredAs && l.declaredAs.scope === d.model.top;
    const oldNames = before.model.top.vars, newNames = after.model.top.vars;
    const gone = userLiterals(before).filter((o) => !matched.has(o) && declaredAtTop(o, before) && !newNames.has(o.node.id.name));
    const fresh = userLiterals(after).filter((n) => !oldOf.has(n) && declaredAtTop(n, after) && !oldNames.has(n.node.id.name));
    // Where the new declaration stands: how much of its text the old one's
    // translated range covers. Where two old ones cover it alike, neither is it.
    const overlap = (g, n) => Math.min(translated(chunks, g.node.end), n.node.end) - Math.max(translated(chunks, g.node.start), n.node.start);
    const pairs = [];
    for (const n of fresh) {
      const candidates = gone.filter((g) => g.node.generator === n.node.generator && g.node.async === n.node.async)
        .map((g) => ({ n, g, covered: overlap(g, n) })).filter((c) => c.covered > 0).sort((x, y) => y.covered - x.covered);
      if (candidates.length && !(candidates.length > 1 && candidates[1].covered === candidates[0].covered)) pairs.push(...candidates);
    }
    // The closest pairs first: a declaration deleted above a renamed one is not the renamed one.
    pairs.sort((x, y) => y.covered - x.covered);
    for (const { n, g: o } of pairs) {
      if (oldOf.has(n) || matched.has(o)) continue;
      oldOf.set(n, o);
      matched.add(o);
      renamed.add(n);
      n.renamedFrom = o.node.id.name;
    }
    return renamed;
  }

  // Whether old literal `o` and new literal `n` are made by matching functions
  // (both by top-level code, or by functions matched so far).
  function sameMaker(o, n, oldOf) {
    const oldMaker = creatorOf(o), newMaker = creatorOf(n);
    return !oldMaker || !newMaker ? !oldMaker && !newMaker : oldOf.get(newMaker) === oldMaker;
  }

  // A closure renamed, with or without an edit to it: the one function a save
  // removes and the one it adds of the same kind and parameters, made by the
  // same function (not at the top level, where a function deleted and another
  // added are two functions), as the LiveEdit engine's report pairs them
  // (analyzer.js). The closures made before the save are the old function's
  // and check its slot: they keep its code, and the new function's entries say
  // so from the next save on. New literal -> the old one's name.
  function closuresRenamed(before, after, oldOf, matched) {
    const newerCreator = new Map([...oldOf].map(([n, o]) => [o, n]));
    const key = (l, creator, source) => !creator ? null : l.node.type + (l.node.generator ? '*' : '') + (l.node.async ? ' async' : '')
      + ' ' + creator.start + ':' + creator.end + ' (' + paramsText(l, source) + ')';
    const removed = uniqueBy(userLiterals(before).filter((o) => !matched.has(o)),
      (o) => key(o, creatorOf(o) && newerCreator.get(creatorOf(o)), before.source));
    const added = uniqueBy(userLiterals(after).filter((n) => !oldOf.has(n)), (n) => key(n, creatorOf(n), after.source));
    const pairs = new Map();
    for (const [k, n] of added) if (removed.has(k)) pairs.set(n, removed.get(k).info.name.split('/').pop());
    return pairs;
  }

  // Where a position of the old source is in the new one (a position inside a
  // changed stretch: where the stretch's new text starts).
  function translated(chunks, position) {
    let delta = 0;
    for (const chunk of chunks) {
      if (position < chunk.start) break;
      if (position < chunk.end) return chunk.newStart;
      delta = chunk.newEnd - chunk.end;
    }
    return position + delta;
  }

  exports.swapMatch = { matchLiterals, closuresRenamed };
})(globalThis.graftAnalysis = globalThis.graftAnalysis || {});
