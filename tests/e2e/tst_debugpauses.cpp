// SPDX-License-Identifier: MIT
// Pauses through graft --headless on the real runtime (issue 15): saves while
// paused, exceptions, `debugger` statements, quitting or stopping a paused
// program, Graft's own code never paused in, and bad debugger commands.
// Each test asks the running program (its output, its variables) what happened.

#include "debugsession.h"
#include "headlessharness.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace debugsession;

class TestDebugPauses : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void editWhilePausedIsBlockedThenAppliedAfterResume();
    void pausesOnAnUncaughtExceptionOnly();
    void debuggerStatementPausesOnlyWhenAsked();
    void pauseThenQuit();
    void pauseNeverStopsInGraftsOwnCode();
    void stopWhilePausedSaysNothingRuns();
    void reinitializePausesAreNeverTheUsers();
    void debuggerCommandsAnswerErrorsNotCrashes();
};

void TestDebugPauses::editWhilePausedIsBlockedThenAppliedAfterResume()
{
    HeadlessHarness graft;
    const QString entry = startMain(graft);
    QVERIFY(!entry.isEmpty());
    const QString lib = graft.dir() + QStringLiteral("/debug-lib.js");
    const QJsonObject set
        = command(graft, 1, { { "command", "setBreakpoint" }, { "file", entry }, { "line", kLineLog } });
    QVERIFY(set.value("ok").toBool());
    QVERIFY(!nthEvent(graft, "paused", 1).isEmpty());
    const QString count = command(graft, 2, { { "command", "eval" }, { "frame", 0 }, { "expression", "count" } })
                              .value("value")
                              .toString();

    QByteArray main = HeadlessHarness::readFile(entry);
    main.replace("console.log(label + ' '", "console.log('edited ' + label + ' '");
    graft.saveByRename(entry, main);
    const QJsonObject first = graft.waitForPatch(1);
    // V8 10.5 and newer (Node 20+) edit the paused function and restart its frame,
    // as DevTools does; the embedded V8 10.2 cannot replace a function on the stack.
    const bool restarts = graft.v8Major() >= 11 && !TestRuntime::current().isSwap();
    if (TestRuntime::current().isSwap()) {
        // The swap engine fills tick's slot at once: the paused call goes on with
        // its old code, the next tick runs the new one (no frame restart).
        QCOMPARE(first.value("status").toString(), QStringLiteral("applied"));
    } else if (restarts) {
        QCOMPARE(first.value("status").toString(), QStringLiteral("applied"));
        const QJsonObject restarted = nthEvent(graft, "paused", 2);
        QCOMPARE(restarted.value("reason").toString(), QStringLiteral("restart"));
        QCOMPARE(topFrame(restarted).value("name").toString(), QStringLiteral("tick"));
        QCOMPARE(topFrame(restarted).value("line").toInt(), 5); // count++, the function's first line
        // Stopped before its first line runs again: count is what it was.
        QCOMPARE(command(graft, 3, { { "command", "eval" }, { "frame", 0 }, { "expression", "count" } })
                     .value("value")
                     .toString(),
            count);
    } else {
        QCOMPARE(first.value("status").toString(), QStringLiteral("blocked"));
        QVERIFY(first.value("retry").toBool());
        QVERIFY2(first.value("message").toString().contains(QLatin1String("paused")),
            qPrintable(QJsonDocument(first).toJson()));
    }

    // double has returned: its edit applies while the program stays paused.
    QByteArray doubled = HeadlessHarness::readFile(lib);
    doubled.replace("x * 2", "x * 3");
    graft.saveByRename(lib, doubled);
    const QJsonObject applied = graft.waitForPatch(2);
    QCOMPARE(applied.value("file").toString(), lib);
    QCOMPARE(applied.value("status").toString(), QStringLiteral("applied"));
    QCOMPARE(command(graft, 5, { { "command", "eval" }, { "frame", 0 }, { "expression", "lib.double(5)" } })
                 .value("value")
                 .toString(),
        QStringLiteral("15"));
    const int resumedBefore = countEvents(graft, "resumed");
    // Waiting while paused is no reason to give up on the blocked patch.
    QTest::qWait(500);
    QCOMPARE(graft.patchEvents().size(), 2);
    QCOMPARE(countEvents(graft, "resumed"), resumedBefore);

    QVERIFY(command(graft, 6, { { "command", "removeBreakpoint" }, { "breakpointId", set.value("breakpointId") } })
                .value("ok")
                .toBool());
    QVERIFY(command(graft, 7, { { "command", "resume" } }).value("ok").toBool());
    if (restarts) {
        // The restarted tick runs its new code from the top: count goes up once more.
        const int n = count.toInt() + 1;
        QVERIFY(!graft.waitForOutput(QStringLiteral("edited tick %1 %2").arg(n).arg(n * 3)).isEmpty());
        QVERIFY(!graft.allStdout().contains(QStringLiteral("\ntick %1 ").arg(count)));
        return;
    }
    // The paused tick ends on its old code.
    QVERIFY(!graft.waitForOutput(QStringLiteral("tick %1 ").arg(count)).isEmpty());
    if (TestRuntime::current().isSwap()) {
        // The next tick already runs the new code: nothing waited.
        QVERIFY(!graft.waitForOutput(QStringLiteral("edited tick ")).isEmpty());
        QCOMPARE(graft.patchEvents().size(), 2);
        return;
    }
    // Then the blocked patch goes in by itself.
    const QJsonObject later = graft.waitForPatch(3);
    QCOMPARE(later.value("file").toString(), entry);
    QCOMPARE(later.value("status").toString(), QStringLiteral("applied"));
    QVERIFY(later.value("attempts").toInt() >= 1);
    const QJsonObject edited = graft.waitForOutput(QStringLiteral("edited tick "));
    QVERIFY(!edited.isEmpty());
    const int n = edited.value("text").toString().section(QLatin1Char(' '), 2, 2).toInt();
    QCOMPARE(edited.value("text").toString().trimmed(), QStringLiteral("edited tick %1 %2").arg(n).arg(n * 3));
}

