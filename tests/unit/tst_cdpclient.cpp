// SPDX-License-Identifier: MIT
// The typed CDP client against a fake transport: V8 10.2's real answers to
// Debugger.setScriptSource (recorded from the runtime) and how they are classified.

#include "cdp/cdpclient.h"
#include "cdp/transport.h"

#include <QJsonDocument>
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
};

void TestCdpClient::setScriptSourceAnswers_data()
{
    QTest::addColumn<QByteArray>("result");
    QTest::addColumn<Outcome>("outcome");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::newRow("applied") << QByteArray(R"({"result":{"callFrames":[],"stackChanged":false}})") << Outcome::Applied
                             << 0 << 0;
    QTest::newRow("compile error, 0-based from V8")
        << QByteArray(R"({"result":{"callFrames":[],"stackChanged":false,"exceptionDetails":{"exceptionId":1,)"
                      R"("text":"SyntaxError: Unexpected token '}'","lineNumber":4,"columnNumber":2}}})")
        << Outcome::CompileError << 5 << 3;
    QTest::newRow("blocked: empty text")
        << QByteArray(R"({"result":{"callFrames":[],"stackChanged":false,"exceptionDetails":{"exceptionId":1,)"
                      R"("text":"","lineNumber":0,"columnNumber":0}}})")
        << Outcome::Blocked << 0 << 0;
    QTest::newRow("protocol error") << QByteArray(R"({"error":{"code":-32000,"message":"No script with given id"}})")
                                    << Outcome::Failed << 0 << 0;
}

void TestCdpClient::setScriptSourceAnswers()
{
    QFETCH(QByteArray, result);
    QFETCH(Outcome, outcome);
    QFETCH(int, line);
    QFETCH(int, column);
    FakeTransport transport;
    graft::CdpClient client(&transport);
    std::optional<graft::SetSourceResult> answer;
    client.setScriptSource(QStringLiteral("42"), QStringLiteral("x"), this,
                           [&](const graft::SetSourceResult &r) { answer = r; });
    QCOMPARE(transport.sent.size(), 1);
    QCOMPARE(transport.sent[0].value("method").toString(), QStringLiteral("Debugger.setScriptSource"));
    QCOMPARE(transport.sent[0].value("params").toObject().value("scriptId").toString(), QStringLiteral("42"));
    const int id = transport.sent[0].value("id").toInt();
    transport.reply(QByteArray(R"({"id":)") + QByteArray::number(id) + "," + result.mid(1));
    QVERIFY(answer.has_value());
    QCOMPARE(answer->outcome, outcome);
    QCOMPARE(answer->line, line);
    QCOMPARE(answer->column, column);
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
    transport.reply(R"({"method":"Debugger.scriptParsed","params":{"scriptId":"7","url":"/app/node_modules/x/i.js","endLine":9}})");
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

QTEST_GUILESS_MAIN(TestCdpClient)
#include "tst_cdpclient.moc"
