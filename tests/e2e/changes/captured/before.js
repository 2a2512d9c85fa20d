function makeGreeter() {
  const greeting = 'hello';
  const punctuation = '!';
  return function greet(name) { return greeting + ' ' + name; };
}
const greet = makeGreeter();
setInterval(() => greet('world'), 20);
