// SPDX-License-Identifier: MIT
// Several CommonJS modules; any of them can be edited while the program runs.
//
// Presenter notes: open prices.js and change the tax rate in total(), or open
// format.js and make money() print 'euros' instead of 'EUR', then save. The
// module that was saved is patched; the shopping cart (state in this file)
// keeps growing.
'use strict';
const { total } = require('./prices');
const { money } = require('./format');

const cart = [];
const catalogue = [['tea', 3.5], ['bread', 2.25], ['cheese', 7.8]];

setInterval(() => {
  const [name, price] = catalogue[cart.length % catalogue.length];
  cart.push({ name, price });
  console.log(cart.length + ' items, total ' + money(total(cart)));
}, 1000);
