// SPDX-License-Identifier: MIT
#pragma once

#include "cdp/cdptypes.h"
#include "patch/patchreport.h"
#include "runtime/runtimeprocess.h"
#include "session/datafiles.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QVariant>

#include <functional>
#include <optional>

namespace graft {

class AttachConnection;
class BlockedRetry;
class CdpClient;
class Debugger;
class FileWatcher;
class LiveInspector;
class ModuleConsole;
class PatchHistory;
class PatchPipeline;
class ScriptRegistry;
class Transport;
struct FunctionScopes;
struct ReinitResult;

// One live-coding session: a running program, the protocol client that talks to
// it, its loaded scripts, the patch pipeline and the watch on its files. Both the
// desktop app and `graft --headless` are views of a LiveSession.
class LiveSession : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Starting, Running, Exited, Crashed };
    Q_ENUM(State)

    explicit LiveSession(QObject *parent = nullptr);
    ~LiveSession() override;

    void setLaunch(const RuntimeLaunch &launch) { m_launch = launch; }
    const RuntimeLaunch &launch() const { return m_launch; }
    void setWatchFiles(bool watch) { m_watchFiles = watch; }
    // How long a blocked patch is retried by itself (0: not at all).
    void setBlockedRetryMs(int ms);

    // Starts the program; false (with finished() emitted) if the runtime cannot start.
    bool start();
    void restart();
    // Ends the program (SIGKILL); finished() follows with reason "terminated".
    // An attached program is never ended: Graft detaches (reason "detached").
    void kill();
    // Why restart() does nothing here (an attached program), or empty.
    QString restartRefusal() const;
    // Ends the JavaScript running right now (a runaway loop); the program lives on.
    void stopScript(QObject *context, std::function<void(const StopResult &)> done);
    void evaluate(const QString &expression, QObject *context, std::function<void(const EvaluateResult &)> done);
    // Evaluates in the top-level scope of a loaded file (see ModuleConsole): its
    // bindings read and assigned for real, CommonJS's names, top-level await.
    void evaluateInFile(const QString &filePath, const QString &expression, QObject *context,
        std::function<void(const EvaluateResult &)> done);
    // The live value of one top-level binding of a loaded file, read from the
    // file's scope object itself, so no parameter or local of the function that
    // reaches the scope can hide it (as it can in evaluateInFile). Only bindings
    // some function captures are there; others answer an error. Runs nothing of
    // the program's.
    void readTopLevelValue(const QString &filePath, const QString &name, QObject *context,
        std::function<void(const EvaluateResult &)> done);
    // The properties of a value an evaluation returned (valueJson's objectId).
    void expandValue(const QString &objectId, QObject *context,
        std::function<void(bool ok, const QJsonArray &properties, const QString &error)> done);
    void apply(const QString &filePath, std::optional<QString> source = std::nullopt, QVariant tag = {});
    // Applies the source the running code had before the file's last applied
    // patch, as a new patch with its own report.
    void revert(const QString &filePath, QVariant tag = {});
    // The scopes and live captured values of a function of a loaded file, found
    // by name or else by a line inside it.
    void inspectFunction(const QString &filePath, const QString &name, int line, QObject *context,
        std::function<void(const FunctionScopes &)> done);
    // Gives a stale top-level binding the value its new initializer says.
    void reinitialize(const QString &filePath, const QString &binding, QObject *context,
        std::function<void(const ReinitResult &)> done);

    State state() const { return m_state; }
    bool isRunning() const { return m_state == State::Running || m_state == State::Starting; }
    // A save is being applied (and checked): the inspector's handles are in use.
    bool isPatching() const;
    ScriptRegistry *scripts() const { return m_registry; }
    PatchHistory *history() const { return m_history; }
    LiveInspector *inspector() const { return m_inspector; }
    // Breakpoints and the paused state; it outlives each run of the program.
    Debugger *debugger() const { return m_debugger; }
    CdpClient *client() const { return m_client; }
    QString nodeVersion() const { return m_nodeVersion; }
    QString v8Version() const { return m_v8Version; }
    // "embedded", "node" or "attach", as the runtime says of itself (headless ready's `runtime`).
    QString runtimeKind() const { return m_runtimeKind; }
    // graft-runtime's own C++ host drives the program (not Graft's agent, which
    // also runs on the embedded runtime under the swap engine).
    bool embeddedHost() const { return m_runtimeKind == QLatin1String("embedded") && !m_launch.runsAgent(); }
    // The engine that patches this run of the program (headless ready's `engine`).
    PatchEngineKind engineKind() const;
    qint64 runtimePid() const;
    // The program's entry script (for --attach: its main module, as a local path).
    QString entry() const;
    bool attaches() const { return m_launch.attaches(); }

