// A second module for stepping into and out of (tst_debugger).
function double(x) {
  const doubled = x * 2;
  return doubled;
}
module.exports = { double };
