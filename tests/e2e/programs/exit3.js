console.log('about to exit');
setTimeout(() => process.exit(3), 50);
