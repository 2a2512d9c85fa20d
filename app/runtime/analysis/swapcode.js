// SPDX-License-Identifier: MIT
// graft:analysis/swapcode — the code the swap engine (docs/SWAP.md) writes into
// a module: which of its functions can be swapped and why not, each one's slot
// check, and how the checks go into the module's text. No state: swapplan.js
// keeps the modules and calls these as it instruments and plans.
//
// The indirection. When a CommonJS module loads, every function the engine can
// recompile in the module's own scope — everything it uses is its own, the
// module's top level, or global ("swappable") — gets a check of its slot at the
// start of its body:
//   {if(typeof __graft$g3_7=='function')return __graft$g3_7.apply(this,arguments);}
// so every instance of it (`setInterval(tick)`, listeners, prototypes, copies in
// module.exports) runs whatever the slot holds. A slot is a property of the
// global object (the host defines it, not enumerable): V8's optimising compiler
// treats a global that has kept its value as a constant, so until a save fills
// it the check folds away, and after, the call goes straight to the new code.
// `__graft$s3`, appended to the module, is a function declaration (so it exists
// before any of the module's code runs, even in an import cycle): it evaluates
// code in the module's scope (direct eval). A statement after the directive
// prologue hands it to the program's host. A save compiles only the functions
// whose code changed and fills their slots: no heap walk, whatever the heap.
'use strict';

