// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace graft {

// V8 describes a function by its source, and the swap engine's instrumented
// source holds its slot checks (app/agent/swap-host.js strips the same from
// Function.prototype.toString): the text without them, as the user wrote it.
QString withoutSwapChecks(QString text);

} // namespace graft
