// SPDX-License-Identifier: MIT
#include "patch/changereport.h"

#include <QJsonArray>

namespace graft {

namespace {

QList<FunctionChange> functionChanges(const QJsonArray &array)
{
    QList<FunctionChange> changes;
    for (const QJsonValue &value : array) {
        const QJsonObject o = value.toObject();
        FunctionChange change;
        change.name = o.value(QLatin1String("name")).toString();
        change.line = o.value(QLatin1String("line")).toInt();
        change.change = o.value(QLatin1String("change")).toString();
        if (o.value(QLatin1String("effective")).isBool())
            change.effective = o.value(QLatin1String("effective")).toBool();
        change.reason = o.value(QLatin1String("reason")).toString();
        change.stale = o.value(QLatin1String("stale")).toString();
        changes.append(change);
    }
    return changes;
}

QList<BindingChange> bindingChanges(const QJsonArray &array)
{
    QList<BindingChange> bindings;
    for (const QJsonValue &value : array) {
        const QJsonObject o = value.toObject();
        BindingChange binding;
        binding.name = o.value(QLatin1String("name")).toString();
        binding.line = o.value(QLatin1String("line")).toInt();
        binding.source = o.value(QLatin1String("source")).toString();
        // Top-level code is not re-run: the running program still holds what the
        // old initializer produced (or nothing, for a new binding).
        binding.live = o.value(QLatin1String("added")).toBool()
            ? QStringLiteral("(not defined: top-level code is not re-run)")
            : QStringLiteral("(from the old initializer: %1)").arg(o.value(QLatin1String("oldSource")).toString());
        binding.stale = true;
        bindings.append(binding);
    }
    return bindings;
}

} // namespace

void deriveStatusFromVerdicts(PatchReport &report)
{
    if (!report.succeeded())
        return;
    QStringList notEffective;
    for (const FunctionChange &f : std::as_const(report.functions)) {
        if (f.change != QLatin1String("unchanged") && f.effective == false)
            notEffective << f.name;
    }
    if (!notEffective.isEmpty()) {
        report.status = PatchStatus::Partial;
        report.message
            = QStringLiteral("not effective in the running program: %1").arg(notEffective.join(QStringLiteral(", ")));
    } else {
        report.status = PatchStatus::Applied;
        report.message = report.bindings.isEmpty()
            ? QString()
            : QStringLiteral("%1 top-level binding(s) keep their old live value").arg(report.bindings.size());
    }
}

PatchReport refusedReport(PatchReport report, const CdpReply &analysis, const QString &why)
{
    report.functions = functionChanges(analysis.result.value(QLatin1String("functions")).toArray());
    report.status = PatchStatus::Error;
    report.refused = true;
    report.message = why;
    for (FunctionChange &f : report.functions) {
        if (f.change != QLatin1String("unchanged")) {
            f.effective = false;
            f.stale = QStringLiteral("all");
            f.reason = QStringLiteral("the patch was not sent to the program (see the message)");
        }
    }
    return report;
}

PatchReport composeReport(PatchReport report, const SetSourceResult &applied, const CdpReply &analysis)
{
    if (analysis.ok) {
        report.functions = functionChanges(analysis.result.value(QLatin1String("functions")).toArray());
        report.bindings = bindingChanges(analysis.result.value(QLatin1String("bindings")).toArray());
    }
    report.message = applied.message;
    switch (applied.outcome) {
    case SetSourceResult::Outcome::Applied: {
        report.status = PatchStatus::Applied;
        deriveStatusFromVerdicts(report);
        if (!analysis.ok)
            report.message = QStringLiteral("applied; the change analysis failed: %1").arg(analysis.errorMessage);
        break;
    }
    case SetSourceResult::Outcome::CompileError:
        report.status = PatchStatus::CompileError;
        report.errorLine = applied.line;
        report.errorColumn = applied.column;
        break;
    case SetSourceResult::Outcome::Blocked:
        report.status = PatchStatus::Blocked;
        break;
    case SetSourceResult::Outcome::Failed:
        report.status = PatchStatus::Error;
        break;
    }
    if (!report.succeeded()) {
        // Nothing took effect: the running program keeps all of its old code.
        for (FunctionChange &f : report.functions) {
            if (f.change != QLatin1String("unchanged")) {
                f.effective = false;
                f.stale = QStringLiteral("all");
                f.reason = QStringLiteral("the patch was not applied (%1)").arg(patchStatusName(report.status));
            }
        }
        report.bindings.clear();
    }
    return report;
}

} // namespace graft
