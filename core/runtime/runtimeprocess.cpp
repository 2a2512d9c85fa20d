// SPDX-License-Identifier: MIT
#include "runtime/runtimeprocess.h"

#include "cdp/pipetransport.h"
#include "runtime/nodelaunch.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace graft {

namespace {
// The runtime reads the protocol on fd 3 and writes it on fd 4.
constexpr int kChildProtocolIn = 3;
constexpr int kChildProtocolOut = 4;
} // namespace

QString RuntimeLaunch::runtimeExecutable() const { return runtimePath.isEmpty() ? defaultRuntimePath() : runtimePath; }

QString RuntimeLaunch::engineRefusal() const
{
    if (engine != PatchEngineKind::Swap)
        return {};
    // Swap instruments each module as it loads: a module loaded without the
    // agent watching has no slots to replace, and cannot be given them later.
    if (attaches())
        return QStringLiteral("the swap engine cannot patch an attached program: it instruments each module as it "
                              "loads, and an attached program's modules are loaded already (attach with --engine "
                              "liveedit, the default, or let graft start the program)");
    return {};
}

QString defaultRuntimePath()
{
    const QString besideUs = QCoreApplication::applicationDirPath() + QStringLiteral("/graft-runtime");
    if (QFileInfo(besideUs).isExecutable())
        return besideUs;
    return QStringLiteral("graft-runtime");
}

RuntimeProcess::RuntimeProcess(QObject *parent)
    : QObject(parent)
{
}

RuntimeProcess::~RuntimeProcess()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(2000);
    }
}

qint64 RuntimeProcess::pid() const { return m_process ? m_process->processId() : 0; }

bool RuntimeProcess::start(const RuntimeLaunch &launch, QString *error)
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        if (error)
            *error = QStringLiteral("the runtime is already running");
        return false;
    }
    // The user's own node: asked first, so that a wrong path or an old node gets
    // a plain message instead of a program that dies at start.
    NodeBinary node;
    QString agentPath = launch.agentPath.isEmpty() ? defaultAgentPath() : launch.agentPath;
    if (launch.runsAgent()) {
        node = launch.usesNode() ? probeNodeBinary(launch.nodePath)
                                 : probeNodeBinary(launch.runtimeExecutable(), { QStringLiteral("--as-node") });
        if (!node.usable() || agentPath.isEmpty()) {
            if (error)
                *error = node.usable() ? QStringLiteral("Graft's node agent (graft-agent/agent.js) is not installed")
                                       : node.error;
            m_state = State::Crashed;
            return false;
        }
    }
    delete m_process;
    delete m_transport;
    m_process = new QProcess(this);
    m_transport = new PipeTransport(this);
    if (!m_transport->open(error))
        return false;

    const int childIn = m_transport->childReadFd();
    const int childOut = m_transport->childWriteFd();
    m_process->setChildProcessModifier([childIn, childOut] {
        // Runs in the child between fork and exec: async-signal-safe calls only.
        // Move both ends above 3 and 4 first so that neither dup2 clobbers the other.
        const int in = ::fcntl(childIn, F_DUPFD, 10);
        const int out = ::fcntl(childOut, F_DUPFD, 10);
        ::dup2(in, kChildProtocolIn);
        ::dup2(out, kChildProtocolOut);
        ::close(in);
        ::close(out);
        // The app may ignore SIGPIPE; the program should see Node's usual signal state.
        ::signal(SIGPIPE, SIG_DFL);
    });

    if (launch.runsAgent()) {
        m_process->setProgram(node.path);
        m_process->setArguments(node.leadingArguments + nodeAgentArguments(launch, node, agentPath));
        m_process->setProcessEnvironment(nodeAgentEnvironment(launch, kChildProtocolIn, kChildProtocolOut));
    } else {
        QStringList arguments { QStringLiteral("--protocol-fds"),
            QStringLiteral("%1,%2").arg(kChildProtocolIn).arg(kChildProtocolOut) };
        if (launch.analysisOnly)
            arguments << QStringLiteral("--analysis-only");
        else if (launch.exitOnUncaught)
            arguments << QStringLiteral("--exit-on-uncaught");
        if (!launch.analysisOnly)
            arguments << launch.nodeOptions << launch.entry << launch.arguments;
        m_process->setProgram(launch.runtimeExecutable());
        m_process->setArguments(arguments);
    }
    if (!launch.workingDirectory.isEmpty())
        m_process->setWorkingDirectory(launch.workingDirectory);
    else if (!launch.entry.isEmpty())
        m_process->setWorkingDirectory(QFileInfo(launch.entry).absolutePath());
    m_process->setInputChannelMode(
        launch.forwardStdin ? QProcess::ForwardedInputChannel : QProcess::ManagedInputChannel);

    m_stdoutDecoder.resetState();
    m_stderrDecoder.resetState();
    connect(m_process, &QProcess::readyReadStandardOutput, this, [this] {
        Q_EMIT output(QStringLiteral("stdout"), m_stdoutDecoder.decode(m_process->readAllStandardOutput()));
    });
    connect(m_process, &QProcess::readyReadStandardError, this,
        [this] { Q_EMIT output(QStringLiteral("stderr"), m_stderrDecoder.decode(m_process->readAllStandardError())); });
    connect(m_process, &QProcess::finished, this, &RuntimeProcess::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError processError) {
        if (processError == QProcess::FailedToStart) {
            m_state = State::Crashed;
            m_transport->close();
            Q_EMIT finished(State::Crashed, -1,
                QStringLiteral("cannot start %1: %2").arg(m_process->program(), m_process->errorString()));
        }
    });

    m_killRequested = false;
    m_state = State::Starting;
    m_process->start();
    if (!m_process->waitForStarted(10000)) {
        if (error)
            *error = QStringLiteral("cannot start %1: %2").arg(m_process->program(), m_process->errorString());
        m_transport->close();
        m_state = State::Crashed;
        return false;
    }
    m_transport->closeChildEnds();
    m_state = State::Running;
    Q_EMIT started();
    return true;
}

void RuntimeProcess::kill()
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return;
    m_killRequested = true;
    m_process->kill();
}

void RuntimeProcess::onFinished(int exitCode, QProcess::ExitStatus status)
{
    // Read what is left before reporting the end, so output is never cut short.
    const QByteArray restOut = m_process->readAllStandardOutput();
    if (!restOut.isEmpty())
        Q_EMIT output(QStringLiteral("stdout"), m_stdoutDecoder.decode(restOut));
    const QByteArray restErr = m_process->readAllStandardError();
    if (!restErr.isEmpty())
        Q_EMIT output(QStringLiteral("stderr"), m_stderrDecoder.decode(restErr));
    m_transport->close();

    QString detail;
    if (m_killRequested) {
        m_state = State::Killed;
        detail = QStringLiteral("terminated by Graft");
    } else if (status == QProcess::CrashExit) {
        m_state = State::Crashed;
        detail = QStringLiteral("the runtime crashed: %1 (signal %2)")
                     .arg(QString::fromLocal8Bit(::strsignal(exitCode)))
                     .arg(exitCode);
    } else {
        m_state = State::Exited;
        detail = QStringLiteral("exited with code %1").arg(exitCode);
    }
    Q_EMIT finished(m_state, exitCode, detail);
}

} // namespace graft
