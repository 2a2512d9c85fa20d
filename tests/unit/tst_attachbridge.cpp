// SPDX-License-Identifier: MIT
// The pieces of graft --attach that need no program: --attach and --map parsing,
// the path map, console calls as output lines, and the bridge's routing between
// the session, the program's inspector and the analysis service (fake transports).

#include "cdp/attachbridge.h"
#include "cdp/consoleformat.h"
#include "runtime/attachtarget.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

namespace {

class FakeTransport : public graft::Transport
{
public:
    void send(const QByteArray &json) override { sent.append(QJsonDocument::fromJson(json).object()); }
    bool isOpen() const override { return open; }
    void deliver(const QJsonObject &message)
    {
        Q_EMIT messageReceived(QJsonDocument(message).toJson(QJsonDocument::Compact));
    }
    QList<QJsonObject> sent;
    bool open = true;
};

QJsonObject parsed(const QList<QVariant> &signalArguments)
{
    return QJsonDocument::fromJson(signalArguments.first().toByteArray()).object();
}

} // namespace

using graft::AttachBridge;

class TestAttachBridge : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void attachTargets_data();
    void attachTargets();
    void pathMap_data();
    void pathMap();
    void consoleCalls_data();
    void consoleCalls();
    void analysisGoesToTheServiceNotTheProgram();
    void helpersAreToolingAndStayOutOfTheScriptList();
    void scriptUrlsAreMappedToLocalFiles();
    void blockedPatchIsTriedAgainThenAnswered();
    void liveEditOffSaysWhichFlag();
    void hostReadyPrecedesTheSessionsStart();
};

void TestAttachBridge::attachTargets_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("host"); // empty: refused
    QTest::addColumn<int>("port");
    QTest::addColumn<bool>("direct");
    QTest::newRow("host:port") << "localhost:9229"
                               << "localhost" << 9229 << false;
    QTest::newRow("port alone") << "9230"
                                << "127.0.0.1" << 9230 << false;
    QTest::newRow("ipv6") << "[::1]:9229"
                          << "::1" << 9229 << false;
    QTest::newRow("ws url") << "ws://127.0.0.1:9229/0f2c-11"
                            << "127.0.0.1" << 9229 << true;
    QTest::newRow("ws url, no port") << "ws://example.test/abc"
                                     << "example.test" << 9229 << true;
    QTest::newRow("http url") << "http://127.0.0.1:9229/"
                              << "" << 0 << false;
    QTest::newRow("port zero") << "127.0.0.1:0"
                               << "" << 0 << false;
    QTest::newRow("words") << "my program"
                           << "" << 0 << false;
}

void TestAttachBridge::attachTargets()
{
    QFETCH(QString, text);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(bool, direct);
    QString error;
    const std::optional<graft::AttachTarget> target = graft::parseAttachTarget(text, &error);
    QCOMPARE(target.has_value(), !host.isEmpty());
    if (!target) {
        QVERIFY2(error.startsWith(QStringLiteral("--attach ") + text), qPrintable(error));
        return;
    }
    QCOMPARE(target->host, host);
    QCOMPARE(target->port, port);
    QCOMPARE(target->webSocketUrl.isValid(), direct);
}

void TestAttachBridge::pathMap_data()
{
    QTest::addColumn<QStringList>("mappings"); // LOCAL=REMOTE
    QTest::addColumn<QString>("remote");
    QTest::addColumn<QString>("local");
    const QStringList app { "/home/me/src=/app" };
    QTest::newRow("under") << app << "/app/lib/a.js"
                           << "/home/me/src/lib/a.js";
    QTest::newRow("the folder itself") << app << "/app"
                                       << "/home/me/src";
    QTest::newRow("a sibling is not under") << app << "/app2/a.js"
                                            << "/app2/a.js";
    QTest::newRow("unmapped") << app << "/usr/lib/x.js"
                              << "/usr/lib/x.js";
    QTest::newRow("longest wins") << QStringList { "/l/all=/app", "/l/vendored=/app/node_modules/x" }
                                  << "/app/node_modules/x/i.js"
                                  << "/l/vendored/i.js";
    QTest::newRow("trailing slashes") << QStringList { "/home/me/src/=/app/" } << "/app/a.js"
                                      << "/home/me/src/a.js";
}

void TestAttachBridge::pathMap()
{
    QFETCH(QStringList, mappings);
    QFETCH(QString, remote);
    QFETCH(QString, local);
    graft::PathMap map;
    for (const QString &text : mappings)
        map.add(*graft::parsePathMapping(text, nullptr));
    QCOMPARE(map.toLocal(remote), local);
    QCOMPARE(map.toRemote(local), remote);
    QCOMPARE(map.urlToLocal(QUrl::fromLocalFile(remote).toString()), QUrl::fromLocalFile(local).toString());
    QCOMPARE(map.urlToLocal(QStringLiteral("node:internal/main")), QStringLiteral("node:internal/main"));
}

