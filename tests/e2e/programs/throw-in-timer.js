let ticks = 0;
setInterval(() => { ticks++; console.log('tick ' + ticks); }, 30);
setTimeout(function explode() { throw new TypeError('broken in a timer'); }, 60);
Promise.reject(new Error('nobody handles this'));
