// SPDX-License-Identifier: MIT
#pragma once

#include "cdp/cdptypes.h"

#include <QHash>
#include <QJsonArray>
#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

namespace graft {

class Transport;

// A typed Chrome DevTools Protocol client over any Transport. Requests are typed
// methods whose answers arrive as callbacks on the caller's thread; events are
// signals. A callback runs only while its `context` object lives, and every
// pending callback is answered with an error when the transport closes.
class CdpClient : public QObject
{
    Q_OBJECT
public:
    explicit CdpClient(Transport *transport, QObject *parent = nullptr);
    ~CdpClient() override;

    using ReplyHandler = std::function<void(const CdpReply &)>;
    int call(const QString &method, const QJsonObject &params, QObject *context, ReplyHandler handler);

    // Runtime.enable + Debugger.enable, then lets the waiting program start.
    void startSession(QObject *context, std::function<void(bool ok, const QString &error)> done);
    void setScriptSource(const QString &scriptId, const QString &source, QObject *context,
        std::function<void(const SetSourceResult &)> done);
    void getScriptSource(
        const QString &scriptId, QObject *context, std::function<void(bool ok, const QString &source)> done);
    void evaluate(const QString &expression, QObject *context, std::function<void(const EvaluateResult &)> done);
    void terminateExecution(QObject *context, std::function<void(const StopResult &)> done);
    // graft-runtime's own change analysis (acorn, in an isolate of its own).
    // `carried`: what the script's earlier patches left behind (the last answer's
    // `carried`), or nothing before its first patch.
    void analyzeChange(const QString &oldSource, const QString &newSource, bool isModule,
        const std::optional<QJsonArray> &carried, QObject *context, ReplyHandler done);
    // Whether the edit may go to V8 before the full analysis answers (it only
    // rewrites literal tokens inside compiled functions); false when unsure.
    void quickCheckChange(const QString &oldSource, const QString &newSource, bool isModule, QObject *context,
        std::function<void(bool safe)> done);
    // Every function and top-level binding of one source (same analysis isolate).
    void outlineSource(const QString &source, bool isModule, QObject *context, ReplyHandler done);

    int pendingCount() const { return static_cast<int>(m_pending.size()); }

Q_SIGNALS:
    // runtime: "embedded" (graft-runtime), "node" (the user's node with Graft's
    // agent) or "attach" (a program under node --inspect).
    void hostReady(const QString &nodeVersion, const QString &v8Version, const QString &runtime);
    void scriptParsed(const graft::ScriptInfo &script);
    // A file the program loaded that is no script V8 compiles (kind "json": data
    // read by require(); "addon": a native .node module). graft-runtime only.
    void dataFileLoaded(const QString &filePath, const QString &kind);
    void exceptionThrown(const graft::ExceptionInfo &exception);
    void scriptTerminated(const QString &reason);
    void paused(const QJsonObject &params);
    void resumed();
    void protocolError(const QString &message);

private:
    struct Pending
    {
        QPointer<QObject> context;
        ReplyHandler handler;
    };
    void onMessage(const QByteArray &json);
    void onEvent(const QString &method, const QJsonObject &params);
    void failAll(const QString &reason);

    Transport *m_transport;
    int m_nextId = 1;
    QHash<int, Pending> m_pending;
};

ScriptInfo scriptInfoFromEvent(const QJsonObject &params);
ExceptionInfo exceptionInfoFromEvent(const QJsonObject &params);
RemoteValue remoteValueFromJson(const QJsonObject &object);
// A file path for a script URL: absolute paths and file:// URLs; empty otherwise.
QString filePathFromScriptUrl(const QString &url);

} // namespace graft
