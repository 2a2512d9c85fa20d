// SPDX-License-Identifier: MIT
// The debugger through graft --headless on the real runtime (issue 15):
// breakpoints, stepping across modules, conditions, logpoints, and breakpoints
// that follow edits and restarts. Pauses themselves (saves while paused,
// exceptions, quitting a paused program): tst_debugpauses.
// Each test asks the running program (its output, its variables) what happened.

#include "debugsession.h"
#include "headlessharness.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace debugsession;

class TestDebugger : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void breakInATimerReadsLocalsAndClosure();
    void stepOverIntoOutAcrossTwoModules();
    void conditionalBreakpointStopsOnlyWhenTrue();
    void logpointPrintsAndNeverPauses();
    void breakpointMovesWithAnEditAboveIt();
    void breakpointsSurviveARestart();
};

void TestDebugger::breakInATimerReadsLocalsAndClosure()
{
    HeadlessHarness graft;
    const QString entry = startMain(graft);
    QVERIFY(!entry.isEmpty());
    const QJsonObject set
        = command(graft, 1, { { "command", "setBreakpoint" }, { "file", entry }, { "line", kLineLog } });
    QVERIFY2(set.value("ok").toBool(), qPrintable(set.value("error").toString()));
    QCOMPARE(set.value("line").toInt(), kLineLog);
    const QString id = set.value("breakpointId").toString();
    QVERIFY(!id.isEmpty());

    const QJsonObject paused = nthEvent(graft, "paused", 1);
    QCOMPARE(paused.value("reason").toString(), QStringLiteral("breakpoint"));
    QCOMPARE(paused.value("hitBreakpoints").toArray().first().toString(), id);
    const QJsonObject top = topFrame(paused);
    QCOMPARE(top.value("name").toString(), QStringLiteral("tick"));
    QCOMPARE(top.value("file").toString(), entry);
    QCOMPARE(top.value("line").toInt(), kLineLog);
    QVERIFY(top.value("column").toInt() >= 1);

    // Timers are frozen: nothing is printed while paused.
    const int printed = graft.allStdout().count(QLatin1Char('\n'));
    QTest::qWait(300);
    QCOMPARE(graft.allStdout().count(QLatin1Char('\n')), printed);

    const QJsonObject scopes = command(graft, 2, { { "command", "scopes" }, { "frame", 0 } });
    QVERIFY2(scopes.value("ok").toBool(), qPrintable(scopes.value("error").toString()));
    QCOMPARE(scopes.value("function").toObject().value("name").toString(), QStringLiteral("tick"));
    // `twice` is the frame's own local; count and label are the closure's.
    const int count = variable(scopes, "Closure", "count").value("value").toString().toInt();
    QVERIFY(count >= 2);
    QCOMPARE(variable(scopes, "Local", "twice").value("value").toString(), QString::number(count * 2));
    QCOMPARE(variable(scopes, "Closure", "label").value("value").toString(), QStringLiteral("\"tick\""));

    const QJsonObject eval
        = command(graft, 3, { { "command", "eval" }, { "frame", 0 }, { "expression", "count * 10" } });
    QCOMPARE(eval.value("value").toString(), QString::number(count * 10));
    // Without a frame, eval stays at global scope, where the module's count is not.
    const QJsonObject global = command(graft, 4, { { "command", "eval" }, { "expression", "typeof count" } });
    QCOMPARE(global.value("value").toString(), QStringLiteral("\"undefined\""));

    QVERIFY(command(graft, 5, { { "command", "removeBreakpoint" }, { "breakpointId", id } }).value("ok").toBool());
    QVERIFY(command(graft, 6, { { "command", "resume" } }).value("ok").toBool());
    QVERIFY(!nthEvent(graft, "resumed", 1).isEmpty());
    // The paused tick finishes, and the program goes on from there.
    QVERIFY(!graft.waitForOutput(QStringLiteral("tick %1 %2").arg(count).arg(count * 2)).isEmpty());
    QVERIFY(!graft.waitForOutput(QStringLiteral("tick %1 ").arg(count + 2)).isEmpty());
    QCOMPARE(countEvents(graft, "paused"), 1);
}

