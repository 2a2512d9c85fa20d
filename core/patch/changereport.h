// SPDX-License-Identifier: MIT
#pragma once

#include "cdp/cdptypes.h"
#include "patch/patchreport.h"

namespace graft {

// Joins V8's answer to setScriptSource with the change analysis into the
// patch's report: the status, the function changes (with whether each took
// effect) and the stale top-level bindings. An edit V8 accepted but that some
// changed function cannot take becomes `partial`, never `applied`.
// An applied patch with a changed function that did not take effect is `partial`.
void markPartialIfNeeded(PatchReport &report);

PatchReport composeReport(PatchReport report, const SetSourceResult &applied, const CdpReply &analysis);

} // namespace graft
