let count = 0;
function helper(n) {
  const doubled = n * 2;
  return doubled;
}
setInterval(function tick() {
  count++;
  const value = helper(count);
  console.log('count ' + count + ' ' + value);
}, 50);
