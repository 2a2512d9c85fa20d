// Reads a JSON file once through require(), as programs read their settings.
const config = require('./config.json');
setInterval(() => console.log('colour ' + config.colour), 100);
