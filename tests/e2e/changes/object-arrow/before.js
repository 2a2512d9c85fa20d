const handlers = {
  onData: (chunk) => chunk.length,
  onEnd() { return 'end'; },
};
setInterval(() => handlers.onData('abc'), 20);
