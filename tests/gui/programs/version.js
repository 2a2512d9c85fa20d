"use strict";
// Says which Node runs it: the runtime choice's test asks the program, not Graft.
setInterval(() => console.log('running on ' + process.version), 100);
