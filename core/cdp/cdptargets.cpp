// SPDX-License-Identifier: MIT
// CdpClient, worker threads: each worker_threads Worker has an inspector of its
// own, which Node's main-thread session reaches through the NodeWorker domain
// (Node >= 12; measured on Node 20 to 26, over the agent's connectToMainThread()
// session and over --inspect). A worker's calls and answers travel inside
// NodeWorker messages; ids come from the client's one counter, so an answer finds
// its caller whichever thread it comes from. The embedded graft-runtime answers the
// domain itself (app/runtime/workertargets.h). A runtime without the domain answers
// NodeWorker.enable with an error: main thread only.
#include "cdp/cdpclient.h"

#include "cdp/transport.h"

#include <QJsonDocument>

#include <algorithm>

namespace graft {

namespace {

constexpr int kWorkerGone = -32001;

} // namespace

QString workerScriptId(const QString &target, const QString &scriptId)
{
    return target.isEmpty() ? scriptId : target + QLatin1Char('/') + scriptId;
}

QPair<QString, QString> splitScriptId(const QString &scriptId)
{
    const qsizetype slash = scriptId.indexOf(QLatin1Char('/'));
    if (slash < 0)
        return { QString(), scriptId };
    return { scriptId.left(slash), scriptId.mid(slash + 1) };
}

int CdpClient::callOn(
    const QString &target, const QString &method, const QJsonObject &params, QObject *context, ReplyHandler handler)
{
    if (target.isEmpty())
        return call(method, params, context, std::move(handler));
    const int id = m_nextId++;
    if (!m_targets.contains(target))
        return failAtOnce(id, handler, kWorkerGone, QStringLiteral("the worker thread has ended"));
    m_pending.insert(id, Pending { context, std::move(handler), target });
    QJsonObject inner { { QStringLiteral("id"), id }, { QStringLiteral("method"), method } };
    if (!params.isEmpty())
        inner.insert(QStringLiteral("params"), params);
    const QJsonObject outer { { QStringLiteral("sessionId"), target },
        { QStringLiteral("message"), QString::fromUtf8(QJsonDocument(inner).toJson(QJsonDocument::Compact)) } };
    // The worker's answer comes as an event; only a refused delivery answers here.
    call(QStringLiteral("NodeWorker.sendMessageToWorker"), outer, this, [this, id](const CdpReply &reply) {
        if (!reply.ok)
            deliverReply(QJsonObject { { QStringLiteral("id"), id },
                { QStringLiteral("error"),
                    QJsonObject { { QStringLiteral("code"), reply.errorCode },
                        { QStringLiteral("message"), reply.errorMessage } } } });
    });
    return id;
}

void CdpClient::enableWorkerTargets(QObject *context)
{
    // Waiting on start: a worker's scripts are known before its first line runs,
    // so a save made then still reaches it. Node then pauses it on that line
    // ("Break on start"), and onWorkerMessage resumes it.
    call(QStringLiteral("NodeWorker.enable"), { { QStringLiteral("waitForDebuggerOnStart"), true } }, context, {});
}

void CdpClient::onWorkerAttached(const QJsonObject &params)
{
    const QJsonObject info = params.value(QLatin1String("workerInfo")).toObject();
    TargetInfo target;
    target.target = params.value(QLatin1String("sessionId")).toString();
    target.thread = QStringLiteral("worker %1").arg(info.value(QLatin1String("workerId")).toString());
    target.url = info.value(QLatin1String("url")).toString();
    if (target.target.isEmpty())
        return;
    m_targets.insert(target.target, target);
    Q_EMIT targetAttached(target);
    callOn(target.target, QStringLiteral("Debugger.enable"), {}, this, {});
    callOn(target.target, QStringLiteral("Runtime.runIfWaitingForDebugger"), {}, this, {});
}

void CdpClient::onWorkerDetached(const QString &target)
{
    if (!m_targets.remove(target))
        return;
    CdpReply gone;
    gone.errorCode = kWorkerGone;
    gone.errorMessage = QStringLiteral("the worker thread has ended");
    QList<int> ids;
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it)
        if (it->target == target)
            ids << it.key();
    std::sort(ids.begin(), ids.end());
    for (const int id : std::as_const(ids)) {
        const Pending pending = m_pending.take(id);
        if (pending.context && pending.handler)
            pending.handler(gone);
    }
    Q_EMIT targetDetached(target);
}

void CdpClient::onWorkerMessage(const QString &target, const QString &json)
{
    const auto known = m_targets.constFind(target);
    if (known == m_targets.cend())
        return;
    const QJsonObject message = QJsonDocument::fromJson(json.toUtf8()).object();
    if (!message.contains(QLatin1String("method"))) {
        deliverReply(message);
        return;
    }
    const QString method = message.value(QLatin1String("method")).toString();
    const QJsonObject params = message.value(QLatin1String("params")).toObject();
    if (method == QLatin1String("Debugger.scriptParsed")) {
        ScriptInfo script = scriptInfoFromEvent(params);
        script.scriptId = workerScriptId(target, script.scriptId);
        script.target = target;
        script.thread = known->thread;
        Q_EMIT scriptParsed(script);
    } else if (method == QLatin1String("Debugger.paused")) {
        // "Break on start", or a `debugger` statement: Graft's debugger drives the
        // main thread only, and a worker left paused would hang its program.
        callOn(target, QStringLiteral("Debugger.resume"), {}, this, {});
    }
}

} // namespace graft
