function keep() { return helper(1); }
function helper(x) { return x; }
function fresh() { return 'new'; }
setInterval(() => keep(), 20);
