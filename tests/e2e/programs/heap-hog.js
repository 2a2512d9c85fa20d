let beats = 0;
setInterval(() => { beats++; console.log('beat ' + beats); }, 50);
setTimeout(function hog() {
  const keep = [];
  for (;;) keep.push(new Array(100000).fill(beats));
}, 100);
