let beats = 0;
globalThis.alive = () => beats;
setInterval(() => { beats++; console.log('beat ' + beats); }, 50);
setTimeout(function spin() { console.log('spinning'); while (true) {} }, 200);
