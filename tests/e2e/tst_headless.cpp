// SPDX-License-Identifier: MIT
// graft --headless end to end: real programs, real saves, real runtime.

#include "headlessharness.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QTcpSocket>
#include <QTest>

#include <algorithm>

namespace {

int leadingNumber(const QString &line) { return line.section(QLatin1Char(' '), 0, 0).toInt(); }

QByteArray httpGet(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!socket.waitForConnected(5000))
        return "connect failed";
    socket.write("GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n");
    QByteArray response;
    while (socket.waitForReadyRead(5000))
        response += socket.readAll();
    return response.mid(response.indexOf("\r\n\r\n") + 4);
}

} // namespace

class TestHeadless : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void writeupExperimentKeepsStateAndOldBinding();
    void capturedVariableChangeIsPartial();
    void syntaxErrorKeepsOldCodeAndSaysWhere();
    void editingARunningFunctionIsBlocked();
    void httpHandlerChangesOnTheSamePort();
    void requiredModuleIsPatched();
    void processExitCodeBecomesOurs();
    void malformedControlInputIsAnsweredNotFatal();
    void runtimeLeavesNoTraceInTheProgram();
    void esModuleTopLevelChangeFollowsTheEngine();
    void readyNamesTheSwapEngine();
};

void TestHeadless::writeupExperimentKeepsStateAndOldBinding()
{
    HeadlessHarness graft;
    const QString entry = graft.addProgram(QStringLiteral("writeup.js"));
    QVERIFY(graft.start(entry));
    const QJsonObject ready = graft.waitForEvent(QStringLiteral("ready"));
    QCOMPARE(ready.value("entry").toString(), entry);
    const TestRuntime &runtime = TestRuntime::current();
    QCOMPARE(ready.value("runtime").toString(), runtime.kind);
    QCOMPARE(ready.value("engine").toString(), runtime.engine); // liveedit without --engine
    if (runtime.isEmbedded()) {
        QVERIFY(ready.value("node").toString().startsWith(QLatin1String("v18.")));
        QVERIFY(ready.value("v8").toString().startsWith(QLatin1String("10.2")));
    } else {
        // The real versions of the node the program runs on, not Graft's own.
        QCOMPARE(ready.value("node").toString(), QStringLiteral("v") + runtime.nodeVersion);
        QVERIFY(graft.v8Major() >= 11);
    }
    const QStringList before = graft.nextOutputLines(3);
    QCOMPARE(before.size(), 3);
    QVERIFY2(before.last().endsWith(QLatin1String(" original")), qPrintable(before.last()));

    // The write-up's edit, saved the way many editors save (temporary + rename).
    QByteArray source = HeadlessHarness::readFile(entry);
    source.replace("let s = 'original';", "let s = 'updated';");
    source.replace("function m() { return s; }", "function m() { return s + '*'; }");
    graft.saveByRename(entry, source);

    const QJsonObject patch = graft.waitForEvent(QStringLiteral("patch"));
    QCOMPARE(patch.value("status").toString(), QStringLiteral("applied"));
    QCOMPARE(patch.value("file").toString(), entry);
    QVERIFY(patch.value("ms").toDouble() > 0);
    const QJsonObject starred = graft.waitForOutput(QStringLiteral("original*"));
    QVERIFY2(!starred.isEmpty(), qPrintable(graft.allStdout()));
    // V8 swapped m's code but never re-ran the top level: s is still 'original',
    // and the counter carried on instead of starting again at 1.
    const QStringList after = graft.nextOutputLines(2);
    QCOMPARE(after.size(), 2);
    QVERIFY2(after.last().endsWith(QLatin1String(" original*")), qPrintable(after.last()));
    QVERIFY2(leadingNumber(after.last()) > leadingNumber(before.last()), qPrintable(graft.allStdout()));
    QVERIFY(!graft.allStdout().contains(QLatin1String("updated")));

    // The report says so: m's body is patched and effective, s is stale.
    const QJsonArray functions = patch.value("functions").toArray();
    const auto m = std::find_if(functions.begin(), functions.end(),
        [](const QJsonValue &f) { return f.toObject().value("name") == QLatin1String("m"); });
    QVERIFY(m != functions.end());
    QCOMPARE(m->toObject().value("change").toString(), QStringLiteral("body"));
    QCOMPARE(m->toObject().value("line").toInt(), 6);
    QCOMPARE(m->toObject().value("effective").toBool(), true);
    const QJsonArray bindings = patch.value("bindings").toArray();
    QCOMPARE(bindings.size(), 1);
    const QJsonObject s = bindings.first().toObject();
    QCOMPARE(s.value("name").toString(), QStringLiteral("s"));
    QCOMPARE(s.value("line").toInt(), 4);
    QCOMPARE(s.value("source").toString(), QStringLiteral("'updated'"));
    QCOMPARE(s.value("stale").toBool(), true);
    // The live value, read from m's closure: still the old initializer's.
    QCOMPARE(s.value("live").toString(), QStringLiteral("\"original\""));
}

