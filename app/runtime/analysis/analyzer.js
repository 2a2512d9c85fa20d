// SPDX-License-Identifier: MIT
// graft:analyzer — compares the old and new source of a script and says what a
// LiveEdit patch will do to the running program: every function with its
// qualified name and how it changed, whether its live closures will run the new
// code (V8 10.2's own rule: liveeditrule.js on v8diff.js and v8scopes.js), the
// top-level bindings and statements whose new text never runs (top-level code
// is not re-run), and how to send the edit so that V8 10.2 survives it — in two
// steps, or not at all, with the reason. Runs in Graft's own isolate with acorn,
// never in the user's program. docs/ANALYSIS.md explains the model.

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

function parse(source, isModule) {
  return acorn.parse(source, {
    ecmaVersion: 'latest',
    sourceType: isModule ? 'module' : 'script',
    // No `locations`: a line and column object per node is most of what a parse
    // allocates; lineAt() answers the few lines the report needs.
    allowHashBang: true,
    allowReturnOutsideFunction: !isModule,
    allowAwaitOutsideFunction: true,
  });
}

// The 1-based line of a source offset: a binary search over the line starts of
// the last source asked about (one source is asked about many times in a row).
let lineStartsOf = { source: null, starts: [] };
function lineAt(source, offset) {
  if (lineStartsOf.source !== source) {
    const starts = [0];
    for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
    lineStartsOf = { source, starts };
  }
  const starts = lineStartsOf.starts;
  let low = 0, high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid; else high = mid - 1;
  }
  return low + 1;
}

function forEachChild(node, visit) {
  for (const key of A.childKeys(node)) {
    const value = node[key];
    if (Array.isArray(value)) {
      for (const child of value) if (child && typeof child.type === 'string') visit(child, key);
    } else if (value && typeof value.type === 'string') {
      visit(value, key);
    }
  }
}

function keyName(key, computed, source) {
  if (computed) return '[' + source.slice(key.start, key.end) + ']';
  if (key.type === 'Identifier' || key.type === 'PrivateIdentifier') return (key.type === 'PrivateIdentifier' ? '#' : '') + key.name;
  return String(key.value);
}

// The name of the thing a value is assigned to: `x` in `const x = value`,
// `a.b` in `a.b = value`, `handlers.onData` for a property of `const handlers = {...}`.
function assignedName(path, index, source) {
  const node = path[index];
  const parent = path[index - 1];
  if (!parent) return null;
  if (parent.type === 'VariableDeclarator' && parent.init === node && parent.id.type === 'Identifier') return parent.id.name;
  if (parent.type === 'AssignmentExpression' && parent.right === node) return source.slice(parent.left.start, parent.left.end).replace(/\s+/g, '');
  if (parent.type === 'AssignmentPattern' && parent.right === node && parent.left.type === 'Identifier') return parent.left.name;
  if (parent.type === 'Property' && parent.value === node) {
    const owner = assignedName(path, index - 2, source); // path[index-2] is the ObjectExpression
    const key = keyName(parent.key, parent.computed, source);
    const suffix = parent.kind === 'get' ? ' (get)' : parent.kind === 'set' ? ' (set)' : '';
    return (owner ? owner + '.' : '') + key + suffix;
  }
  if ((parent.type === 'MethodDefinition' || parent.type === 'PropertyDefinition') && parent.value === node) {
    const classNode = path[index - 3];
    const className = classNode.id ? classNode.id.name : assignedName(path, index - 3, source) || '<class>';
    const key = keyName(parent.key, parent.computed, source);
    if (parent.kind === 'constructor') return className + '.constructor';
    const suffix = parent.kind === 'get' ? ' (get)' : parent.kind === 'set' ? ' (set)' : '';
    return className + (parent.static ? '.' : parent.type === 'PropertyDefinition' ? '#' : '.prototype.') + key + suffix;
  }
  if (parent.type === 'ExportDefaultDeclaration') return 'default';
  return null;
}

