// SPDX-License-Identifier: MIT
// graft:analysis/v8scopes — V8 10.2's view of one source: its function literals
// (with the positions V8 gives them) and its scope tree with the context-slot
// layout of every scope (src/ast/scopes.cc). LiveEdit decides from exactly this
// whether a live closure can take new code (see liveeditrule.js), so the model
// follows V8's rules rather than the language's:
//  - a variable lives in a context slot when an inner *function* (arrows too)
//    refers to it, when a direct eval can see it, or when it is a catch
//    parameter; otherwise on the stack, or nowhere if it is never used;
//  - slots are numbered per scope from the context header (2 slots; 3 when a
//    sloppy eval may add variables): the receiver `this` first (when an arrow
//    uses it), then parameters from last to first, then the other variables in
//    the order they were declared (`.new.target` and `.this_function` first,
//    `arguments` after the body's declarations), a named function expression's
//    own name last;
//  - sloppy functions with simple parameters that use `arguments` put every
//    parameter in the context (mapped arguments);
//  - a block, for-head or switch scope exists only if something is declared in
//    it; class scopes always exist (class name, private names, brand);
//  - a literal gets a SharedFunctionInfo when its enclosing function is
//    compiled only if the bytecode generator visits it: an unused function
//    declaration, or code after a return/throw/break/continue, is skipped.
// Built from acorn's ESTree AST; runs in Graft's analysis isolate.
'use strict';

