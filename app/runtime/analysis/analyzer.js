// SPDX-License-Identifier: MIT
// graft:analyzer — compares the old and new source of a script: every function
// with a qualified name, how it changed, and whether LiveEdit can make its live
// instances run the new code; and every top-level binding whose initializer
// changed (top-level code is never re-run, so its live value stays the old one).
// Runs in Graft's own isolate with acorn, never in the user's program.
'use strict';

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);
// Parameters of Node's CommonJS wrapper: top-level names of every module.
const COMMONJS_NAMES = ['exports', 'require', 'module', '__filename', '__dirname'];

function parse(source, isModule) {
  return acorn.parse(source, {
    ecmaVersion: 'latest',
    sourceType: isModule ? 'module' : 'script',
    locations: true,
    allowHashBang: true,
    allowReturnOutsideFunction: !isModule,
    allowAwaitOutsideFunction: true,
  });
}

function forEachChild(node, visit) {
  for (const key of Object.keys(node)) {
    if (key === 'loc' || key === 'type' || key === 'start' || key === 'end') continue;
    const value = node[key];
    if (Array.isArray(value)) {
      for (const child of value) if (child && typeof child.type === 'string') visit(child, key);
    } else if (value && typeof value.type === 'string') {
      visit(value, key);
    }
  }
}

