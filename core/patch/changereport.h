// SPDX-License-Identifier: MIT
#pragma once

#include "cdp/cdptypes.h"
#include "patch/patchreport.h"

namespace graft {

// Joins V8's answer to setScriptSource with the change analysis into the
// patch's report: the status, the function changes (with whether each took
// effect) and the stale top-level bindings. An edit V8 accepted but that some
// changed function cannot take becomes `partial`, never `applied`.
// An applied patch is `partial` when any changed function, statement or added
// function did not take effect, and `applied` when every one did: the status
// always follows the final per-function verdicts, in both directions.
void deriveStatusFromVerdicts(PatchReport &report);

// An edit Graft did not send because V8 could not take it without harm.
PatchReport refusedReport(PatchReport report, const CdpReply &analysis, const QString &why);

PatchReport composeReport(PatchReport report, const SetSourceResult &applied, const CdpReply &analysis);

} // namespace graft
