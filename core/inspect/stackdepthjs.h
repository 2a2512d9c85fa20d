// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace graft {

// JavaScript statements, for the body of a function Graft runs in the program,
// that set `depth` (which the function declares) to the number of JavaScript
// frames on the stack, counting the function's own, up to `limit`. They are
// inlined rather than called so that they add no frame themselves. V8's
// structured frames are used, and the program's own stack formatting
// (Error.stackTraceLimit, Error.prepareStackTrace) is put back before anything
// else can run.
QString countStackFramesJs(int limit);

} // namespace graft
