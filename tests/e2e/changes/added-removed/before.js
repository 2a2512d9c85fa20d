function keep() { return helper(1); }
function helper(x) { return x; }
function old() { return 'old'; }
setInterval(() => keep(), 20);
