class Counter {
  constructor() { this.n = 0; }
  tick() { this.n += 2; return this.n; }
  get value() { return this.n; }
}
const counter = new Counter();
setInterval(() => counter.tick(), 20);
