// SPDX-License-Identifier: MIT
// The swap engine against a fake transport: the one request it sends, the
// reports it composes from the agent's answers (canned, in the shape the agent
// gives them), the live source it records, and its worker threads, which it
// leaves alone with the reason. Whether the claims hold in a running program is
// for the end-to-end tests.

#include "cdp/cdpclient.h"
#include "cdp/transport.h"
#include "inspect/liveinspector.h"
#include "patch/patchpipeline.h"
#include "patch/swapengine.h"
#include "session/scriptregistry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace graft;

namespace {

class FakeTransport : public Transport
{
public:
    void send(const QByteArray &json) override { sent.append(QJsonDocument::fromJson(json).object()); }
    bool isOpen() const override { return true; }
    // Answers the last call with `body` (a reply's fields without its id).
    void answerLast(const QByteArray &body)
    {
        const int id = sent.last().value(QLatin1String("id")).toInt();
        Q_EMIT messageReceived(QByteArray(R"({"id":)") + QByteArray::number(id) + "," + body.mid(1));
    }
    QList<QJsonObject> sent;
};

CdpReply answer(const QByteArray &result)
{
    CdpReply reply;
    reply.ok = true;
    reply.result = QJsonDocument::fromJson(result).object();
    return reply;
}

CdpReply protocolError(int code, const QString &message)
{
    CdpReply reply;
    reply.errorCode = code;
    reply.errorMessage = message;
    return reply;
}

PatchReport freshReport()
{
    PatchReport report;
    report.file = QStringLiteral("/home/dev/app.js");
    report.scriptId = QStringLiteral("7");
    report.previousSource = QStringLiteral("let s = 'a';\nfunction m() { return s; }\n");
    report.newSource = QStringLiteral("let s = 'b';\nfunction m() { return s + '*'; }\n");
    return report;
}

const QByteArray kBodyChanged
    = R"("functions":[{"name":"m","line":2,"change":"body","effective":true,"reason":"","stale":""}],)"
      R"("bindings":[{"name":"s","line":1,"source":"'b'","oldSource":"'a'","added":false}])";

// The main thread's script of /home/dev/app.js, running freshReport()'s old source.
ScriptInfo addMainScript(ScriptRegistry &registry)
{
    ScriptInfo script;
    script.scriptId = QStringLiteral("7");
    script.url = QStringLiteral("file:///home/dev/app.js");
    script.filePath = QStringLiteral("/home/dev/app.js");
    script.kind = ScriptKind::User;
    registry.add(script);
    registry.setLiveSource(script.scriptId, freshReport().previousSource);
    return script;
}

// A swap engine on a fake transport, with the main thread's script of /home/dev/app.js.
struct SwapSession
{
    FakeTransport transport;
    CdpClient client { &transport };
    ScriptRegistry registry;
    ScriptInfo script = addMainScript(registry);
    LiveInspector inspector { &client };
    SwapEngine engine { &client, &registry, &inspector };
};

} // namespace

class TestSwapEngine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void answersBecomeReports_data();
    void answersBecomeReports();
    void sendsOneRequestAndRecordsTheLiveSource();
    void theCheckReadsTheModuleThroughItsEvaluator();
    void theAgentAnswersTheCheck_data();
    void theAgentAnswersTheCheck();
    void workersGetTheEditThroughLiveEdit();
    void aFileOnlyAWorkerRunsGoesThroughLiveEdit();
};

