// work() is on the stack for two seconds once ("busy" … "done"), then returns
// for good: a patch of it saved meanwhile is blocked and can go through later.
function work(ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {}
  return 'v1';
}
setTimeout(() => { console.log('busy'); work(2000); console.log('done'); }, 300);
setInterval(() => console.log('value ' + work(0)), 100);
