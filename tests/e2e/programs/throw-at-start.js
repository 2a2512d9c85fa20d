let ticks = 0;
setInterval(() => { ticks++; console.log('tick ' + ticks); }, 30);
throw new Error('broken at start');
