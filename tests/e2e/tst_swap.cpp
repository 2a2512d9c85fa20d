// SPDX-License-Identifier: MIT
// Graft's own patch engine (graft --engine swap, docs/SWAP.md), end to end on
// every runtime: what a user checks after a save is what the running program
// prints — references stored before the save run the new code, a function the
// save adds is there for the new code, closures the engine cannot reach say so
// and keep their code, ES modules take new imports (what the program shows of
// its own source: tst_swapsource.cpp).

#include "swaptesting.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

using namespace swaptesting;

class TestSwap : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void storedReferencesRunTheNewCode();
    void addedFunctionIsThereForNewCode();
    void sloppyFunctionTakesANewParameter();
    void functionTheProgramNeverMadeIsNeverClaimed();
    void closureOverALocalSaysWhoKeepsOldCode();
    void aCopyOnTheOldCodeIsFoundByTheCheck();
    void rehearsalsLeaveTheProgramAlone();
    void esModuleTakesANewImport();
    void readyNamesTheEngine();
    void runsOnANodeWithoutLiveEdit();
};

void TestSwap::init()
{
    if (const QString why = whySwapCannotRun(); !why.isEmpty())
        QSKIP(qPrintable(why));
}

void TestSwap::storedReferencesRunTheNewCode()
{
    HeadlessHarness graft;
    const QByteArray program = "const { EventEmitter } = require('events');\n"
                               "function tick() { return 'tick-v1'; }\n"
                               "class Greeter { hello() { return 'hello-v1'; } }\n"
                               "const greeter = new Greeter();\n"
                               "const bound = greeter.hello.bind(greeter);\n"
                               "const bus = new EventEmitter();\n"
                               "const parts = [];\n"
                               "bus.on('ping', () => parts.push('listener-v1'));\n"
                               "module.exports = { tick };\n"
                               "const copy = module.exports.tick;\n"
                               "setInterval(() => {\n"
                               "  parts.length = 0;\n"
                               "  bus.emit('ping');\n"
                               "  console.log(['@', copy(), bound(), greeter.hello(), ...parts].join(' '));\n"
                               "}, 30);\n";
    const QString file = runSwapped(
        graft, QStringLiteral("refs.js"), program, QStringLiteral("tick-v1 hello-v1 hello-v1 listener-v1"));
    QVERIFY2(!file.isEmpty(), qPrintable(graft.stderrText()));

    QByteArray edited = program;
    edited.replace("'tick-v1'", "'tick-v2'")
        .replace("'hello-v1'", "'hello-v2'")
        .replace("'listener-v1'", "'listener-v2'");
    const QJsonObject result = graft.applyAndWait(1, file, edited);
    const QJsonObject patch = graft.patchEvents().last();
    QCOMPARE(patch.value("status").toString(), QStringLiteral("applied"));
    for (const QString &name : { QStringLiteral("tick"), QStringLiteral("Greeter.prototype.hello") })
        QVERIFY2(entryNamed(patch, name).value("effective").toBool(), qPrintable(compact(patch)));
    // What the program prints from references it stored before the save.
    QVERIFY2(!graft.waitForOutput(QStringLiteral("@ tick-v2 hello-v2 hello-v2 listener-v2")).isEmpty(),
        qPrintable(graft.allStdout().right(400)));
    QVERIFY(patch.value("applyMs").toDouble() >= 0);
}

void TestSwap::addedFunctionIsThereForNewCode()
{
    HeadlessHarness graft;
    const QByteArray program = "function tick() { return 'plain'; }\n"
                               "setInterval(() => console.log('@ ' + tick()), 30);\n";
    const QString file = runSwapped(graft, QStringLiteral("added.js"), program, QStringLiteral("@ plain"));
    QVERIFY2(!file.isEmpty(), qPrintable(graft.stderrText()));

    QByteArray edited = program;
    edited.replace("return 'plain';", "return decorate('fancy');");
    edited += "function decorate(text) { return '*' + text + '*'; }\n";
    graft.applyAndWait(1, file, edited);
    const QJsonObject patch = graft.patchEvents().last();
    QCOMPARE(patch.value("status").toString(), QStringLiteral("applied"));
    const QJsonObject added = entryNamed(patch, QStringLiteral("decorate"));
    QCOMPARE(added.value("change").toString(), QStringLiteral("added"));
    QVERIFY2(added.value("effective").toBool(), qPrintable(compact(patch)));
    QVERIFY2(!graft.waitForOutput(QStringLiteral("@ *fancy*")).isEmpty(), qPrintable(graft.allStdout().right(400)));

    // The added function is a function like the others: a later save changes it too.
    edited.replace("'*' + text + '*'", "'#' + text + '#'");
    graft.applyAndWait(2, file, edited);
    QVERIFY2(entryNamed(graft.patchEvents().last(), QStringLiteral("decorate")).value("effective").toBool(),
        qPrintable(compact(graft.patchEvents().last())));
    QVERIFY(!graft.waitForOutput(QStringLiteral("@ #fancy#")).isEmpty());
}

