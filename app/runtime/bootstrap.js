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

require('internal/modules/cjs/loader').Module.runMain(graft.entry);
