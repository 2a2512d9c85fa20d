const http = require('http');
function answer() { return 'v1'; }
const server = http.createServer((request, response) => response.end(answer()));
server.listen(0, '127.0.0.1', () => console.log('port ' + server.address().port));
