// SPDX-License-Identifier: MIT
// graft:analysis/outline — a source's functions and top-level bindings (what
// `scopes` and `reinit` look things up in), and the variable a name at an
// offset refers to, for the editor's hover.

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
// Resolved as V8 resolves it (v8contexts.js): the innermost scope holding the
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
