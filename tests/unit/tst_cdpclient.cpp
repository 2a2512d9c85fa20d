// SPDX-License-Identifier: MIT
// The typed CDP client against a fake transport: V8 10.2's real answers to
// Debugger.setScriptSource (recorded from the runtime) and how they are classified;
// and V8 >= 10.5's `status` answers (recorded from Node 20-26 through the agent).

#include "cdp/cdpclient.h"
#include "cdp/transport.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

namespace {

class FakeTransport : public graft::Transport
{
public:
    void send(const QByteArray &json) override { sent.append(QJsonDocument::fromJson(json).object()); }
    bool isOpen() const override { return open; }
    void reply(const QByteArray &json) { Q_EMIT messageReceived(json); }
    void close()
    {
        open = false;
        Q_EMIT closed();
    }
    QList<QJsonObject> sent;
    bool open = true;
};

} // namespace

using Outcome = graft::SetSourceResult::Outcome;

class TestCdpClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void setScriptSourceAnswers_data();
    void setScriptSourceAnswers();
    void pendingCallsFailWhenTheRuntimeGoes();
    void eventsBecomeSignals();
    void analysisSaysSafeAheadOfItsAnswer();
    void runtimeSendsTheSafeEditItself();
};

void TestCdpClient::setScriptSourceAnswers_data()
{
    QTest::addColumn<QByteArray>("result");
    QTest::addColumn<Outcome>("outcome");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("says"); // part of the message
    QTest::newRow("applied") << QByteArray(R"({"result":{"callFrames":[],"stackChanged":false}})") << Outcome::Applied
                             << 0 << 0 << QString();
    QTest::newRow("compile error, 0-based from V8")
        << QByteArray(R"({"result":{"callFrames":[],"stackChanged":false,"exceptionDetails":{"exceptionId":1,)"
                      R"("text":"SyntaxError: Unexpected token '}'","lineNumber":4,"columnNumber":2}}})")
        << Outcome::CompileError << 5 << 3 << QStringLiteral("SyntaxError: Unexpected token '}'");
    QTest::newRow("blocked: empty text") << QByteArray(
        R"({"result":{"callFrames":[],"stackChanged":false,"exceptionDetails":{"exceptionId":1,)"
        R"("text":"","lineNumber":0,"columnNumber":0}}})")
                                         << Outcome::Blocked << 0 << 0 << QStringLiteral("on the stack");
    QTest::newRow("protocol error") << QByteArray(R"({"error":{"code":-32000,"message":"No script with given id"}})")
                                    << Outcome::Failed << 0 << 0 << QStringLiteral("No script with given id");
    QTest::newRow("status Ok") << QByteArray(R"({"result":{"status":"Ok"}})") << Outcome::Applied << 0 << 0
                               << QString();
    QTest::newRow("status CompileError, Uncaught dropped")
        << QByteArray(R"({"result":{"status":"CompileError","exceptionDetails":{"exceptionId":1,)"
                      R"("text":"Uncaught SyntaxError: Unexpected token ')'","lineNumber":4,"columnNumber":1}}})")
        << Outcome::CompileError << 5 << 2 << QStringLiteral("^SyntaxError: Unexpected token '\\)'$");
    QTest::newRow("status BlockedByActiveFunction")
        << QByteArray(R"({"result":{"status":"BlockedByActiveFunction"}})") << Outcome::Blocked << 0 << 0
        << QStringLiteral("running \\(on the stack\\)");
    QTest::newRow("status BlockedByActiveGenerator")
        << QByteArray(R"({"result":{"status":"BlockedByActiveGenerator"}})") << Outcome::Blocked << 0 << 0
        << QStringLiteral("generator or async function is suspended");
    QTest::newRow("status BlockedByTopLevelEsModuleChange: not worth retrying")
        << QByteArray(R"({"result":{"status":"BlockedByTopLevelEsModuleChange"}})") << Outcome::Failed << 0 << 0
        << QStringLiteral("ES module's top-level code");
    QTest::newRow("status unknown") << QByteArray(R"({"result":{"status":"SomethingNew"}})") << Outcome::Failed << 0
                                    << 0 << QStringLiteral("unknown status: SomethingNew");
    QTest::newRow("live edit gone (Node 26 without --inspector-live-edit)")
        << QByteArray(R"({"error":{"code":-32000,"message":"setScriptSource functionality no longer available"}})")
        << Outcome::Failed << 0 << 0 << QStringLiteral("no longer offers live edit.*embedded runtime");
}

