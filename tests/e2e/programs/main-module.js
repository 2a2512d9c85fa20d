const greeter = require('./greeter');
let ticks = 0;
setInterval(() => { ticks++; console.log(ticks + ' ' + greeter.greet('world')); }, 50);
