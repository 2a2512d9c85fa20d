// SPDX-License-Identifier: MIT
// graft:analysis/quickanalysis — the description of a source a literal edit
// made (quickedit.js, literalEdit), from the description of the source it
// edited: no parse, no scope model, no walk of the tree. Such an edit rewrites
// the inside of literal tokens only, none that names a function or decides
// what V8 compiles, and adds or removes no line: every node, function, scope,
// binding and statement stays, at a position moved by the edits before it, and
// with a new text where an edited token lies inside it. So the analysis of the
// edit, and the swap engine's plan of it, are the same as from a fresh
// description (tests/e2e/quickanalysis.js checks that they are), for a
// fraction of the cost: a large module's analysis then no longer competes with
// LiveEdit for the CPU, and a swap's plan takes a fifth of the time.
//
// A shifted description is made from the *base*: the last description of the
// run of literal edits that was parsed, with each edited token's growth so
// far. Its tree is the base's, seen through proxies that move positions (and
// give edited tokens their new value), so nothing is copied that is not read
// and a long run of edits costs what one does. Scopes are the base's (a
// literal edit changes no context layout). It is `partial` for the analyzer's
// describeOnce(), which parses an edit that is not a literal edit afresh.

// Where an offset of the base source lands in the new one, given each edited
// base token's growth (`grown`: token -> delta). A boundary never lies inside
// an edited token (tokens are leaves); one at a token's start stays, one at its
// end moves with the edit. `start`: for the start of a node, which an edit of
// an empty token there (a template's `${a}${b}`) does not move.
function positionShifts(grown) {
  const shift = (x, starts) => {
    let moved = x;
    for (const [token, delta] of grown) if (token.end <= x && (!starts || token.start < x)) moved += delta;
    return moved;
  };
  return { start: (x) => shift(x, true), end: (x) => shift(x, false) };
}

// The base's tree as it reads in the new source: positions moved, and the
// edited tokens' values as acorn would give them.
function shiftedTree(grown, start, end, source) {
  const editedNodes = new Map(); // base Literal / TemplateElement -> its new value and raw
  const views = new WeakMap();
  const newValue = (node) => {
    if (!editedNodes.has(node)) {
      const raw = source.slice(start(node.start), end(node.end));
      const value = node.type === 'TemplateElement'
        ? { raw, cooked: acorn.parseExpressionAt('`' + raw + '`', 0, { ecmaVersion: 'latest' }).quasis[0].value.cooked }
        : acorn.parseExpressionAt(raw, 0, { ecmaVersion: 'latest' }).value;
      editedNodes.set(node, { value, raw });
    }
    return editedNodes.get(node);
  };
  const edited = (node) => {
    for (const token of grown.keys()) if (token.start === node.start && token.end === node.end) return true;
    return false;
  };
  const handler = {
    get(target, key) {
      if (key === 'start') return start(target.start);
      if (key === 'end') return end(target.end);
      if ((key === 'value' || key === 'raw') && (target.type === 'Literal' || target.type === 'TemplateElement') && edited(target)) {
        const now = newValue(target);
        return key === 'raw' ? now.raw : now.value;
      }
      return view(target[key]);
    },
  };
  function view(value) {
    if (!value || typeof value !== 'object') return value;
    let seen = views.get(value);
    if (!seen) {
      seen = new Proxy(value, handler);
      views.set(value, seen);
    }
    return seen;
  }
  return view;
}

// The new source's description; `literal`: literalEdit()'s answer for the
// edit from `literal.before` (a parsed description or a shifted one).
function shiftedDescription(source, literal) {
  const before = literal.before;
  const base = before.base || before;
  // Each base token's growth: what earlier edits of the run did, then this one.
  const grown = new Map(before.grown || []);
  for (const chunk of literal.chunks) {
    const token = literal.tokens.find((t) => t.start <= chunk.start && chunk.end <= t.end);
    const baseToken = token.base || token;
    grown.set(baseToken, (grown.get(baseToken) || 0) + (chunk.newEnd - chunk.newStart) - (chunk.end - chunk.start));
  }
  const { start, end } = positionShifts(grown);
  const node = shiftedTree(grown, start, end, source);
  // Does [from, to) of the base source hold a token edited since the base (so its text changed)?
  const holdsEdit = (from, to) => { for (const token of grown.keys()) if (from <= token.start && token.end <= to) return true; return false; };
  const text = (n, blanked, old) => (holdsEdit(n.start, n.end) ? blankRanges(source, start(n.start), end(n.end), blanked.map(node)) : old);

  const records = new Map();
  for (const f of base.named.functions) {
    records.set(f, { key: f.key, name: f.name, line: f.line, node: node(f.node), children: [], anonymousCount: f.anonymousCount,
                     parent: null, topLevel: f.topLevel, ownText: text(f.node, f.children.map((c) => c.node), f.ownText) });
  }
  for (const [f, moved] of records) {
    moved.children = f.children.map((c) => records.get(c));
    moved.parent = records.get(f.parent) || null;
  }
  const initSource = (init, old) => (init && holdsEdit(init.start, init.end) ? source.slice(start(init.start), end(init.end)) : old);
  const bindings = base.named.bindings.map((b) => ({
    name: b.name, kind: b.kind, line: b.line, init: node(b.init), blanked: b.blanked && b.blanked.map(node),
    source: initSource(b.init, b.source), compareText: b.init ? text(b.init, b.blanked, b.compareText) : b.compareText,
  }));
  const statements = base.statements.map((s) => ({ node: node(s.node), line: s.line, blanked: s.blanked.map(node), text: text(s.node, s.blanked, s.text) }));
  const staticFields = base.staticFields.map((f) => ({ name: f.name, kind: f.kind, line: f.line, init: node(f.init), source: initSource(f.init, f.source) }));

  const literals = new Map();
  for (const l of base.model.literals) {
    literals.set(l, { ...l, start: start(l.start), end: end(l.end), node: node(l.node), className: node(l.className),
                      member: node(l.member), info: l.info && records.get(l.info) });
  }
  for (const moved of literals.values()) if (moved.outer) moved.outer = literals.get(moved.outer);
  const model = { ...base.model, literals: [...literals.values()], topLiteral: literals.get(base.model.topLiteral) };

  return {
    source, partial: true, base, grown, ast: node(base.ast), named: { functions: [...records.values()], bindings }, model, statements, staticFields,
    editableTokens: editableTokens(base).map((t) => ({ start: start(t.start), end: end(t.end), kind: t.kind, base: t })),
  };
}