// In sloppy code a function that mentions `arguments` is one V8 treats apart
// (its slot starts as an ordinary global): a new parameter, which its callers
// already pass, reaches the new code through the function every caller holds.
void TestSwap::sloppyFunctionTakesANewParameter()
{
    HeadlessHarness graft;
    const QByteArray program
        = "function label(a, b) { return a + b; }\n"
          "const keep = label;\n"
          "setInterval(() => console.log('@ ' + keep('x', 'y', 'z') + label('1', '2', '3')), 30);\n";
    const QString file = runSwapped(graft, QStringLiteral("sloppy.js"), program, QStringLiteral("@ xy12"));
    QVERIFY2(!file.isEmpty(), qPrintable(graft.stderrText()));

    QByteArray edited = program;
    edited.replace("function label(a, b) { return a + b; }", "function label(a, b, c) { return a + b + c; }");
    graft.applyAndWait(1, file, edited);
    const QJsonObject patch = graft.patchEvents().last();
    QVERIFY2(entryNamed(patch, QStringLiteral("label")).value("effective").toBool(), qPrintable(compact(patch)));
    QVERIFY2(!graft.waitForOutput(QStringLiteral("@ xyz123")).isEmpty(), qPrintable(graft.allStdout().right(400)));
}

// A function a save adds in top-level code (not re-run) has no instance: a later
// change of its code runs nowhere, and the report must not say it does.
void TestSwap::functionTheProgramNeverMadeIsNeverClaimed()
{
    HeadlessHarness graft;
    const QByteArray program = "const reg = {};\n"
                               "setInterval(() => console.log('@ ' + (reg.f ? reg.f() : 'none')), 30);\n";
    const QString file = runSwapped(graft, QStringLiteral("late.js"), program, QStringLiteral("@ none"));
    QVERIFY2(!file.isEmpty(), qPrintable(graft.stderrText()));

    QByteArray edited = program + "const late = function () { return 'v1'; };\nreg.f = late;\n";
    graft.applyAndWait(1, file, edited);
    QCOMPARE(entryNamed(graft.patchEvents().last(), QStringLiteral("late")).value("effective").toBool(true), false);
    edited.replace("'v1'", "'v2'");
    graft.applyAndWait(2, file, edited);
    const QJsonObject patch = graft.patchEvents().last();
    const QJsonObject late = entryNamed(patch, QStringLiteral("late"));
    QCOMPARE(late.value("change").toString(), QStringLiteral("body"));
    QVERIFY2(late.value("effective") == QJsonValue(false), qPrintable(compact(patch)));
    QCOMPARE(late.value("stale").toString(), QStringLiteral("all"));
    QVERIFY2(late.value("reason").toString().contains(QStringLiteral("never created")), qPrintable(compact(late)));
    // What the program says: nothing runs the function.
    const QStringList lines = graft.nextOutputLines(3);
    QCOMPARE(lines.size(), 3);
    for (const QString &line : lines)
        QCOMPARE(line, QStringLiteral("@ none"));
}

void TestSwap::closureOverALocalSaysWhoKeepsOldCode()
{
    HeadlessHarness graft;
    // `old` was made at load; a fresh counter is made at every tick by the new code of makeCounter.
    const QByteArray program = "function makeCounter() { let n = 0; return () => 'count-v1 ' + (++n); }\n"
                               "const old = makeCounter();\n"
                               "setInterval(() => console.log('@ ' + old() + ' / ' + makeCounter()()), 30);\n";
    const QString file = runSwapped(graft, QStringLiteral("counter.js"), program, QStringLiteral(" / count-v1 1"));
    QVERIFY2(!file.isEmpty(), qPrintable(graft.stderrText()));

    QByteArray edited = program;
    edited.replace("'count-v1 '", "'count-v2 '");
    graft.applyAndWait(1, file, edited);
    const QJsonObject patch = graft.patchEvents().last();
    QCOMPARE(patch.value("status").toString(), QStringLiteral("partial"));
    const QJsonObject inner = entryNamed(patch, QStringLiteral("makeCounter/<anonymous@1>"));
    QVERIFY2(inner.value("effective") == QJsonValue(false), qPrintable(compact(patch)));
    QCOMPARE(inner.value("stale").toString(), QStringLiteral("existing"));
    QVERIFY2(
        inner.value("reason").toString().contains(QStringLiteral("`n`")), qPrintable(inner.value("reason").toString()));
    // Both halves of that claim, as the program prints them.
    QVERIFY2(!graft.waitForOutput(QStringLiteral(" / count-v2 1")).isEmpty(), qPrintable(graft.allStdout().right(400)));
    const QString last = graft.allStdout().section(QLatin1Char('\n'), -2, -2);
    QVERIFY2(last.contains(QStringLiteral("@ count-v1 ")), qPrintable(last));
}

