// SPDX-License-Identifier: MIT
#pragma once

#include "patch/patchreport.h"

#include <QJsonObject>

#include <functional>

namespace graft {

class LiveInspector;

// Checks a patch V8 accepted against the running program, so that nothing is
// reported as done that did not happen:
//  - a changed function is effective only if no live instance still has its old
//    text (where no instance is reachable, the analysis's prediction stands);
//  - each stale top-level binding gets its live value, read from the scope of a
//    live function of the same script.
void verifyPatch(LiveInspector *inspector, PatchReport report, const QJsonObject &analysis, QObject *context,
    std::function<void(PatchReport)> done);

// The same check, where the swap engine's agent made its calls to the program
// itself and answered them with the swap (`checked`: {counts, variables}, as
// countFunctionsInScope and propertiesOf read them): applies them and answers
// true, or false, leaving the report as it was, when the answer lacks any of it
// (then verifyPatch asks the program).
bool applyCheckedAnswer(PatchReport &report, const QJsonObject &analysis);

} // namespace graft
