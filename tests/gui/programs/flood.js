"use strict";
// Writes as fast as the pipe takes it: the workbench must stay responsive and bounded.
let n = 0;
function burst() {
  let text = '';
  for (let i = 0; i < 2000; i++)
    text += 'line ' + (++n) + '\n';
  process.stdout.write(text, burst);
}
burst();