(function (exports) {
  const PREFIX = '__graft$';
  // Each module's evaluator is `__graft$sN`, N its number, and its slots are
  // the globals `__graft$gN_K`: the host finds a function's module and slot in
  // its text (for Function.prototype.toString).
  const evaluatorOf = (number) => PREFIX + 's' + number;
  const cellOf = (number, id) => PREFIX + 'g' + number + '_' + id;

  const literalKey = (l) => l.start + ':' + l.end;
  const userLiterals = (description) => description.model.literals.filter((l) => l.info);

  function scopesUnder(scope, out = []) {
    out.push(scope);
    for (const child of scope.children) scopesUnder(child, out);
    return out;
  }

  function variableName(v) {
    if (v.name === 'this') return '`this`';
    if (v.name === '.new.target') return '`new.target`';
    if (v.name.startsWith('#')) return 'the private name `' + v.name + '`';
    if (v.name.startsWith('.')) return "a method's home object";
    return '`' + v.name + '`';
  }

  // What each function's body holds, for all the functions of a description in
  // one walk of its tree (asking each function walked its body again for every
  // function around it): SUPER, a `super` in its own code (not in the
  // functions and classes nested in it; an arrow shares its function's), and
  // IMPORT_META, an `import.meta` anywhere in it. Function node -> flags.
  const SUPER = 1, IMPORT_META = 2;
  const nestedOwner = /^(FunctionExpression|FunctionDeclaration|ClassExpression|ClassDeclaration)$/;
  const bodyFlagsOf = new WeakMap(); // description -> Map
  function bodyFlags(description) {
    let flags = bodyFlagsOf.get(description);
    if (flags) return flags;
    flags = new Map();
    bodyFlagsOf.set(description, flags);
    // Neither keyword can be written with escapes: without its text, no node.
    if (!description.source.includes('super') && !description.source.includes('import')) return flags;
    const walkChild = (n, key, child) => {
      if (!child || typeof child.type !== 'string') return 0;
      const found = walk(child);
      if (key === 'body' && /Function/.test(n.type)) flags.set(n, found);
      return nestedOwner.test(child.type) ? found & IMPORT_META : found;
    };
    function walk(n) {
      let found = n.type === 'Super' ? SUPER : n.type === 'MetaProperty' && n.meta.name === 'import' ? IMPORT_META : 0;
      for (const key of graftAnalysis.childKeys(n)) {
        const value = n[key];
        if (Array.isArray(value)) for (const child of value) found |= walkChild(n, key, child);
        else found |= walkChild(n, key, value);
      }
      return found;
    }
    walk(description.ast);
    return flags;
  }

  // Why the engine cannot recompile this function in the module's scope, or null.
  function notSwappable(description, literal) {
    const model = description.model;
    const node = literal.node;
    if (literal.member && literal.member.kind === 'constructor') return 'it is a class constructor';
    if (node.type === 'ArrowFunctionExpression') {
      const simple = node.params.every((p) => p.type === 'Identifier' || (p.type === 'RestElement' && p.argument.type === 'Identifier'));
      if (!simple) return 'it is an arrow function with destructured or default parameters (the engine forwards an arrow\'s arguments by name)';
    } else if (!literal.scope.argumentsVar) {
      return 'it declares its own `arguments`';
    }
    const flags = bodyFlags(description).get(node) || 0;
    if (flags & SUPER) return 'it uses `super`';
    if (flags & IMPORT_META) return 'it uses `import.meta`, which code compiled later cannot';
    const inside = (scope) => { for (let s = scope; s; s = s.parent) if (s === literal.scope) return true; return false; };
    for (const s of scopesUnder(literal.scope)) {
      for (const v of s.references || []) {
        if (v === model.top.argumentsVar) return 'it uses the module\'s `arguments`, which its evaluator does not have';
        if (v.scope === model.top || inside(v.scope)) continue;
        // A class declared at the top level: its inner name is the top-level binding's class.
        const cls = v.scope.type === 'class' ? v.scope.node : null;
        if (cls && v.scope.parent === model.top && cls.type === 'ClassDeclaration' && cls.id && cls.id.name === v.name) continue;
        return 'it uses ' + variableName(v) + ' of ' + scopeOwnerName(v.scope) + ', which the engine cannot reach from the module\'s scope';
      }
    }
    return null;
  }

  // What a live instance's slot check hands to the new code: an arrow has no
  // `arguments`, so it passes on its parameters by position (and a rest
  // parameter whole); a function passes `arguments`, whatever its new parameters.
  function forwarding(literal) {
    const node = literal.node;
    if (node.type !== 'ArrowFunctionExpression') return 'arguments';
    const rest = node.params.length && node.params[node.params.length - 1].type === 'RestElement';
    return node.params.length + (rest ? '+rest' : '');
  }

  const paramsText = (literal, source) => literal.node.params.map((p) => source.slice(p.start, p.end)).join(', ');

  // The slot check at the start of a swappable function's body, as insertions
  // into its text ({at, text, depth}); a concise arrow gets its body wrapped.
  // `typeof`: before the module hands over (in an import cycle) the slot is not
  // yet defined, and the function runs its own code.
  function slotCheck(source, number, literal, id, depth) {
    const node = literal.node;
    const slot = cellOf(number, id);
    const filled = 'typeof ' + slot + "=='function'";
    if (node.type === 'ArrowFunctionExpression') {
      const args = node.params.map((p) => (p.type === 'RestElement' ? '...' + p.argument.name : p.name)).join(',');
      if (node.body.type !== 'BlockStatement') {
        return [{ at: node.body.start, text: '(' + filled + '?' + slot + '(' + args + '):(', depth, owner: literal, opens: true },
                { at: node.body.end, text: ')/*__graft$*/)', depth, owner: literal, opens: false }];
      }
      return [{ at: checkAt(node.body, source), text: '{if(' + filled + ')return ' + slot + '(' + args + ');}', depth, owner: literal, opens: true }];
    }
    let call;
    if (node.generator) call = 'return yield* ' + slot + '.apply(this,arguments)';
    else if (literal.member || node.async) call = 'return ' + slot + '.apply(this,arguments)';
    else call = 'return new.target?Reflect.construct(' + slot + ',arguments,new.target):' + slot + '.apply(this,arguments)';
    const check = [{ at: checkAt(node.body, source), text: '{if(' + filled + ')' + call + ';}', depth, owner: literal, opens: true }];
    if (!node.generator) return check;
    // A generator's activation outlives its call: suspended at a `yield`, it
    // resumes the code it started with. Each activation holds a token of its
    // slot until it finishes (or is collected), so a save can count those that
    // run the old code (swap-host.js). Kept in the compiled new code too (`track`).
    // (Before the module hands over its evaluator, in an import cycle, no count.)
    const token = PREFIX + 't';
    return check.concat([
      { at: checkAt(node.body, source), text: 'const ' + token + '=(' + evaluatorOf(number) + '.t||Object)(' + id + ');try{', depth, owner: literal, opens: true, track: true },
      { at: node.body.end - 1, text: '}finally{(' + evaluatorOf(number) + '.d||Object)(' + id + ',' + token + ')}', depth, owner: literal, opens: false, track: true },
    ]);
  }

  // Where a function's slot check goes: on the line of its first statement,
  // just before it, so that a debugger stepping into the function stops on the
  // user's first line, not on the one with the `{` (an empty body: after the `{`).
  function checkAt(block, source) {
    const at = bodyStart(block, source);
    const first = block.body.find((statement) => statement.type !== 'ExpressionStatement' || statement.directive === undefined);
    return first ? { ...at, position: first.start } : at;
  }

  // After the `{` and the directive prologue ('use strict' must stay first).
  function bodyStart(block, source) {
    let at = block.start + 1;
    for (const statement of block.body) {
      if (statement.type !== 'ExpressionStatement' || statement.directive === undefined) break;
      at = statement.end;
    }
    return { position: at, needsSemicolon: at !== block.start + 1 && source[at - 1] !== ';' };
  }

  function normalise(insertion) {
    if (typeof insertion.at === 'object') {
      insertion.text = (insertion.at.needsSemicolon ? ';' : '') + insertion.text;
      insertion.at = insertion.at.position;
    }
    return insertion;
  }

  function depthOf(literal) {
    let depth = 0;
    for (let o = literal.outer; o; o = o.outer) depth++;
    return depth;
  }

  // source[start, end) with the slot checks of the functions inside `within`
  // (a function's whole node), leaving out `skip`'s own. At one position,
  // closing text of inner functions comes before that of outer ones, and
  // closing before opening.
  function insertionOrder(a, b) {
    return a.at - b.at || (a.opens - b.opens) || (a.opens ? a.depth - b.depth : b.depth - a.depth);
  }

  // How far into each swappable function's text (V8's Function.prototype.toString
  // of it, as the module loaded) its own check's slot is, by slot. An inner function's
  // check can come first (a default parameter's arrow; or in a function that
  // cannot be swapped, or the module's own wrapper, the first check is an inner
  // one's): the host tells a function's own check by this offset.
  function ownCheckOffsets(source, checks, ids, literals) {
    const sorted = checks.slice().sort(insertionOrder);
    const before = [0]; // before[j]: the length of the texts of sorted[0..j)
    for (const i of sorted) before.push(before[before.length - 1] + i.text.length);
    const index = new Map(sorted.map((i, j) => [i, j]));
    const ownCheck = new Map();
    for (const i of sorted) if (i.opens && !i.track && !ownCheck.has(i.owner)) ownCheck.set(i.owner, i);
    const firstAfter = (position) => {
      let low = 0, high = sorted.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (sorted[middle].at <= position) low = middle + 1;
        else high = middle;
      }
      return low;
    };
    const offsets = [];
    for (const l of literals) {
      const entry = ids.get(literalKey(l));
      const own = entry && ownCheck.get(l);
      if (!own) continue;
      const start = toStringStart(source, l);
      // Where the host's pattern finds the check: at its slot's name.
      offsets[entry.id] = own.at - start + before[index.get(own)] - before[firstAfter(start)] + own.text.indexOf(PREFIX + 'g');
    }
    return offsets;
  }

  function withInsertions(source, start, end, insertions, skip, within = { start, end }) {
    const inside = insertions.filter((i) => (i.owner !== skip || i.track) && i.owner.node.start >= within.start && i.owner.node.end <= within.end);
    inside.sort(insertionOrder);
    const parts = [];
    let cursor = start;
    for (const i of inside) {
      parts.push(source.slice(cursor, i.at), i.text);
      cursor = i.at;
    }
    parts.push(source.slice(cursor, end));
    return parts.join('');
  }

  // `within`: only the functions inside these nodes (what a save compiles).
  function slotChecks(description, number, ids, within = null) {
    const out = [];
    const inside = (l) => !within || within.some((node) => l.node.start >= node.start && l.node.end <= node.end);
    for (const l of userLiterals(description)) {
      if (!inside(l)) continue;
      const entry = ids.get(literalKey(l));
      if (entry) out.push(...slotCheck(description.source, number, l, entry.id, depthOf(l)).map(normalise));
    }
    return out;
  }

  // The slots whose global must not start as a constant: a sloppy function
  // with simple parameters that mentions `arguments` has them aliased by its
  // arguments object, and when its check folds away, Node 22 and 24 (V8 12.4,
  // 13.6) run it ~10x slower than without the check (docs/PERFORMANCE.md). Its
  // slot is made an ordinary global (a load and a compare) from the start.
  function keptVariable(literal) {
    const scope = literal.scope;
    return forwarding(literal) === 'arguments' && !!scope && !scope.strict && !!scope.simpleParameters && literal.node.params.length > 0;
  }

  function variableSlots(description, ids, from = 0) {
    const out = [];
    for (const l of userLiterals(description)) {
      const entry = ids.get(literalKey(l));
      if (entry && entry.id >= from && keptVariable(l)) out.push(entry.id);
    }
    return out.sort((a, b) => a - b);
  }

  exports.swapCode = { PREFIX, evaluatorOf, literalKey, userLiterals, scopesUnder, notSwappable, forwarding, paramsText,
    bodyStart, normalise, ownCheckOffsets, withInsertions, slotChecks, variableSlots };
})(globalThis.graftAnalysis = globalThis.graftAnalysis || {});
