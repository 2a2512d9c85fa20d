// Loaded by the main thread and by every worker: each thread runs its own copy.
exports.word = function word() {
  return 'alpha';
};