void TestAttachBridge::consoleCalls_data()
{
    QTest::addColumn<QByteArray>("params");
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("stream");
    QTest::newRow("strings and a number") << QByteArray(
        R"({"type":"log","args":[{"type":"string","value":"tick"},{"type":"number","value":3,"description":"3"}]})")
                                          << "tick 3"
                                          << "stdout";
    QTest::newRow("format") << QByteArray(
        R"({"type":"info","args":[{"type":"string","value":"%s=%d%%"},{"type":"string","value":"n"},{"type":"number","value":5,"description":"5"}]})")
                            << "n=5%"
                            << "stdout";
    QTest::newRow("object preview") << QByteArray(
        R"({"type":"log","args":[{"type":"object","className":"Object","description":"Object","preview":{"type":"object","overflow":false,"properties":[{"name":"a","type":"number","value":"1"},{"name":"b","type":"string","value":"x"}]}}]})")
                                    << "{ a: 1, b: 'x' }"
                                    << "stdout";
    QTest::newRow("error to stderr") << QByteArray(
        R"x({"type":"error","args":[{"type":"object","subtype":"error","description":"Error: boom\n    at f (a.js:1:1)"}]})x")
                                     << "Error: boom\n    at f (a.js:1:1)"
                                     << "stderr";
    QTest::newRow("warn, undefined") << QByteArray(R"({"type":"warning","args":[{"type":"undefined"}]})") << "undefined"
                                     << "stderr";
}

void TestAttachBridge::consoleCalls()
{
    QFETCH(QByteArray, params);
    QFETCH(QString, line);
    QFETCH(QString, stream);
    const QJsonObject object = QJsonDocument::fromJson(params).object();
    QCOMPARE(graft::formatConsoleCall(object), line);
    QCOMPARE(graft::consoleStream(object), stream);
}

void TestAttachBridge::analysisGoesToTheServiceNotTheProgram()
{
    FakeTransport program;
    FakeTransport analysis;
    AttachBridge bridge(&program, &analysis, {}, {});
    QSignalSpy received(&bridge, &graft::Transport::messageReceived);
    bridge.send(R"({"id":4,"method":"Graft.analyze","params":{"oldSource":"a","newSource":"b"}})");
    QCOMPARE(analysis.sent.size(), 1);
    QCOMPARE(analysis.sent.first().value("method").toString(), QStringLiteral("Graft.analyze"));
    QVERIFY(program.sent.isEmpty());
    analysis.deliver({ { "id", 4 }, { "result", QJsonObject { { "functions", QJsonArray() } } } });
    QCOMPARE(received.size(), 1);
    QCOMPARE(parsed(received.first()).value("id").toInt(), 4);

    // The service gone: a waiting analysis is answered, a new one refused at once.
    bridge.send(R"({"id":5,"method":"Graft.analyze","params":{}})");
    analysis.open = false;
    Q_EMIT analysis.closed();
    QTRY_COMPARE(received.size(), 2);
    QVERIFY(parsed(received.at(1)).value("error").toObject().value("message").toString().contains("analysis"));
}

void TestAttachBridge::helpersAreToolingAndStayOutOfTheScriptList()
{
    FakeTransport program;
    AttachBridge bridge(&program, nullptr, {}, {});
    QSignalSpy received(&bridge, &graft::Transport::messageReceived);
    bridge.send(
        R"({"id":1,"method":"Graft.callFunctionOn","params":{"functionDeclaration":"function () { return 1; }","returnByValue":true}})");
    QCOMPARE(program.sent.size(), 1);
    QCOMPARE(program.sent.first().value("method").toString(), QStringLiteral("Runtime.evaluate"));
    QVERIFY(program.sent.first()
                .value("params")
                .toObject()
                .value("expression")
                .toString()
                .contains(QStringLiteral("sourceURL=") + AttachBridge::toolingUrl()));
    program.deliver({ { "method", "Debugger.scriptParsed" },
        { "params", QJsonObject { { "scriptId", "9" }, { "url", AttachBridge::toolingUrl() } } } });
    QCOMPARE(received.size(), 0);

    // stop is answered here, never sent to the program as a bare termination.
    bridge.send(R"({"id":2,"method":"Graft.terminate"})");
    QTRY_COMPARE(received.size(), 1);
    QCOMPARE(program.sent.size(), 1);
    QCOMPARE(parsed(received.first()).value("result").toObject().value("terminated").toBool(true), false);
}

