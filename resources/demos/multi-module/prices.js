// SPDX-License-Identifier: MIT
'use strict';
function total(items) {
  const taxRate = 0.2;
  const net = items.reduce((sum, item) => sum + item.price, 0);
  return net * (1 + taxRate);
}

module.exports = { total };
