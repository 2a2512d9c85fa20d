// SPDX-License-Identifier: MIT
// graft:analysis/quickanalysis — the description of a source a quick edit made
// (analyzer.js, quickEdit), from the description of the source it edited: no
// parse, no scope model, no walk of the tree. Such an edit rewrites the inside
// of literal tokens only, none that names a function or decides what V8
// compiles, and adds or removes no line: every node, function, scope, binding
// and statement stays, at a position moved by the edits before it, and with a
// new text where an edited token lies inside it. So the analysis of the edit
// is the same as from a fresh description (tests/e2e/quickanalysis.js checks
// that it is), for a fraction of the cost: a large module's analysis then no
// longer competes with LiveEdit for the CPU.
//
// The result is `partial`: it has no tree, so describeOnce() does not take it,
// and a later edit that is not quick describes its source afresh. Scopes are
// shared with the description it comes from (a quick edit changes no context
// layout), which keeps them alive as long as a run of quick edits goes on.

// Where an offset of the old source lands in the new one. A boundary never lies
// inside an edited token (tokens are leaves); one at a token's start stays, one
// at its end moves with the edit. `start`: for the start of a node, which an
// edit of an empty token there (a template's `${a}${b}`) does not move.
function positionShifts(edited) {
  const shift = (x, starts) => {
    let moved = x;
    for (const { token, delta } of edited) if (token.end <= x && (!starts || token.start < x)) moved += delta;
    return moved;
  };
  return { start: (x) => shift(x, true), end: (x) => shift(x, false) };
}

function shiftedDescription(request, quick) {
  const source = request.newSource;
  // Each edited token and how much longer it got.
  const byToken = new Map(quick.tokens.map((token) => [token, 0]));
  for (const chunk of quick.chunks) {
    const token = quick.tokens.find((t) => t.start <= chunk.start && chunk.end <= t.end);
    byToken.set(token, byToken.get(token) + (chunk.newEnd - chunk.newStart) - (chunk.end - chunk.start));
  }
  const edited = [...byToken].map(([token, delta]) => ({ token, delta }));
  const { start, end } = positionShifts(edited);
  // Does [from, to) of the old source hold an edited token (so its text changed)?
  const holdsEdit = (from, to) => edited.some(({ token }) => from <= token.start && token.end <= to);

  const nodes = new Map();
  const node = (n) => {
    if (!n) return n;
    let moved = nodes.get(n);
    if (!moved) {
      moved = { type: n.type, start: start(n.start), end: end(n.end) };
      if (n.params) moved.params = n.params.map(node);
      nodes.set(n, moved);
    }
    return moved;
  };
  const text = (n, blanked, old) => (holdsEdit(n.start, n.end) ? blankRanges(source, start(n.start), end(n.end), blanked.map(node)) : old);

  const before = quick.before;
  const records = new Map();
  for (const f of before.named.functions) {
    records.set(f, { key: f.key, name: f.name, line: f.line, node: node(f.node), children: [], anonymousCount: f.anonymousCount,
                     parent: null, topLevel: f.topLevel, ownText: text(f.node, f.children.map((c) => c.node), f.ownText) });
  }
  for (const [f, moved] of records) {
    moved.children = f.children.map((c) => records.get(c));
    moved.parent = records.get(f.parent) || null;
  }
  const bindings = before.named.bindings.map((b) => ({
    name: b.name, kind: b.kind, line: b.line, init: node(b.init), blanked: b.blanked && b.blanked.map(node),
    source: b.init && holdsEdit(b.init.start, b.init.end) ? source.slice(start(b.init.start), end(b.init.end)) : b.source,
    compareText: b.init ? text(b.init, b.blanked, b.compareText) : b.compareText,
  }));
  const statements = before.statements.map((s) => ({ node: node(s.node), line: s.line, blanked: s.blanked.map(node), text: text(s.node, s.blanked, s.text) }));
  const staticFields = before.staticFields.map((f) => ({
    name: f.name, kind: f.kind, line: f.line, init: node(f.init),
    source: f.init && holdsEdit(f.init.start, f.init.end) ? source.slice(start(f.init.start), end(f.init.end)) : f.source,
  }));

  const literals = new Map();
  for (const l of before.model.literals) {
    literals.set(l, { ...l, start: start(l.start), end: end(l.end), node: node(l.node), className: node(l.className),
                      member: l.member && { start: start(l.member.start), static: l.member.static }, info: l.info && records.get(l.info) });
  }
  for (const moved of literals.values()) if (moved.outer) moved.outer = literals.get(moved.outer);
  const model = { ...before.model, literals: [...literals.values()], topLiteral: literals.get(before.model.topLiteral) };

  const description = {
    source, partial: true, ast: null, named: { functions: [...records.values()], bindings }, model, statements, staticFields,
    editableTokens: editableTokens(before).map((t) => ({ start: start(t.start), end: end(t.end), kind: t.kind })),
  };
  rememberDescription(sourceKind(request), source, description);
  return description;
}