void TestSwapEngine::answersBecomeReports_data()
{
    QTest::addColumn<CdpReply>("answer");
    QTest::addColumn<PatchStatus>("status");
    QTest::addColumn<QString>("says"); // part of the message; empty: the message is empty
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<bool>("refused");
    QTest::addColumn<int>("bindings");
    QTest::addColumn<QVariant>("effective"); // the first function's; invalid when it has none

    QTest::newRow("Ok, every function effective")
        << answer(R"({"status":"Ok","message":"",)" + kBodyChanged + R"(,"applyMs":1.5,"analysisMs":2.5})")
        << PatchStatus::Applied << QStringLiteral("1 top-level binding(s) keep their old live value") << 0 << 0 << false
        << 1 << QVariant(true);
    QTest::newRow("Ok, a function not effective: partial")
        << answer(R"({"status":"Ok","message":"","functions":[{"name":"m","line":2,"change":"body",)"
                  R"("effective":false,"reason":"kept by a bound copy","stale":"existing"}],"bindings":[]})")
        << PatchStatus::Partial << QStringLiteral("not effective in the running program: m") << 0 << 0 << false << 0
        << QVariant(false);
    QTest::newRow("CompileError: 0-based from the agent, 1-based in the report")
        << answer(R"({"status":"CompileError","message":"SyntaxError: Unexpected token '}'","lineNumber":4,)"
                  R"("columnNumber":2,)"
               + kBodyChanged + R"(})")
        << PatchStatus::CompileError << QStringLiteral("SyntaxError: Unexpected token '}'") << 5 << 3 << false << 0
        << QVariant(false);
    QTest::newRow("Refused") << answer(
        R"({"status":"Refused","message":"an ES module's imports changed: restart to load them",)" + kBodyChanged
        + R"(})") << PatchStatus::Error
                             << QStringLiteral("imports changed") << 0 << 0 << true << 0 << QVariant(false);
    QTest::newRow("an agent without swap")
        << protocolError(-32601, QStringLiteral("'Graft.swap' wasn't found")) << PatchStatus::Error
        << QStringLiteral(
               "the swap engine is not available on this runtime: it does not answer Graft.swap ('Graft.swap' "
               "wasn't found)")
        << 0 << 0 << false << 0 << QVariant();
    QTest::newRow("the runtime went away")
        << protocolError(-32000, QStringLiteral("the runtime closed the connection")) << PatchStatus::Error
        << QStringLiteral("the swap engine could not patch: the runtime closed the connection") << 0 << 0 << false << 0
        << QVariant();
    QTest::newRow("an unknown status") << answer(R"({"status":"Sideways","functions":[],"bindings":[]})")
                                       << PatchStatus::Error << QStringLiteral("unknown swap status: \"Sideways\"") << 0
                                       << 0 << false << 0 << QVariant();
}

void TestSwapEngine::answersBecomeReports()
{
    QFETCH(CdpReply, answer);
    QFETCH(PatchStatus, status);
    QFETCH(QString, says);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(bool, refused);
    QFETCH(int, bindings);
    QFETCH(QVariant, effective);

    const PatchReport report = swapReport(freshReport(), answer);
    QCOMPARE(report.status, status);
    QVERIFY2(report.message.contains(says), qPrintable(report.message));
    QCOMPARE(report.errorLine, line);
    QCOMPARE(report.errorColumn, column);
    QCOMPARE(report.refused, refused);
    QCOMPARE(report.bindings.size(), bindings);
    if (!effective.isValid()) {
        QVERIFY(report.functions.isEmpty());
        return;
    }
    QCOMPARE(report.functions.size(), 1);
    QCOMPARE(report.functions.first().name, QStringLiteral("m"));
    QCOMPARE(report.functions.first().effective, std::optional<bool>(effective.toBool()));
    if (!report.succeeded())
        QCOMPARE(report.functions.first().stale, QStringLiteral("all"));
    if (bindings > 0) {
        QCOMPARE(report.bindings.first().name, QStringLiteral("s"));
        QVERIFY(report.bindings.first().stale);
        QVERIFY2(report.bindings.first().live.contains(QLatin1String("'a'")), qPrintable(report.bindings.first().live));
    }
    // The headless event carries the same fields as a LiveEdit patch's.
    const QJsonObject json = report.toJson();
    QCOMPARE(json.value("status").toString(), patchStatusName(status));
    if (status == PatchStatus::CompileError)
        QCOMPARE(json.value("error").toObject().value("line").toInt(), line);
}

