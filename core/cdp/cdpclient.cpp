// SPDX-License-Identifier: MIT
#include "cdp/cdpclient.h"

#include "cdp/swapchecks.h"
#include "cdp/transport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

#include <algorithm>

namespace graft {

namespace {

// Errors our own side reports, in JSON-RPC's server-error range.
constexpr int kTransportClosed = -32000;

} // namespace

QString scriptKindName(ScriptKind kind)
{
    switch (kind) {
    case ScriptKind::User:
        return QStringLiteral("user");
    case ScriptKind::Dependency:
        return QStringLiteral("dependency");
    case ScriptKind::Internal:
        return QStringLiteral("internal");
    }
    return {};
}

QString RemoteValue::display() const
{
    if (type == QLatin1String("string"))
        return QString::fromUtf8(QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
    if (type == QLatin1String("undefined"))
        return QStringLiteral("undefined");
    if (!description.isEmpty())
        return description;
    if (value.isNull() && subtype == QLatin1String("null"))
        return QStringLiteral("null");
    return QString::fromUtf8(QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}

QString filePathFromScriptUrl(const QString &url)
{
    if (url.startsWith(QLatin1Char('/')))
        return url;
    if (url.startsWith(QLatin1String("file://")))
        return QUrl(url).toLocalFile();
    return {};
}

ScriptInfo scriptInfoFromEvent(const QJsonObject &params)
{
    ScriptInfo script;
    script.scriptId = params.value(QLatin1String("scriptId")).toString();
    script.url = params.value(QLatin1String("url")).toString();
    script.filePath = filePathFromScriptUrl(script.url);
    script.lineCount = params.value(QLatin1String("endLine")).toInt() + 1;
    script.isModule = params.value(QLatin1String("isModule")).toBool();
    if (script.filePath.isEmpty())
        script.kind = ScriptKind::Internal;
    else if (script.filePath.contains(QLatin1String("/node_modules/")))
        script.kind = ScriptKind::Dependency;
    else
        script.kind = ScriptKind::User;
    return script;
}

ExceptionInfo exceptionInfoFromEvent(const QJsonObject &params)
{
    const QJsonObject details = params.value(QLatin1String("exceptionDetails")).toObject();
    ExceptionInfo info;
    const QJsonObject exception = details.value(QLatin1String("exception")).toObject();
    info.stack = exception.value(QLatin1String("description")).toString();
    if (info.stack.isEmpty())
        info.stack = remoteValueFromJson(exception).display();
    info.message = info.stack.section(QLatin1Char('\n'), 0, 0);
    if (info.message.isEmpty())
        info.message = details.value(QLatin1String("text")).toString();
    const QJsonArray frames
        = details.value(QLatin1String("stackTrace")).toObject().value(QLatin1String("callFrames")).toArray();
    for (const QJsonValue &value : frames) {
        const QJsonObject frame = value.toObject();
        StackFrame f;
        f.functionName = frame.value(QLatin1String("functionName")).toString();
        f.url = frame.value(QLatin1String("url")).toString();
        f.filePath = filePathFromScriptUrl(f.url);
        f.line = frame.value(QLatin1String("lineNumber")).toInt() + 1;
        f.column = frame.value(QLatin1String("columnNumber")).toInt() + 1;
        info.frames.append(f);
    }
    return info;
}

RemoteValue remoteValueFromJson(const QJsonObject &object)
{
    RemoteValue value;
    value.type = object.value(QLatin1String("type")).toString();
    value.subtype = object.value(QLatin1String("subtype")).toString();
    value.className = object.value(QLatin1String("className")).toString();
    value.description = object.value(QLatin1String("description")).toString();
    value.objectId = object.value(QLatin1String("objectId")).toString();
    value.value = object.value(QLatin1String("value"));
    value.preview = object.value(QLatin1String("preview")).toObject();
    if (value.type == QLatin1String("function") && value.description.contains(QLatin1String("__graft$")))
        value.description = withoutSwapChecks(value.description);
    if (value.type == QLatin1String("bigint"))
        value.description = object.value(QLatin1String("unserializableValue")).toString();
    else if (value.description.isEmpty() && object.contains(QLatin1String("unserializableValue")))
        value.description = object.value(QLatin1String("unserializableValue")).toString();
    return value;
}

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

namespace {

// The compile error's place and text; V8 11+ prefixes the text with "Uncaught ".
void readCompileError(const QJsonObject &details, SetSourceResult &result)
{
    result.outcome = SetSourceResult::Outcome::CompileError;
    result.message = details.value(QLatin1String("text")).toString();
    if (result.message.startsWith(QLatin1String("Uncaught ")))
        result.message = result.message.mid(9);
    result.line = details.value(QLatin1String("lineNumber")).toInt() + 1;
    result.column = details.value(QLatin1String("columnNumber")).toInt() + 1;
}

// V8 >= 10.5 says what happened in `status` (ENGINE.md; Node 20 and newer).
void readStatus(const QString &status, const QJsonObject &details, SetSourceResult &result)
{
    if (status == QLatin1String("Ok")) {
        result.outcome = SetSourceResult::Outcome::Applied;
    } else if (status == QLatin1String("CompileError")) {
        readCompileError(details, result);
    } else if (status == QLatin1String("BlockedByActiveFunction")) {
        result.outcome = SetSourceResult::Outcome::Blocked;
        result.message = QStringLiteral("a changed function is running (on the stack)");
    } else if (status == QLatin1String("BlockedByActiveGenerator")) {
        result.outcome = SetSourceResult::Outcome::Blocked;
        result.message = QStringLiteral("a changed generator or async function is suspended");
    } else if (status == QLatin1String("BlockedByTopLevelEsModuleChange")) {
        // Not worth retrying: the module's top level never runs again.
        result.outcome = SetSourceResult::Outcome::Failed;
        result.message = QStringLiteral("V8 does not patch changes to an ES module's top-level code; restart to "
                                        "run them");
    } else {
        result.outcome = SetSourceResult::Outcome::Failed;
        result.message = QStringLiteral("V8 answered an unknown status: %1").arg(status);
    }
}

} // namespace

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

SetSourceResult setSourceResultFrom(const CdpReply &reply)
{
    SetSourceResult result;
    if (!reply.ok) {
        result.outcome = SetSourceResult::Outcome::Failed;
        result.message = reply.errorMessage;
        // V8 14.6 without --inspector-live-edit, and every V8 after August 2026.
        // An attached program's answer already says which flag it needs (AttachBridge).
        if (reply.errorMessage.contains(QLatin1String("no longer available"))
            && !reply.errorMessage.contains(QLatin1String("--inspector-live-edit")))
            result.message = QStringLiteral("this V8 no longer offers live edit (Debugger.setScriptSource: \"%1\"); "
                                            "run on the embedded runtime or on Node 20 to 26")
                                 .arg(reply.errorMessage);
        return result;
    }
    const QJsonObject details = reply.result.value(QLatin1String("exceptionDetails")).toObject();
    if (const QString status = reply.result.value(QLatin1String("status")).toString(); !status.isEmpty()) {
        readStatus(status, details, result);
        return result;
    }
    // V8 10.2 answers success in every case and puts failures in exceptionDetails:
    // a compile error has a text, a blocked edit (active function, running
    // generator) has an empty one (ENGINE.md).
    if (details.isEmpty()) {
        result.outcome = SetSourceResult::Outcome::Applied;
    } else if (details.value(QLatin1String("text")).toString().isEmpty()) {
        result.outcome = SetSourceResult::Outcome::Blocked;
        result.message = QStringLiteral("a changed function is running (on the stack) or is a suspended generator");
    } else {
        readCompileError(details, result);
    }
    return result;
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