void TestDebugPauses::pausesOnAnUncaughtExceptionOnly()
{
    GRAFT_SKIP_UNLESS(KeepsRunning);
    HeadlessHarness graft;
    const QString entry = graft.addProgram(QStringLiteral("debug-throws.js"));
    QVERIFY(graft.start(entry));
    QVERIFY(!graft.waitForOutput(QStringLiteral("alive ")).isEmpty());
    QVERIFY(command(graft, 1, { { "command", "setPauseOnExceptions" }, { "state", "uncaught" } }).value("ok").toBool());
    // The error check() catches every tick never stops the program.
    graft.nextOutputLines(3);
    QCOMPARE(countEvents(graft, "paused"), 0);

    QVERIFY(
        command(graft, 2, { { "command", "eval" }, { "expression", "globalThis.boom = true" } }).value("ok").toBool());
    const QJsonObject paused = nthEvent(graft, "paused", 1);
    QCOMPARE(paused.value("reason").toString(), QStringLiteral("exception"));
    QVERIFY2(paused.value("exception").toString().contains(QLatin1String("boom at")),
        qPrintable(paused.value("exception").toString()));
    QCOMPARE(topFrame(paused).value("name").toString(), QStringLiteral("check"));
    QCOMPARE(topFrame(paused).value("line").toInt(), 11);
    const QString n
        = command(graft, 3, { { "command", "eval" }, { "frame", 0 }, { "expression", "n" } }).value("value").toString();
    QVERIFY(n.toInt() > 0);
    // Resumed, the exception is reported as ever and the program goes on.
    QVERIFY(command(graft, 4, { { "command", "resume" } }).value("ok").toBool());
    const QJsonObject exception = graft.waitForEvent(QStringLiteral("exception"));
    QVERIFY(exception.value("message").toString().contains(QStringLiteral("boom at %1").arg(n)));
    QVERIFY(!graft.waitForOutput(QStringLiteral("alive %1").arg(n.toInt() + 2)).isEmpty());

    // Switched off, the next one does not stop.
    QVERIFY(command(graft, 5, { { "command", "setPauseOnExceptions" }, { "state", "none" } }).value("ok").toBool());
    QVERIFY(
        command(graft, 6, { { "command", "eval" }, { "expression", "globalThis.boom = true" } }).value("ok").toBool());
    QVERIFY(!nthEvent(graft, "exception", 2).isEmpty());
    QCOMPARE(countEvents(graft, "paused"), 1);
}

