// SPDX-License-Identifier: MIT
// Worker threads, headless: a save of a file that a worker_threads Worker runs
// patches the running worker, a file loaded by the main thread and by workers is
// patched on each, the patch event says per thread what happened, and a worker
// that starts later or ends is taken in or forgotten. The program itself says
// what runs: each worker posts what its functions return, every tick.
#include "headlessharness.h"

#include <QJsonDocument>

#include <QJsonArray>
#include <QTest>

namespace {

// "thread: status" for each entry of a patch event's `threads`, sorted (workers' numbers vary).
QStringList threadStatuses(const QJsonObject &patch)
{
    QStringList statuses;
    for (const QJsonValue &value : patch.value("threads").toArray()) {
        const QJsonObject thread = value.toObject();
        const QString name = thread.value("thread").toString();
        statuses << (name == QLatin1String("main") ? name : QStringLiteral("worker")) + QStringLiteral(": ")
                + thread.value("status").toString();
    }
    statuses.sort();
    return statuses;
}

QByteArray tickSource(const char *reading)
{
    QByteArray source = HeadlessHarness::readFile(QStringLiteral(GRAFT_TEST_DATA_DIR "/e2e/programs/workers-tick.js"));
    return source.replace("'one'", QByteArray("'") + reading + "'");
}

} // namespace

class TestWorkers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void savesReachEveryThreadThatRunsTheFile();
};

void TestWorkers::init()
{
    if (const QString why = TestRuntime::current().unavailableReason(); !why.isEmpty())
        QFAIL(qPrintable(why));
}

void TestWorkers::savesReachEveryThreadThatRunsTheFile()
{
    GRAFT_SKIP_UNLESS(WorkerTargets);
    const TestRuntime &runtime = TestRuntime::current();
    if (runtime.isSwap() && majorOf(runtime.nodeVersion) >= 26)
        QSKIP("swap on Node 26: a worker's copy of a file is patched through LiveEdit, which Node 26 started "
              "without --inspector-live-edit does not have (the report says so; docs/SWAP.md)");
    HeadlessHarness graft;
    graft.addProgram(QStringLiteral("workers-shared.js"));
    graft.addProgram(QStringLiteral("workers-tick.js"));
    const QString entry = graft.addProgram(QStringLiteral("workers-main.js"));
    QVERIFY(graft.start(entry));
    QVERIFY(!graft.waitForOutput(QStringLiteral("first: one alpha")).isEmpty());
    QVERIFY(!graft.waitForOutput(QStringLiteral("main: alpha")).isEmpty());

    // A file only the worker runs.
    const QString tick = graft.writeFile(QStringLiteral("workers-tick.js"), tickSource("two"));
    QJsonObject patch = graft.waitForPatch(1);
    QCOMPARE(patch.value("file").toString(), tick);
    QCOMPARE(patch.value("status").toString(), QStringLiteral("applied"));
    QCOMPARE(threadStatuses(patch), QStringList { QStringLiteral("worker: applied") });
    QVERIFY2(!graft.waitForOutput(QStringLiteral("first: two alpha")).isEmpty(), "the worker runs its old code");
    // The verdict was checked in the worker's own heap, where its instance lives
    // (under swap too: a worker's copy goes through LiveEdit).
    {
        QJsonObject reading;
        for (const QJsonValue &f : patch.value("functions").toArray()) {
            if (f.toObject().value("name").toString() == QLatin1String("reading"))
                reading = f.toObject();
        }
        QVERIFY2(reading.value("effective").toBool()
                && reading.value("reason").toString().contains(QLatin1String("verified: 1 live instance(s)")),
            qPrintable(QJsonDocument(reading).toJson(QJsonDocument::Compact)));
    }

    // A file the main thread and the worker run: each gets the edit.
    QByteArray shared = HeadlessHarness::readFile(graft.dir() + QStringLiteral("/workers-shared.js"));
    graft.writeFile(QStringLiteral("workers-shared.js"), shared.replace("'alpha'", "'beta'"));
    patch = graft.waitForPatch(2);
    QCOMPARE(patch.value("status").toString(), QStringLiteral("applied"));
    QCOMPARE(
        threadStatuses(patch), (QStringList { QStringLiteral("main: applied"), QStringLiteral("worker: applied") }));
    QCOMPARE(patch.value("threads").toArray().first().toObject().value("thread").toString(), QStringLiteral("main"));
    QVERIFY(!graft.waitForOutput(QStringLiteral("main: beta")).isEmpty());
    QVERIFY2(!graft.waitForOutput(QStringLiteral("first: two beta")).isEmpty(), "the worker's copy kept its old code");

    // A worker started later is watched and patched too.
    graft.send({ { "id", 1 }, { "command", "eval" }, { "expression", "startWorker('late')" } });
    QCOMPARE(graft.waitForResult(1).value("ok").toBool(), true);
    QVERIFY(!graft.waitForOutput(QStringLiteral("late: two beta")).isEmpty());
    graft.writeFile(QStringLiteral("workers-tick.js"), tickSource("three"));
    patch = graft.waitForPatch(3);
    QCOMPARE(patch.value("status").toString(), QStringLiteral("applied"));
    QCOMPARE(
        threadStatuses(patch), (QStringList { QStringLiteral("worker: applied"), QStringLiteral("worker: applied") }));
    QVERIFY(!graft.waitForOutput(QStringLiteral("first: three beta")).isEmpty());
    QVERIFY(!graft.waitForOutput(QStringLiteral("late: three beta")).isEmpty());

    // A worker that ended is forgotten: its scripts leave the list, saves skip it.
    graft.send({ { "id", 2 }, { "command", "eval" }, { "expression", "stopWorker('first')" } });
    QVERIFY(!graft.waitForOutput(QStringLiteral("first ended")).isEmpty());
    graft.writeFile(QStringLiteral("workers-tick.js"), tickSource("four"));
    patch = graft.waitForPatch(4);
    QCOMPARE(patch.value("status").toString(), QStringLiteral("applied"));
    QCOMPARE(threadStatuses(patch), QStringList { QStringLiteral("worker: applied") });
    QVERIFY(!graft.waitForOutput(QStringLiteral("late: four beta")).isEmpty());

    graft.send({ { "id", 3 }, { "command", "scripts" } });
    QSet<QString> threadsOfTick;
    for (const QJsonValue &value : graft.waitForResult(3).value("scripts").toArray()) {
        const QJsonObject script = value.toObject();
        // Graft's own scripts (the agent, the embedded runtime's worker bridge) stay out of the list.
        QVERIFY2(!script.value("url").toString().contains(QLatin1String("graft-agent")),
            qPrintable(script.value("url").toString()));
        if (script.value("file").toString() == tick)
            threadsOfTick.insert(script.value("thread").toString());
    }
    QCOMPARE(threadsOfTick.size(), 1);
    QVERIFY(threadsOfTick.values().first().startsWith(QLatin1String("worker ")));

    graft.send({ { "id", 4 }, { "command", "quit" } });
    QCOMPARE(graft.waitForExit(), 0);
}

QTEST_GUILESS_MAIN(TestWorkers)
#include "tst_workers.moc"