Q_SIGNALS:
    void stateChanged(graft::LiveSession::State state);
    void ready(const QString &entry, const QString &nodeVersion, const QString &v8Version);
    // --attach: the program's inspector went away (it ended or restarted); the
    // session waits for a program on the same port and then says reattached().
    void detached(const QString &reason);
    void reattached(const QString &entry, const QString &nodeVersion, const QString &v8Version);
    void output(const QString &stream, const QString &text);
    void exceptionThrown(const graft::ExceptionInfo &exception);
    void scriptTerminated(const QString &reason);
    void patchFinished(const graft::PatchReport &report, const QVariant &tag);
    // The user's pauses only (Graft's own short pauses are never announced).
    void paused();
    void resumed();
    // reason: "exit", "crash" or "terminated" (DESIGN.md's exit event).
    void finished(int code, const QString &reason, const QString &detail);
    void protocolError(const QString &message);

private:
    void setState(State state);
    bool startAttached();
    void detachFromProgram();
    void onDetached(const QString &reason);
    void connectClient(Transport *transport);
    // Gives up the protocol client and what hangs on it (a detach, a new start).
    void dropClient();
    // What the session knows of one run of the program: scripts, saves, retries.
    void resetProgramState();
    void onProgramOutput(const QString &stream, const QString &text);
    // Why a command cannot reach the program now.
    QString notRunningMessage() const;
    // A patch that could not even start, reported like any other.
    void reportRefused(const QString &filePath, PatchStatus status, const QString &message, const QVariant &tag);
    void onProcessFinished(RuntimeProcess::State how, int code, const QString &detail);
    void onScriptParsed(const ScriptInfo &script);
    void onFileSaved(const QString &filePath);
    void reconcileWithDisk(const ScriptInfo &script);
    void compareWithDisk(const ScriptInfo &script, const QString &live, bool mayWait);
    void onPipelineFinished(PatchReport report, const QVariant &tag);
    void onRetryAttempt(const QString &file, const QString &source, int generation);
    void onRetryGaveUp(const QString &filePath, const QString &source, int attempts, qint64 waitedMs);
    void onDataFileLoaded(const QString &filePath, const QString &kind);
    // A loaded file that is not a script (JSON read by require(), a native addon):
    // why a save cannot reach the program, or empty if `filePath` is none of those.
    QString dataFileRefusal(const QString &filePath) const;
    // A live function of a loaded file whose scope is the file's top level
    // (kept for the session), or an error saying why there is none.
    void findScopeHolder(const QString &filePath, QObject *context,
        std::function<void(const ScriptInfo &script, const QString &holder, const QString &error)> done);
    // The source V8 runs for a file, if the session knows it.
    std::optional<QString> liveSourceOf(const QString &filePath) const;

    RuntimeLaunch m_launch;
    bool m_watchFiles = true;
    State m_state = State::Idle;
    RuntimeProcess *m_process = nullptr;
    AttachConnection *m_attach = nullptr;
    CdpClient *m_client = nullptr;
    PatchPipeline *m_pipeline = nullptr;
    LiveInspector *m_inspector = nullptr;
    ModuleConsole *m_console = nullptr;
    // While the console enters a file (finding a function, the pause), later
    // inputs wait: a second lookup would release the first one's objects.
    bool m_consoleEntering = false;
    QList<std::function<void()>> m_consoleWaiting;
    ScriptRegistry *m_registry = nullptr;
    PatchHistory *m_history = nullptr;
    FileWatcher *m_watcher = nullptr;
    QString m_nodeVersion;
    QString m_v8Version;
    QString m_runtimeKind;
    bool m_readyEmitted = false;
    QList<QPair<QString, QString>> m_outputBeforeReady;
    // Per file: what the last save handed to the pipeline contained, when it was
    // written, and whether the file's load found it (reconcileWithDisk) rather
    // than the watcher: one write that both see is one save.
    struct LastSave
    {
        QString text;
        QDateTime written;
        bool foundAtLoad = false;
    };
    QHash<QString, LastSave> m_lastSaved;
    QHash<QString, int> m_savesInFlight; // per file: watched saves handed to the pipeline, not yet answered
    DataFiles m_dataFiles;               // loaded, but not scripts
    BlockedRetry *m_retry = nullptr;
    bool m_restartPending = false;
    Debugger *m_debugger = nullptr;
    QDateTime m_startedAt;           // when the program was started (reconcileWithDisk)
    int m_appliesAwaitingEvents = 0; // applies waiting for the runtime's earlier events (apply())
};

QString sessionStateName(LiveSession::State state);

} // namespace graft
