const greeting = 'hello';
setInterval(() => console.log(greeting), 40);
