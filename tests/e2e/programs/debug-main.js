const lib = require('./debug-lib.js');
let count = 0;
const label = 'tick';
function tick() {
  count++;
  const twice = lib.double(count);
  console.log(label + ' ' + count + ' ' + twice);
}
setInterval(tick, 40);