void TestHeadless::capturedVariableChangeIsPartial()
{
    HeadlessHarness graft;
    const QString entry = graft.addProgram(QStringLiteral("closures.js"));
    QVERIFY(graft.start(entry));
    QVERIFY(!graft.waitForOutput(QStringLiteral("hello world")).isEmpty());

    QByteArray source = HeadlessHarness::readFile(entry);
    source.replace("return greeting + ' ' + name;", "return greeting + ' ' + name + punctuation;");
    graft.writeFile(QStringLiteral("closures.js"), source);
    const QJsonObject patch = graft.waitForEvent(QStringLiteral("patch"));
    // V8 accepts the edit, but the live closure keeps its old code: never "applied".
    QCOMPARE(patch.value("status").toString(), QStringLiteral("partial"));
    const QJsonArray functions = patch.value("functions").toArray();
    const auto greet = std::find_if(functions.begin(), functions.end(),
        [](const QJsonValue &f) { return f.toObject().value("name") == QLatin1String("makeGreeter/greet"); });
    QVERIFY(greet != functions.end());
    QCOMPARE(greet->toObject().value("effective").toBool(true), false);
    // LiveEdit names the newly captured variable; the swap engine, the variable of
    // makeGreeter's scope it cannot reach from the module's.
    const QString reason = greet->toObject().value("reason").toString();
    QVERIFY2(
        reason.contains(TestRuntime::current().isSwap() ? QLatin1String("cannot reach") : QLatin1String("punctuation")),
        qPrintable(reason));
    // And that is what really happens: the running closure prints no '!'.
    const QStringList after = graft.nextOutputLines(3);
    QCOMPARE(after.size(), 3);
    QVERIFY2(after.last().endsWith(QLatin1String("hello world")), qPrintable(after.last()));
}

void TestHeadless::syntaxErrorKeepsOldCodeAndSaysWhere()
{
    HeadlessHarness graft;
    const QString entry = graft.addProgram(QStringLiteral("writeup.js"));
    QVERIFY(graft.start(entry));
    QVERIFY(!graft.waitForEvent(QStringLiteral("ready")).isEmpty());
    QCOMPARE(graft.nextOutputLines(2).size(), 2);

    QByteArray source = HeadlessHarness::readFile(entry);
    source.replace("function m() { return s; }", "function m() { return s +; }");
    graft.writeFile(QStringLiteral("writeup.js"), source);

    const QJsonObject patch = graft.waitForEvent(QStringLiteral("patch"));
    QCOMPARE(patch.value("status").toString(), QStringLiteral("compile-error"));
    const QJsonObject error = patch.value("error").toObject();
    QVERIFY(!error.value("message").toString().isEmpty());
    // Line 6 of writeup.js; column 26 is the ";" right after "+" (both 1-based).
    QCOMPARE(error.value("line").toInt(), 6);
    QCOMPARE(error.value("column").toInt(), 26);
    const QStringList after = graft.nextOutputLines(3);
    QCOMPARE(after.size(), 3);
    for (const QString &line : after)
        QVERIFY2(line.endsWith(QLatin1String(" original")), qPrintable(line));
}