void TestDebugPauses::debuggerStatementPausesOnlyWhenAsked()
{
    HeadlessHarness graft;
    const QString entry = graft.writeFile(QStringLiteral("stops.js"),
        "let n = 0;\nsetInterval(() => {\n  n++;\n  if (globalThis.stop) debugger;\n  console.log('n ' + n);\n}, "
        "30);\n");
    QVERIFY(graft.start(entry));
    QVERIFY(
        command(graft, 1, { { "command", "eval" }, { "expression", "globalThis.stop = true" } }).value("ok").toBool());
    // Headless by default: nobody is there to continue, so it runs on.
    QVERIFY(!graft.waitForOutput(QStringLiteral("n 5")).isEmpty());
    QCOMPARE(countEvents(graft, "paused"), 0);
    QVERIFY(
        command(graft, 2, { { "command", "setPauseOnDebuggerStatements" }, { "pause", true } }).value("ok").toBool());
    const QJsonObject paused = nthEvent(graft, "paused", 1);
    QCOMPARE(paused.value("reason").toString(), QStringLiteral("debugger"));
    QCOMPARE(topFrame(paused).value("line").toInt(), 4);
    const int n = command(graft, 3, { { "command", "eval" }, { "frame", 0 }, { "expression", "n" } })
                      .value("value")
                      .toString()
                      .toInt();
    QVERIFY(n > 0);
    QVERIFY(
        command(graft, 4, { { "command", "setPauseOnDebuggerStatements" }, { "pause", false } }).value("ok").toBool());
    QVERIFY(command(graft, 5, { { "command", "resume" } }).value("ok").toBool());
    QVERIFY(!graft.waitForOutput(QStringLiteral("n %1").arg(n + 3)).isEmpty());
    QCOMPARE(countEvents(graft, "paused"), 1);
}

void TestDebugPauses::pauseThenQuit()
{
    HeadlessHarness graft;
    const QString entry = startMain(graft);
    QVERIFY(!entry.isEmpty());
    QVERIFY(command(graft, 1, { { "command", "pause" } }).value("ok").toBool());
    const QJsonObject paused = nthEvent(graft, "paused", 1);
    QCOMPARE(paused.value("reason").toString(), QStringLiteral("pause"));
    QVERIFY(!paused.value("frames").toArray().isEmpty());
    QCOMPARE(command(graft, 2, { { "command", "pause" } }).value("ok").toBool(), false);
    // Graft's own commands still answer while the program is paused.
    QVERIFY(command(graft, 3, { { "command", "scripts" } }).value("ok").toBool());
    QCOMPARE(command(graft, 4, { { "command", "eval" }, { "expression", "6 * 7" } }).value("value").toString(),
        QStringLiteral("42"));
    QTest::qWait(300);
    QVERIFY(command(graft, 5, { { "command", "quit" } }).value("ok").toBool());
    QCOMPARE(graft.waitForExit(5000), 0);
    // An attached program goes on running: Graft only detaches from it.
    QCOMPARE(graft.waitForEvent(QStringLiteral("exit")).value("reason").toString(),
        TestRuntime::current().isAttach() ? QStringLiteral("detached") : QStringLiteral("terminated"));
}

void TestDebugPauses::pauseNeverStopsInGraftsOwnCode()
{
    HeadlessHarness graft;
    const QString entry = graft.writeFile(QStringLiteral("slow.js"),
        "let n = 0;\nfunction work() { n++; console.log('work ' + n); }\nsetInterval(work, 1500);\n");
    QVERIFY(graft.start(entry));
    QVERIFY(!graft.waitForOutput(QStringLiteral("work 1")).isEmpty());
    // Pause waits for the next JavaScript to run, and Graft's own (reading scopes) runs first.
    graft.send({ { "id", 1 }, { "command", "pause" } });
    graft.send({ { "id", 2 }, { "command", "scopes" }, { "file", entry }, { "function", "work" } });
    QVERIFY(graft.waitForResult(2).value("ok").toBool());
    const QJsonObject paused = nthEvent(graft, "paused", 1, 5000);
    QCOMPARE(paused.value("reason").toString(), QStringLiteral("pause"));
    for (const QJsonValue &frame : paused.value("frames").toArray())
        QVERIFY2(!frame.toObject().value("file").toString().startsWith(QLatin1String("graft")),
            qPrintable(frame.toObject().value("file").toString()));
    QVERIFY(command(graft, 3, { { "command", "resume" } }).value("ok").toBool());
    QVERIFY(!graft.waitForOutput(QStringLiteral("work 3")).isEmpty());
}

