// SPDX-License-Identifier: MIT
// graft:analysis/describe — everything the analysis knows of one source:
// acorn's tree, Graft's names for its functions (what the change-list shows and
// pairs by) and its top-level bindings, V8's literals and scopes (v8scopes.js),
// the top-level statements and static fields whose new text never runs. The
// files after it in the bundle (analyzer.js, editsteps.js, quickedit.js,
// quickanalysis.js, outline.js, swapplan.js) share its script scope: they ask
// describeOnce() for a source's description and read it, never change it.

const A = globalThis.graftAnalysis;
const { LITERAL_STATE } = A;

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
