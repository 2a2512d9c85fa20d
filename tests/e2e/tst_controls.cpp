// SPDX-License-Identifier: MIT
// Program controls, headless: `interrupt` ends the callback running now and says
// what was lost; the program stays open; `stop` is its older name, and ends a
// runaway loop only; `restart` starts the program afresh in the same session;
// `quit` ends it.
#include "headlessharness.h"

#include <QTest>

#include <algorithm>

class TestControls : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void interruptKeepsTheProgramAndSaysWhatWasLost();
    void interruptWithNothingRunningSaysSoUnderBothNames();
    void stopEndsARunawayTimerOnly();
    void restartStartsTheProgramAfresh();
};

void TestControls::init()
{
    if (const QString why = TestRuntime::current().unavailableReason(); !why.isEmpty())
        QFAIL(qPrintable(why));
}

void TestControls::interruptKeepsTheProgramAndSaysWhatWasLost()
{
    GRAFT_SKIP_UNLESS(Stop);
    HeadlessHarness graft;
    const QString entry = graft.addProgram(QStringLiteral("only-interval.js"));
    QVERIFY(graft.start(entry));
    QVERIFY(!graft.waitForOutput(QStringLiteral("tick 3")).isEmpty());

    graft.send({ { "id", 1 }, { "command", "interrupt" } });
    const QJsonObject answer = graft.waitForResult(1);
    QCOMPARE(answer.value("terminated").toBool(), true);
    const QJsonObject lost = answer.value("interrupted").toObject();
    QCOMPARE(lost.value("function").toString(), QStringLiteral("tick"));
    QCOMPARE(lost.value("file").toString(), entry);
    QCOMPARE(lost.value("kind").toString(), QStringLiteral("timer"));
    QVERIFY2(lost.value("summary").toString().contains(QLatin1String("setInterval it will not fire again")),
        qPrintable(lost.value("summary").toString()));

    // The loop has nothing left to wait for, yet the program stays: no exit, and
    // it still answers.
    const QJsonObject early = graft.waitFor([](const QJsonObject &e) { return e.value("event") == "exit"; }, 1000);
    QVERIFY2(early.isEmpty(), "the program ended after an interrupt");
    QCOMPARE(graft.nextOutputLines(1, 500).size(), 0); // that interval is gone, as said
    graft.send({ { "id", 2 }, { "command", "eval" }, { "expression", "6 * 7" } });
    QCOMPARE(graft.waitForResult(2).value("value").toString(), QStringLiteral("42"));

    graft.send({ { "id", 3 }, { "command", "quit" } });
    QCOMPARE(graft.waitForExit(), 0);
}

void TestControls::interruptWithNothingRunningSaysSoUnderBothNames()
{
    GRAFT_SKIP_UNLESS(Stop);
    HeadlessHarness graft;
    QVERIFY(graft.start(graft.addProgram(QStringLiteral("console.js"))));
    QVERIFY(!graft.waitForOutput(QStringLiteral("tick 1")).isEmpty());
    // The tick that printed it may not have returned yet (a loaded machine can
    // pause the program between its output and its return); the next is 100 ms away.
    QTest::qWait(20);
    int id = 10;
    for (const char *name : { "interrupt", "stop" }) {
        graft.send({ { "id", ++id }, { "command", name } });
        const QJsonObject answer = graft.waitForResult(id);
        QCOMPARE(answer.value("ok").toBool(), true);
        QCOMPARE(answer.value("terminated").toBool(), false);
        QVERIFY(!answer.contains("interrupted"));
    }
    // Nothing was harmed: the interval goes on.
    QCOMPARE(graft.nextOutputLines(2).size(), 2);
}

void TestControls::stopEndsARunawayTimerOnly()
{
    GRAFT_SKIP_UNLESS(Stop);
    HeadlessHarness graft;
    const QString entry = graft.addProgram(QStringLiteral("runaway.js"));
    QVERIFY(graft.start(entry));
    QVERIFY(!graft.waitForOutput(QStringLiteral("spinning")).isEmpty());
    // While it spins, no other timer runs.
    QCOMPARE(graft.nextOutputLines(1, 300).size(), 0);

    graft.send({ { "id", 1 }, { "command", "stop" } });
    const QJsonObject stopped = graft.waitForResult(1);
    QCOMPARE(stopped.value("ok").toBool(), true);
    QCOMPARE(stopped.value("terminated").toBool(), true);
    // The interval goes on, and the runtime still evaluates.
    QCOMPARE(graft.nextOutputLines(3).size(), 3);
    graft.send({ { "id", 2 }, { "command", "eval" }, { "expression", "alive() > 3" } });
    const QJsonObject evaluated = graft.waitForResult(2);
    QCOMPARE(evaluated.value("ok").toBool(), true);
    QCOMPARE(evaluated.value("value").toString(), QStringLiteral("true"));

    // A stop with nothing running says so and harms no later callback.
    graft.send({ { "id", 3 }, { "command", "stop" } });
    const QJsonObject idle = graft.waitForResult(3);
    QCOMPARE(idle.value("terminated").toBool(), false);
    QCOMPARE(graft.nextOutputLines(3).size(), 3);
}

void TestControls::restartStartsTheProgramAfresh()
{
    GRAFT_SKIP_UNLESS(Restart);
    HeadlessHarness graft;
    const QString entry = graft.addProgram(QStringLiteral("writeup.js"));
    QVERIFY(graft.start(entry));
    QVERIFY(!graft.waitForOutput(QStringLiteral("3 original")).isEmpty());
    graft.send({ { "id", 1 }, { "command", "restart" } });
    QVERIFY(graft.waitForResult(1).value("ok").toBool());
    const QJsonObject exit = graft.waitForEvent(QStringLiteral("exit"));
    QCOMPARE(exit.value("reason").toString(), QStringLiteral("terminated"));
    // A second ready, then the counter from 1 again: a new program, same session.
    const auto count = [&graft](const QString &event, const QString &text) {
        const QList<QJsonObject> events = graft.events();
        return std::count_if(events.begin(), events.end(), [&](const QJsonObject &e) {
            return e.value("event").toString() == event && (text.isEmpty() || e.value("text").toString() == text);
        });
    };
    QTRY_COMPARE_WITH_TIMEOUT(count(QStringLiteral("ready"), {}), 2, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(count(QStringLiteral("output"), QStringLiteral("1 original\n")), 2, 10000);
    graft.send({ { "id", 2 }, { "command", "quit" } });
    QCOMPARE(graft.waitForExit(), 0);
}

QTEST_GUILESS_MAIN(TestControls)
#include "tst_controls.moc"
