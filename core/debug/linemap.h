// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace graft {

// Where a 1-based line of `oldText` is in `newText`: a line the edit kept moves
// with the lines inserted or removed above it; a line the edit replaced goes to
// where its replacement starts. So a breakpoint stays on its statement when a
// save adds code above it.
int translateLine(const QString &oldText, const QString &newText, int line);

} // namespace graft
