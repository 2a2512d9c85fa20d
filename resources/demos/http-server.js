// SPDX-License-Identifier: MIT
// A web server whose handler changes while it serves, on the same port.
//
// Presenter notes: a request loop below asks the server every second and prints
// the answer. Edit greeting() (e.g. return 'Bonjour, ' + name + '!';) and save:
// the next answer comes from the new code, from the same server, same port, and
// the request counter keeps counting. Nothing restarts.
'use strict';
const http = require('http');

let served = 0;
function greeting(name) {
  return 'Hello, ' + name + '!';
}

const server = http.createServer((request, response) => {
  served++;
  response.end(greeting('audience') + ' (request ' + served + ')');
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  console.log('listening on 127.0.0.1:' + port);
  setInterval(() => {
    http.get({ host: '127.0.0.1', port, path: '/' }, (response) => {
      let body = '';
      response.on('data', (chunk) => { body += chunk; });
      response.on('end', () => console.log(body));
    }).on('error', (error) => console.log('request failed: ' + error.message));
  }, 1000);
});