void TestCdpClient::setScriptSourceAnswers()
{
    QFETCH(QByteArray, result);
    QFETCH(Outcome, outcome);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, says);
    FakeTransport transport;
    graft::CdpClient client(&transport);
    std::optional<graft::SetSourceResult> answer;
    client.setScriptSource(
        QStringLiteral("42"), QStringLiteral("x"), this, [&](const graft::SetSourceResult &r) { answer = r; });
    QCOMPARE(transport.sent.size(), 1);
    QCOMPARE(transport.sent[0].value("method").toString(), QStringLiteral("Debugger.setScriptSource"));
    QCOMPARE(transport.sent[0].value("params").toObject().value("scriptId").toString(), QStringLiteral("42"));
    const int id = transport.sent[0].value("id").toInt();
    transport.reply(QByteArray(R"({"id":)") + QByteArray::number(id) + "," + result.mid(1));
    QVERIFY(answer.has_value());
    QCOMPARE(answer->outcome, outcome);
    QCOMPARE(answer->line, line);
    QCOMPARE(answer->column, column);
    QVERIFY2(QRegularExpression(says).match(answer->message).hasMatch(), qPrintable(answer->message));
}

void TestCdpClient::pendingCallsFailWhenTheRuntimeGoes()
{
    FakeTransport transport;
    graft::CdpClient client(&transport);
    QString error;
    client.evaluate(QStringLiteral("1"), this, [&](const graft::EvaluateResult &r) { error = r.error; });
    QCOMPARE(client.pendingCount(), 1);
    transport.close();
    QCOMPARE(client.pendingCount(), 0);
    QVERIFY(error.contains(QLatin1String("closed")));
    // After the close, calls are answered at once instead of hanging.
    bool answered = false;
    client.evaluate(QStringLiteral("2"), this, [&](const graft::EvaluateResult &r) { answered = !r.ok; });
    QVERIFY(answered);
}

void TestCdpClient::eventsBecomeSignals()
{
    FakeTransport transport;
    graft::CdpClient client(&transport);
    QSignalSpy parsed(&client, &graft::CdpClient::scriptParsed);
    QSignalSpy thrown(&client, &graft::CdpClient::exceptionThrown);
    QSignalSpy garbage(&client, &graft::CdpClient::protocolError);
    transport.reply(
        R"({"method":"Debugger.scriptParsed","params":{"scriptId":"7","url":"/app/node_modules/x/i.js","endLine":9}})");
    transport.reply(R"JSON({"method":"Runtime.exceptionThrown","params":{"exceptionDetails":{"text":"Uncaught",
        "exception":{"type":"object","description":"Error: boom\n    at tick (/app/a.js:3:9)"},
        "stackTrace":{"callFrames":[{"functionName":"tick","url":"/app/a.js","lineNumber":2,"columnNumber":8}]}}}})JSON");
    transport.reply("not json");
    QCOMPARE(parsed.size(), 1);
    const auto script = parsed[0][0].value<graft::ScriptInfo>();
    QCOMPARE(script.kind, graft::ScriptKind::Dependency);
    QCOMPARE(script.lineCount, 10);
    QCOMPARE(thrown.size(), 1);
    const auto exception = thrown[0][0].value<graft::ExceptionInfo>();
    QCOMPARE(exception.message, QStringLiteral("Error: boom"));
    QCOMPARE(exception.frames.size(), 1);
    QCOMPARE(exception.frames[0].filePath, QStringLiteral("/app/a.js"));
    QCOMPARE(exception.frames[0].line, 3);
    QCOMPARE(exception.frames[0].column, 9);
    QCOMPARE(garbage.size(), 1);
}

