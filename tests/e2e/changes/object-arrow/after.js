const handlers = {
  onData: (chunk) => chunk.length * 2,
  onEnd() { return 'end'; },
};
setInterval(() => handlers.onData('abc'), 20);
