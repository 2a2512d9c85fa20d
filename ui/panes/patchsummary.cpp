// SPDX-License-Identifier: MIT
#include "panes/patchsummary.h"

#include "patch/patchreport.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QStringList>

namespace graft {

namespace {
QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("graft::PatchSummary", text, nullptr, n);
}
} // namespace

QString patchSummary(const PatchReport &report)
{
    const QString file = QFileInfo(report.file).fileName();
    // V8 words compile errors as if thrown ("Uncaught SyntaxError: ..."); nothing was thrown.
    const QString message = report.message.startsWith(QLatin1String("Uncaught ")) ? report.message.mid(9)
                                                                                   : report.message;
    const QString ms = QString::number(report.ms, 'f', report.ms < 10 ? 1 : 0);
    switch (report.status) {
    case PatchStatus::Applied:
    case PatchStatus::Partial: {
        int patched = 0;
        int notEffective = 0;
        for (const FunctionChange &function : report.functions) {
            if (function.change == QLatin1String("unchanged"))
                continue;
            if (function.effective.has_value() && !*function.effective)
                ++notEffective;
            else
                ++patched;
        }
        int stale = 0;
        for (const BindingChange &binding : report.bindings)
            stale += binding.stale ? 1 : 0;
        QStringList details;
        if (patched > 0)
            details << tr("%n function(s) patched", patched);
        if (notEffective > 0)
            details << tr("%n not effective", notEffective);
        if (stale > 0)
            details << tr("%n binding(s) keep their old value", stale);
        const QString head = report.status == PatchStatus::Applied ? tr("Applied %1 in %2 ms").arg(file, ms)
                                                                   : tr("Partly applied %1 in %2 ms").arg(file, ms);
        return details.isEmpty() ? head : head + QStringLiteral(": ") + details.join(QStringLiteral(", "));
    }
    case PatchStatus::CompileError:
        return tr("Not applied, %1 does not compile (line %2:%3): %4")
            .arg(file)
            .arg(report.errorLine)
            .arg(report.errorColumn)
            .arg(message);
    case PatchStatus::Blocked:
        return tr("Blocked: %1 was not applied: %2").arg(file, message);
    case PatchStatus::Unchanged:
        return tr("%1: the running code already matches").arg(file);
    case PatchStatus::NotLoaded:
        return tr("Saved %1; not applied: %2").arg(file, report.message);
    case PatchStatus::Error:
        return tr("Patch of %1 failed: %2").arg(file, message);
    }
    return {};
}

} // namespace graft
