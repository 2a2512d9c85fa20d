function outer() {
  function inner(x) { return x + 2; }
  return inner(1);
}
setInterval(() => outer(), 20);
