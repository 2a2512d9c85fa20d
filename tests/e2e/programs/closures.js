// A closure made once, then patched so that it captures another variable.
function makeGreeter() {
  const greeting = 'hello';
  const punctuation = '!';
  return function greet(name) { return greeting + ' ' + name; };
}
const greet = makeGreeter();
let calls = 0;
setInterval(() => { calls++; console.log(calls + ' ' + greet('world')); }, 50);
