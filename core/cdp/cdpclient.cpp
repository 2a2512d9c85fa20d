// SPDX-License-Identifier: MIT
// CdpClient: calls and their answers, events, the session's start, and the
// protocol's own calls about scripts and evaluation. Elsewhere: the debugger
// (cdpdebugger.cpp), worker threads (cdptargets.cpp), Graft's host commands
// (cdptooling.cpp), and the JSON → types translation (cdpjson.cpp).
#include "cdp/cdpclient.h"

#include "cdp/transport.h"

#include <QJsonDocument>

#include <algorithm>

namespace graft {

namespace {

// Errors our own side reports, in JSON-RPC's server-error range.
constexpr int kTransportClosed = -32000;

} // namespace

CdpClient::CdpClient(Transport *transport, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
{
    connect(transport, &Transport::messageReceived, this, &CdpClient::onMessage);
    connect(transport, &Transport::protocolError, this, &CdpClient::protocolError);
    connect(
        transport, &Transport::closed, this, [this] { failAll(QStringLiteral("the runtime closed the connection")); });
}

CdpClient::~CdpClient()
{
    // Nobody is left to care; drop the handlers without calling them.
    m_pending.clear();
    m_safeToApply.clear();
}

int CdpClient::failAtOnce(int id, const ReplyHandler &handler, int code, const QString &message)
{
    CdpReply reply;
    reply.errorCode = code;
    reply.errorMessage = message;
    if (handler)
        handler(reply);
    return id;
}

int CdpClient::call(const QString &method, const QJsonObject &params, QObject *context, ReplyHandler handler)
{
    const int id = m_nextId++;
    if (!m_transport->isOpen())
        return failAtOnce(id, handler, kTransportClosed, QStringLiteral("the runtime is not running"));
    m_pending.insert(id, Pending { context, std::move(handler), QString() });
    QJsonObject message { { QStringLiteral("id"), id }, { QStringLiteral("method"), method } };
    if (!params.isEmpty())
        message.insert(QStringLiteral("params"), params);
    m_transport->send(QJsonDocument(message).toJson(QJsonDocument::Compact));
    return id;
}

void CdpClient::onMessage(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (!document.isObject()) {
        Q_EMIT protocolError(QStringLiteral("unreadable message from the runtime: %1").arg(parseError.errorString()));
        return;
    }
    const QJsonObject message = document.object();
    if (message.contains(QLatin1String("method"))) {
        onEvent(message.value(QLatin1String("method")).toString(), message.value(QLatin1String("params")).toObject());
        return;
    }
    deliverReply(message);
}

void CdpClient::deliverReply(const QJsonObject &message)
{
    const QJsonValue idValue = message.value(QLatin1String("id"));
    if (!idValue.isDouble()) {
        // The runtime rejected a frame it could not read (it has no id to answer).
        const QString text
            = message.value(QLatin1String("error")).toObject().value(QLatin1String("message")).toString();
        Q_EMIT protocolError(QStringLiteral("the runtime rejected a message: %1").arg(text));
        return;
    }
    m_safeToApply.remove(idValue.toInt());
    const auto it = m_pending.find(idValue.toInt());
    if (it == m_pending.end())
        return;
    Pending pending = std::move(*it);
    m_pending.erase(it);
    if (!pending.context || !pending.handler)
        return;
    CdpReply reply;
    if (message.contains(QLatin1String("error"))) {
        const QJsonObject error = message.value(QLatin1String("error")).toObject();
        reply.errorCode = error.value(QLatin1String("code")).toInt();
        reply.errorMessage = error.value(QLatin1String("message")).toString();
    } else {
        reply.ok = true;
        reply.result = message.value(QLatin1String("result")).toObject();
    }
    pending.handler(reply);
}

void CdpClient::onEvent(const QString &method, const QJsonObject &params)
{
    if (method == QLatin1String("Debugger.scriptParsed"))
        Q_EMIT scriptParsed(scriptInfoFromEvent(params));
    else if (method == QLatin1String("Runtime.exceptionThrown"))
        Q_EMIT exceptionThrown(exceptionInfoFromEvent(params));
    else if (method == QLatin1String("Graft.hostReady"))
        Q_EMIT hostReady(params.value(QLatin1String("node")).toString(), params.value(QLatin1String("v8")).toString(),
            params.value(QLatin1String("runtime")).toString(QStringLiteral("embedded")));
    else if (method == QLatin1String("Graft.fileLoaded"))
        Q_EMIT dataFileLoaded(
            params.value(QLatin1String("path")).toString(), params.value(QLatin1String("kind")).toString());
    else if (method == QLatin1String("Graft.scriptTerminated"))
        Q_EMIT scriptTerminated(params.value(QLatin1String("reason")).toString());
    else if (method == QLatin1String("Graft.analysisSafe"))
        onAnalysisSafe(params.value(QLatin1String("id")).toInt(), params.value(QLatin1String("sent")).toBool());
    else if (method == QLatin1String("Debugger.paused"))
        Q_EMIT paused(params);
    else if (method == QLatin1String("Debugger.resumed"))
        Q_EMIT resumed();
    else if (method == QLatin1String("NodeWorker.receivedMessageFromWorker"))
        onWorkerMessage(
            params.value(QLatin1String("sessionId")).toString(), params.value(QLatin1String("message")).toString());
    else if (method == QLatin1String("NodeWorker.attachedToWorker"))
        onWorkerAttached(params);
    else if (method == QLatin1String("NodeWorker.detachedFromWorker"))
        onWorkerDetached(params.value(QLatin1String("sessionId")).toString());
    else if (method == QLatin1String("Debugger.breakpointResolved"))
        Q_EMIT breakpointResolved(params.value(QLatin1String("breakpointId")).toString(),
            breakpointLocationFromJson(params.value(QLatin1String("location")).toObject()));
}

void CdpClient::onAnalysisSafe(int analysisId, bool sentByRuntime)
{
    EarlyApply early = m_safeToApply.take(analysisId);
    const auto pending = m_pending.constFind(analysisId);
    if (!early.safeToApply || pending == m_pending.cend() || !pending->context)
        return;
    // The runtime writes this event before it hands V8 the edit: V8's answer comes after it.
    const bool sent = sentByRuntime && early.applyId != 0;
    if (sent)
        m_pending.insert(early.applyId, std::move(early.applied));
    early.safeToApply(sent);
}

void CdpClient::failAll(const QString &reason)
{
    m_safeToApply.clear();
    const QHash<int, Pending> pending = std::exchange(m_pending, {});
    CdpReply reply;
    reply.errorCode = kTransportClosed;
    reply.errorMessage = reason;
    // In the order they were sent (a hash has none of its own): callers see their
    // requests fail as they would have been answered.
    QList<int> ids = pending.keys();
    std::sort(ids.begin(), ids.end());
    for (const int id : std::as_const(ids)) {
        const Pending &p = pending[id];
        if (p.context && p.handler)
            p.handler(reply);
    }
}

void CdpClient::startSession(
    QObject *context, std::function<void(bool, const QString &)> done, const std::function<void()> &beforeRun)
{
    auto failed = [done](const CdpReply &reply) {
        if (!reply.ok)
            done(false, reply.errorMessage);
    };
    call(QStringLiteral("Runtime.enable"), {}, context, failed);
    call(QStringLiteral("Debugger.enable"), {}, context, failed);
    if (beforeRun)
        beforeRun();
    enableWorkerTargets(context);
    call(QStringLiteral("Runtime.runIfWaitingForDebugger"), {}, context,
        [done](const CdpReply &reply) { done(reply.ok, reply.errorMessage); });
}

void CdpClient::setScriptSource(
    const QString &scriptId, const QString &source, QObject *context, std::function<void(const SetSourceResult &)> done)
{
    const auto [target, v8ScriptId] = splitScriptId(scriptId);
    QJsonObject params { { QStringLiteral("scriptId"), v8ScriptId }, { QStringLiteral("scriptSource"), source } };
    if (m_allowTopFrameEditing)
        params.insert(QStringLiteral("allowTopFrameEditing"), true);
    callOn(target, QStringLiteral("Debugger.setScriptSource"), params, context,
        [done](const CdpReply &reply) { done(setSourceResultFrom(reply)); });
}

void CdpClient::getScriptSource(
    const QString &scriptId, QObject *context, std::function<void(bool, const QString &)> done)
{
    const auto [target, v8ScriptId] = splitScriptId(scriptId);
    callOn(target, QStringLiteral("Debugger.getScriptSource"), { { QStringLiteral("scriptId"), v8ScriptId } }, context,
        [done](const CdpReply &reply) {
            done(
                reply.ok, reply.ok ? reply.result.value(QLatin1String("scriptSource")).toString() : reply.errorMessage);
        });
}

void CdpClient::evaluate(const QString &expression, QObject *context, std::function<void(const EvaluateResult &)> done)
{
    // Not replMode: its answer waits for a microtask checkpoint, which a busy
    // program may not reach soon; a plain evaluation answers at once.
    const QJsonObject params { { QStringLiteral("expression"), expression },
        { QStringLiteral("objectGroup"), QStringLiteral("repl") }, { QStringLiteral("generatePreview"), true } };
    call(QStringLiteral("Runtime.evaluate"), params, context, [done](const CdpReply &reply) {
        EvaluateResult result;
        if (!reply.ok) {
            result.error = reply.errorMessage;
        } else if (reply.result.contains(QLatin1String("exceptionDetails"))) {
            const QJsonObject details = reply.result.value(QLatin1String("exceptionDetails")).toObject();
            result.error = remoteValueFromJson(details.value(QLatin1String("exception")).toObject()).display();
            if (result.error.isEmpty())
                result.error = details.value(QLatin1String("text")).toString();
        } else {
            result.ok = true;
            result.value = remoteValueFromJson(reply.result.value(QLatin1String("result")).toObject());
        }
        done(result);
    });
}

} // namespace graft
