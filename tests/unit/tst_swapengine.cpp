// SPDX-License-Identifier: MIT
// The swap engine against a fake transport: the one request it sends, the
// reports it composes from the agent's answers (canned, in the shape the agent
// gives them) and the live source it records (its worker threads:
// tst_swapworkers.cpp). Whether the claims hold in a running program is for the
// end-to-end tests.

#include "swapfakes.h"

#include "patch/patchpipeline.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace graft;
using namespace graft::swaptest;

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

QTEST_GUILESS_MAIN(TestSwapEngine)
#include "tst_swapengine.moc"
