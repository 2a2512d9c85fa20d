// SPDX-License-Identifier: MIT
// graft:analysis/editsteps — how to send an edit so that V8 10.2 survives it:
// refused with the reason (an ES module's imports or exports changed, a crash
// no order of steps avoids), in steps that each stay within what V8 can take
// (crbug 1328453: a function without a SharedFunctionInfo), or with an ES
// module's own top-level text kept, for the V8s that refuse any change of it.

// The import/export table of an ES module, one row per binding, and the
// statements that make each row (for the message).
function moduleRecord(ast, source) {
  const rows = [];
  const texts = new Map();
  const add = (row, statement) => { rows.push(row); texts.set(row, source.slice(statement.start, statement.end)); };
  for (const s of ast.body) {
    if (s.type === 'ImportDeclaration') {
      for (const sp of s.specifiers) add('import ' + s.source.value + ' ' + (sp.imported ? sp.imported.name || sp.imported.value : sp.type) + ' as ' + sp.local.name, s);
      if (!s.specifiers.length) add('import ' + s.source.value, s);
    } else if (s.type === 'ExportAllDeclaration') {
      add('export * ' + (s.exported ? s.exported.name : '') + ' from ' + s.source.value, s);
    } else if (s.type === 'ExportNamedDeclaration') {
      if (s.declaration) {
        const d = s.declaration;
        const names = d.type === 'VariableDeclaration' ? d.declarations.flatMap((x) => (x.id.type === 'Identifier' ? [x.id.name] : [])) : [d.id.name];
        for (const n of names) add('export ' + n, { start: s.start, end: d.type === 'VariableDeclaration' ? d.end : (d.body ? d.body.start : d.end) });
      }
      for (const sp of s.specifiers) add('export ' + (sp.local.name || sp.local.value) + ' as ' + (sp.exported.name || sp.exported.value) + (s.source ? ' from ' + s.source.value : ''), s);
    } else if (s.type === 'ExportDefaultDeclaration') {
      add('export default', { start: s.start, end: s.start + 'export default'.length });
    }
  }
  return { rows: rows.sort(), texts };
}

// Where `void name;` makes an unused declaration used without changing what
// runs: the end of the statement list that declares it.
function referencePoint(source, literal) {
  const scope = literal.declaredAs && literal.declaredAs.scope;
  if (!scope) return null;
  if (scope.type === 'function' && scope.literal && scope.literal.kind === 'wrapper') return source.length;
  if (scope.type === 'module') return source.length;
  if ((scope.type === 'function' || scope.type === 'varblock') && scope.literal && scope.literal.node.body.type === 'BlockStatement') return scope.literal.node.body.end - 1;
  if (scope.type === 'varblock') return scope.node.end - 1;
  if (scope.type === 'block' && scope.node.type === 'BlockStatement') return scope.node.end - 1;
  return null;
}

function crashesOf(oldSource, newSource, request) {
  const before = A.buildScopeModel(oldSource, sourceKind(request), parse(oldSource, request.isModule));
  const after = A.buildScopeModel(newSource, sourceKind(request), parse(newSource, request.isModule));
  return A.applyLiveEditRule(before, after, A.compareStrings(oldSource, newSource, request.v8)).crashes;
}

// A literal's qualified name in a message.
const literalName = (literal) => (literal.info ? literal.info.name : 'a function');

function planSteps(request, before, after, rule) {
  if (request.isModule) {
    const oldRecord = moduleRecord(before.ast, request.oldSource);
    const newRecord = moduleRecord(after.ast, request.newSource);
    if (oldRecord.rows.join('\n') !== newRecord.rows.join('\n')) {
      const quote = (record, rows) => [...new Set(rows.map((r) => '`' + record.texts.get(r).replace(/\s+/g, ' ').trim() + '`'))].join(', ');
      const added = newRecord.rows.filter((r) => !oldRecord.rows.includes(r));
      const removed = oldRecord.rows.filter((r) => !newRecord.rows.includes(r));
      const what = added.length ? 'adds ' + quote(newRecord, added) : removed.length ? 'removes ' + quote(oldRecord, removed) : 'reorders imports or exports';
      return { refuse: { message: 'not applied: this edit ' + what + ' to the imports/exports of an ES module; V8 cannot re-link a ' +
        'running module (the program would crash at the next call). Restart the program to load it (Run ▸ Restart, or the restart command).' } };
    }
  }
  if (rule.contextLosses.length) {
    const loss = rule.contextLosses[0];
    const owner = scopeOwnerName(loss.scope);
    const name = literalName(loss.newLiteral);
    if (loss.earlier) {
      return { refuse: { message: 'not applied: an earlier patch left ' + owner + ' without a context of its own, but closures made before it still ' +
        'hold the old one, and V8 would run the new code of ' + name + ' in them: it reads `' + loss.reads + '` through that context, and the ' +
        'program would crash. Restart the program to load the edit (or leave ' + name + ' without `' + loss.reads + '` for now).' } };
    }
    const kept = loss.scope.layout.filter((e) => e.name).map((e) => '`' + e.name + '`');
    return { refuse: { message: 'not applied: after this edit no function inside ' + owner + ' keeps ' + (kept.join(', ') || 'a variable') +
      ' in a closure, so V8 10.2 would drop that context from under live closures that still reach through it (' + name + ' reads `' + loss.reads +
      '`), and the program would crash. Keep a function that uses ' + (kept[0] || 'it') + ' there for now, or restart the program to load the edit.' } };
  }
  if (!rule.crashes.length) return {};
  // V8 10.2 (crbug 1328453) aborts when a changed function gets no
  // SharedFunctionInfo in the new code. Send the new source with a reference to
  // each such unused declaration first (the function is then compiled), then the
  // new source itself (the function is then unchanged, which V8 handles).
  const insertions = [];
  for (const { newLiteral } of rule.crashes) {
    const at = newLiteral.unusedDeclaration && newLiteral.outer.hasSfi ? referencePoint(request.newSource, newLiteral) : null;
    if (at === null) {
      return { refuse: { message: 'not applied: ' + literalName(newLiteral) + ' (line ' + lineAt(request.newSource, newLiteral.node.start) + ') sits in code V8 never compiles ' +
        '(after a return, in an `if (false)`, or inside a function nothing calls), and V8 10.2 crashes when such a function changes. ' +
        'Remove that dead code, or restart the program to load the edit.' } };
    }
    insertions.push({ at, text: (at === request.newSource.length ? '\n' : '') + ';void ' + newLiteral.declaredAs.name + ';' });
  }
  insertions.sort((a, b) => b.at - a.at);
  let intermediate = request.newSource;
  for (const i of insertions) intermediate = intermediate.slice(0, i.at) + i.text + intermediate.slice(i.at);
  if (crashesOf(request.oldSource, intermediate, request).length || crashesOf(intermediate, request.newSource, request).length) {
    return { refuse: { message: 'not applied: this edit changes a function that nothing in the program references, which V8 10.2 cannot patch ' +
      'without crashing. Reference it somewhere, or restart the program to load the edit.' } };
  }
  return { steps: [intermediate] };
}

