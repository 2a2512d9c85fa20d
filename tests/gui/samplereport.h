// SPDX-License-Identifier: MIT
#pragma once

#include "patch/patchreport.h"

#include <QDateTime>

namespace graft::test {

// One applied patch of /project/app.js as the models and decorators meet it:
// m() patched (line 2), tick() unchanged (4), later() changed but not
// effective (5), and the top-level `s` (line 1) left stale.
inline PatchReport appliedReport()
{
    PatchReport report;
    report.file = QStringLiteral("/project/app.js");
    report.status = PatchStatus::Applied;
    report.ms = 12.25;
    report.when = QDateTime::currentDateTime();
    report.functions = { { QStringLiteral("m"), 2, QStringLiteral("body"), true, {}, {} },
        { QStringLiteral("tick"), 4, QStringLiteral("unchanged"), std::nullopt, {}, {} },
        { QStringLiteral("later"), 5, QStringLiteral("body"), false, QStringLiteral("on the stack"),
            QStringLiteral("all") } };
    report.bindings = { { QStringLiteral("s"), 1, QStringLiteral("'updated'"), QStringLiteral("'original'"), true } };
    return report;
}

} // namespace graft::test
