// SPDX-License-Identifier: MIT
#pragma once

class QWidget;

namespace graft {

// Puts a top-level window of a chosen size (graft --window-size) where all of it
// can be seen: a remembered position that would leave part of it off the screen
// moves in, a window larger than the screen's free area shrinks to it, and a
// window the size of the whole screen (a projector's resolution) goes full screen.
void fitIntoScreen(QWidget *window);

} // namespace graft
