// SPDX-License-Identifier: MIT
// graft:analysis/quickedit — the quick check: may the edit go to V8 before the
// analysis ends? An edit that only rewrites string, number or template text
// inside functions V8 has compiled needs no steps and no refusal; its new
// source is then described from the old one (quickanalysis.js).

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
