// SPDX-License-Identifier: MIT
// How a swap-engine session is started: which launches can have the engine
// (every one Graft starts, the embedded runtime through its agent, never an
// attached program), and what the agent is told to do. The engine's requests
// and reports are tst_swapengine's.

#include "patch/enginekind.h"
#include "runtime/attachtarget.h"
#include "runtime/nodelaunch.h"
#include "runtime/runtimeprocess.h"

#include <QTest>

using namespace graft;

class TestSwapLaunch : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void theAgentIsAskedForSwap_data();
    void theAgentIsAskedForSwap();
    void swapNeedsTheAgentFromTheStart();
};

void TestSwapLaunch::theAgentIsAskedForSwap_data()
{
    QTest::addColumn<bool>("exitOnUncaught");
    QTest::addColumn<bool>("swap");
    QTest::addColumn<QString>("agent"); // GRAFT_AGENT
    QTest::newRow("liveedit") << false << false << QStringLiteral("3,4");
    QTest::newRow("swap") << false << true << QStringLiteral("3,4,swap");
    QTest::newRow("swap, exit on uncaught") << true << true << QStringLiteral("3,4,exit-on-uncaught,swap");
}

void TestSwapLaunch::theAgentIsAskedForSwap()
{
    QFETCH(bool, exitOnUncaught);
    QFETCH(bool, swap);
    QFETCH(QString, agent);
    RuntimeLaunch launch;
    launch.nodePath = QStringLiteral("/usr/bin/node");
    launch.exitOnUncaught = exitOnUncaught;
    launch.engine = swap ? PatchEngineKind::Swap : PatchEngineKind::LiveEdit;
    QCOMPARE(nodeAgentEnvironment(launch, 3, 4).value(QStringLiteral("GRAFT_AGENT")), agent);
}

void TestSwapLaunch::swapNeedsTheAgentFromTheStart()
{
    RuntimeLaunch launch;
    QVERIFY(launch.engineRefusal().isEmpty()); // LiveEdit runs everywhere
    QVERIFY(!launch.runsAgent());              // the embedded runtime's own host
    launch.engine = PatchEngineKind::Swap;
    // The embedded runtime runs the agent for swap (graft-runtime --as-node).
    QVERIFY(launch.engineRefusal().isEmpty());
    QVERIFY(launch.embeddedRunsAgent());
    launch.nodePath = QStringLiteral("/usr/bin/node");
    QVERIFY(launch.engineRefusal().isEmpty());
    QVERIFY(launch.runsAgent() && !launch.embeddedRunsAgent());
    RuntimeLaunch attached;
    attached.engine = PatchEngineKind::Swap;
    QString error;
    attached.attach = *parseAttachTarget(QStringLiteral("9229"), &error);
    QVERIFY2(attached.engineRefusal().contains(QLatin1String("modules are loaded already")),
        qPrintable(attached.engineRefusal()));
    QCOMPARE(engineKindFromName(QStringLiteral("swap")), std::optional(PatchEngineKind::Swap));
    QCOMPARE(engineKindFromName(QStringLiteral("liveedit")), std::optional(PatchEngineKind::LiveEdit));
    QVERIFY(!engineKindFromName(QStringLiteral("LiveEdit")));
    QCOMPARE(engineKindName(PatchEngineKind::Swap), QStringLiteral("swap"));
}

QTEST_GUILESS_MAIN(TestSwapLaunch)
#include "tst_swaplaunch.moc"
