// SPDX-License-Identifier: MIT
#include "cdp/attachbridge.h"

#include "cdp/consoleformat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTimer>

namespace graft {

namespace {

constexpr int kMethodNotFound = -32601;
constexpr int kServerError = -32000;
// Node hands protocol messages to a busy main thread by interrupt, so a patch
// can land inside a short callback that runs a changed function: tried again a
// few times over ~30 ms before it is answered as blocked (as the agent does).
constexpr int kBlockedRetries = 5;
constexpr int kBlockedRetryMs = 6;

QString toolingSuffix() { return QStringLiteral("\n//# sourceURL=%1\n").arg(AttachBridge::toolingUrl()); }

QByteArray compact(const QJsonObject &object) { return QJsonDocument(object).toJson(QJsonDocument::Compact); }

QString leadingMethod(const QByteArray &json)
{
    static const QRegularExpression pattern(QStringLiteral("^\\{\\s*\"method\"\\s*:\\s*\"([A-Za-z.]+)\""));
    return pattern.match(QString::fromLatin1(json.left(64))).captured(1);
}

// The id of a reply without parsing all of it where V8 writes "id" first (it
// does): replies carry whole sources (getScriptSource), and only the few we
// change need parsing. Anything else that is no event is parsed to be sure.
std::optional<int> replyId(const QByteArray &json)
{
    static const QRegularExpression pattern(QStringLiteral("^\\{\\s*\"id\"\\s*:\\s*(-?\\d+)"));
    if (const QRegularExpressionMatch match = pattern.match(QString::fromLatin1(json.left(32))); match.hasMatch())
        return match.captured(1).toInt();
    if (!leadingMethod(json).isEmpty())
        return std::nullopt;
    const QJsonValue id = QJsonDocument::fromJson(json).object().value(QLatin1String("id"));
    return id.isDouble() ? std::optional<int>(id.toInt()) : std::nullopt;
}

} // namespace

QString AttachBridge::toolingUrl() { return QStringLiteral("graft-attach:tooling"); }

QString AttachBridge::stopRefusal()
{
    return QStringLiteral("Stop is not offered on an attached program: ending a callback of a node Graft did not "
                          "start can make Node exit (\"async hook stack has become corrupted\"). Run it under Graft "
                          "(graft --node PATH) to stop runaway code.");
}

AttachBridge::AttachBridge(
    Transport *program, Transport *analysis, const PathMap &paths, const AttachedProgram &info, QObject *parent)
    : Transport(parent)
    , m_program(program)
    , m_analysis(analysis)
    , m_paths(paths)
    , m_info(info)
{
    connect(program, &Transport::messageReceived, this, &AttachBridge::onProgramMessage);
    connect(program, &Transport::protocolError, this, &Transport::protocolError);
    connect(program, &Transport::closed, this, &Transport::closed);
    if (analysis) {
        connect(analysis, &Transport::messageReceived, this, [this](const QByteArray &json) {
            if (const std::optional<int> id = replyId(json))
                m_analysisPending.remove(*id);
            Q_EMIT messageReceived(json);
        });
        connect(analysis, &Transport::closed, this, &AttachBridge::onAnalysisClosed);
    }
}

void AttachBridge::reply(int id, const QJsonObject &fields)
{
    QJsonObject message = fields;
    message.insert(QStringLiteral("id"), id);
    // Queued: the client expects answers after call() returns, as from a pipe.
    QMetaObject::invokeMethod(
        this, [this, json = compact(message)] { Q_EMIT messageReceived(json); }, Qt::QueuedConnection);
}

void AttachBridge::toProgram(int id, const QString &method, const QJsonObject &params)
{
    QJsonObject message { { QStringLiteral("id"), id }, { QStringLiteral("method"), method } };
    if (!params.isEmpty())
        message.insert(QStringLiteral("params"), params);
    m_program->send(compact(message));
}

void AttachBridge::send(const QByteArray &json)
{
    if (!m_program)
        return;
    const QJsonObject message = QJsonDocument::fromJson(json).object();
    const int id = message.value(QLatin1String("id")).toInt();
    const QString method = message.value(QLatin1String("method")).toString();
    QJsonObject params = message.value(QLatin1String("params")).toObject();
    const auto error = [&](int code, const QString &text) {
        reply(id,
            { { QStringLiteral("error"),
                QJsonObject { { QStringLiteral("code"), code }, { QStringLiteral("message"), text } } } });
    };

    if (method == QLatin1String("Graft.analyze")) {
        if (!m_analysis || !m_analysis->isOpen()) {
            error(kServerError, QStringLiteral("Graft's analysis service is not running"));
            return;
        }
        m_analysisPending.insert(id, id);
        m_analysis->send(json);
    } else if (method == QLatin1String("Graft.terminate")) {
        reply(id,
            { { QStringLiteral("result"),
                QJsonObject {
                    { QStringLiteral("terminated"), false }, { QStringLiteral("message"), stopRefusal() } } } });
    } else if (method == QLatin1String("Graft.callFunctionOn") || method == QLatin1String("Runtime.callFunctionOn")) {
        // Graft's helpers are named as ours, so they stay out of the script list.
        const QString declaration = params.value(QLatin1String("functionDeclaration")).toString() + toolingSuffix();
        if (params.contains(QLatin1String("objectId"))) {
            params.insert(QStringLiteral("functionDeclaration"), declaration);
            toProgram(id, QStringLiteral("Runtime.callFunctionOn"), params);
            return;
        }
        QJsonObject evaluate { { QStringLiteral("expression"), QStringLiteral("(%1\n)()").arg(declaration) } };
        for (const char *key : { "objectGroup", "returnByValue", "generatePreview" }) {
            if (params.contains(QLatin1String(key)))
                evaluate.insert(QLatin1String(key), params.value(QLatin1String(key)));
        }
        toProgram(id, QStringLiteral("Runtime.evaluate"), evaluate);
    } else if (method.startsWith(QLatin1String("Graft."))) {
        error(kMethodNotFound, QStringLiteral("'%1' wasn't found").arg(method));
    } else if (method == QLatin1String("Debugger.setScriptSource")) {
        const int own = m_nextOwnId++;
        m_setSource.insert(own, SetSource { id, params, 0 });
        toProgram(own, method, params);
    } else {
        if (method == QLatin1String("Runtime.runIfWaitingForDebugger")) {
            // Said before the session's first answer, as the other runtimes do.
            Q_EMIT messageReceived(compact({ { QStringLiteral("method"), QStringLiteral("Graft.hostReady") },
                { QStringLiteral("params"),
                    QJsonObject { { QStringLiteral("node"), m_info.node }, { QStringLiteral("v8"), m_info.v8 },
                        { QStringLiteral("pid"), m_info.pid },
                        { QStringLiteral("runtime"), QStringLiteral("attach") } } } }));
        }
        m_program->send(json);
    }
}

void AttachBridge::onAnalysisClosed()
{
    const QList<int> ids = m_analysisPending.keys();
    m_analysisPending.clear();
    for (const int id : ids)
        reply(id,
            { { QStringLiteral("error"),
                QJsonObject { { QStringLiteral("code"), kServerError },
                    { QStringLiteral("message"), QStringLiteral("Graft's analysis service ended") } } } });
}

void AttachBridge::onProgramMessage(const QByteArray &json)
{
    if (const std::optional<int> id = replyId(json)) {
        if (m_setSource.contains(*id))
            onSetSourceReply(*id, QJsonDocument::fromJson(json).object());
        else
            Q_EMIT messageReceived(json);
        return;
    }
    const QString method = leadingMethod(json);
    if (method == QLatin1String("Debugger.scriptParsed") || method == QLatin1String("Runtime.exceptionThrown")
        || method == QLatin1String("Runtime.consoleAPICalled")) {
        const QJsonObject message = QJsonDocument::fromJson(json).object();
        onEvent(method, message.value(QLatin1String("params")).toObject(), json);
        return;
    }
    Q_EMIT messageReceived(json);
}

void AttachBridge::onSetSourceReply(int programId, const QJsonObject &message)
{
    SetSource pending = m_setSource.take(programId);
    QJsonObject answer = message;
    const QJsonObject result = message.value(QLatin1String("result")).toObject();
    if (result.value(QLatin1String("status")).toString() == QLatin1String("BlockedByActiveFunction")
        && pending.attempt < kBlockedRetries) {
        ++pending.attempt;
        QTimer::singleShot(kBlockedRetryMs, this, [this, pending] {
            if (!m_program || !m_program->isOpen())
                return; // the client's pending call is failed by the close
            const int own = m_nextOwnId++;
            m_setSource.insert(own, pending);
            toProgram(own, QStringLiteral("Debugger.setScriptSource"), pending.params);
        });
        return;
    }
    QJsonObject error = message.value(QLatin1String("error")).toObject();
    if (error.value(QLatin1String("message")).toString().contains(QLatin1String("no longer available"))) {
        // Node 26 (V8 14.6) keeps LiveEdit behind a flag (ENGINE.md).
        error.insert(QStringLiteral("message"),
            QStringLiteral("the program's node (%1) refuses live edit: \"%2\". Start it with "
                           "node --inspector-live-edit --inspect ... (Node 26 turns live edit off by default)")
                .arg(m_info.node, error.value(QLatin1String("message")).toString()));
        answer.insert(QStringLiteral("error"), error);
    }
    answer.insert(QStringLiteral("id"), pending.clientId);
    Q_EMIT messageReceived(compact(answer));
}

void AttachBridge::onEvent(const QString &method, QJsonObject params, const QByteArray &raw)
{
    if (method == QLatin1String("Runtime.consoleAPICalled")) {
        Q_EMIT output(consoleStream(params), formatConsoleCall(params) + QLatin1Char('\n'));
        return;
    }
    if (method == QLatin1String("Debugger.scriptParsed")) {
        const QString url = params.value(QLatin1String("url")).toString();
        if (url == toolingUrl())
            return;
        if (m_paths.isEmpty()) {
            Q_EMIT messageReceived(raw);
            return;
        }
        params.insert(QStringLiteral("url"), m_paths.urlToLocal(url));
    } else if (method == QLatin1String("Runtime.exceptionThrown") && !m_paths.isEmpty()) {
        QJsonObject details = params.value(QLatin1String("exceptionDetails")).toObject();
        details.insert(QStringLiteral("url"), m_paths.urlToLocal(details.value(QLatin1String("url")).toString()));
        QJsonObject stack = details.value(QLatin1String("stackTrace")).toObject();
        QJsonArray frames;
        for (const QJsonValue &value : stack.value(QLatin1String("callFrames")).toArray()) {
            QJsonObject frame = value.toObject();
            frame.insert(QStringLiteral("url"), m_paths.urlToLocal(frame.value(QLatin1String("url")).toString()));
            frames.append(frame);
        }
        stack.insert(QStringLiteral("callFrames"), frames);
        details.insert(QStringLiteral("stackTrace"), stack);
        params.insert(QStringLiteral("exceptionDetails"), details);
    }
    Q_EMIT messageReceived(compact({ { QStringLiteral("method"), method }, { QStringLiteral("params"), params } }));
}

} // namespace graft