// V8 10.5 and later refuse the whole patch when an ES module's top-level code
// changed (BlockedByTopLevelEsModuleChange), its functions' edits too. Those can
// still go in: the new source with the module's own top-level text as it runs
// (every chunk that starts outside all functions undone). Top-level code is not
// re-run anyway, so the program gets what V8 10.2 would give it; the report's
// statements and bindings say what did not take. Null when that is not it: not
// such a module and V8, or a source V8 would refuse all the same. With nothing
// but top-level changes there is nothing to send (no steps).
function keptModuleTopLevel(request, before, rule) {
  if (!request.isModule || !A.refusesModuleTopLevelChanges(request.v8)) return null;
  const top = before.model.literals.find((l) => l.kind === 'toplevel');
  if (!top || rule.state.get(top) !== LITERAL_STATE.CHANGED) return null;
  const inner = before.model.literals.filter((l) => l !== top);
  // V8 gives a chunk to the innermost literal it starts in, [start, end).
  const insideFunction = (chunk) => inner.some((l) => l.start <= chunk.start && chunk.start < l.end);
  let source = '', at = 0, taken = 0;
  for (const chunk of A.compareStrings(request.oldSource, request.newSource, request.v8)) {
    if (!insideFunction(chunk)) continue;
    source += request.oldSource.slice(at, chunk.start) + request.newSource.slice(chunk.newStart, chunk.newEnd);
    at = chunk.end;
    taken++;
  }
  source += request.oldSource.slice(at);
  // Only the top level changed: nothing to send, and the report says what does not run.
  if (!taken) {
    const same = A.applyLiveEditRule(before.model, before.model, []);
    return { request: { ...request, newSource: request.oldSource }, after: before, rule: same, plan: { steps: [], topLevelKept: true } };
  }
  const live = { ...request, newSource: source };
  let after;
  try { after = describeOnce(source, live); } catch (error) { return null; } // the functions' edits alone do not parse
  const liveRule = A.applyLiveEditRule(before.model, after.model, A.compareStrings(request.oldSource, source, request.v8),
                                        staleContextsOf(request));
  if (liveRule.state.get(top) !== LITERAL_STATE.UNCHANGED) return null;
  const plan = planSteps(live, before, after, liveRule);
  if (plan.refuse) return null;
  return { request: live, after, rule: liveRule, plan: { steps: [...(plan.steps || []), source], topLevelKept: true } };
}

// With the module's top level kept (keptModuleTopLevel), functions the user
// added or removed there are neither: say so, by their qualified names.
function keptTopLevelEntries(functions, live, wanted) {
  const keys = (d) => new Set(d.named.functions.map((f) => f.key));
  const liveKeys = keys(live), wantedKeys = keys(wanted);
  const why = "V8 10.5 and later do not patch an ES module's top-level code, where this function is declared";
  for (const f of wanted.named.functions) {
    if (!liveKeys.has(f.key))
      functions.push({ name: f.name, line: f.line, change: 'added', effective: false, stale: 'all', reason: why + ': restart to get it' });
  }
  for (const f of live.named.functions) {
    if (wantedKeys.has(f.key)) continue;
    const entry = functions.find((e) => e.name === f.name && e.change === 'unchanged');
    const removed = { name: f.name, line: f.line, change: 'removed', effective: false, stale: 'existing', reason: why + ': the program keeps it until you restart' };
    if (entry) Object.assign(entry, removed); else functions.push(removed);
  }
}