void TestAttachBridge::scriptUrlsAreMappedToLocalFiles()
{
    FakeTransport program;
    graft::PathMap map;
    map.add({ QStringLiteral("/home/me/src"), QStringLiteral("/app") });
    AttachBridge bridge(&program, nullptr, map, {});
    QSignalSpy received(&bridge, &graft::Transport::messageReceived);
    program.deliver({ { "method", "Debugger.scriptParsed" },
        { "params", QJsonObject { { "scriptId", "7" }, { "url", "file:///app/main.js" } } } });
    QCOMPARE(received.size(), 1);
    QCOMPARE(parsed(received.first()).value("params").toObject().value("url").toString(),
        QStringLiteral("file:///home/me/src/main.js"));
    program.deliver({ { "method", "Runtime.exceptionThrown" },
        { "params",
            QJsonObject { { "exceptionDetails",
                QJsonObject { { "url", "/app/main.js" },
                    { "stackTrace",
                        QJsonObject {
                            { "callFrames", QJsonArray { QJsonObject { { "url", "/app/lib.js" } } } } } } } } } } });
    const QJsonObject details = parsed(received.at(1)).value("params").toObject().value("exceptionDetails").toObject();
    QCOMPARE(details.value("url").toString(), QStringLiteral("/home/me/src/main.js"));
    QCOMPARE(
        details.value("stackTrace").toObject().value("callFrames").toArray().first().toObject().value("url").toString(),
        QStringLiteral("/home/me/src/lib.js"));
}

void TestAttachBridge::blockedPatchIsTriedAgainThenAnswered()
{
    FakeTransport program;
    AttachBridge bridge(&program, nullptr, {}, {});
    QSignalSpy received(&bridge, &graft::Transport::messageReceived);
    bridge.send(R"({"id":3,"method":"Debugger.setScriptSource","params":{"scriptId":"1","scriptSource":"x"}})");
    const QJsonObject blocked { { "callFrames", QJsonArray() }, { "status", "BlockedByActiveFunction" } };
    // Five more tries, then V8's answer goes to the client under its own id.
    for (int attempt = 1; attempt <= 6; ++attempt) {
        QTRY_COMPARE(program.sent.size(), attempt);
        program.deliver({ { "id", program.sent.last().value("id") }, { "result", blocked } });
    }
    QCOMPARE(received.size(), 1);
    QCOMPARE(parsed(received.first()).value("id").toInt(), 3);
    QCOMPARE(parsed(received.first()).value("result").toObject().value("status").toString(),
        QStringLiteral("BlockedByActiveFunction"));
}

void TestAttachBridge::liveEditOffSaysWhichFlag()
{
    FakeTransport program;
    graft::AttachedProgram info;
    info.node = QStringLiteral("v26.12.1");
    AttachBridge bridge(&program, nullptr, {}, info);
    QSignalSpy received(&bridge, &graft::Transport::messageReceived);
    bridge.send(R"({"id":8,"method":"Debugger.setScriptSource","params":{"scriptId":"1","scriptSource":"x"}})");
    program.deliver({ { "id", program.sent.last().value("id") },
        { "error",
            QJsonObject { { "code", -32000 }, { "message", "setScriptSource functionality no longer available" } } } });
    const QString message = parsed(received.first()).value("error").toObject().value("message").toString();
    QVERIFY2(
        message.contains(QLatin1String("Start it with node --inspector-live-edit --inspect")), qPrintable(message));
    QVERIFY(message.contains(QLatin1String("v26.12.1")));
}

void TestAttachBridge::hostReadyPrecedesTheSessionsStart()
{
    FakeTransport program;
    graft::AttachedProgram info;
    info.node = QStringLiteral("v22.23.5");
    info.v8 = QStringLiteral("12.4.254.21-node.57");
    AttachBridge bridge(&program, nullptr, {}, info);
    QSignalSpy received(&bridge, &graft::Transport::messageReceived);
    bridge.send(R"({"id":3,"method":"Runtime.runIfWaitingForDebugger"})");
    QCOMPARE(received.size(), 1);
    const QJsonObject ready = parsed(received.first());
    QCOMPARE(ready.value("method").toString(), QStringLiteral("Graft.hostReady"));
    QCOMPARE(ready.value("params").toObject().value("runtime").toString(), QStringLiteral("attach"));
    QCOMPARE(ready.value("params").toObject().value("node").toString(), info.node);
    QCOMPARE(program.sent.last().value("method").toString(), QStringLiteral("Runtime.runIfWaitingForDebugger"));
}

QTEST_GUILESS_MAIN(TestAttachBridge)
#include "tst_attachbridge.moc"