(function (exports) {
  const COMMONJS_PARAMETERS = ['exports', 'require', 'module', '__filename', '__dirname'];

  const { Scope, resolveReferences, allocateContexts, markUnusedDeclarations } = exports.v8Contexts;

  // acorn gives every node of a type the same keys: list them once per type.
  const CHILD_KEYS = new Map();
  function childKeys(node) {
    let keys = CHILD_KEYS.get(node.type);
    if (!keys) {
      keys = Object.keys(node).filter((k) => k !== 'type' && k !== 'start' && k !== 'end' && k !== 'loc');
      CHILD_KEYS.set(node.type, keys);
    }
    return keys;
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

  function hasUseStrict(body) {
    for (const statement of body) {
      if (statement.type !== 'ExpressionStatement' || !statement.directive) return false;
      if (statement.directive === 'use strict') return true;
    }
    return false;
  }

  // Statements V8's bytecode generator never visits: after a return, throw,
  // break or continue in the same list (BytecodeArrayBuilder's dead code).
  function liveStatements(list) {
    const out = [];
    for (const statement of list) {
      out.push(statement);
      if (['ReturnStatement', 'ThrowStatement', 'BreakStatement', 'ContinueStatement'].includes(statement.type)) break;
    }
    return out;
  }

  function literalValueTruthiness(node) {
    if (!node || node.type !== 'Literal') return null;
    if (node.regex) return true;
    return !!node.value;
  }

  function build(source, kind, ast) {
    const literals = [];
    const references = []; // { name, scope } resolved once every declaration is known
    const script = new Scope(kind === 'module' ? 'module' : 'script', null, ast);
    script.strict = kind === 'module';
    let top = script;
    const topLiteral = { id: 0, start: 0, end: source.length, scope: script, outer: null, node: ast, synthetic: true,
                         topLevel: true, hasSfi: true, kind: 'toplevel' };
    literals.push(topLiteral);
    if (kind === 'commonjs') {
      // Node compiles a CommonJS module as the body of a function with these
      // parameters (ScriptCompiler::CompileFunction): a "wrapped" literal.
      top = new Scope('function', script, ast);
      top.strict = hasUseStrict(ast.body);
      top.receiver = { name: 'this', scope: top, used: false, forced: false, slot: -1 };
      top.declare('.new.target', 'const');
      for (const name of COMMONJS_PARAMETERS) top.params.push(top.declare(name, 'param'));
      declareArguments(top);
      const wrapper = { id: 1, start: 0, end: source.length, scope: top, outer: topLiteral, node: ast, synthetic: true,
                        topLevel: true, hasSfi: true, kind: 'wrapper' };
      top.literal = wrapper;
      literals.push(wrapper);
    } else if (kind === 'module' || kind === 'script') {
      script.literal = topLiteral;
      if (kind === 'script') script.strict = hasUseStrict(ast.body);
    }

    const addReference = (name, scope) => references.push({ name, scope });
    const exportedLocals = []; // `export { a }`: a lives in a module cell
    let deadDepth = 0; // > 0 while visiting code the bytecode generator skips

    function newLiteral(node, scope, outer, start, end, extra) {
      const literal = Object.assign({ id: literals.length, node, start, end, scope, outer, synthetic: false,
                                      hasSfi: deadDepth === 0 && outer.hasSfi,
                                      topLevel: outer.kind === 'wrapper' || (outer.kind === 'toplevel' && kind !== 'commonjs') },
                                    extra || {});
      literals.push(literal);
      scope.literal = literal;
      return literal;
    }

    // V8's start position of a function literal: the `(` of its parameters
    // (the parameter itself for `a => a`); the end: after its last token.
    function parametersStart(node) {
      if (node.type === 'ArrowFunctionExpression') {
        if (!node.async) return node.start;
        const after = node.start + 'async'.length;
        return after + (source.slice(after).length - source.slice(after).trimStart().length);
      }
      // A method's value starts at its `(` in acorn; a function after its name.
      if (source[node.start] === '(') return node.start;
      const from = node.id ? node.id.end : node.start;
      const open = source.indexOf('(', from);
      return open >= 0 ? open : node.start;
    }

    // ---- phase 1: scopes, declarations, references, literals ----
    function visitFunction(node, scope, outer, options) {
      const arrow = node.type === 'ArrowFunctionExpression';
      const fnScope = new Scope(arrow ? 'arrow' : 'function', scope, node);
      if (!arrow) {
        fnScope.receiver = { name: 'this', scope: fnScope, used: false, forced: false, slot: -1 };
        fnScope.declare('.new.target', 'const');
        if (options && options.method) fnScope.declare('.this_function', 'const');
      }
      if (node.body.type === 'BlockStatement' && hasUseStrict(node.body.body)) fnScope.strict = true;
      const literal = newLiteral(node, fnScope, outer, parametersStart(node), node.end,
                                 { kind: options && options.method ? 'method' : node.type });
      if (node.type === 'FunctionExpression' && node.id) fnScope.selfName = { name: node.id.name, scope: fnScope, used: false, forced: false, slot: -1 };
      fnScope.simpleParameters = node.params.every((p) => p.type === 'Identifier');
      for (const param of node.params) for (const name of patternNames(param, [])) fnScope.params.push(fnScope.declare(name, 'param'));
      // Default values and destructuring defaults are code in the parameter scope.
      for (const param of node.params) visitPattern(param, fnScope, literal, true);
      const bodyScope = fnScope.simpleParameters ? fnScope : new Scope('varblock', fnScope, node.body);
      if (node.body.type === 'BlockStatement') {
        visitBlockBody(node.body.body, bodyScope, literal);
      } else {
        visitExpression(node.body, fnScope, literal);
      }
      if (!arrow) declareArguments(fnScope);
      return literal;
    }

    // V8 declares `arguments` after the body, unless a parameter or variable
    // of that name hides it.
    function declareArguments(fnScope) {
      if (!fnScope.vars.has('arguments')) fnScope.argumentsVar = { name: 'arguments', scope: fnScope, used: false, forced: false, slot: -1 };
    }

    // Statements after a return/throw/break/continue are never compiled; the
    // function declarations among them still are (declarations are visited when
    // their scope is entered, not in statement order).
    function visitBlockBody(list, scope, outer) {
      const live = liveStatements(list);
      for (const statement of live) visitStatement(statement, scope, outer);
      for (const statement of list.slice(live.length)) {
        if (statement.type === 'FunctionDeclaration') visitStatement(statement, scope, outer);
        else visitDead(() => visitStatement(statement, scope, outer));
      }
    }

    // Code V8 never compiles: its literals exist in the parse (and in LiveEdit's
    // matching) but get no SharedFunctionInfo. Scopes and references still count.
    function visitDead(visit) {
      deadDepth++;
      try { visit(); } finally { deadDepth--; }
    }

    function visitPattern(pattern, scope, outer, inParameters) {
      if (!pattern) return;
      switch (pattern.type) {
        case 'Identifier': if (!inParameters) addReference(pattern.name, scope); break;
        case 'ObjectPattern':
          for (const p of pattern.properties) {
            if (p.type === 'RestElement') visitPattern(p.argument, scope, outer, inParameters);
            else { if (p.computed) visitExpression(p.key, scope, outer); visitPattern(p.value, scope, outer, inParameters); }
          }
          break;
        case 'ArrayPattern': for (const e of pattern.elements) visitPattern(e, scope, outer, inParameters); break;
        case 'RestElement': visitPattern(pattern.argument, scope, outer, inParameters); break;
        case 'AssignmentPattern': visitPattern(pattern.left, scope, outer, inParameters); visitExpression(pattern.right, scope, outer); break;
        case 'MemberExpression': visitExpression(pattern, scope, outer); break;
      }
    }

    function declareVariables(declaration, scope) {
      const target = declaration.kind === 'var' ? scope.declarationScope() : scope;
      for (const d of declaration.declarations) for (const name of patternNames(d.id, [])) target.declare(name, declaration.kind);
    }

    function visitStatement(node, scope, outer) {
      if (!node) return;
      switch (node.type) {
        case 'FunctionDeclaration': {
          // Declared where it is parsed: the order of declarations is the order
          // of context slots. In a block it is block-scoped.
          const v = scope.declare(node.id.name, scope.type === 'block' ? 'let' : 'var');
          const literal = visitFunction(node, scope, outer);
          literal.declaredAs = v;
          break;
        }
        case 'VariableDeclaration':
          declareVariables(node, scope);
          for (const d of node.declarations) {
            visitPattern(d.id, scope, outer, false);
            if (d.init) visitExpression(d.init, scope, outer);
          }
          break;
        case 'ClassDeclaration':
          scope.declare(node.id.name, 'let');
          addReference(node.id.name, scope); // the declaration initialises it
          visitClass(node, scope, outer);
          break;
        case 'BlockStatement': {
          const block = new Scope('block', scope, node);
          visitBlockBody(node.body, block, outer);
          break;
        }
        case 'ExpressionStatement': visitExpression(node.expression, scope, outer); break;
        case 'IfStatement': {
          visitExpression(node.test, scope, outer);
          const truth = literalValueTruthiness(node.test);
          if (truth === false) visitDead(() => visitStatement(node.consequent, scope, outer));
          else visitStatement(node.consequent, scope, outer);
          if (node.alternate) {
            if (truth === true) visitDead(() => visitStatement(node.alternate, scope, outer));
            else visitStatement(node.alternate, scope, outer);
          }
          break;
        }
        case 'ForStatement': {
          const head = new Scope('block', scope, node);
          if (node.init) { if (node.init.type === 'VariableDeclaration') visitStatement(node.init, head, outer); else visitExpression(node.init, head, outer); }
          visitExpression(node.test, head, outer);
          visitExpression(node.update, head, outer);
          visitStatement(node.body, head, outer);
          break;
        }
        case 'ForInStatement': case 'ForOfStatement': {
          const head = new Scope('block', scope, node);
          if (node.left.type === 'VariableDeclaration') visitStatement(node.left, head, outer); else visitPattern(node.left, head, outer, false);
          visitExpression(node.right, head, outer);
          visitStatement(node.body, head, outer);
          break;
        }
        case 'WhileStatement': case 'DoWhileStatement':
          visitExpression(node.test, scope, outer); visitStatement(node.body, scope, outer); break;
        case 'ReturnStatement': case 'ThrowStatement': visitExpression(node.argument, scope, outer); break;
        case 'TryStatement':
          visitStatement(node.block, scope, outer);
          if (node.handler) {
            let catchScope = scope;
            if (node.handler.param) {
              catchScope = new Scope('catch', scope, node.handler);
              for (const name of patternNames(node.handler.param, [])) catchScope.declare(name, 'catch');
              visitPattern(node.handler.param, catchScope, outer, true);
            }
            visitStatement(node.handler.body, catchScope, outer);
          }
          visitStatement(node.finalizer, scope, outer);
          break;
        case 'SwitchStatement': {
          visitExpression(node.discriminant, scope, outer);
          const cases = new Scope('block', scope, node);
          for (const c of node.cases) {
            visitExpression(c.test, cases, outer);
            for (const statement of c.consequent) visitStatement(statement, cases, outer);
          }
          break;
        }
        case 'LabeledStatement': visitStatement(node.body, scope, outer); break;
        case 'WithStatement': visitExpression(node.object, scope, outer); scope.closureScope().callsEval = true; visitStatement(node.body, scope, outer); break;
        case 'ExportNamedDeclaration':
          if (node.declaration) {
            visitStatement(node.declaration, scope, outer);
            const names = node.declaration.type === 'VariableDeclaration'
              ? node.declaration.declarations.flatMap((d) => patternNames(d.id, [])) : [node.declaration.id.name];
            for (const n of names) Object.assign(scope.vars.get(n), { exported: true, module: true, used: true });
          } else if (!node.source) {
            for (const s of node.specifiers) exportedLocals.push([s.local.name, scope]);
          }
          break;
        case 'ExportDefaultDeclaration':
          if (node.declaration.type === 'FunctionDeclaration' || node.declaration.type === 'ClassDeclaration') {
            if (node.declaration.id) visitStatement(node.declaration, scope, outer);
            else if (node.declaration.type === 'FunctionDeclaration') visitFunction(node.declaration, scope, outer);
            else visitClass(node.declaration, scope, outer);
            if (node.declaration.id) Object.assign(scope.vars.get(node.declaration.id.name), { exported: true, module: true, used: true });
          } else {
            visitExpression(node.declaration, scope, outer);
          }
          break;
        case 'ImportDeclaration':
          for (const s of node.specifiers) { const v = scope.declare(s.local.name, 'import'); v.module = true; }
          break;
        default: break; // Empty, Debugger, Break, Continue, ExportAll
      }
    }

    function visitClass(node, scope, outer) {
      if (node.superClass) visitExpression(node.superClass, scope, outer);
      const classScope = new Scope('class', scope, node);
      classScope.strict = true;
      if (node.id) classScope.declare(node.id.name, 'const');
      let instanceInit = null, staticInit = null, hasPrivateMethods = false, explicitConstructor = false;
      const members = node.body.body;
      for (const m of members) {
        if (m.key && m.key.type === 'PrivateIdentifier') {
          const v = classScope.declare('#' + m.key.name, 'const');
          v.forced = true; v.used = true; // private names live in the class context
          if (m.type === 'MethodDefinition') hasPrivateMethods = true;
        }
      }
      if (hasPrivateMethods) { const brand = classScope.declare('.brand', 'const'); brand.forced = true; brand.used = true; }
      for (const m of members) {
        if (m.computed) visitExpression(m.key, classScope, outer);
        if (m.type === 'MethodDefinition') {
          if (m.kind === 'constructor') explicitConstructor = true;
          const literal = visitFunction(m.value, classScope, outer, { method: true });
          literal.member = m;
          literal.className = node;
          literal.start = parametersStart(m.value);
        } else if (m.type === 'PropertyDefinition' || m.type === 'StaticBlock') {
          const isStatic = m.type === 'StaticBlock' || m.static;
          let init = isStatic ? staticInit : instanceInit;
          if (!init) {
            const initScope = new Scope('initializer', classScope, m);
            initScope.strict = true;
            initScope.receiver = { name: 'this', scope: initScope, used: false, forced: false, slot: -1 };
            initScope.declare('.new.target', 'const');
            init = newLiteral(m, initScope, outer, m.start, node.body.end, { synthetic: true, kind: isStatic ? 'static-initializer' : 'instance-initializer' });
            if (!outer.hasSfi) init.hasSfi = false;
            if (isStatic) staticInit = init; else instanceInit = init;
          }
          if (m.type === 'StaticBlock') { const block = new Scope('block', init.scope, m); visitBlockBody(m.body, block, init); }
          else if (m.value) visitExpression(m.value, init.scope, init);
        }
      }
      if (!explicitConstructor) {
        // V8 synthesises a constructor literal spanning the class.
        const ctorScope = new Scope('function', classScope, node);
        ctorScope.receiver = { name: 'this', scope: ctorScope, used: false, forced: false, slot: -1 };
        ctorScope.declare('.new.target', 'const');
        const ctor = newLiteral(node, ctorScope, outer, node.start, node.end, { synthetic: true, kind: 'default-constructor' });
        if (!outer.hasSfi) ctor.hasSfi = false;
      }
    }

    function visitExpression(node, scope, outer) {
      if (!node) return;
      switch (node.type) {
        case 'Identifier': addReference(node.name, scope); return;
        case 'ThisExpression': addReference('this', scope); return;
        case 'Super': addReference('.super', scope); return;
        case 'MetaProperty': if (node.meta.name === 'new') addReference('.new.target', scope); return;
        case 'FunctionExpression': case 'ArrowFunctionExpression': visitFunction(node, scope, outer); return;
        case 'ClassExpression': visitClass(node, scope, outer); return;
        case 'MemberExpression':
          visitExpression(node.object, scope, outer);
          if (node.computed) visitExpression(node.property, scope, outer);
          else if (node.property.type === 'PrivateIdentifier') addReference('#' + node.property.name, scope);
          return;
        case 'CallExpression':
          if (node.callee.type === 'Identifier' && node.callee.name === 'eval') {
            // A direct eval can see (and, sloppy, extend) every enclosing scope.
            for (let s = scope; s; s = s.parent) s.callsEval = true;
            if (!scope.strict) scope.declarationScope().sloppyEval = true;
          }
          visitExpression(node.callee, scope, outer);
          for (const a of node.arguments) visitExpression(a, scope, outer);
          return;
        case 'Property':
          if (node.computed) visitExpression(node.key, scope, outer);
          if (node.method || node.kind === 'get' || node.kind === 'set') {
            const literal = visitFunction(node.value, scope, outer, { method: true });
            literal.member = node;
          } else if (node.shorthand && node.value.type === 'Identifier') {
            addReference(node.value.name, scope);
          } else {
            visitExpression(node.value, scope, outer);
          }
          return;
        case 'ObjectExpression': for (const p of node.properties) visitExpression(p, scope, outer); return;
        case 'SpreadElement': visitExpression(node.argument, scope, outer); return;
        case 'AssignmentExpression':
          if (node.left.type === 'Identifier') addReference(node.left.name, scope); else visitPattern(node.left, scope, outer, false);
          visitExpression(node.right, scope, outer);
          return;
        case 'ObjectPattern': case 'ArrayPattern': case 'AssignmentPattern': case 'RestElement': visitPattern(node, scope, outer, false); return;
        case 'PrivateIdentifier': addReference('#' + node.name, scope); return; // `#x in obj`
        case 'LogicalExpression': {
          visitExpression(node.left, scope, outer);
          const truth = literalValueTruthiness(node.left);
          const skipped = (node.operator === '||' && truth === true) || (node.operator === '&&' && truth === false);
          if (skipped) visitDead(() => visitExpression(node.right, scope, outer));
          else visitExpression(node.right, scope, outer);
          return;
        }
        case 'ConditionalExpression': {
          visitExpression(node.test, scope, outer);
          const truth = literalValueTruthiness(node.test);
          if (truth === false) visitDead(() => visitExpression(node.consequent, scope, outer));
          else visitExpression(node.consequent, scope, outer);
          if (truth === true) visitDead(() => visitExpression(node.alternate, scope, outer));
          else visitExpression(node.alternate, scope, outer);
          return;
        }
        case 'Literal': return;
        default:
          for (const key of childKeys(node)) {
            const value = node[key];
            if (Array.isArray(value)) { for (const child of value) if (child && typeof child.type === 'string') visitExpression(child, scope, outer); }
            else if (value && typeof value.type === 'string') visitExpression(value, scope, outer);
          }
      }
    }

    if (kind === 'commonjs') {
      visitBlockBody(ast.body, top, literals[1]);
    } else {
      visitBlockBody(ast.body, top, topLiteral);
    }

    for (const [name, scope] of exportedLocals) {
      const v = scope.vars.get(name);
      if (v) Object.assign(v, { exported: true, module: true, used: true });
    }

    // ---- phase 2: resolve references; phase 3: allocate context slots (v8contexts.js) ----
    resolveReferences(references);
    allocateContexts(script, kind);
    markUnusedDeclarations(literals, kind);
    return { literals, topLiteral, script, top };
  }

  exports.buildScopeModel = build;
  exports.patternNames = patternNames;
  exports.childKeys = childKeys;
})(globalThis.graftAnalysis = globalThis.graftAnalysis || {});