void TestHeadless::editingARunningFunctionIsBlocked()
{
    HeadlessHarness graft;
    const QString entry = graft.addProgram(QStringLiteral("busy.js"));
    // Without retrying: a retry may land between two rounds and apply the
    // patch (tst_everysave covers that); this test is about the blocked answer.
    QVERIFY(graft.start(entry, { QStringLiteral("--blocked-retry"), QStringLiteral("0") }));
    QVERIFY(!graft.waitForOutput(QStringLiteral("round 1 v1")).isEmpty());

    QByteArray source = HeadlessHarness::readFile(entry);
    source.replace("return 'v1';", "return 'v2';");
    graft.send({ { "id", 1 }, { "command", "apply" }, { "file", entry }, { "source", QString::fromUtf8(source) } });
    const QJsonObject result = graft.waitForResult(1);
    if (TestRuntime::current().isSwap()) {
        // The swap engine fills work's slot at once: the call running now ends
        // with its old code, the next round runs the new one.
        QCOMPARE(result.value("status").toString(), QStringLiteral("applied"));
        const QJsonObject v2 = graft.waitForOutput(QStringLiteral(" v2"), 5000);
        QVERIFY(!v2.isEmpty());
        QVERIFY(leadingNumber(v2.value("text").toString().section(QLatin1Char(' '), 1)) > 1);
        return;
    }
    QCOMPARE(result.value("status").toString(), QStringLiteral("blocked"));
    QCOMPARE(result.value("ok").toBool(), false);
    const QJsonObject patch = graft.waitForEvent(QStringLiteral("patch"));
    QCOMPARE(patch.value("status").toString(), QStringLiteral("blocked"));
    // The program goes on with its old code.
    const QStringList after = graft.nextOutputLines(2);
    QCOMPARE(after.size(), 2);
    QVERIFY2(after.last().endsWith(QLatin1String(" v1")), qPrintable(after.last()));
}

void TestHeadless::httpHandlerChangesOnTheSamePort()
{
    HeadlessHarness graft;
    const QString entry = graft.addProgram(QStringLiteral("server.js"));
    QVERIFY(graft.start(entry));
    const QJsonObject announced = graft.waitForOutput(QStringLiteral("port "));
    QVERIFY(!announced.isEmpty());
    const quint16 port = announced.value("text").toString().trimmed().section(QLatin1Char(' '), 1).toUShort();
    QVERIFY(port > 0);
    QCOMPARE(httpGet(port), QByteArray("v1"));

    QByteArray source = HeadlessHarness::readFile(entry);
    source.replace("return 'v1';", "return 'v2';");
    graft.writeFile(QStringLiteral("server.js"), source);
    QCOMPARE(graft.waitForEvent(QStringLiteral("patch")).value("status").toString(), QStringLiteral("applied"));
    QCOMPARE(httpGet(port), QByteArray("v2"));
    // Still the first process: ready was announced once.
    int readies = 0;
    for (const QJsonObject &event : graft.events())
        readies += event.value("event") == QLatin1String("ready");
    QCOMPARE(readies, 1);
}

void TestHeadless::requiredModuleIsPatched()
{
    HeadlessHarness graft;
    graft.addProgram(QStringLiteral("greeter.js"));
    const QString entry = graft.addProgram(QStringLiteral("main-module.js"));
    QVERIFY(graft.start(entry));
    QVERIFY(!graft.waitForOutput(QStringLiteral("hello world")).isEmpty());

    graft.send({ { "id", 7 }, { "command", "scripts" } });
    const QJsonArray scripts = graft.waitForResult(7).value("scripts").toArray();
    QStringList userFiles;
    for (const QJsonValue &script : scripts) {
        if (script.toObject().value("kind") == QLatin1String("user"))
            userFiles << QFileInfo(script.toObject().value("file").toString()).fileName();
    }
    QCOMPARE(userFiles, (QStringList { "main-module.js", "greeter.js" }));

    graft.writeFile(QStringLiteral("greeter.js"),
        "function greet(name) { return 'bonjour ' + name; }\nmodule.exports = { greet };\n");
    const QJsonObject patch = graft.waitForEvent(QStringLiteral("patch"));
    QCOMPARE(QFileInfo(patch.value("file").toString()).fileName(), QStringLiteral("greeter.js"));
    QCOMPARE(patch.value("status").toString(), QStringLiteral("applied"));
    const QJsonObject bonjour = graft.waitForOutput(QStringLiteral("bonjour world"));
    QVERIFY(!bonjour.isEmpty());
    QVERIFY(leadingNumber(bonjour.value("text").toString()) > 1);
}

