let beats = 0;
setInterval(() => { beats++; console.log('beat ' + beats); }, 30);
setTimeout(function deep(n = 0) { return deep(n + 1) + 1; }, 60);
