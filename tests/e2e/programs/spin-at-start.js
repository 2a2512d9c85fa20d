let beats = 0;
setInterval(() => { beats++; console.log('beat ' + beats); }, 30);
console.log('spinning at the top level');
while (true) {}