void TestHeadless::processExitCodeBecomesOurs()
{
    GRAFT_SKIP_UNLESS(ProgramEnd);
    HeadlessHarness graft;
    const QString entry = graft.addProgram(QStringLiteral("exit3.js"));
    QVERIFY(graft.start(entry));
    QCOMPARE(graft.waitForExit(), 3);
    const QJsonObject exit = graft.waitForEvent(QStringLiteral("exit"), 1000);
    QCOMPARE(exit.value("code").toInt(), 3);
    QCOMPARE(exit.value("reason").toString(), QStringLiteral("exit"));
    QVERIFY(graft.allStdout().contains(QLatin1String("about to exit")));
    QVERIFY2(!graft.stderrText().contains(QLatin1String("crash")), qPrintable(graft.stderrText()));
}

void TestHeadless::malformedControlInputIsAnsweredNotFatal()
{
    HeadlessHarness graft;
    const QString entry = graft.addProgram(QStringLiteral("writeup.js"));
    QVERIFY(graft.start(entry));
    QVERIFY(!graft.waitForEvent(QStringLiteral("ready")).isEmpty());

    graft.sendRaw("this is not json");
    graft.sendRaw("[1, 2, 3]");
    graft.send({ { "id", 1 }, { "command", "frobnicate" } });
    graft.send({ { "id", 2 }, { "command", "apply" }, { "file", "no-such-file.js" } });
    graft.send({ { "id", 3 }, { "command", "eval" } });
    graft.send({ { "id", 4 }, { "command", "scopes" }, { "file", entry }, { "line", 5 } });
    graft.send({ { "id", 5 }, { "command", "eval" }, { "expression", "6 * 7" } });

    const QJsonObject answered = graft.waitForResult(5);
    QCOMPARE(answered.value("value").toString(), QStringLiteral("42"));
    int anonymousErrors = 0;
    for (const QJsonObject &event : graft.events()) {
        if (event.value("event") == QLatin1String("result") && event.value("id").isNull()) {
            QCOMPARE(event.value("ok").toBool(), false);
            QVERIFY(!event.value("error").toString().isEmpty());
            ++anonymousErrors;
        }
    }
    QCOMPARE(anonymousErrors, 2);
    for (int id : { 1, 2, 3, 4 }) {
        const QJsonObject result = graft.waitForResult(id, 1000);
        QCOMPARE(result.value("ok").toBool(), false);
        QVERIFY2(!result.value("error").toString().isEmpty(), qPrintable(QString::number(id)));
    }
    QVERIFY(graft.waitForResult(2).value("error").toString().contains(QLatin1String("does not exist")));
    // The session goes on.
    QCOMPARE(graft.nextOutputLines(2).size(), 2);
    graft.send({ { "id", 9 }, { "command", "quit" } });
    QCOMPARE(graft.waitForExit(), 0);
}

