"use strict";
// Beats until a timer starts a loop that never ends; Stop must end the loop only.
let beats = 0;
setInterval(() => { beats++; console.log('beat ' + beats); }, 50);
setTimeout(function spin() { console.log('spinning'); while (true) {} }, 300);
