// SPDX-License-Identifier: MIT
// Program controls, headless: `interrupt` ends the callback running now and says
// what was lost; the program stays open; `stop` is its older name; `quit` ends it.
#include "headlessharness.h"

#include <QTest>

class TestControls : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void interruptKeepsTheProgramAndSaysWhatWasLost();
    void interruptWithNothingRunningSaysSoUnderBothNames();
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

QTEST_GUILESS_MAIN(TestControls)
#include "tst_controls.moc"