// Graft's names for the functions of one source (what the change-list shows and
// pairs by) and its top-level bindings. What each function captures is V8's
// business: the scope model (v8scopes.js) answers that.
function collect(source, ast) {
  const root = { key: '', name: '<top level>', node: ast, children: [], anonymousCount: 0, parent: null };
  const functions = [];
  const bindings = [];
  const usedKeys = new Map();

  function uniqueKey(key) {
    const n = (usedKeys.get(key) || 0) + 1;
    usedKeys.set(key, n);
    return n === 1 ? key : key + '#' + n;
  }

  function visit(node, path, owner) {
    path.push(node);
    if (FUNCTION_TYPES.has(node.type)) {
      const index = path.length - 1;
      let name = node.type === 'FunctionDeclaration' && node.id ? node.id.name : assignedName(path, index, source);
      if (!name && node.id) name = node.id.name;
      const anonymous = !name;
      const line = lineAt(source, node.start);
      const prefix = owner.parent ? owner.name + '/' : '';
      const displayName = anonymous ? prefix + '<anonymous@' + line + '>' : prefix + name;
      const key = uniqueKey(anonymous ? owner.key + '/<anonymous>#' + (++owner.anonymousCount) : owner.key + '/' + name);
      const record = { key, name: displayName, line, node, children: [], anonymousCount: 0, parent: owner, topLevel: !owner.parent };
      owner.children.push(record);
      functions.push(record);
      forEachChild(node, (child, key) => { if (key !== 'id') visit(child, path, record); });
    } else {
      if (node.type === 'VariableDeclaration' && !owner.parent) noteBindings(node);
      forEachChild(node, (child) => visit(child, path, owner));
    }
    path.pop();
  }

  function noteBindings(declaration) {
    for (const d of declaration.declarations) {
      if (d.id.type !== 'Identifier') continue;
      bindings.push({ name: d.id.name, kind: declaration.kind, line: lineAt(source, d.start), init: d.init,
                      source: d.init ? source.slice(d.init.start, d.init.end) : 'undefined' });
    }
  }

  forEachChild(ast, (child) => visit(child, [ast], root));

  // Own text: nested functions blanked out, so an edit inside a child is the child's change.
  for (const record of functions) record.ownText = blankRanges(source, record.node.start, record.node.end, record.children.map((c) => c.node));
  // An initializer "changes" only outside the functions in it: those are patched as functions.
  for (const b of bindings) {
    if (!b.init) { b.compareText = b.source; continue; }
    // The outermost functions inside the initializer.
    const inside = functions.filter((f) => f.node.start >= b.init.start && f.node.end <= b.init.end
      && !(f.parent.node && f.parent.node.start >= b.init.start && f.parent.node.end <= b.init.end && f.parent !== root));
    b.blanked = inside.map((f) => f.node); // kept for shiftedDescription (quickanalysis.js)
    b.compareText = blankRanges(source, b.init.start, b.init.end, b.blanked);
  }
  return { functions, bindings };
}

// source[start, end) with each of the (non-overlapping) ranges replaced by one
// NUL: one pass, linear in the text (an object literal can hold 10,000 methods).
function blankRanges(source, start, end, ranges) {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const parts = [];
  let cursor = start;
  for (const range of sorted) {
    parts.push(source.slice(cursor, range.start), '\u0000');
    cursor = range.end;
  }
  parts.push(source.slice(cursor, end));
  return parts.join('');
}

const A = globalThis.graftAnalysis;
const { LITERAL_STATE } = A;

function sourceKind(request) {
  return request.isModule ? 'module' : 'commonjs';
}