void TestDebugPauses::stopWhilePausedSaysNothingRuns()
{
    HeadlessHarness graft;
    const QString entry = startMain(graft);
    QVERIFY(!entry.isEmpty());
    const QJsonObject set
        = command(graft, 1, { { "command", "setBreakpoint" }, { "file", entry }, { "line", kLineLog } });
    QVERIFY(!nthEvent(graft, "paused", 1).isEmpty());
    const QString count = command(graft, 2, { { "command", "eval" }, { "frame", 0 }, { "expression", "count" } })
                              .value("value")
                              .toString();
    const QJsonObject stop = command(graft, 3, { { "command", "stop" } });
    QVERIFY(!stop.value("terminated").toBool());
    QVERIFY2(stop.value("message").toString().contains(QLatin1String("paused")),
        qPrintable(stop.value("message").toString()));
    // The paused callback and the timer are unharmed.
    QVERIFY(command(graft, 4, { { "command", "removeBreakpoint" }, { "breakpointId", set.value("breakpointId") } })
                .value("ok")
                .toBool());
    QVERIFY(command(graft, 5, { { "command", "resume" } }).value("ok").toBool());
    QVERIFY(!graft.waitForOutput(QStringLiteral("tick %1 ").arg(count)).isEmpty());
    QVERIFY(!graft.waitForOutput(QStringLiteral("tick %1 ").arg(count.toInt() + 2)).isEmpty());
}

void TestDebugPauses::reinitializePausesAreNeverTheUsers()
{
    HeadlessHarness graft;
    const QString entry = graft.addProgram(QStringLiteral("writeup.js"));
    QVERIFY(graft.start(entry));
    QVERIFY(!graft.waitForOutput(QStringLiteral("2 original")).isEmpty());
    // A user breakpoint inside m, the function re-initialize breaks in too.
    const QJsonObject set = command(graft, 1,
        { { "command", "setBreakpoint" }, { "file", entry }, { "line", 6 },
            { "condition", "globalThis.userStop === true" } });
    QVERIFY(set.value("ok").toBool());
    QByteArray source = HeadlessHarness::readFile(entry);
    source.replace("let s = 'original';", "let s = 'updated';");
    graft.saveByRename(entry, source);
    QVERIFY(!graft.waitForPatch(1).isEmpty());

    const QJsonObject reinit = command(graft, 2, { { "command", "reinit" }, { "file", entry }, { "binding", "s" } });
    QVERIFY2(reinit.value("ok").toBool(), qPrintable(reinit.value("error").toString()));
    QVERIFY(!graft.waitForOutput(QStringLiteral(" updated")).isEmpty());
    QCOMPARE(countEvents(graft, "paused"), 0);
    QCOMPARE(countEvents(graft, "resumed"), 0);

    // The user's breakpoint still stops where they put it.
    QVERIFY(command(graft, 3, { { "command", "eval" }, { "expression", "globalThis.userStop = true" } })
                .value("ok")
                .toBool());
    const QJsonObject paused = nthEvent(graft, "paused", 1);
    QCOMPARE(paused.value("hitBreakpoints").toArray().first(), set.value("breakpointId"));
    QCOMPARE(topFrame(paused).value("name").toString(), QStringLiteral("m"));
    QCOMPARE(
        command(graft, 4, { { "command", "eval" }, { "frame", 0 }, { "expression", "s" } }).value("value").toString(),
        QStringLiteral("\"updated\""));
    // Re-initialize cannot work in a paused program, and says so.
    const QJsonObject refused = command(graft, 5, { { "command", "reinit" }, { "file", entry }, { "binding", "s" } });
    QVERIFY(!refused.value("ok").toBool());
    QVERIFY(refused.value("error").toString().contains(QLatin1String("paused")));
    QVERIFY(command(graft, 6, { { "command", "quit" } }).value("ok").toBool());
    QCOMPARE(graft.waitForExit(5000), 0);
}

void TestDebugPauses::debuggerCommandsAnswerErrorsNotCrashes()
{
    HeadlessHarness graft;
    const QString entry = startMain(graft);
    QVERIFY(!entry.isEmpty());
    const QList<QJsonObject> bad {
        { { "command", "resume" } },
        { { "command", "stepOver" } },
        { { "command", "setBreakpoint" }, { "file", entry } },
        { { "command", "setBreakpoint" }, { "file", entry }, { "line", 0 } },
        { { "command", "removeBreakpoint" }, { "breakpointId", "nope" } },
        { { "command", "setPauseOnExceptions" }, { "state", "sometimes" } },
        { { "command", "eval" }, { "expression", "1" }, { "frame", 0 } },
        { { "command", "scopes" }, { "frame", "top" } },
    };
    int id = 1;
    for (const QJsonObject &c : bad) {
        const QJsonObject result = command(graft, id++, c);
        QVERIFY2(!result.isEmpty() && !result.value("ok").toBool(), qPrintable(c.value("command").toString()));
        QVERIFY(!result.value("error").toString().isEmpty());
    }
    QVERIFY(!graft.nextOutputLines(2).isEmpty());
}

QTEST_GUILESS_MAIN(TestDebugPauses)
#include "tst_debugpauses.moc"