void TestDebugger::stepOverIntoOutAcrossTwoModules()
{
    HeadlessHarness graft;
    const QString entry = startMain(graft);
    QVERIFY(!entry.isEmpty());
    const QString lib = graft.dir() + QStringLiteral("/debug-lib.js");
    const QJsonObject set
        = command(graft, 1, { { "command", "setBreakpoint" }, { "file", entry }, { "line", kLineCall } });
    QVERIFY(set.value("ok").toBool());
    QCOMPARE(topFrame(nthEvent(graft, "paused", 1)).value("line").toInt(), kLineCall);
    // Only this pause: the breakpoint goes, the steps stay in this tick.
    QVERIFY(command(graft, 2, { { "command", "removeBreakpoint" }, { "breakpointId", set.value("breakpointId") } })
                .value("ok")
                .toBool());

    QVERIFY(command(graft, 3, { { "command", "stepInto" } }).value("ok").toBool());
    QJsonObject paused = nthEvent(graft, "paused", 2);
    QCOMPARE(paused.value("reason").toString(), QStringLiteral("step"));
    QCOMPARE(topFrame(paused).value("name").toString(), QStringLiteral("double"));
    QCOMPARE(topFrame(paused).value("file").toString(), lib);
    QCOMPARE(topFrame(paused).value("line").toInt(), 3);
    QCOMPARE(paused.value("frames").toArray().at(1).toObject().value("name").toString(), QStringLiteral("tick"));

    QVERIFY(command(graft, 4, { { "command", "stepOver" } }).value("ok").toBool());
    paused = nthEvent(graft, "paused", 3);
    QCOMPARE(topFrame(paused).value("line").toInt(), 4);
    const QJsonObject doubled
        = command(graft, 5, { { "command", "eval" }, { "frame", 0 }, { "expression", "doubled / x" } });
    QCOMPARE(doubled.value("value").toString(), QStringLiteral("2"));

    QVERIFY(command(graft, 6, { { "command", "stepOut" } }).value("ok").toBool());
    paused = nthEvent(graft, "paused", 4);
    QCOMPARE(topFrame(paused).value("name").toString(), QStringLiteral("tick"));
    QCOMPARE(topFrame(paused).value("file").toString(), entry);
    const int outLine = topFrame(paused).value("line").toInt();
    QVERIFY2(outLine == kLineCall || outLine == kLineLog, qPrintable(QString::number(outLine)));
    if (outLine == kLineCall) { // back at the assignment: one more step reaches the log line
        QVERIFY(command(graft, 7, { { "command", "stepOver" } }).value("ok").toBool());
        paused = nthEvent(graft, "paused", 5);
        QCOMPARE(topFrame(paused).value("line").toInt(), kLineLog);
    }
    const QJsonObject twice
        = command(graft, 8, { { "command", "eval" }, { "frame", 0 }, { "expression", "twice === 2 * count" } });
    QCOMPARE(twice.value("value").toString(), QStringLiteral("true"));

    // Stepping over the log line prints it: the program's own output, at that moment.
    const int printed = graft.allStdout().count(QLatin1Char('\n'));
    QVERIFY(command(graft, 9, { { "command", "stepOver" } }).value("ok").toBool());
    QVERIFY(!nthEvent(graft, "paused", outLine == kLineCall ? 6 : 5).isEmpty());
    QTRY_VERIFY(graft.allStdout().count(QLatin1Char('\n')) == printed + 1);
    QVERIFY(command(graft, 10, { { "command", "resume" } }).value("ok").toBool());
    QVERIFY(!graft.nextOutputLines(2).isEmpty());
}

