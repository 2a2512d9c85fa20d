// SPDX-License-Identifier: MIT
// The edits that used to kill the program (issue 12): V8 10.2 aborts when
// LiveEdit patches a function without a SharedFunctionInfo (crbug 1328453), and
// crashes later when a running ES module gains an import. Graft sends the first
// in two steps and refuses the second; the program must live on either way.

#include "headlessharness.h"

#include <QTest>

namespace {

bool stillTicking(HeadlessHarness &graft) { return graft.nextOutputLines(2).size() == 2; }

// Writes `program` as `name`, runs it, and waits for its first `firstOutput`.
QString startProgram(HeadlessHarness &graft, const QString &name, const QByteArray &program, const QString &firstOutput)
{
    const QString entry = graft.writeFile(name, program);
    if (!graft.start(entry) || graft.waitForOutput(firstOutput).isEmpty())
        return {};
    return entry;
}

} // namespace

class TestCrashEdits : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void editOfAFunctionThatNeverRanIsApplied();
    void helperAddedThenEditedIsApplied();
    void esModuleImportChangeIsRefusedBeforeV8SeesIt();
};

void TestCrashEdits::editOfAFunctionThatNeverRanIsApplied()
{
    // crbug 1328453: V8 10.2 aborts in LiveEdit::PatchScript when it patches a
    // function that has no SharedFunctionInfo (nothing references it). Graft
    // sends such an edit in two steps; the program must live on.
    HeadlessHarness graft;
    const QByteArray program
        = "function neverCalled(x) { return x + 1; }\nsetInterval(() => console.log('tick'), 30);\n";
    const QString entry = startProgram(graft, QStringLiteral("never.js"), program, QStringLiteral("tick"));
    QVERIFY(!entry.isEmpty());
    QByteArray edited = program;
    edited.replace("x + 1", "x + 2");
    // Nothing uses neverCalled, so the program never created it: the honest
    // answer is `partial` (not effective: restart), and the program lives on.
    const QJsonObject result = graft.applyAndWait(1, entry, edited);
    QCOMPARE(result.value("status").toString(), QStringLiteral("partial"));
    QVERIFY(stillTicking(graft));
    // The live source is the user's text, without Graft's intermediate reference.
    edited.replace("x + 2", "x + 3");
    QCOMPARE(graft.applyAndWait(2, entry, edited).value("status").toString(), QStringLiteral("partial"));
    QVERIFY(stillTicking(graft));
}

void TestCrashEdits::helperAddedThenEditedIsApplied()
{
    // The first crash: save 1 adds a helper, save 2 edits it (and tick).
    HeadlessHarness graft;
    const QByteArray program = "function tick(){ console.log('tick') }\nsetInterval(tick, 30)\n";
    const QString entry = startProgram(graft, QStringLiteral("helper.js"), program, QStringLiteral("tick"));
    QVERIFY(!entry.isEmpty());
    const QJsonObject first = graft.applyAndWait(1, entry, program + "function helper() { return 1 }\n");
    QCOMPARE(first.value("status").toString(), QStringLiteral("partial")); // helper is never created
    QByteArray second = program + "function helper() { return 2 }\n";
    second.replace("'tick'", "'tock'");
    // tick takes its new code; helper still does not exist in the program.
    QCOMPARE(graft.applyAndWait(2, entry, second).value("status").toString(), QStringLiteral("partial"));
    QVERIFY(!graft.waitForOutput(QStringLiteral("tock")).isEmpty());
}

void TestCrashEdits::esModuleImportChangeIsRefusedBeforeV8SeesIt()
{
    // The second crash: a new import in a running ES module. V8 would
    // accept it and crash at the next call; Graft refuses it with a reason.
    HeadlessHarness graft;
    const QByteArray program = "export function show(){ return 'v1' }\nsetInterval(() => console.log(show()), 30)\n";
    const QString entry = startProgram(graft, QStringLiteral("show.mjs"), program, QStringLiteral("v1"));
    QVERIFY(!entry.isEmpty());
    const QByteArray edited = "import os from 'node:os';\nexport function show(){ return 'v2 ' + os.platform() }\n"
                              "setInterval(() => console.log(show()), 30)\n";
    const QJsonObject result = graft.applyAndWait(1, entry, edited);
    QCOMPARE(result.value("status").toString(), QStringLiteral("error"));
    QVERIFY2(result.value("error").toString().contains(QStringLiteral("Restart")),
        qPrintable(result.value("error").toString()));
    QVERIFY(!graft.waitForOutput(QStringLiteral("v1")).isEmpty());
    QVERIFY(stillTicking(graft));
}

QTEST_GUILESS_MAIN(TestCrashEdits)
#include "tst_crashedits.moc"