// Everything one source gives: acorn's tree, Graft's names for its functions,
// V8's literals and scopes.
function describe(source, request) {
  const ast = parse(source, request.isModule);
  const named = collect(source, ast);
  const byNode = new Map(named.functions.map((f) => [f.node, f]));
  const model = A.buildScopeModel(source, sourceKind(request), ast);
  for (const literal of model.literals) literal.info = literal.synthetic ? null : byNode.get(literal.node) || null;
  return { source, ast, named, model, statements: topLevelStatements(source, ast, named.functions),
           staticFields: staticFields(source, ast) };
}

// What Function.prototype.toString answers for a live instance: methods start
// at their name (with get/set/async/*, without `static`), others at the node.
function toStringText(source, literal) {
  return source.slice(toStringStart(source, literal), literal.node.end);
}

// Where that text starts: a method's at its name (after `static`), any other function at its node.
function toStringStart(source, literal) {
  const member = literal.member;
  let start = literal.node.start;
  if (member) {
    start = member.start;
    if (member.static) {
      const rest = source.slice(member.start + 'static'.length);
      start = member.start + 'static'.length + (rest.length - rest.trimStart().length);
    }
  }
  return start;
}

// Top-level statements other than declarations: their new text never runs.
// Compared without the functions inside them, which are patched as functions.
function topLevelStatements(source, ast, functions) {
  const out = [];
  for (const statement of ast.body) {
    const t = statement.type;
    if (t === 'FunctionDeclaration' || t === 'VariableDeclaration' || t === 'ClassDeclaration' || t === 'ImportDeclaration'
        || t === 'EmptyStatement' || (t === 'ExpressionStatement' && statement.directive)) continue;
    if ((t === 'ExportNamedDeclaration' || t === 'ExportDefaultDeclaration') && statement.declaration
        && /Declaration$/.test(statement.declaration.type)) continue;
    if (t === 'ExportNamedDeclaration' || t === 'ExportAllDeclaration') continue;
    const inside = functions.filter((f) => f.node.start >= statement.start && f.node.end <= statement.end
      && !(f.parent && f.parent.node && f.parent.node.start >= statement.start && f.parent.node.end <= statement.end && f.parent.parent));
    const blanked = inside.map((f) => f.node);
    out.push({ node: statement, line: lineAt(source, statement.start), blanked, text: blankRanges(source, statement.start, statement.end, blanked) });
  }
  return out;
}

// `static x = …` of top-level classes: initialised once, when the class was
// defined, so they behave like top-level bindings.
function staticFields(source, ast) {
  const out = [];
  for (const statement of ast.body) {
    const node = statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' ? statement.declaration : statement;
    let cls = null, className = null;
    if (node && node.type === 'ClassDeclaration') { cls = node; className = node.id && node.id.name; }
    if (node && node.type === 'VariableDeclaration') {
      for (const d of node.declarations) if (d.init && d.init.type === 'ClassExpression' && d.id.type === 'Identifier') { cls = d.init; className = d.id.name; }
    }
    if (!cls) continue;
    for (const m of cls.body.body) {
      if (m.type !== 'PropertyDefinition' || !m.static || m.computed) continue;
      const key = m.key.type === 'PrivateIdentifier' ? '#' + m.key.name : m.key.name || String(m.key.value);
      out.push({ name: (className || '<class>') + '.' + key, kind: 'static', line: lineAt(source, m.start), init: m.value,
                 source: m.value ? source.slice(m.value.start, m.value.end) : 'undefined' });
    }
  }
  return out;
}

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