void TestSwapEngine::sendsOneRequestAndRecordsTheLiveSource()
{
    SwapSession session;
    auto &[transport, client, registry, script, inspector, engine] = session;
    QCOMPARE(engine.kind(), PatchEngineKind::Swap);

    std::optional<PatchReport> done;
    engine.apply(freshReport(), false, [&](PatchReport report) { done = report; });
    QCOMPARE(transport.sent.size(), 1);
    QCOMPARE(transport.sent.last().value("method").toString(), QStringLiteral("Graft.swap"));
    const QJsonObject params = transport.sent.last().value("params").toObject();
    QCOMPARE(params.value("scriptId").toString(), QStringLiteral("7"));
    QCOMPARE(params.value("url").toString(), script.url);
    QCOMPARE(params.value("source").toString(), freshReport().newSource);
    QVERIFY(!done);
    transport.answerLast(
        R"({"result":{"status":"Ok","message":"",)" + kBodyChanged + R"(,"applyMs":0.75,"analysisMs":3}})");
    QVERIFY(done);
    QCOMPARE(done->status, PatchStatus::Applied);
    QCOMPARE(done->applyMs, 0.75);
    QCOMPARE(done->analysisMs, 3.0);
    QCOMPARE(registry.liveSource(script.scriptId), freshReport().newSource);

    // A compile error leaves the program, and so the live source, as it was.
    PatchReport broken = freshReport();
    broken.previousSource = broken.newSource;
    broken.newSource = QStringLiteral("function m( {\n");
    done.reset();
    engine.apply(broken, false, [&](PatchReport report) { done = report; });
    transport.answerLast(R"({"result":{"status":"CompileError","message":"SyntaxError: Unexpected token '{'",)"
                         R"("lineNumber":0,"columnNumber":11,"functions":[],"bindings":[]}})");
    QVERIFY(done);
    QCOMPARE(done->status, PatchStatus::CompileError);
    QCOMPARE(done->errorColumn, 12);
    QCOMPARE(registry.liveSource(script.scriptId), freshReport().newSource);
}

void TestSwapEngine::theCheckReadsTheModuleThroughItsEvaluator()
{
    SwapSession session;
    auto &[transport, client, registry, script, inspector, engine] = session;
    bool done = false;
    engine.apply(freshReport(), false, [&](PatchReport) { done = true; });
    // The agent names the module's evaluator: the check after the swap reads the
    // module's scope through it, never looking for a function in the heap.
    transport.answerLast(R"({"result":{"status":"Ok","message":"",)" + kBodyChanged
        + R"(,"scopeHolders":["function m() { return s; }"],"scopeHolder":"evaluator-1"}})");
    QCOMPARE(inspector.moduleEvaluator(script.scriptId), QStringLiteral("evaluator-1"));
    QVERIFY(!done);
    const QJsonObject next = transport.sent.last();
    QCOMPARE(next.value("method").toString(), QStringLiteral("Graft.callFunctionOn")); // the agent's, named as its own
    QCOMPARE(next.value("params").toObject().value("objectId").toString(), QStringLiteral("evaluator-1"));
    for (int round = 0; round < 10 && !done; ++round)
        transport.answerLast(R"({"result":{}})");
    QVERIFY(done);
    for (const QJsonObject &message : std::as_const(transport.sent))
        QVERIFY(message.value(QLatin1String("method")) != QLatin1String("Runtime.queryObjects"));
}

void TestSwapEngine::theAgentAnswersTheCheck_data()
{
    QTest::addColumn<QByteArray>("checked"); // the answer's `checked`, as the agent reads the program
    QTest::addColumn<PatchStatus>("status");
    QTest::addColumn<QVariant>("effective"); // m's; invalid: the engine asks the program itself
    QTest::addColumn<QString>("reason");     // part of m's reason
    QTest::addColumn<QString>("stale");      // m's
    QTest::addColumn<bool>("bindingStale");

    const QByteArray liveA = R"("variables":[{"name":"s","value":{"type":"string","value":"a"}}])";
    const QByteArray liveB = R"("variables":[{"name":"s","value":{"type":"string","value":"b"}}])";
    QTest::newRow("an instance left on the old code")
        << QByteArray(R"({"counts":[1,1],)" + liveA + "}") << PatchStatus::Partial << QVariant(false)
        << QStringLiteral("1 live instance(s) still run the old code") << QStringLiteral("existing") << true;
    QTest::newRow("every instance on the new code")
        << QByteArray(R"({"counts":[2,0],)" + liveB + "}") << PatchStatus::Applied << QVariant(true)
        << QStringLiteral("verified: 2 live instance(s) run the new code") << QString() << false;
    QTest::newRow("no values though a binding changed")
        << QByteArray(R"({"counts":[2,0]})") << PatchStatus::Applied << QVariant() << QString() << QString() << true;
    QTest::newRow("counts of another save") << QByteArray(R"({"counts":[1,0,0,0],)" + liveA + "}")
                                            << PatchStatus::Applied << QVariant() << QString() << QString() << true;
}