void TestCdpClient::analysisSaysSafeAheadOfItsAnswer()
{
    FakeTransport transport;
    graft::CdpClient client(&transport);
    QStringList seen;
    graft::ChangeAnalysisRequest request;
    request.oldSource = QStringLiteral("f('a')");
    request.newSource = QStringLiteral("f('b')");
    request.holderKnown = true;
    const auto analyze = [&](const QString &tag, bool mayApplyFirst) {
        graft::AnalysisHandlers handlers;
        if (mayApplyFirst)
            handlers.safeToApply
                = [&seen, tag](bool sent) { seen << tag + (sent ? QStringLiteral(" sent") : QStringLiteral(" safe")); };
        handlers.done = [&seen, tag](const graft::CdpReply &r) {
            seen << tag + (r.ok ? QStringLiteral(" answered") : QStringLiteral(" failed"));
        };
        client.analyzeChange(request, this, std::move(handlers));
        return transport.sent.last();
    };
    const QJsonObject first = analyze(QStringLiteral("first"), true);
    QCOMPARE(first.value("method").toString(), QStringLiteral("Graft.analyze"));
    QCOMPARE(first.value("params").toObject().value("applyFirst").toBool(), true);
    QCOMPARE(first.value("params").toObject().value("holderKnown").toBool(), true);
    QVERIFY(!first.value("params").toObject().contains("apply")); // no script named: Graft sends the edit
    const QByteArray id = QByteArray::number(first.value("id").toInt());
    transport.reply(R"({"method":"Graft.analysisSafe","params":{"id":)" + id + "}}");
    transport.reply(R"({"id":)" + id + R"(,"result":{"functions":[]}})");
    // A late or repeated event for an answered analysis is ignored.
    transport.reply(R"({"method":"Graft.analysisSafe","params":{"id":)" + id + "}}");
    QCOMPARE(seen, QStringList({ QStringLiteral("first safe"), QStringLiteral("first answered") }));

    // Without a safeToApply the runtime is not asked to check first.
    seen.clear();
    const QJsonObject second = analyze(QStringLiteral("second"), false);
    QVERIFY(!second.value("params").toObject().contains("applyFirst"));
    transport.reply(
        R"({"method":"Graft.analysisSafe","params":{"id":)" + QByteArray::number(second.value("id").toInt()) + "}}");
    QVERIFY(seen.isEmpty());

    // The runtime goes: the pending analysis fails, its safeToApply is never called.
    const QJsonObject third = analyze(QStringLiteral("third"), true);
    transport.close();
    transport.reply(
        R"({"method":"Graft.analysisSafe","params":{"id":)" + QByteArray::number(third.value("id").toInt()) + "}}");
    QCOMPARE(seen, QStringList({ QStringLiteral("second failed"), QStringLiteral("third failed") }));
}

void TestCdpClient::runtimeSendsTheSafeEditItself()
{
    FakeTransport transport;
    graft::CdpClient client(&transport);
    QStringList seen;
    graft::ChangeAnalysisRequest request;
    request.oldSource = QStringLiteral("f('a')");
    request.newSource = QStringLiteral("f('b')");
    request.scriptId = QStringLiteral("42");
    graft::AnalysisHandlers handlers;
    handlers.safeToApply = [&seen](bool sent) { seen << (sent ? QStringLiteral("sent") : QStringLiteral("safe")); };
    handlers.applied = [&seen](const graft::SetSourceResult &r) {
        seen << (r.outcome == graft::SetSourceResult::Outcome::Applied ? QStringLiteral("applied")
                                                                       : QStringLiteral("not applied"));
    };
    handlers.done = [&seen](const graft::CdpReply &) { seen << QStringLiteral("answered"); };
    client.analyzeChange(request, this, std::move(handlers));
    const QJsonObject apply = transport.sent.last().value("params").toObject().value("apply").toObject();
    QCOMPARE(apply.value("scriptId").toString(), QStringLiteral("42"));
    const QByteArray id = QByteArray::number(transport.sent.last().value("id").toInt());
    const QByteArray applyId = QByteArray::number(apply.value("id").toInt());
    QVERIFY(applyId != id);
    // The runtime says it sent the edit, V8 answers it, then the analysis ends.
    transport.reply(R"({"method":"Graft.analysisSafe","params":{"id":)" + id + R"(,"sent":true}})");
    transport.reply(R"({"id":)" + applyId + R"(,"result":{"status":"Ok"}})");
    transport.reply(R"({"id":)" + id + R"(,"result":{"functions":[]}})");
    QCOMPARE(seen, QStringList({ QStringLiteral("sent"), QStringLiteral("applied"), QStringLiteral("answered") }));
    QCOMPARE(client.pendingCount(), 0);
}

QTEST_GUILESS_MAIN(TestCdpClient)
#include "tst_cdpclient.moc"