void TestDebugger::conditionalBreakpointStopsOnlyWhenTrue()
{
    HeadlessHarness graft;
    const QString entry = startMain(graft);
    QVERIFY(!entry.isEmpty());
    // Far enough ahead that the condition is set long before it holds.
    const QJsonObject now = command(graft, 1, { { "command", "eval" }, { "expression", "0" } });
    QVERIFY(now.value("ok").toBool());
    const int at = graft.allStdout().count(QLatin1Char('\n')) + 6;
    const QJsonObject set = command(graft, 2,
        { { "command", "setBreakpoint" }, { "file", entry }, { "line", kLineLog },
            { "condition", QStringLiteral("count === %1").arg(at) } });
    QVERIFY(set.value("ok").toBool());
    const QJsonObject paused = nthEvent(graft, "paused", 1);
    QCOMPARE(paused.value("reason").toString(), QStringLiteral("breakpoint"));
    QCOMPARE(command(graft, 3, { { "command", "eval" }, { "frame", 0 }, { "expression", "count" } })
                 .value("value")
                 .toString(),
        QString::number(at));
    // Every tick before it ran without stopping; this one has not printed yet.
    QVERIFY(graft.allStdout().contains(QStringLiteral("tick %1 ").arg(at - 1)));
    QVERIFY(!graft.allStdout().contains(QStringLiteral("tick %1 ").arg(at)));
    QVERIFY(command(graft, 4, { { "command", "resume" } }).value("ok").toBool());
    QVERIFY(!graft.waitForOutput(QStringLiteral("tick %1 ").arg(at + 3)).isEmpty());
    QCOMPARE(countEvents(graft, "paused"), 1);
}

void TestDebugger::logpointPrintsAndNeverPauses()
{
    HeadlessHarness graft;
    const QString entry = startMain(graft);
    QVERIFY(!entry.isEmpty());
    const QJsonObject set = command(graft, 1,
        { { "command", "setBreakpoint" }, { "file", entry }, { "line", kLineLog },
            { "log", "'logged ' + count + ' twice ' + twice" } });
    QVERIFY(set.value("ok").toBool());
    QCOMPARE(set.value("log").toString(), QStringLiteral("'logged ' + count + ' twice ' + twice"));
    // Printed as the program's output, in order with it, with the frame's values.
    const QStringList lines = graft.nextOutputLines(6);
    QCOMPARE(lines.size(), 6);
    int logged = 0;
    for (int i = 0; i + 1 < lines.size(); ++i) {
        if (!lines.at(i).startsWith(QLatin1String("logged ")))
            continue;
        ++logged;
        const int n = lines.at(i).section(QLatin1Char(' '), 1, 1).toInt();
        QCOMPARE(lines.at(i), QStringLiteral("logged %1 twice %2").arg(n).arg(n * 2));
        QCOMPARE(lines.at(i + 1), QStringLiteral("tick %1 %2").arg(n).arg(n * 2));
    }
    QVERIFY(logged >= 2);
    QCOMPARE(countEvents(graft, "paused"), 0);
    // Removed, it prints no more.
    QVERIFY(command(graft, 2, { { "command", "removeBreakpoint" }, { "breakpointId", set.value("breakpointId") } })
                .value("ok")
                .toBool());
    graft.nextOutputLines(1);
    const QStringList after = graft.nextOutputLines(3);
    QCOMPARE(after.size(), 3);
    for (const QString &line : after)
        QVERIFY2(line.startsWith(QLatin1String("tick ")), qPrintable(line));
}

