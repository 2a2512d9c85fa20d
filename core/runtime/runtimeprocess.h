// SPDX-License-Identifier: MIT
#pragma once

#include "patch/enginekind.h"
#include "runtime/attachtarget.h"

#include <QObject>
#include <QProcess>
#include <QStringDecoder>
#include <QStringList>

namespace graft {

class PipeTransport;

struct RuntimeLaunch
{
    QString runtimePath;   // the graft-runtime executable; empty: defaultRuntimePath()
    QString nodePath;      // run on this node with Graft's agent instead (--node); empty: embedded
    QString agentPath;     // the agent's main script; empty: defaultAgentPath()
    QString entry;         // the program's entry script
    QStringList arguments; // the program's own arguments
    QStringList nodeOptions;
    QString workingDirectory;
    bool exitOnUncaught = false;
    bool forwardStdin = false; // give the program our stdin (not when stdin carries commands)
    AttachTarget attach;       // --attach: a program already running under node --inspect
    bool analysisOnly = false; // graft-runtime as the change analysis only (beside --attach)
    PatchEngineKind engine = PatchEngineKind::LiveEdit;

    QString runtimeExecutable() const;
    bool usesNode() const { return !nodePath.isEmpty(); }
    bool attaches() const { return attach.isValid(); }
    // The swap engine on the embedded runtime: graft-runtime runs as a plain
    // node (--as-node) with Graft's agent, as the user's own node would.
    bool embeddedRunsAgent() const
    {
        return !usesNode() && !attaches() && !analysisOnly && engine == PatchEngineKind::Swap;
    }
    // Graft's agent drives the program: on the user's node, or on the embedded one as above.
    bool runsAgent() const { return usesNode() || embeddedRunsAgent(); }
    // Why `engine` cannot patch the program this launch runs, or empty when it can.
    QString engineRefusal() const;
};

// One graft-runtime child process: its protocol pipes, its stdout and stderr as
// separate streams, and how it ended. The app never waits on it synchronously.
class RuntimeProcess : public QObject
{
    Q_OBJECT
public:
    enum class State { NotRunning, Starting, Running, Exited, Crashed, Killed };
    Q_ENUM(State)

    explicit RuntimeProcess(QObject *parent = nullptr);
    ~RuntimeProcess() override;

    // Returns false with `error` set if nothing could be started.
    bool start(const RuntimeLaunch &launch, QString *error);
    // Ends the child at once (SIGKILL); finished() follows with Killed.
    void kill();
    State state() const { return m_state; }
    qint64 pid() const;
    PipeTransport *transport() const { return m_transport; }

Q_SIGNALS:
    void started();
    void output(const QString &stream, const QString &text);
    // code: the exit code, or the signal number when crashed; detail: readable cause.
    void finished(graft::RuntimeProcess::State how, int code, const QString &detail);

private:
    void onFinished(int exitCode, QProcess::ExitStatus status);

    QProcess *m_process = nullptr;
    PipeTransport *m_transport = nullptr;
    State m_state = State::NotRunning;
    bool m_killRequested = false;
    QStringDecoder m_stdoutDecoder { QStringDecoder::Utf8 };
    QStringDecoder m_stderrDecoder { QStringDecoder::Utf8 };
};

// Where graft-runtime lives: beside the running executable (build tree and install).
QString defaultRuntimePath();

} // namespace graft
