// SPDX-License-Identifier: MIT
// A ball bouncing in a box: its position is state that must survive every edit.
//
// Presenter notes: change the physics in update() and save, e.g. set gravity
// to -0.2 (it floats up) or friction to 0.95 (it bounces longer). The ball
// carries on from where it is, with its speed, under the new rules.
// (Constants at the top level would not change: LiveEdit does not run the
// top level again. Graft's Changes pane shows such bindings as stale.)
'use strict';
const ball = { y: 10, speed: 0 };

function update(state) {
  const gravity = 1;
  const friction = 0.8;
  state.speed -= gravity * 0.5;
  state.y += state.speed;
  if (state.y < 0) {
    state.y = 0;
    state.speed = -state.speed * friction;
  }
}

function draw(state) {
  const column = Math.max(0, Math.min(40, Math.round(state.y)));
  return '|' + ' '.repeat(column) + 'o' + ' '.repeat(40 - column) + '|  y=' + state.y.toFixed(1);
}

let frame = 0;
setInterval(() => {
  frame++;
  update(ball);
  console.log(String(frame).padStart(4) + ' ' + draw(ball));
}, 250);
