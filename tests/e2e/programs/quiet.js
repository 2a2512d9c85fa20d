let ticks = 0;
function label() { return 'a'; }
setInterval(() => { ticks++; console.log(ticks + ' ' + label()); }, 30);
