function* counter() {
  let n = 0;
  while (true) yield n++;
}
const it = counter();
setInterval(() => console.log('next ' + it.next().value), 30);
