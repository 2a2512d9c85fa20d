// SPDX-License-Identifier: MIT
// graft:analysis/v8contexts — V8 10.2's scopes and where their variables live
// (src/ast/scopes.cc), for the scope tree v8scopes.js builds: a reference
// resolves to the innermost declaration (Scope::ResolveVariable), and a
// variable an inner function reaches is given a context slot, numbered per
// scope from the context header (AllocateVariablesRecursively). The header
// comment of v8scopes.js lists the rules.
'use strict';

(function (exports) {
  const CONTEXT_HEADER = 2;
  const CONTEXT_HEADER_EXTENDED = 3;

  class Scope {
    constructor(type, parent, node) {
      this.type = type; // script module function arrow block catch class varblock initializer
      this.parent = parent;
      this.node = node;
      this.vars = new Map(); // name -> Variable, in declaration order
      this.params = []; // function scopes: parameter variables in order
      this.receiver = null; // non-arrow function scopes: the `this` variable
      this.selfName = null; // named function expression: its own name
      this.argumentsVar = null;
      this.strict = parent ? parent.strict : false;
      this.callsEval = false; // a direct eval in this scope or an inner one
      this.sloppyEval = false; // a sloppy direct eval in this declaration scope
      this.simpleParameters = true;
      this.literal = null; // the function literal owning a function scope
      this.children = [];
      if (parent) parent.children.push(this);
    }
    isFunction() { return this.type === 'function' || this.type === 'arrow' || this.type === 'initializer'; }
    isDeclarationScope() { return this.isFunction() || this.type === 'script' || this.type === 'module' || this.type === 'varblock'; }
    // Blocks that declare nothing are removed by V8's parser (FinalizeBlockScope).
    exists() { return !((this.type === 'block' || this.type === 'varblock') && this.vars.size === 0 && !this.sloppyEval); }
    declarationScope() {
      let s = this;
      while (!s.isDeclarationScope()) s = s.parent;
      return s;
    }
    closureScope() {
      let s = this;
      while (!s.isFunction() && s.type !== 'script' && s.type !== 'module') s = s.parent;
      return s;
    }
    // The nearest scope that binds `this`: non-arrow functions and the top.
    receiverScope() {
      let s = this;
      while (s.type !== 'function' && s.type !== 'initializer' && s.type !== 'script' && s.type !== 'module') s = s.parent;
      return s;
    }
    declare(name, mode) {
      let v = this.vars.get(name);
      if (!v) {
        v = { name, mode, scope: this, used: false, forced: false, slot: -1 };
        this.vars.set(name, v);
      }
      return v;
    }
  }

  // ---- resolving references (V8's Scope::ResolveVariable) ----

  // `references`: { name, scope } of every name the code uses, resolved once
  // every declaration is known.
  function resolveReferences(references) {
    for (const ref of references) resolve(ref.name, ref.scope);
  }

  // Which variables each function's own code reads or writes: after
  // allocation, those in a context are what its bytecode reaches through the
  // context chain (liveeditrule.js checks that chain's depth).
  function noteReference(from, v) {
    const c = from.closureScope();
    if (!c.references) c.references = new Set();
    c.references.add(v);
  }

  function resolve(name, from) {
    if (name === 'this' || name === '.super') {
      const owner = from.receiverScope();
      if (!owner.receiver) return;
      noteReference(from, owner.receiver);
      owner.receiver.used = true;
      if (owner !== from.closureScope()) owner.receiver.forced = true;
      return;
    }
    if (name === '.new.target') {
      const owner = from.receiverScope();
      const v = owner.vars.get('.new.target');
      if (!v) return;
      noteReference(from, v);
      v.used = true;
      if (owner !== from.closureScope()) v.forced = true;
      return;
    }
    let crossedFunction = false;
    for (let s = from; s; s = s.parent) {
      let v = s.vars.get(name);
      if (!v && s.selfName && s.selfName.name === name) v = s.selfName;
      if (!v && name === 'arguments' && s.argumentsVar) v = s.argumentsVar;
      if (v) {
        noteReference(from, v);
        v.used = true;
        if (crossedFunction) v.forced = true;
        return;
      }
      if (s.isFunction()) crossedFunction = true;
    }
    // A global (or nothing yet): the swap engine recompiles such code when a
    // save declares the name in the module (swapplan.js).
    const c = from.closureScope();
    if (!c.unresolved) c.unresolved = new Set();
    c.unresolved.add(name);
  }

  // ---- allocating context slots (V8's AllocateVariablesRecursively) ----

  // `kind`: 'commonjs', 'module' or 'script' (a classic script's globals are
  // always allocated).
  function allocateContexts(script, kind) {
    const allScopes = [];
    (function collect(s) { allScopes.push(s); for (const c of s.children) collect(c); })(script);
    for (const s of allScopes) allocate(s);
    function allocate(s) {
      const layout = [];
      let next = s.sloppyEval ? CONTEXT_HEADER_EXTENDED : CONTEXT_HEADER;
      const inContext = (v) => {
        if (v.module) return false; // imports and exports live in module cells
        if (s.callsEval) v.used = true;
        if (s.type === 'catch') v.used = true;
        if (s.type === 'script' && kind === 'script') v.used = true; // globals are always allocated
        if (!v.used) return false;
        if (s.type === 'catch') return true;
        if (s.type === 'script' && (v.mode === 'let' || v.mode === 'const' || v.mode === 'class')) return true;
        return v.forced || s.callsEval;
      };
      const place = (v, name) => { if (inContext(v)) { v.slot = next++; layout.push({ slot: v.slot, name }); } };
      if (s.receiver) { if (s.callsEval) s.receiver.used = true; place(s.receiver, null); }
      if (s.type === 'function' && s.argumentsVar && s.argumentsVar.used && !s.strict && s.simpleParameters) {
        for (const p of s.params) { p.used = true; p.forced = true; } // mapped arguments alias the parameters
      }
      for (let i = s.params.length - 1; i >= 0; i--) place(s.params[i], s.params[i].name);
      for (const v of s.vars.values()) if (v.mode !== 'param') place(v, v.name);
      if (s.argumentsVar) place(s.argumentsVar, 'arguments');
      if (s.selfName) place(s.selfName, s.selfName.name);
      s.layout = layout;
    }
  }

  // A function declaration whose name nothing uses is never visited by the
  // bytecode generator: no SharedFunctionInfo for it or anything inside it.
  // (Globals of a classic script and exports are always allocated.)
  function markUnusedDeclarations(literals, kind) {
    for (const literal of literals) {
      if (!literal.outer) continue;
      const v = literal.declaredAs;
      const unused = v && !v.used && !(v.scope.type === 'script' && kind === 'script');
      if (unused) literal.unusedDeclaration = true;
      literal.hasSfi = literal.hasSfi && literal.outer.hasSfi && !unused;
    }
  }

  // The chain HasChangedScope walks: a literal's enclosing scopes, outermost last,
  // without the block scopes V8's parser removed.
  function outerScopes(literal) {
    const chain = [];
    for (let s = literal.scope.parent; s; s = s.parent) if (s.exists()) chain.push(s);
    return chain;
  }

  exports.v8Contexts = { Scope, resolveReferences, allocateContexts, markUnusedDeclarations };
  exports.outerScopes = outerScopes;
})(globalThis.graftAnalysis = globalThis.graftAnalysis || {});
