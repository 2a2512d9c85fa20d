// Keeps work() on the stack nearly all the time, so a patch of it is blocked.
function work() {
  const end = Date.now() + 1000;
  while (Date.now() < end) {}
  return 'v1';
}
let rounds = 0;
setInterval(() => { rounds++; console.log('round ' + rounds + ' ' + work()); }, 1);
