// What a program can see of the runtime it runs on: Graft must leave no trace.
console.log('execArgv ' + JSON.stringify(process.execArgv));
console.log('env ' + Object.keys(process.env).filter((name) => name === 'GRAFT_AGENT').join(','));
console.log('global ' + Object.getOwnPropertySymbols(globalThis).map(String).filter((s) => /graft/i.test(s)).join(','));
console.log('frames ' + new Error('here').stack.split('\n').length);
setInterval(() => {}, 1000);
