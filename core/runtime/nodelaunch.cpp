// SPDX-License-Identifier: MIT
#include "runtime/nodelaunch.h"

#include "runtime/runtimeprocess.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>

namespace graft {

namespace {
constexpr int kProbeTimeoutMs = 10000;
}

NodeBinary probeNodeBinary(const QString &path, const QStringList &leadingArguments)
{
    NodeBinary node;
    node.path = path;
    node.leadingArguments = leadingArguments;
    const QFileInfo file(path);
    if (!file.exists()) {
        node.error = QStringLiteral("no node at %1 (--node needs the path of a node executable)").arg(path);
        return node;
    }
    if (!file.isFile() || !file.isExecutable()) {
        node.error = QStringLiteral("%1 is not an executable file (--node needs a node executable)").arg(path);
        return node;
    }
    QProcess probe;
    probe.setProgram(path);
    probe.setArguments(leadingArguments + QStringList { QStringLiteral("--version") });
    probe.setProcessChannelMode(QProcess::MergedChannels);
    probe.start();
    if (!probe.waitForFinished(kProbeTimeoutMs) || probe.exitStatus() != QProcess::NormalExit
        || probe.exitCode() != 0) {
        probe.kill();
        probe.waitForFinished(1000);
        node.error = QStringLiteral("%1 --version did not answer (is it a node executable?)").arg(path);
        return node;
    }
    const QString answer = QString::fromUtf8(probe.readAll()).trimmed();
    const QRegularExpressionMatch version
        = QRegularExpression(QStringLiteral("^v(\\d+)\\.(\\d+)\\.(\\d+)\\S*$")).match(answer);
    if (!version.hasMatch()) {
        node.error = QStringLiteral("%1 --version answered \"%2\", not a Node.js version")
                         .arg(path, answer.section(QLatin1Char('\n'), 0, 0).left(80));
        return node;
    }
    node.version = answer;
    node.major = version.captured(1).toInt();
    if (node.major < kMinimumNodeMajor)
        node.error = QStringLiteral("Node %1 at %2 is too old for Graft's agent: it needs Node %3 or newer")
                         .arg(answer, path)
                         .arg(kMinimumNodeMajor);
    return node;
}

QStringList nodeAgentArguments(const RuntimeLaunch &launch, const NodeBinary &node, const QString &agentPath)
{
    // --expose-internals: the agent's stop clears Node's async-id stack with
    // internal/async_hooks' clearAsyncIdStack (the only safe stop, ENGINE.md).
    QStringList arguments { QStringLiteral("--expose-internals") };
    // No baseline (Sparkplug) code: LiveEdit resets the feedback of the functions
    // it patches, and a function that then runs baseline code without feedback
    // crashes the program (docs/RELIABILITY.md: 6 crashes in 138 runs of the
    // truth oracle's first programs on Node 24 and 26, none in 121 without
    // Sparkplug). Both engines patch with LiveEdit somewhere (the swap engine a
    // Worker's copy of a file).
    arguments << QStringLiteral("--no-sparkplug");
    // The swap engine patches without LiveEdit, so Node 26 runs as the user would start it.
    if (node.major >= kLiveEditFlagMajor && launch.engine != PatchEngineKind::Swap)
        arguments << QStringLiteral("--inspector-live-edit");
    arguments << QStringLiteral("--require") << agentPath;
    arguments << launch.nodeOptions << launch.entry << launch.arguments;
    return arguments;
}

QProcessEnvironment nodeAgentEnvironment(const RuntimeLaunch &launch, int protocolIn, int protocolOut)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    QString value = QStringLiteral("%1,%2").arg(protocolIn).arg(protocolOut);
    if (launch.exitOnUncaught)
        value += QStringLiteral(",exit-on-uncaught");
    if (launch.engine == PatchEngineKind::Swap)
        value += QStringLiteral(",swap");
    environment.insert(QStringLiteral("GRAFT_AGENT"), value);
    return environment;
}

QString defaultAgentPath()
{
    const QDir bin(QCoreApplication::applicationDirPath());
    for (const QString &candidate : { bin.filePath(QStringLiteral("graft-agent/agent.js")),
             bin.filePath(QStringLiteral("../share/graft/agent/agent.js")) }) {
        if (QFileInfo::exists(candidate))
            return QFileInfo(candidate).canonicalFilePath();
    }
    return {};
}

} // namespace graft
