// Writes 50 MB to stdout as fast as it can, then says so.
const line = 'x'.repeat(1023) + '\n';
let written = 0;
function pump() {
  while (written < 50 * 1024 * 1024) {
    written += line.length;
    if (!process.stdout.write(line)) return process.stdout.once('drain', pump);
  }
  console.log('flood done');
}
pump();
setInterval(() => {}, 1000);