void TestSwap::aCopyOnTheOldCodeIsFoundByTheCheck()
{
    HeadlessHarness graft;
    // `copy` is compiled from greet's text by the program itself: no slot check,
    // so no save reaches it. The planner cannot know; the check of the live
    // instances (the agent's, on the program's inspector) finds it.
    const QByteArray program = "function greet() { return 'hi-v1'; }\n"
                               "const copy = eval('(' + greet.toString() + ')');\n"
                               "setInterval(() => console.log('@ ' + greet() + ' ' + copy()), 30);\n";
    const QString file = runSwapped(graft, QStringLiteral("copied.js"), program, QStringLiteral("@ hi-v1 hi-v1"));
    QVERIFY2(!file.isEmpty(), qPrintable(graft.stderrText()));

    QByteArray edited = program;
    edited.replace("'hi-v1'", "'hi-v2'");
    graft.applyAndWait(1, file, edited);
    const QJsonObject patch = graft.patchEvents().last();
    QCOMPARE(patch.value("status").toString(), QStringLiteral("partial"));
    const QJsonObject greet = entryNamed(patch, QStringLiteral("greet"));
    QVERIFY2(greet.value("effective") == QJsonValue(false), qPrintable(compact(patch)));
    QCOMPARE(greet.value("stale").toString(), QStringLiteral("existing"));
    QVERIFY2(greet.value("reason").toString().contains(QStringLiteral("1 live instance(s) still run the old code")),
        qPrintable(greet.value("reason").toString()));
    // Both halves, as the program prints them.
    QVERIFY2(!graft.waitForOutput(QStringLiteral("@ hi-v2 hi-v1")).isEmpty(), qPrintable(graft.allStdout().right(400)));
}

void TestSwap::rehearsalsLeaveTheProgramAlone()
{
    HeadlessHarness graft;
    // A module large enough for the agent to rehearse saves of it (swap-worker.js):
    // plans of edits that never happen, while the program runs.
    QByteArray program = "'use strict';\nlet ticks = 0;\n";
    for (int k = 0; k < 80; ++k)
        program += QByteArray("function part") + QByteArray::number(k) + "(a, b) {\n  const x = a * "
            + QByteArray::number(k) + " + b;\n  return x % 7;\n}\n";
    program += "function show() { return 'show-v1'; }\n"
               "setInterval(() => {\n"
               "  ticks++;\n"
               "  const own = part1.toString() + show.toString();\n"
               "  console.log('@ ' + show() + ' ' + ticks + ' ' + (own.includes('rehearsal') ? 'seen' : 'unseen'));\n"
               "}, 30);\n";
    QVERIFY(program.size() > 4000);
    const QString file = runSwapped(graft, QStringLiteral("large.js"), program, QStringLiteral("@ show-v1 1 unseen"));
    QVERIFY2(!file.isEmpty(), qPrintable(graft.stderrText()));
    // Well past the rehearsals' budget: the program ran its own code all along.
    QTest::qWait(1500);
    QVERIFY(graft.patchEvents().isEmpty());
    QVERIFY2(!graft.allStdout().contains(QStringLiteral(" seen")), qPrintable(graft.allStdout().right(400)));
    const int ticksBefore = graft.allStdout().count(QStringLiteral("@ show-v1 "));

    QByteArray edited = program;
    edited.replace("'show-v1'", "'show-v2'");
    graft.applyAndWait(1, file, edited);
    const QJsonObject patch = graft.patchEvents().last();
    QCOMPARE(patch.value("status").toString(), QStringLiteral("applied"));
    // The save's own change, and nothing a rehearsal planned.
    QStringList changed;
    for (const QJsonValue &value : patch.value("functions").toArray()) {
        if (value.toObject().value("change").toString() != QLatin1String("unchanged"))
            changed << value.toObject().value("name").toString();
    }
    QCOMPARE(changed, QStringList { QStringLiteral("show") });
    QVERIFY2(entryNamed(patch, QStringLiteral("show")).value("effective").toBool(), qPrintable(compact(patch)));
    // The state is the program's: its count goes on.
    const QJsonObject after = graft.waitForOutput(QStringLiteral("@ show-v2 "));
    QVERIFY2(!after.isEmpty(), qPrintable(graft.allStdout().right(400)));
    const QString text = after.value("text").toString();
    const QRegularExpressionMatch line = QRegularExpression(QStringLiteral("@ show-v2 (\\d+) (\\w+)")).match(text);
    QVERIFY2(line.hasMatch() && line.captured(1).toInt() > ticksBefore, qPrintable(text));
    QCOMPARE(line.captured(2), QStringLiteral("unseen"));
}

