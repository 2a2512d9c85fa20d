// Throws when asked (globalThis.boom), and catches an error of its own every tick.
let n = 0;
function check() {
  try {
    JSON.parse('{ not json');
  } catch (e) {
    n++;
  }
  if (globalThis.boom) {
    globalThis.boom = false;
    throw new Error('boom at ' + n);
  }
}
setInterval(check, 30);
setInterval(() => console.log('alive ' + n), 60);
