// SPDX-License-Identifier: MIT
#pragma once

#include "cdp/cdptypes.h"
#include "cdp/debuggertypes.h"

#include <QHash>
#include <QJsonArray>
#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

namespace graft {

class Transport;

struct ChangeAnalysisRequest
{
    QString oldSource;
    QString newSource;
    bool isModule = false;
    // What the script's earlier patches left behind (the last answer's
    // `carried`); nothing before its first patch.
    std::optional<QJsonArray> carried;
    // Graft holds a live function of the script's top level already: the answer
    // need not carry the texts to find one by (`scopeHolders`).
    bool holderKnown = false;
    // The V8 the program runs on ("12.4.254.21-node.33"): LiveEdit's diff changed
    // in 10.5. Empty: V8 10.2's, the embedded runtime's.
    QString v8Version;
    // The script to patch when the edit may go to V8 before the analysis ends:
    // a runtime that runs the program sends it there itself, a hop sooner.
    QString scriptId;
};

// What Graft.analyze answers, as it comes.
struct AnalysisHandlers
{
    // The edit may go to V8 before the analysis ends (it only rewrites literal
    // tokens inside compiled functions). `sentByRuntime`: the runtime sent it to
    // the request's script already, and V8's answer comes to `applied`; else
    // Graft sends it. Empty: the runtime is not asked to check first.
    std::function<void(bool sentByRuntime)> safeToApply;
    std::function<void(const SetSourceResult &)> applied;
    // The analysis itself.
    std::function<void(const CdpReply &)> done;
};

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
    // The same on a worker thread's own inspector (cdptargets.cpp): the call
    // travels inside NodeWorker.sendMessageToWorker. An empty `target` is the main thread.
    int callOn(const QString &target, const QString &method, const QJsonObject &params, QObject *context,
        ReplyHandler handler);

    // Runtime.enable + Debugger.enable, then lets the waiting program start;
    // `beforeRun` sends what must be in place before its first line (breakpoints).
    void startSession(QObject *context, std::function<void(bool ok, const QString &error)> done,
        const std::function<void()> &beforeRun = {});
    void setScriptSource(const QString &scriptId, const QString &source, QObject *context,
        std::function<void(const SetSourceResult &)> done);
    void getScriptSource(
        const QString &scriptId, QObject *context, std::function<void(bool ok, const QString &source)> done);
    void evaluate(const QString &expression, QObject *context, std::function<void(const EvaluateResult &)> done);
    void terminateExecution(QObject *context, std::function<void(const StopResult &)> done);
    // Graft's own change analysis (acorn, in an isolate of its own); see AnalysisHandlers.
    void analyzeChange(const ChangeAnalysisRequest &request, QObject *context, AnalysisHandlers handlers);
    // Every function and top-level binding of one source (same analysis isolate).
    // With `at` (a UTF-16 offset), also what the name there refers to: the
    // result's `at` is {name, scope: "top" | "local" | "global"} or null.
    void outlineSource(const QString &source, bool isModule, QObject *context, ReplyHandler done, int at = -1);
    // The swap engine's one request (Graft.swap, answered by Graft's agent): the
    // main thread's script `scriptId` (its `url` as Debugger.scriptParsed gave it)
    // takes `source` through the slots the agent gave its functions at load. The
    // answer is the agent's report as it comes (SwapEngine reads it). `check`, when
    // not empty, asks the agent to run the check of the live instances itself
    // ({countInScope: the check's function}, patchverifier.cpp).
    void swapSource(const QString &scriptId, const QString &url, const QString &source, const QJsonObject &check,
        QObject *context, ReplyHandler done);