void TestSwap::esModuleTakesANewImport()
{
    // Under LiveEdit, V8 cannot take a new import into a running module (issue 12's crash, now refused).
    HeadlessHarness graft;
    const QByteArray program = "export function show() { return 'esm-v1'; }\n"
                               "setInterval(() => console.log('@ ' + show()), 30);\n";
    const QString file = runSwapped(graft, QStringLiteral("show.mjs"), program, QStringLiteral("@ esm-v1"));
    QVERIFY2(!file.isEmpty(), qPrintable(graft.stderrText()));

    const QByteArray edited
        = "import os from 'node:os';\n"
          "import { join as joined } from 'node:path';\n"
          "export function show() { return 'esm-v2 ' + typeof os.platform() + ' ' + joined('a', 'b'); }\n"
          "setInterval(() => console.log('@ ' + show()), 30);\n";
    graft.applyAndWait(1, file, edited);
    const QJsonObject patch = graft.patchEvents().last();
    QCOMPARE(patch.value("status").toString(), QStringLiteral("applied"));
    QVERIFY2(entryNamed(patch, QStringLiteral("show")).value("effective").toBool(), qPrintable(compact(patch)));
    // The new imports are there for the new code.
    QVERIFY2(!graft.waitForOutput(QStringLiteral("@ esm-v2 string a/b")).isEmpty(),
        qPrintable(graft.allStdout().right(400) + graft.stderrText().right(400)));
}

void TestSwap::readyNamesTheEngine()
{
    HeadlessHarness graft;
    const QString file = graft.writeFile(QStringLiteral("quiet.js"), "setInterval(() => {}, 1000);\n");
    QVERIFY(graft.start(file, swapArguments()));
    const QJsonObject ready = graft.waitForEvent(QStringLiteral("ready"), 15000);
    QCOMPARE(ready.value("engine").toString(), QStringLiteral("swap"));
}

void TestSwap::runsOnANodeWithoutLiveEdit()
{
    const TestRuntime &runtime = TestRuntime::current();
    if (runtime.isEmbedded() || majorOf(runtime.nodeVersion) < 26)
        QSKIP("Node 26 is the first line that ships LiveEdit only behind --inspector-live-edit");
    HeadlessHarness graft;
    const QByteArray program = "function tick() { return 'v1'; }\n"
                               "setInterval(() => console.log('@ ' + tick()), 30);\n";
    const QString file = runSwapped(graft, QStringLiteral("plain.js"), program, QStringLiteral("@ v1"));
    QVERIFY2(!file.isEmpty(), qPrintable(graft.stderrText()));
    // The program's own inspector session: this node was started without LiveEdit.
    graft.send({ { "id", 1 }, { "command", "eval" }, { "file", file },
        { "expression",
            "(() => { const s = new (require('inspector').Session)(); s.connect(); let id = null, answer = 'none';"
            " s.on('Debugger.scriptParsed', (m) => { if (m.params.url.endsWith('plain.js')) id = m.params.scriptId; });"
            " s.post('Debugger.enable');"
            " s.post('Debugger.setScriptSource', { scriptId: id, scriptSource: '' }, (e) => { answer = e ? e.message : "
            "'ok'; });"
            " s.disconnect(); return answer; })()" } });
    const QJsonObject answer = graft.waitForResult(1);
    QVERIFY2(
        answer.value("value").toString().contains(QStringLiteral("no longer available")), qPrintable(compact(answer)));

    QByteArray edited = program;
    edited.replace("'v1'", "'v2'");
    graft.applyAndWait(2, file, edited);
    QCOMPARE(graft.patchEvents().last().value("status").toString(), QStringLiteral("applied"));
    QVERIFY(!graft.waitForOutput(QStringLiteral("@ v2")).isEmpty());
}

QTEST_GUILESS_MAIN(TestSwap)
#include "tst_swap.moc"