void TestHeadless::runtimeLeavesNoTraceInTheProgram()
{
    HeadlessHarness graft;
    const QString entry = graft.addProgram(QStringLiteral("looks-around.js"));
    QVERIFY(graft.start(entry, { QStringLiteral("--node-option"), QStringLiteral("--no-warnings") }));
    const QStringList seen = graft.nextOutputLines(4);
    QCOMPARE(seen.size(), 4);
    // The program sees its own node options only, and nothing of Graft's
    // (attached: the options it was started with, --inspect among them).
    QCOMPARE(
        seen[0], QStringLiteral("execArgv ") + graft.programExecArgv(QStringList { QStringLiteral("--no-warnings") }));
    QCOMPARE(seen[1], QStringLiteral("env "));
    QCOMPARE(seen[2], QStringLiteral("global "));
    // An error's stack at the top level: the message, the module, Node's loader.
    QVERIFY2(seen[3].section(QLatin1Char(' '), 1).toInt() <= 11, qPrintable(seen[3]));
    graft.send({ { "id", 1 }, { "command", "scripts" } });
    const QJsonArray scripts = graft.waitForResult(1).value("scripts").toArray();
    QVERIFY(!scripts.isEmpty());
    // The agent's scripts never show; the embedded runtime's own (graft:bootstrap,
    // graft:helper) are internals of the runtime, listed as such.
    for (const QJsonValue &script : scripts) {
        const QString url = script.toObject().value("url").toString();
        if (graft.isEmbedded() && url.startsWith(QLatin1String("graft:")))
            QCOMPARE(script.toObject().value("kind").toString(), QStringLiteral("internal"));
        else
            QVERIFY2(!url.contains(QLatin1String("graft")), qPrintable(url));
    }
    for (const QJsonObject &event : graft.events())
        QVERIFY2(event.value("stream") != QLatin1String("stderr"), qPrintable(event.value("text").toString()));
}

void TestHeadless::esModuleTopLevelChangeFollowsTheEngine()
{
    HeadlessHarness graft;
    const QString entry = graft.addProgram(QStringLiteral("esm-greeting.mjs"));
    QVERIFY(graft.start(entry));
    QVERIFY(!graft.waitForOutput(QStringLiteral("hello")).isEmpty());
    QByteArray source = HeadlessHarness::readFile(entry);
    source.replace("'hello'", "'bye'");
    graft.send({ { "id", 1 }, { "command", "apply" }, { "file", entry }, { "source", QString::fromUtf8(source) } });
    const QJsonObject patch = graft.waitForEvent(QStringLiteral("patch"));
    // Top-level code never runs again: the binding is stale. V8 10.2 takes the
    // new source; V8 10.5+ would refuse it whole (BlockedByTopLevelEsModuleChange),
    // so Graft sends nothing, and says the same.
    QCOMPARE(patch.value("status").toString(), QStringLiteral("applied"));
    const QJsonArray bindings = patch.value("bindings").toArray();
    QCOMPARE(bindings.size(), 1);
    QCOMPARE(bindings[0].toObject().value("name").toString(), QStringLiteral("greeting"));
    QCOMPARE(bindings[0].toObject().value("stale").toBool(), true);
    QCOMPARE(bindings[0].toObject().value("live").toString(), QStringLiteral("\"hello\""));
    // Either way the program says what it holds: the old value.
    const QStringList after = graft.nextOutputLines(2);
    QCOMPARE(after.size(), 2);
    QCOMPARE(after.last(), QStringLiteral("hello"));
}

void TestHeadless::readyNamesTheSwapEngine()
{
    // Elsewhere --engine swap is refused at start (tst_commandline).
    if (TestRuntime::current().kind != QLatin1String("node"))
        QSKIP("the swap engine needs Graft's agent in a node of the user's own (--node)");
    HeadlessHarness graft;
    const QString entry = graft.addProgram(QStringLiteral("writeup.js"));
    QVERIFY(graft.start(entry, { QStringLiteral("--engine"), QStringLiteral("swap") }));
    const QJsonObject ready = graft.waitForEvent(QStringLiteral("ready"));
    QCOMPARE(ready.value("runtime").toString(), QStringLiteral("node"));
    QCOMPARE(ready.value("engine").toString(), QStringLiteral("swap"));
    graft.send({ { "id", 1 }, { "command", "quit" } });
    QCOMPARE(graft.waitForExit(), 0);
}

QTEST_GUILESS_MAIN(TestHeadless)
#include "tst_headless.moc"