    // The debugger (cdpdebugger.cpp). Breakpoints by URL pattern, so that they
    // resolve in scripts loaded later and in every run; `line` is 1-based.
    void setBreakpointByUrl(const QString &urlRegex, int line, const QString &condition, QObject *context,
        std::function<void(const SetBreakpointResult &)> done);
    void removeBreakpoint(const QString &breakpointId, QObject *context, ReplyHandler done = {});
    // "resume", "stepOver", "stepInto", "stepOut" or "pause" (Debugger.<command>).
    void runControl(const QString &command, QObject *context, ReplyHandler done = {});
    // Scripts whose URL matches one of `patterns` are never paused or stepped in.
    void setBlackboxPatterns(const QStringList &patterns, QObject *context, ReplyHandler done = {});
    // "none", "uncaught" or "all".
    void setPauseOnExceptions(const QString &state, QObject *context, ReplyHandler done = {});
    // While paused: LiveEdit may change the top frame's function (V8 10.5+ then
    // restarts that frame, as DevTools has it; V8 10.2 ignores the flag).
    void setAllowTopFrameEditing(bool allow) { m_allowTopFrameEditing = allow; }
    // `sideEffectFree`: V8 refuses (an error) whatever would change the program (a
    // hover must not run a getter that counts).
    void evaluateOnCallFrame(const QString &callFrameId, const QString &expression, QObject *context,
        std::function<void(const EvaluateResult &)> done, bool sideEffectFree = false);

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
    // A breakpoint set by URL found its place in a script (Debugger.breakpointResolved).
    // A worker thread appeared (it may have started before Graft attached) or ended.
    // Its scripts come as scriptParsed with the worker's target.
    void targetAttached(const graft::TargetInfo &target);
    void targetDetached(const QString &target);
    void breakpointResolved(const QString &breakpointId, const graft::BreakpointLocation &location);
    void protocolError(const QString &message);

private:
    // Answers a call that cannot be sent (no runtime, no such worker) at once, as a failure.
    static int failAtOnce(int id, const ReplyHandler &handler, int code, const QString &message);
    struct Pending
    {
        QPointer<QObject> context;
        ReplyHandler handler;
        QString target; // a worker's calls fail when it ends
    };
    void onMessage(const QByteArray &json);
    // An answer to one of our calls, from the main thread or a worker.
    void deliverReply(const QJsonObject &message);
    // Worker threads as targets (cdptargets.cpp).
    void enableWorkerTargets(QObject *context);
    void onWorkerAttached(const QJsonObject &params);
    void onWorkerDetached(const QString &target);
    void onWorkerMessage(const QString &target, const QString &json);
    void onEvent(const QString &method, const QJsonObject &params);
    void onAnalysisSafe(int analysisId, bool sentByRuntime);
    void failAll(const QString &reason);

    Transport *m_transport;
    int m_nextId = 1;
    QHash<int, Pending> m_pending;
    // Graft.analysisSafe events, by the id of the analysis they come ahead of,
    // with the id and handler reserved for the setScriptSource the runtime may send.
    struct EarlyApply
    {
        std::function<void(bool sentByRuntime)> safeToApply;
        int applyId = 0;
        Pending applied;
    };
    QHash<int, EarlyApply> m_safeToApply;
    bool m_allowTopFrameEditing = false;
    QHash<QString, TargetInfo> m_targets; // the worker threads attached now
};

ScriptInfo scriptInfoFromEvent(const QJsonObject &params);
ExceptionInfo exceptionInfoFromEvent(const QJsonObject &params);
RemoteValue remoteValueFromJson(const QJsonObject &object);
// What Debugger.setScriptSource's answer means, on every V8 (status or exceptionDetails).
SetSourceResult setSourceResultFrom(const CdpReply &reply);
// A worker's script id, unique across threads ("<target>/<scriptId>"); the main
// thread's ids stay as V8 gives them.
QString workerScriptId(const QString &target, const QString &scriptId);
// The target and V8's own id of a script id (workerScriptId()'s inverse).
QPair<QString, QString> splitScriptId(const QString &scriptId);
// A file path for a script URL: absolute paths and file:// URLs; empty otherwise.
QString filePathFromScriptUrl(const QString &url);

} // namespace graft
