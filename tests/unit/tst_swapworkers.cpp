// SPDX-License-Identifier: MIT
// The swap engine and the program's worker threads, against a fake transport:
// the agent instruments the main thread only, so a worker's copy of the file
// goes through LiveEdit, and a worker that runs the new source already gets
// nothing.

#include "swapfakes.h"

#include "patch/patchpipeline.h"

#include <QJsonArray>
#include <QTest>

using namespace graft;
using namespace graft::swaptest;

namespace {

// Worker `number`'s copy of `file` (its session "session-N", its script 5).
ScriptInfo workerScript(int number, const QString &file)
{
    ScriptInfo script;
    script.target = QStringLiteral("session-%1").arg(number);
    script.thread = QStringLiteral("worker %1").arg(number);
    script.scriptId = workerScriptId(script.target, QStringLiteral("5"));
    script.url = QStringLiteral("file://") + file;
    script.filePath = file;
    script.kind = ScriptKind::User;
    return script;
}

} // namespace

class TestSwapWorkers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void workersGetTheEditThroughLiveEdit();
    void aFileOnlyAWorkerRunsGoesThroughLiveEdit();
};

void TestSwapWorkers::workersGetTheEditThroughLiveEdit()
{
    FakeTransport transport;
    CdpClient client(&transport);
    ScriptRegistry registry;
    ScriptInfo main;
    main.scriptId = QStringLiteral("7");
    main.url = QStringLiteral("file:///home/dev/app.js");
    main.filePath = QStringLiteral("/home/dev/app.js");
    main.kind = ScriptKind::User;
    const ScriptInfo worker = workerScript(1, main.filePath);
    // A second worker already runs the new source (it loaded the file after the save).
    const ScriptInfo upToDate = workerScript(2, main.filePath);
    for (const ScriptInfo &script : { main, worker, upToDate })
        registry.add(script);
    registry.setLiveSource(main.scriptId, freshReport().previousSource);
    registry.setLiveSource(worker.scriptId, freshReport().previousSource);
    registry.setLiveSource(upToDate.scriptId, freshReport().newSource);

    for (const char *session : { "session-1", "session-2" })
        Q_EMIT transport.messageReceived(
            QByteArray(R"({"method":"NodeWorker.attachedToWorker","params":{"sessionId":")") + session
            + R"(","workerInfo":{"workerId":"1","url":"file:///home/dev/app.js"}}})");
    transport.sent.clear(); // each worker's Debugger.enable

    PatchPipeline pipeline(&client, &registry, new SwapEngine(&client, &registry, new LiveInspector(&client, &client)));
    QCOMPARE(pipeline.engineKind(), PatchEngineKind::Swap);
    pipeline.apply(main.filePath, freshReport().newSource);
    QCOMPARE(transport.sent.size(), 1);
    QCOMPARE(transport.sent.last().value("method").toString(), QStringLiteral("Graft.swap"));
    transport.answerLast(R"({"result":{"status":"Ok","message":"",)" + kBodyChanged + R"(}})");
    // The main thread's check of its live instances, then worker 1's copy of the
    // file, through LiveEdit (the agent instruments the main thread only);
    // worker 2 runs the new source already and gets nothing.
    QStringList workerCalls;
    for (int round = 0; round < 20 && workerCalls.isEmpty(); ++round) {
        const QJsonObject last = transport.sent.last();
        if (last.value("method") == QLatin1String("NodeWorker.sendMessageToWorker")) {
            const QJsonObject params = last.value("params").toObject();
            const QJsonObject inner = QJsonDocument::fromJson(params.value("message").toString().toUtf8()).object();
            workerCalls << params.value("sessionId").toString() + QLatin1Char(' ') + inner.value("method").toString();
            break;
        }
        transport.answerLast(R"({"result":{}})");
    }
    QStringList all;
    for (const QJsonObject &message : std::as_const(transport.sent))
        all << message.value(QLatin1String("method")).toString();
    QVERIFY2(workerCalls == QStringList { QStringLiteral("session-1 Debugger.setScriptSource") },
        qPrintable(all.join(QLatin1Char(' '))));
    int swaps = 0;
    for (const QJsonObject &message : std::as_const(transport.sent))
        swaps += message.value(QLatin1String("method")) == QLatin1String("Graft.swap");
    QCOMPARE(swaps, 1);
}

void TestSwapWorkers::aFileOnlyAWorkerRunsGoesThroughLiveEdit()
{
    FakeTransport transport;
    CdpClient client(&transport);
    ScriptRegistry registry;
    const ScriptInfo worker = workerScript(1, QStringLiteral("/home/dev/job.js"));
    registry.add(worker);
    registry.setLiveSource(worker.scriptId, freshReport().previousSource);

    PatchPipeline pipeline(&client, &registry, new SwapEngine(&client, &registry, new LiveInspector(&client, &client)));
    pipeline.apply(worker.filePath, freshReport().newSource);
    // LiveEdit's way: the change analysis (the main thread's runtime) and the
    // worker's setScriptSource; never a Graft.swap, which the worker could not take.
    QVERIFY(!transport.sent.isEmpty());
    QStringList methods;
    for (const QJsonObject &message : std::as_const(transport.sent))
        methods << message.value(QLatin1String("method")).toString();
    QVERIFY2(!methods.contains(QStringLiteral("Graft.swap")), qPrintable(methods.join(QLatin1Char(' '))));
    QVERIFY2(methods.contains(QStringLiteral("Graft.analyze"))
            || methods.contains(QStringLiteral("NodeWorker.sendMessageToWorker")),
        qPrintable(methods.join(QLatin1Char(' '))));
}

QTEST_GUILESS_MAIN(TestSwapWorkers)
#include "tst_swapworkers.moc"