void TestDebugger::breakpointMovesWithAnEditAboveIt()
{
    HeadlessHarness graft;
    const QString entry = startMain(graft);
    QVERIFY(!entry.isEmpty());
    const QJsonObject set = command(graft, 1,
        { { "command", "setBreakpoint" }, { "file", entry }, { "line", kLineLog },
            { "condition", "globalThis.stopNow === true" } });
    QVERIFY(set.value("ok").toBool());

    // Two lines above the breakpoint, and a change of the line itself.
    QByteArray source = HeadlessHarness::readFile(entry);
    source.replace("function tick() {", "// two lines more\n// above the breakpoint\nfunction tick() {");
    source.replace("console.log(label + ' '", "console.log(label + '! '");
    graft.saveByRename(entry, source);
    const QJsonObject patch = graft.waitForPatch(1);
    QCOMPARE(patch.value("status").toString(), QStringLiteral("applied"));
    QVERIFY(!graft.waitForOutput(QStringLiteral("tick! ")).isEmpty());
    const QJsonObject moved = nthEvent(graft, "breakpoint", 2);
    QCOMPARE(moved.value("breakpointId"), set.value("breakpointId"));
    QCOMPARE(moved.value("line").toInt(), kLineLog + 2);

    QVERIFY(command(graft, 2, { { "command", "eval" }, { "expression", "globalThis.stopNow = true" } })
                .value("ok")
                .toBool());
    const QJsonObject paused = nthEvent(graft, "paused", 1);
    QCOMPARE(paused.value("reason").toString(), QStringLiteral("breakpoint"));
    QCOMPARE(topFrame(paused).value("line").toInt(), kLineLog + 2);
    // It stops on the log line itself: the new tick's count is not printed yet.
    const QString count = command(graft, 3, { { "command", "eval" }, { "frame", 0 }, { "expression", "count" } })
                              .value("value")
                              .toString();
    QVERIFY(!graft.allStdout().contains(QStringLiteral("tick! %1 ").arg(count)));
    QVERIFY(command(graft, 4, { { "command", "eval" }, { "expression", "globalThis.stopNow = false" } })
                .value("ok")
                .toBool());
    QVERIFY(command(graft, 5, { { "command", "resume" } }).value("ok").toBool());
    QVERIFY(!graft.waitForOutput(QStringLiteral("tick! %1 ").arg(count)).isEmpty());

    const QJsonObject list = command(graft, 6, { { "command", "breakpoints" } });
    QCOMPARE(list.value("breakpoints").toArray().first().toObject().value("line").toInt(), kLineLog + 2);
}

void TestDebugger::breakpointsSurviveARestart()
{
    GRAFT_SKIP_UNLESS(Restart);
    HeadlessHarness graft;
    const QString entry = startMain(graft);
    QVERIFY(!entry.isEmpty());
    const QJsonObject set = command(graft, 1,
        { { "command", "setBreakpoint" }, { "file", entry }, { "line", kLineLog }, { "condition", "count >= 3" } });
    QVERIFY(set.value("ok").toBool());
    QVERIFY(!nthEvent(graft, "paused", 1).isEmpty());
    // Restarting a paused program: the new run starts with the breakpoint in place.
    QVERIFY(command(graft, 2, { { "command", "restart" } }).value("ok").toBool());
    QVERIFY(!nthEvent(graft, "ready", 2).isEmpty());
    const QJsonObject paused = nthEvent(graft, "paused", 2);
    QCOMPARE(paused.value("hitBreakpoints").toArray().first(), set.value("breakpointId"));
    QCOMPARE(command(graft, 3, { { "command", "eval" }, { "frame", 0 }, { "expression", "count" } })
                 .value("value")
                 .toString(),
        QStringLiteral("3"));
    // The first run's count went with it: this run counts from 1 again.
    QVERIFY(graft.allStdout().count(QStringLiteral("tick 2 4")) >= 2);
    QVERIFY(command(graft, 4, { { "command", "removeBreakpoint" }, { "breakpointId", set.value("breakpointId") } })
                .value("ok")
                .toBool());
    QVERIFY(command(graft, 5, { { "command", "resume" } }).value("ok").toBool());
    QVERIFY(!graft.waitForOutput(QStringLiteral("tick 4 8")).isEmpty());
}

QTEST_GUILESS_MAIN(TestDebugger)
#include "tst_debugger.moc"