function patternNames(pattern, out) {
  if (!pattern) return out;
  switch (pattern.type) {
    case 'Identifier': out.push(pattern.name); break;
    case 'ObjectPattern': for (const p of pattern.properties) patternNames(p.type === 'RestElement' ? p.argument : p.value, out); break;
    case 'ArrayPattern': for (const e of pattern.elements) patternNames(e, out); break;
    case 'RestElement': patternNames(pattern.argument, out); break;
    case 'AssignmentPattern': patternNames(pattern.left, out); break;
  }
  return out;
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

// Declarations in a function's own scope (blocks are folded into it: an approximation
// that only matters when a block shadows an outer name).
function declare(scope, names) { for (const name of names) scope.add(name); }

function collect(source, isModule) {
  const ast = parse(source, isModule);
  const topScope = new Set(isModule ? [] : COMMONJS_NAMES);
  const root = { key: '', name: '<top level>', node: ast, scope: topScope, refs: new Set(), children: [], anonymousCount: 0, parent: null };
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
      const line = node.loc.start.line;
      const prefix = owner.parent ? owner.name + '/' : '';
      const displayName = anonymous ? prefix + '<anonymous@' + line + '>' : prefix + name;
      const key = uniqueKey(anonymous ? owner.key + '/<anonymous>#' + (++owner.anonymousCount) : owner.key + '/' + name);
      if (node.type === 'FunctionDeclaration' && node.id) owner.scope.add(node.id.name);
      const record = { key, name: displayName, line, node, scope: new Set(['arguments', 'this']), refs: new Set(), children: [], anonymousCount: 0, parent: owner, topLevel: !owner.parent };
      if (node.type === 'FunctionExpression' && node.id) record.scope.add(node.id.name);
      for (const param of node.params) declare(record.scope, patternNames(param, []));
      owner.children.push(record);
      functions.push(record);
      forEachChild(node, (child, key) => { if (key !== 'id') visit(child, path, record); });
    } else {
      noteScopeAndRefs(node, path, owner);
      forEachChild(node, (child) => visit(child, path, owner));
    }
    path.pop();
  }

  function noteScopeAndRefs(node, path, owner) {
    const parent = path[path.length - 2];
    switch (node.type) {
      case 'VariableDeclaration':
        for (const d of node.declarations) declare(owner.scope, patternNames(d.id, []));
        if (!owner.parent) noteBindings(node);
        break;
      case 'ClassDeclaration': if (node.id) owner.scope.add(node.id.name); break;
      case 'CatchClause': declare(owner.scope, patternNames(node.param, [])); break;
      case 'ImportSpecifier': case 'ImportDefaultSpecifier': case 'ImportNamespaceSpecifier': owner.scope.add(node.local.name); break;
      case 'Identifier': if (isReference(node, parent)) owner.refs.add(node.name); break;
    }
  }

  function isReference(node, parent) {
    if (!parent) return true;
    switch (parent.type) {
      case 'MemberExpression': return parent.object === node || parent.computed;
      case 'Property': case 'MethodDefinition': case 'PropertyDefinition': return parent.value === node || (parent.computed && parent.key === node);
      case 'VariableDeclarator': return parent.init === node;
      case 'LabeledStatement': case 'BreakStatement': case 'ContinueStatement': return false;
      case 'ClassDeclaration': case 'ClassExpression': return parent.superClass === node;
      case 'ImportSpecifier': case 'ImportDefaultSpecifier': case 'ImportNamespaceSpecifier': case 'ExportSpecifier': return false;
      case 'MetaProperty': return false;
      case 'CatchClause': return parent.param !== node;
    }
    return true;
  }

  function noteBindings(declaration) {
    for (const d of declaration.declarations) {
      if (d.id.type !== 'Identifier') continue;
      bindings.push({ name: d.id.name, kind: declaration.kind, line: d.loc.start.line, init: d.init,
                      source: d.init ? source.slice(d.init.start, d.init.end) : 'undefined' });
    }
  }

  forEachChild(ast, (child) => visit(child, [ast], root));

  // Free names of a function, nested functions included, and which of them live
  // in an enclosing (non-global) scope: those are what its closure captures.
  function freeNames(record) {
    const free = new Set();
    for (const name of record.refs) if (!record.scope.has(name)) free.add(name);
    for (const child of record.children) for (const name of freeNames(child)) if (!record.scope.has(name)) free.add(name);
    return free;
  }
  for (const record of functions) {
    const captured = [];
    for (const name of freeNames(record)) {
      for (let scope = record.parent; scope; scope = scope.parent) {
        if (scope.scope.has(name)) { captured.push(name); break; }
      }
    }
    record.captures = captured.sort();
    // Own text: nested functions blanked out, so an edit inside a child is the child's change.
    const text = blankRanges(source, record.node.start, record.node.end, record.children.map((c) => c.node));
    record.ownText = text;
  }
  // An initializer "changes" only outside the functions in it: those are patched as functions.
  for (const b of bindings) {
    if (!b.init) { b.compareText = b.source; continue; }
    // The outermost functions inside the initializer.
    const inside = functions.filter((f) => f.node.start >= b.init.start && f.node.end <= b.init.end
      && !(f.parent.node && f.parent.node.start >= b.init.start && f.parent.node.end <= b.init.end && f.parent !== root));
    b.compareText = blankRanges(source, b.init.start, b.init.end, inside.map((f) => f.node));
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

function difference(a, b) { return a.filter((x) => !b.includes(x)); }

function analyze(request) {
  const before = collect(request.oldSource, request.isModule);
  const after = collect(request.newSource, request.isModule);
  const oldByKey = new Map(before.functions.map((f) => [f.key, f]));
  const newKeys = new Set(after.functions.map((f) => f.key));
  const functions = [];
  for (const f of after.functions) {
    const old = oldByKey.get(f.key);
    if (!old) {
      functions.push(f.topLevel
        ? { name: f.name, line: f.line, change: 'added', effective: false,
            reason: 'top-level code is not re-run, so the running program never creates it; restart to get it' }
        : { name: f.name, line: f.line, change: 'added', effective: true,
            reason: 'created when the code around it next runs' });
      continue;
    }
    if (old.ownText === f.ownText) {
      functions.push({ name: f.name, line: f.line, change: 'unchanged', effective: null });
      continue;
    }
    // Full texts, for the app's check of live instances (Function.prototype.toString).
    const texts = { text: request.newSource.slice(f.node.start, f.node.end),
                    oldText: request.oldSource.slice(old.node.start, old.node.end) };
    const gained = difference(f.captures, old.captures);
    const lost = difference(old.captures, f.captures);
    if (gained.length || lost.length) {
      const parts = [];
      if (gained.length) parts.push('now captures ' + gained.join(', '));
      if (lost.length) parts.push('no longer captures ' + lost.join(', '));
      functions.push({ name: f.name, line: f.line, change: 'body', effective: false, ...texts,
                       reason: parts.join(' and ') + ': V8 keeps the old code in existing closures; new closures get the new code' });
    } else {
      functions.push({ name: f.name, line: f.line, change: 'body', effective: true, ...texts });
    }
  }
  for (const old of before.functions) {
    if (newKeys.has(old.key)) continue;
    functions.push(old.topLevel
      ? { name: old.name, line: old.line, change: 'removed', effective: false,
          reason: 'top-level code is not re-run: the running program keeps the old function' }
      : { name: old.name, line: old.line, change: 'removed', effective: null });
  }

  const oldBindings = new Map(before.bindings.map((b) => [b.name, b]));
  const bindings = [];
  for (const b of after.bindings) {
    const old = oldBindings.get(b.name);
    if (old && old.compareText === b.compareText) continue;
    bindings.push({ name: b.name, kind: b.kind, line: b.line, source: b.source, added: !old,
                    oldSource: old ? old.source : null });
  }
  // Texts of the script's top-level functions: a live instance of any of them
  // shows the module's (or script's) scope, where stale bindings live.
  const scopeHolders = after.functions.filter((f) => f.topLevel)
    .map((f) => request.newSource.slice(f.node.start, f.node.end));
  return { functions, bindings, scopeHolders };
}

// Every function of one source (name, lines, text) and its top-level bindings:
// what `scopes` and `reinit` look things up in.
function outline(request) {
  const { functions, bindings } = collect(request.source, request.isModule);
  return {
    functions: functions.map((f) => ({ name: f.name, line: f.line, endLine: f.node.loc.end.line, topLevel: f.topLevel,
                                       text: request.source.slice(f.node.start, f.node.end) })),
    bindings: bindings.map((b) => ({ name: b.name, kind: b.kind, line: b.line, source: b.source })),
  };
}

globalThis.graftAnalyze = function (requestJson) {
  try {
    const request = JSON.parse(requestJson);
    return JSON.stringify({ result: typeof request.source === 'string' ? outline(request) : analyze(request) });
  } catch (error) {
    const where = error && error.loc ? { line: error.loc.line, column: error.loc.column + 1 } : {};
    return JSON.stringify({ error: { message: String(error && error.message || error), ...where } });
  }
};
