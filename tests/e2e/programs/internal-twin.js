// noop's text, `() => {}`, is also the text of functions inside Node itself:
// only the script's own functions may stand for this file's bindings.
let s = 'original';
const noop = () => {};
function show() { return s; }
setInterval(() => { noop(); console.log('shows ' + show()); }, 50);
