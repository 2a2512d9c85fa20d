// SPDX-License-Identifier: MIT
// CdpClient, Graft's own host commands (cdpclient.cpp holds the protocol's):
// the change analysis, a source's outline, the swap engine's save and a stop.
// The runtime (graft-runtime or the agent) answers them; Chrome's protocol has none.
#include "cdp/cdpclient.h"

#include <QJsonArray>

namespace graft {

void CdpClient::analyzeChange(const ChangeAnalysisRequest &request, QObject *context, AnalysisHandlers handlers)
{
    QJsonObject params { { QStringLiteral("oldSource"), request.oldSource },
        { QStringLiteral("newSource"), request.newSource }, { QStringLiteral("isModule"), request.isModule } };
    if (request.carried)
        params.insert(QStringLiteral("carried"), *request.carried);
    if (request.holderKnown)
        params.insert(QStringLiteral("holderKnown"), true);
    if (!request.v8Version.isEmpty())
        params.insert(QStringLiteral("v8"), request.v8Version);
    EarlyApply early;
    if (handlers.safeToApply) {
        params.insert(QStringLiteral("applyFirst"), true);
        early.safeToApply = std::move(handlers.safeToApply);
        if (!request.scriptId.isEmpty() && handlers.applied) {
            // The id of the setScriptSource the runtime may send for us.
            early.applyId = m_nextId++;
            early.applied = Pending { context,
                [applied = std::move(handlers.applied)](const CdpReply &reply) { applied(setSourceResultFrom(reply)); },
                QString() };
            QJsonObject apply { { QStringLiteral("id"), early.applyId },
                { QStringLiteral("scriptId"), request.scriptId } };
            if (m_allowTopFrameEditing)
                apply.insert(QStringLiteral("allowTopFrameEditing"), true);
            params.insert(QStringLiteral("apply"), apply);
        }
    }
    const int id = call(QStringLiteral("Graft.analyze"), params, context, std::move(handlers.done));
    if (early.safeToApply && m_pending.contains(id)) // not answered at once (a closed transport)
        m_safeToApply.insert(id, std::move(early));
}

void CdpClient::outlineSource(const QString &source, bool isModule, QObject *context, ReplyHandler done, int at)
{
    QJsonObject params { { QStringLiteral("source"), source }, { QStringLiteral("isModule"), isModule } };
    if (at >= 0)
        params.insert(QStringLiteral("at"), at);
    call(QStringLiteral("Graft.analyze"), params, context, std::move(done));
}

void CdpClient::swapSource(const QString &scriptId, const QString &url, const QString &source, const QJsonObject &check,
    QObject *context, ReplyHandler done)
{
    QJsonObject params { { QStringLiteral("scriptId"), scriptId }, { QStringLiteral("url"), url },
        { QStringLiteral("source"), source } };
    if (!check.isEmpty())
        params.insert(QStringLiteral("check"), check);
    call(QStringLiteral("Graft.swap"), params, context, std::move(done));
}

void CdpClient::terminateExecution(QObject *context, std::function<void(const StopResult &)> done)
{
    call(QStringLiteral("Graft.terminate"), {}, context, [done](const CdpReply &reply) {
        StopResult result;
        result.terminated = reply.ok && reply.result.value(QLatin1String("terminated")).toBool();
        result.message = reply.ok ? reply.result.value(QLatin1String("message")).toString() : reply.errorMessage;
        for (const QJsonValue &value : reply.result.value(QLatin1String("interrupted")).toArray()) {
            const QJsonObject frame = value.toObject();
            const QString url = frame.value(QLatin1String("url")).toString();
            result.interrupted.append(StackFrame { frame.value(QLatin1String("functionName")).toString(), url,
                filePathFromScriptUrl(url), frame.value(QLatin1String("lineNumber")).toInt() + 1,
                frame.value(QLatin1String("columnNumber")).toInt() + 1 });
        }
        done(result);
    });
}

} // namespace graft
