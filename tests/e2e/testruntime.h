// SPDX-License-Identifier: MIT
#pragma once

// The runtime an end-to-end test entry runs its programs on. One test body for
// every runtime, as KDevelop's debuggertestbase asks a factory for its session:
// CTest registers each e2e test once per runtime (tests/e2e/CMakeLists.txt) and
// names the runtime in the environment; the harness starts graft accordingly.
//   (unset)                       the embedded graft-runtime (Node 18, V8 10.2)
//   GRAFT_TEST_NODE=PATH          graft --node PATH, with Graft's agent
//   GRAFT_TEST_NODE_VERSION=X.Y.Z the version that node must report
//   GRAFT_TEST_ATTACH=1           with GRAFT_TEST_NODE: the harness starts the
//                                 program itself as node --inspect=127.0.0.1:0 and
//                                 runs graft --attach on the port node printed
//   GRAFT_TEST_ENGINE=swap        graft --engine swap (Graft's own patch engine)
//                                 instead of LiveEdit

#include <QFileInfo>
#include <QString>
#include <QStringList>

struct TestRuntime
{
    // What a test needs that not every runtime can give; cannot() says why not.
    enum class Need {
        Restart,          // graft restarts the program
        ProgramEnd,       // graft sees the program end: its exit code, crash, signal
        Stop,             // stop ends a runaway callback
        KeepsRunning,     // an uncaught exception leaves the program running
        RawOutput,        // process.stdout.write reaches graft (not only console.*)
        GraftOwnsProgram, // graft's end ends the program; its options reach the program
        DataFiles,        // graft hears of JSON files and addons that require() read
        NoPort,           // the program listens on no inspector port
        WorkerTargets,    // graft sees worker_threads Workers as targets of their own
        LiveEditRule      // the patch follows V8's LiveEdit (its verdicts, its refusals, its crashes)
    };

    QString kind;        // "embedded", "node" or "attach", as headless `ready` names it
    QString nodePath;    // for "node"
    QString nodeVersion; // for "node": what cmake/node-versions.txt pins
    QString engine;      // "liveedit" or "swap", as headless `ready` names it

    static const TestRuntime &current();
    bool isEmbedded() const { return kind == QLatin1String("embedded"); }
    bool isAttach() const { return kind == QLatin1String("attach"); }
    bool isSwap() const { return engine == QLatin1String("swap"); }
    // Why this runtime cannot give `need`, or empty when it can: a test skips
    // with this reason (QSKIP), never silently.
    QString cannot(Need need) const;
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
        if (!r.nodePath.isEmpty() && qEnvironmentVariableIsSet("GRAFT_TEST_ATTACH"))
            r.kind = QStringLiteral("attach");
        r.engine = qEnvironmentVariable("GRAFT_TEST_ENGINE", QStringLiteral("liveedit"));
        return r;
    }();
    return runtime;
}

inline QString TestRuntime::cannot(Need need) const
{
    if (need == Need::LiveEditRule && isSwap())
        return QStringLiteral("swap: Graft's own engine replaces functions through their slots; V8's LiveEdit rule "
                              "does not apply (the truth oracle checks its claims)");
    if (!isAttach())
        return {};
    switch (need) {
    case Need::Restart:
        return QStringLiteral("attach: the program is not Graft's to restart (restart is refused)");
    case Need::ProgramEnd:
        return QStringLiteral("attach: an ended program is a closed socket to Graft, which waits to reattach; "
                              "exit codes and crashes stay the program's");
    case Need::Stop:
        return QStringLiteral("attach: stop is refused (a plain Runtime.terminateExecution can make Node exit)");
    case Need::KeepsRunning:
        return QStringLiteral("attach: the program keeps Node's own behaviour on an uncaught exception (it exits)");
    case Need::RawOutput:
        return QStringLiteral("attach: Graft sees the program's console calls, not its raw stdout");
    case Need::GraftOwnsProgram:
        return QStringLiteral("attach: the program outlives Graft and takes no options from it");
    case Need::DataFiles:
        return QStringLiteral("attach: no agent in the program tells Graft which data files require() read");
    case Need::NoPort:
        return QStringLiteral("attach: the program opened its inspector port itself (node --inspect)");
    case Need::WorkerTargets:
    case Need::LiveEditRule:
        return {};
    }
    return {};
}

inline QStringList TestRuntime::graftArguments() const
{
    QStringList arguments;
    if (isSwap())
        arguments << QStringLiteral("--engine") << engine;
    if (isEmbedded() || isAttach())
        return arguments; // attach: the harness adds --attach with the program's port
    return arguments << QStringLiteral("--node") << nodePath;
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

// Skips the running test when this entry's runtime cannot give NEED, with the runtime's reason.
#define GRAFT_SKIP_UNLESS(NEED)                                                                                        \
    do {                                                                                                               \
        if (const QString why = TestRuntime::current().cannot(TestRuntime::Need::NEED); !why.isEmpty())                \
            QSKIP(qPrintable(why));                                                                                    \
    } while (false)
