// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace graft {

struct PatchReport;

// One line saying what a patch did, for the status bar and the Changes dock:
// "Applied app.js in 12 ms: 1 function patched, 1 binding stale".
QString patchSummary(const PatchReport &report);

} // namespace graft