void TestSwapEngine::theAgentAnswersTheCheck()
{
    QFETCH(QByteArray, checked);
    QFETCH(PatchStatus, status);
    QFETCH(QVariant, effective);
    QFETCH(QString, reason);
    QFETCH(QString, stale);
    QFETCH(bool, bindingStale);

    SwapSession session;
    auto &[transport, client, registry, script, inspector, engine] = session;
    std::optional<PatchReport> done;
    engine.apply(freshReport(), false, [&](PatchReport report) { done = report; });
    // The check's own function goes with the request: the agent makes its calls.
    QCOMPARE(transport.sent.last().value("params").toObject().value("check").toObject().value("countInScope"),
        QJsonValue(LiveInspector::countInScopeFunction()));
    transport.answerLast(R"({"result":{"status":"Ok","message":"",)" + kBodyChanged
        + R"(,"scopeHolder":"evaluator-1","checked":)" + checked + "}}");
    if (!effective.isValid()) {
        // Not all of the check: the engine asks the program, call by call.
        QVERIFY(!done);
        QCOMPARE(transport.sent.size(), 2);
        QCOMPARE(transport.sent.last().value("params").toObject().value("objectId").toString(),
            QStringLiteral("evaluator-1"));
        for (int round = 0; round < 10 && !done; ++round)
            transport.answerLast(R"({"result":{}})");
        QVERIFY(done);
        QCOMPARE(done->status, status);
        QCOMPARE(done->bindings.first().stale, bindingStale);
        return;
    }
    QVERIFY(done);
    QCOMPARE(transport.sent.size(), 1); // nothing more over the pipe
    QCOMPARE(done->status, status);
    const FunctionChange &m = done->functions.first();
    QCOMPARE(m.effective, std::optional<bool>(effective.toBool()));
    QVERIFY2(m.reason.contains(reason), qPrintable(m.reason));
    QCOMPARE(m.stale, stale);
    QCOMPARE(done->bindings.first().stale, bindingStale);
    QCOMPARE(done->bindings.first().live,
        bindingStale ? QStringLiteral("\"a\"") : QStringLiteral("\"b\"")); // the live value
}

void TestSwapEngine::workersGetTheEditThroughLiveEdit()
{
    FakeTransport transport;
    CdpClient client(&transport);
    ScriptRegistry registry;
    ScriptInfo main;
    main.scriptId = QStringLiteral("7");
    main.url = QStringLiteral("file:///home/dev/app.js");
    main.filePath = QStringLiteral("/home/dev/app.js");
    main.kind = ScriptKind::User;
    ScriptInfo worker = main;
    worker.target = QStringLiteral("session-1");
    worker.thread = QStringLiteral("worker 1");
    worker.scriptId = workerScriptId(worker.target, QStringLiteral("5"));
    // A second worker already runs the new source (it loaded the file after the save).
    ScriptInfo upToDate = main;
    upToDate.target = QStringLiteral("session-2");
    upToDate.thread = QStringLiteral("worker 2");
    upToDate.scriptId = workerScriptId(upToDate.target, QStringLiteral("5"));
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

void TestSwapEngine::aFileOnlyAWorkerRunsGoesThroughLiveEdit()
{
    FakeTransport transport;
    CdpClient client(&transport);
    ScriptRegistry registry;
    ScriptInfo worker;
    worker.target = QStringLiteral("session-1");
    worker.thread = QStringLiteral("worker 1");
    worker.scriptId = workerScriptId(worker.target, QStringLiteral("5"));
    worker.url = QStringLiteral("file:///home/dev/job.js");
    worker.filePath = QStringLiteral("/home/dev/job.js");
    worker.kind = ScriptKind::User;
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

QTEST_GUILESS_MAIN(TestSwapEngine)
#include "tst_swapengine.moc"
