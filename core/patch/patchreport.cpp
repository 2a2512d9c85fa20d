// SPDX-License-Identifier: MIT
#include "patch/patchreport.h"

#include <QJsonArray>

namespace graft {

QString patchStatusName(PatchStatus status)
{
    switch (status) {
    case PatchStatus::Applied:
        return QStringLiteral("applied");
    case PatchStatus::Partial:
        return QStringLiteral("partial");
    case PatchStatus::CompileError:
        return QStringLiteral("compile-error");
    case PatchStatus::Blocked:
        return QStringLiteral("blocked");
    case PatchStatus::Unchanged:
        return QStringLiteral("unchanged");
    case PatchStatus::NotLoaded:
        return QStringLiteral("not-loaded");
    case PatchStatus::Error:
        return QStringLiteral("error");
    }
    return QStringLiteral("error");
}

void PatchReport::compactForHistory(bool keepSources)
{
    if (!keepSources) {
        previousSource.clear();
        newSource.clear();
    }
    functions.removeIf([](const FunctionChange &f) { return f.change == QLatin1String("unchanged"); });
    functions.squeeze();
}

QJsonObject PatchReport::toJson() const
{
    QJsonArray functionArray;
    for (const FunctionChange &f : functions) {
        QJsonObject o { { QStringLiteral("name"), f.name }, { QStringLiteral("line"), f.line },
            { QStringLiteral("change"), f.change },
            { QStringLiteral("effective"), f.effective ? QJsonValue(*f.effective) : QJsonValue() } };
        if (!f.reason.isEmpty())
            o.insert(QStringLiteral("reason"), f.reason);
        if (!f.stale.isEmpty() && f.effective == false)
            o.insert(QStringLiteral("stale"), f.stale);
        functionArray.append(o);
    }
    QJsonArray bindingArray;
    for (const BindingChange &b : bindings)
        bindingArray.append(QJsonObject { { QStringLiteral("name"), b.name }, { QStringLiteral("line"), b.line },
            { QStringLiteral("source"), b.source }, { QStringLiteral("live"), b.live },
            { QStringLiteral("stale"), b.stale } });
    QJsonObject json { { QStringLiteral("file"), file }, { QStringLiteral("status"), patchStatusName(status) },
        { QStringLiteral("ms"), qRound(ms * 100) / 100.0 },
        { QStringLiteral("applyMs"), qRound(applyMs * 100) / 100.0 },
        { QStringLiteral("analysisMs"), qRound(analysisMs * 100) / 100.0 },
        { QStringLiteral("functions"), functionArray }, { QStringLiteral("bindings"), bindingArray } };
    if (!message.isEmpty())
        json.insert(QStringLiteral("message"), message);
    if (!threads.isEmpty()) {
        QJsonArray threadArray;
        for (const ThreadPatch &t : threads) {
            QJsonObject o { { QStringLiteral("thread"), t.thread },
                { QStringLiteral("status"), patchStatusName(t.status) } };
            if (!t.message.isEmpty())
                o.insert(QStringLiteral("message"), t.message);
            threadArray.append(o);
        }
        json.insert(QStringLiteral("threads"), threadArray);
    }
    if (refused)
        json.insert(QStringLiteral("refused"), true);
    if (retry)
        json.insert(QStringLiteral("retry"), true);
    if (attempts > 0)
        json.insert(QStringLiteral("attempts"), attempts);
    if (status == PatchStatus::CompileError || status == PatchStatus::Error || status == PatchStatus::Blocked
        || status == PatchStatus::NotLoaded) {
        QJsonObject error { { QStringLiteral("message"), message } };
        if (errorLine > 0) {
            error.insert(QStringLiteral("line"), errorLine);
            error.insert(QStringLiteral("column"), errorColumn);
        }
        json.insert(QStringLiteral("error"), error);
    }
    return json;
}

} // namespace graft