// The last sources described. A save's old source is the previous save's new
// one, so a run of patches to one file describes each text once: half the cost
// of a patch to a large file. A description is not changed after it is made
// (editableTokens() adds a cache of what it derives from it). A `partial` one
// (shiftedDescription, quickanalysis.js) has no tree: only a quick edit's
// analysis takes it.
const recentDescriptions = [];
const RECENT_DESCRIPTIONS = 4;
function rememberDescription(kind, source, description) {
  recentDescriptions.unshift({ kind, source, description });
  recentDescriptions.length = Math.min(recentDescriptions.length, RECENT_DESCRIPTIONS);
}
function describeOnce(source, request) {
  const kind = sourceKind(request);
  const index = recentDescriptions.findIndex((d) => d.kind === kind && d.source === source && !d.description.partial);
  if (index >= 0) return recentDescriptions[index].description;
  const description = describe(source, request);
  rememberDescription(kind, source, description);
  return description;
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
  const newKeys = new Set(newUser.map((n) => n.info.key));
  const damagedElsewhere = [...damagedByKey.values()].filter((o) => !newKeys.has(o.info.key));
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

// ---- sending the edit so that V8 10.2 survives it ----

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
    if (loss.earlier) {
      const name = loss.newLiteral.info ? loss.newLiteral.info.name : 'a function';
      return { refuse: { message: 'not applied: an earlier patch left ' + owner + ' without a context of its own, but closures made before it still ' +
        'hold the old one, and V8 would run the new code of ' + name + ' in them: it reads `' + loss.reads + '` through that context, and the ' +
        'program would crash. Restart the program to load the edit (or leave ' + name + ' without `' + loss.reads + '` for now).' } };
    }
    const kept = loss.scope.layout.filter((e) => e.name).map((e) => '`' + e.name + '`');
    const name = loss.newLiteral.info ? loss.newLiteral.info.name : 'a function';
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
      const name = newLiteral.info ? newLiteral.info.name : 'a function';
      return { refuse: { message: 'not applied: ' + name + ' (line ' + lineAt(request.newSource, newLiteral.node.start) + ') sits in code V8 never compiles ' +
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

// ---- the quick check: may the edit go to V8 before the analysis ends? ----

// Literal tokens of a described source whose text can change without changing
// any function, scope, binding or name: strings (not directives, not module
// specifiers), numbers and template text — not the keys and assignment targets
// Graft names functions by (assignedName), nor a literal whose truth decides
// which code V8 compiles (v8scopes.js, literalValueTruthiness). Kept on the
// description.
function editableTokens(description) {
  if (description.editableTokens) return description.editableTokens;
  const tokens = [];
  const skipped = new Set();
  for (const s of description.ast.body) {
    if ((s.type === 'ImportDeclaration' || s.type === 'ExportNamedDeclaration' || s.type === 'ExportAllDeclaration') && s.source) skipped.add(s.source);
    if (s.type === 'ImportDeclaration' || s.type === 'ExportAllDeclaration' || (s.type === 'ExportNamedDeclaration' && !s.declaration)) skipped.add(s);
  }
  const skipsLiteral = (node) => node && node.type === 'Literal' && skipped.add(node);
  (function walk(node, parent) {
    if (skipped.has(node)) return;
    if (node.type === 'Property' || node.type === 'MethodDefinition' || node.type === 'PropertyDefinition') skipped.add(node.key);
    else if (node.type === 'AssignmentExpression') skipped.add(node.left);
    else if (node.type === 'IfStatement' || node.type === 'ConditionalExpression') skipsLiteral(node.test);
    else if (node.type === 'LogicalExpression') skipsLiteral(node.left);
    if (node.type === 'Literal' && (typeof node.value === 'string' || typeof node.value === 'number') && !node.regex && node.bigint === undefined) {
      const directive = parent && parent.type === 'ExpressionStatement' && parent.directive !== undefined;
      if (!directive) tokens.push({ start: node.start, end: node.end, kind: typeof node.value === 'string' ? 'string' : 'number' });
    } else if (node.type === 'TemplateElement') {
      tokens.push({ start: node.start, end: node.end, kind: 'template' });
    }
    forEachChild(node, (child) => walk(child, node));
  })(description.ast, null);
  tokens.sort((a, b) => a.start - b.start);
  description.editableTokens = tokens;
  return tokens;
}

const UNSAFE_IN = { string: /['"\\\n\r\u2028\u2029]/, template: /[`$\\{}]/ };

// The one editable token whose inside this chunk rewrites, the token staying a
// token of its kind; else null.
function tokenAround(chunk, tokens, oldSource, newSource) {
  let low = 0, high = tokens.length - 1, token = null;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (tokens[mid].start <= chunk.start) { token = tokens[mid]; low = mid + 1; } else high = mid - 1;
  }
  if (!token || chunk.end > token.end) return null;
  const removed = oldSource.slice(chunk.start, chunk.end), added = newSource.slice(chunk.newStart, chunk.newEnd);
  if (token.kind === 'number') {
    const text = oldSource.slice(token.start, chunk.start) + added + oldSource.slice(chunk.end, token.end);
    const stays = /^(0|[1-9][0-9]*)(\.[0-9]+)?$/.test(text) && /^[0-9]+(\.[0-9]+)?$/.test(oldSource.slice(token.start, token.end));
    return stays ? token : null;
  }
  const inside = token.kind === 'string' ? chunk.start > token.start && chunk.end < token.end : true;
  return inside && !UNSAFE_IN[token.kind].test(removed) && !UNSAFE_IN[token.kind].test(added) ? token : null;
}

// A literal edit only rewrites the inside of editable tokens of `description`'s
// source (request.oldSource): every function, scope, context layout and name
// stays as it is, so the new source is described from the old one
// (shiftedDescription, quickanalysis.js). Answers the old description, the
// diff's chunks and the tokens they edit, or null when the edit is not one.
// `globalThis.graftDescribeAfresh`: tests set it to have every source parsed.
function literalEdit(description, request) {
  if (globalThis.graftDescribeAfresh === true || request.oldSource === request.newSource) return null;
  const tokens = editableTokens(description);
  const chunks = A.compareStrings(request.oldSource, request.newSource, request.v8);
  const edited = new Set();
  for (const chunk of chunks) {
    const token = tokenAround(chunk, tokens, request.oldSource, request.newSource);
    if (!token) return null;
    edited.add(token);
  }
  return { before: description, chunks, tokens: [...edited].sort((a, b) => a.start - b.start) };
}

// A quick edit is a literal edit that provably needs no steps and no refusal
// (planSteps): the functions it changes are ones V8 has compiled. Then the patch
// is sent at once. Needs the old source described already (the previous
// patch's new source). Answers literalEdit()'s answer, or null.
function quickEdit(request) {
  const kind = sourceKind(request);
  const cached = recentDescriptions.find((d) => d.kind === kind && d.source === request.oldSource);
  const literal = cached ? literalEdit(cached.description, request) : null;
  if (!literal) return null;
  const literals = literal.before.model.literals;
  for (const chunk of literal.chunks) {
    // The innermost function around the chunk changes: it must have a SharedFunctionInfo (crbug 1328453).
    let innermost = null;
    for (const l of literals) if (l.start <= chunk.start && chunk.end <= l.end && (!innermost || l.start >= innermost.start)) innermost = l;
    if (!innermost || !innermost.hasSfi) return null;
    // V8 >= 10.5 refuses any change of an ES module's top level (keptModuleTopLevel).
    if (innermost.kind === 'toplevel' && request.isModule && A.refusesModuleTopLevelChanges(request.v8)) return null;
  }
  return literal;
}

// The editable tokens of a described source (editableTokens) whose edit alone
// V8 patches as it is: inside a function with a SharedFunctionInfo, and not an
// ES module's top level on V8 >= 10.5. Flat, [start, end, kind] per token
// (kind 0 string, 1 number, 2 template), for the app's own check of the next
// save (core/patch/quickedit.cpp) — the same as quickEdit, without asking.
const TOKEN_KIND = { string: 0, number: 1, template: 2 };
function quickEditTokens(description, request) {
  const literals = [...description.model.literals].sort((a, b) => a.start - b.start || b.end - a.end);
  const refusesTop = request.isModule && A.refusesModuleTopLevelChanges(request.v8);
  const out = [];
  const open = []; // literals around the sweep's position, innermost last
  let next = 0;
  for (const token of editableTokens(description)) {
    while (next < literals.length && literals[next].start <= token.start) {
      while (open.length && open[open.length - 1].end <= literals[next].start) open.pop();
      open.push(literals[next++]);
    }
    while (open.length && open[open.length - 1].end < token.end) open.pop();
    const innermost = open[open.length - 1];
    if (!innermost || !innermost.hasSfi || (refusesTop && innermost.kind === 'toplevel')) continue;
    out.push(token.start, token.end, TOKEN_KIND[token.kind]);
  }
  return out;
}

// The host calls this after sending an answer, while nothing waits: the next
// save's quick check then finds the tokens of this save's new source ready.
globalThis.graftPrepareNext = function () {
  if (recentDescriptions.length) editableTokens(recentDescriptions[0].description);
};

// Every function of one source (name, lines, text) and its top-level bindings:
// what `scopes` and `reinit` look things up in.
function outline(request) {
  const ast = parse(request.source, request.isModule);
  const { functions, bindings } = collect(request.source, ast);
  const answer = {
    functions: functions.map((f) => ({ name: f.name, line: f.line, endLine: lineAt(request.source, f.node.end), topLevel: f.topLevel,
                                       text: request.source.slice(f.node.start, f.node.end) })),
    bindings: bindings.map((b) => ({ name: b.name, kind: b.kind, line: b.line, source: b.source })),
  };
  if (typeof request.at === 'number') answer.at = nameAt(request, ast);
  return answer;
}

// Identifiers that name no variable: a member after a dot, a property's or a
// class member's key, a label, the other side of an import or export's `as`.
function namesNoVariable(parent, key) {
  if (!parent) return false;
  switch (parent.type) {
    case 'MemberExpression': return key === 'property' && !parent.computed;
    case 'Property': return key === 'key' && !parent.computed && !parent.shorthand;
    case 'PropertyDefinition': case 'MethodDefinition': return key === 'key' && !parent.computed;
    case 'LabeledStatement': case 'BreakStatement': case 'ContinueStatement': return key === 'label';
    case 'ImportSpecifier': return key === 'imported';
    case 'ExportSpecifier': return key === 'exported';
    case 'MetaProperty': return true;
    default: return false;
  }
}

// The variable the name at a source offset (UTF-16) refers to, for a hover:
// {name, scope: 'top' (the file's own top-level binding), 'local' (a parameter
// or a variable of a function or block) or 'global'}, or null where no name is.
// Resolved as V8 resolves it (v8scopes.js): the innermost scope holding the
// offset, then outwards.
function nameAt(request, ast) {
  const offset = request.at;
  let found = null;
  (function down(node, parent, key) {
    if (found || node.start > offset || node.end < offset) return;
    if (node.type === 'Identifier') { found = { node, parent, key }; return; }
    forEachChild(node, (child, childKey) => down(child, node, childKey));
  })(ast, null, null);
  if (!found || namesNoVariable(found.parent, found.key)) return null;
  const name = found.node.name;
  const model = A.buildScopeModel(request.source, sourceKind(request), ast);
  let scope = model.script;
  for (let deeper = scope; deeper;) {
    scope = deeper;
    deeper = scope.children.find((c) => c.node && c.node.start <= offset && offset < c.node.end && c !== scope);
  }
  for (let s = scope; s; s = s.parent) {
    // A class's own inner binding of its name: the same class as the declaration outside.
    if (s.type === 'class' && s.node.id && s.node.id.name === name) continue;
    const declared = s.vars.get(name) || (s.selfName && s.selfName.name === name)
      || (name === 'arguments' && s.argumentsVar);
    if (declared) return { name, scope: s === model.top ? 'top' : 'local' };
  }
  return { name, scope: 'global' };
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
