// SPDX-License-Identifier: MIT
// graft:bootstrap — runs before the user's entry script, called as
// function (process, require, graft) where `require` is Node's internal require.
// It is a script of its own, so user line numbers are untouched.
'use strict';

// A stop clears this stack inside the runaway callback before terminating it;
// otherwise Node 18 exits with "async hook stack has become corrupted".
const { clearAsyncIdStack } = require('internal/async_hooks');
graft.setClearAsyncIdStack(clearAsyncIdStack);

// Uncaught errors and unhandled rejections are reported and, as in a browser tab,
// the program keeps running: in a live session the fix is one save away.
process.on('uncaughtException', (error, origin) => {
  let description;
  try {
    description = error && typeof error.stack === 'string' ? error.stack : String(error);
  } catch {
    description = 'an exception that cannot be printed';
  }
  if (origin === 'unhandledRejection')
    description = 'Unhandled promise rejection: ' + description;
  graft.reportException(error, description);
  if (graft.exitOnUncaught) {
    process.stderr.write(description + '\n');
    process.exit(1);
  }
});

// Files that require() loads without compiling them (JSON data, native addons)
// never appear as scripts: tell the app about them, so that a save of one is
// answered with why it cannot reach the program. Wrapped here, in this script,
// so that no code of Graft's shows up in the program's script list.
const { Module } = require('internal/modules/cjs/loader');
for (const [extension, kind] of [['.json', 'json'], ['.node', 'addon']]) {
  const load = Module._extensions[extension];
  if (typeof load !== 'function')
    continue;
  Module._extensions[extension] = function (module, filename) {
    const result = Reflect.apply(load, this, arguments);
    try {
      graft.fileLoaded(String(filename), kind);
    } catch {
      // telling the app must never break the program's require()
    }
    return result;
  };
}

Module.runMain(graft.entry);
