function outer() {
  function inner(x) { return x + 1; }
  return inner(1);
}
setInterval(() => outer(), 20);
