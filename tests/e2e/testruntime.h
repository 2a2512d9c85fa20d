// SPDX-License-Identifier: MIT
#pragma once

// The runtime an end-to-end test entry runs its programs on. One test body for
// every runtime, as KDevelop's debuggertestbase asks a factory for its session:
// CTest registers each e2e test once per runtime (tests/e2e/CMakeLists.txt) and
// names the runtime in the environment; the harness starts graft accordingly.
//   (unset)                       the embedded graft-runtime (Node 18, V8 10.2)
//   GRAFT_TEST_NODE=PATH          graft --node PATH, with Graft's agent
//   GRAFT_TEST_NODE_VERSION=X.Y.Z the version that node must report

#include <QFileInfo>
#include <QString>
#include <QStringList>

struct TestRuntime
{
    QString kind;        // "embedded" or "node", as headless `ready` names it
    QString nodePath;    // for "node"
    QString nodeVersion; // for "node": what cmake/node-versions.txt pins

    static const TestRuntime &current();
    bool isEmbedded() const { return kind == QLatin1String("embedded"); }
    // graft's options that select this runtime.
    QStringList graftArguments() const;
    // Why this runtime cannot run at all (its node is missing), or empty.
    QString unavailableReason() const;
};

// The major number of a version such as "v22.23.5" or "12.4.254.21-node.57".
int majorOf(const QString &version);

// Header-only: every harness user (the truth tests too) gets it without a new source file.

inline const TestRuntime &TestRuntime::current()
{
    static const TestRuntime runtime = [] {
        TestRuntime r;
        r.nodePath = qEnvironmentVariable("GRAFT_TEST_NODE");
        r.nodeVersion = qEnvironmentVariable("GRAFT_TEST_NODE_VERSION");
        r.kind = r.nodePath.isEmpty() ? QStringLiteral("embedded") : QStringLiteral("node");
        return r;
    }();
    return runtime;
}

inline QStringList TestRuntime::graftArguments() const
{
    if (isEmbedded())
        return {};
    return { QStringLiteral("--node"), nodePath };
}

inline QString TestRuntime::unavailableReason() const
{
    if (isEmbedded() || QFileInfo(nodePath).isExecutable())
        return {};
    return QStringLiteral("no node at %1: the test command installs it (bash cmake/setup-node-binaries.sh)")
        .arg(nodePath);
}

inline int majorOf(const QString &version)
{
    QString digits = version.startsWith(QLatin1Char('v')) ? version.mid(1) : version;
    return digits.section(QLatin1Char('.'), 0, 0).toInt();
}
