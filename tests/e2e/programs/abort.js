console.log('aborting soon');
setTimeout(() => process.abort(), 50);
