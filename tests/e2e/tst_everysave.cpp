// SPDX-License-Identifier: MIT
// Every save is answered and nothing of Graft's accumulates (issue 12): saves
// after a revert or a blocked patch, blocked patches that apply by themselves,
// files that are loaded but are not scripts, 300 patches, programs patched side
// by side, and live values read from a function of the patched file. Through
// graft --headless and the real runtime.

#include "headlessharness.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <memory>
#include <vector>

namespace {

int leadingNumber(const QString &line) { return line.section(QLatin1Char(' '), 0, 0).toInt(); }

// A program whose every save changes a literal and a function's body.
QString flatProgram(int version)
{
    return QStringLiteral("'use strict';\nlet s = 'v%1';\nlet counter = 0;\nfunction m() { return s + %1; }\n"
                          "setInterval(() => { counter++; m(); }, 50);\nconsole.log('up');\n")
        .arg(version);
}

} // namespace

class TestEverySave : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void savingAgainAfterRevertApplies();
    void savingAgainAfterABlockedPatchApplies();
    void saveHalfDoneAsTheFileLoadsIsNotApplied();
    void blockedPatchIsAppliedByItselfLater();
    void blockedRetryGivesUpWithAReason();
    void requiredJsonFileSaveSaysWhyNot();
    void threeHundredPatchesLeaveNothingBehind();
    void savesOfProgramsSideBySideAreAllAnswered();
    void bindingIsReadFromAFunctionOfItsOwnFile();
};

void TestEverySave::savingAgainAfterRevertApplies()
{
    HeadlessHarness graft;
    const QString entry = graft.addProgram(QStringLiteral("writeup.js"));
    QVERIFY(graft.start(entry));
    QVERIFY(!graft.waitForOutput(QStringLiteral("2 original")).isEmpty());

    QByteArray starred = HeadlessHarness::readFile(entry);
    starred.replace("function m() { return s; }", "function m() { return s + '*'; }");
    graft.writeFile(QStringLiteral("writeup.js"), starred);
    QCOMPARE(graft.waitForPatch(1).value("status").toString(), QStringLiteral("applied"));
    QVERIFY(!graft.waitForOutput(QStringLiteral("original*")).isEmpty());

    graft.send({ { "id", 1 }, { "command", "revert" }, { "file", entry } });
    QCOMPARE(graft.waitForResult(1).value("status").toString(), QStringLiteral("applied"));
    const QStringList reverted = graft.nextOutputLines(2);
    QCOMPARE(reverted.size(), 2);
    QVERIFY2(reverted.last().endsWith(QLatin1String(" original")), qPrintable(reverted.last()));

    // The file on disk still says '*', but the program runs the reverted code:
    // the same text saved again differs from what runs, so it is a patch.
    graft.writeFile(QStringLiteral("writeup.js"), starred);
    const QJsonObject again = graft.waitForPatch(3);
    QCOMPARE(again.value("status").toString(), QStringLiteral("applied"));
    QVERIFY(!graft.waitForOutput(QStringLiteral("original*"), 5000).isEmpty());
    // And a save that really changes nothing still gives no second event.
    graft.writeFile(QStringLiteral("writeup.js"), starred);
    QCOMPARE(graft.nextOutputLines(4).size(), 4);
    QCOMPARE(graft.patchEvents().size(), 3);
}

// An editor's save (the file emptied, then written) caught half done as the
// program loads the file: Graft compares the disk with what V8 compiled then,
// and the empty text, applied, would have removed every function of the file
// (and left the finished save's functions added and not effective).
void TestEverySave::saveHalfDoneAsTheFileLoadsIsNotApplied()
{
    HeadlessHarness graft;
    graft.writeFile(QStringLiteral("later.js"), "function tag() { return 'v1'; }\nmodule.exports = { tag };\n");
    graft.writeFile(QStringLiteral("later.next"), "function tag() { return 'v2'; }\nmodule.exports = { tag };\n");
    const QString entry = graft.writeFile(QStringLiteral("halfdone.js"),
        "const fs = require('fs');\n"
        "const later = require('path').join(__dirname, 'later.js');\n"
        "const lib = require('./later.js');\n"
        "fs.writeFileSync(later, '');\n"
        "setTimeout(() => fs.writeFileSync(later, fs.readFileSync(later.replace(/js$/, 'next'))), 15);\n"
        "setInterval(() => console.log('@ ' + lib.tag()), 30);\n");
    QVERIFY(graft.start(entry));
    QVERIFY2(!graft.waitForOutput(QStringLiteral("@ v2")).isEmpty(), qPrintable(graft.allStdout().right(600)));
    for (const QJsonObject &patch : graft.patchEvents()) {
        for (const QJsonValue &function : patch.value("functions").toArray())
            QVERIFY2(function.toObject().value("change").toString() != QLatin1String("removed"),
                qPrintable(QJsonDocument(patch).toJson(QJsonDocument::Compact)));
    }
}

void TestEverySave::savingAgainAfterABlockedPatchApplies()
{
    GRAFT_SKIP_UNLESS(LiveEditRule); // the swap engine never blocks (tst_swap: a running function)
    HeadlessHarness graft;
    const QString entry = graft.addProgram(QStringLiteral("returns-later.js"));
    QVERIFY(graft.start(entry, { QStringLiteral("--blocked-retry"), QStringLiteral("0") }));
    QVERIFY(!graft.waitForOutput(QStringLiteral("busy")).isEmpty());

    QByteArray source = HeadlessHarness::readFile(entry);
    source.replace("return 'v1';", "return 'v2';");
    graft.writeFile(QStringLiteral("returns-later.js"), source);
    const QJsonObject blocked = graft.waitForPatch(1);
    QCOMPARE(blocked.value("status").toString(), QStringLiteral("blocked"));
    QVERIFY(!blocked.value("retry").toBool()); // retrying is off here
    QVERIFY(!graft.waitForOutput(QStringLiteral("done")).isEmpty());
    QVERIFY(!graft.waitForOutput(QStringLiteral("value v1")).isEmpty());

    // work() has returned: the same save again goes through.
    graft.writeFile(QStringLiteral("returns-later.js"), source);
    QCOMPARE(graft.waitForPatch(2).value("status").toString(), QStringLiteral("applied"));
    QVERIFY(!graft.waitForOutput(QStringLiteral("value v2")).isEmpty());
}

void TestEverySave::blockedPatchIsAppliedByItselfLater()
{
    GRAFT_SKIP_UNLESS(LiveEditRule); // the swap engine never blocks (tst_swap: a running function)
    HeadlessHarness graft;
    const QString entry = graft.addProgram(QStringLiteral("returns-later.js"));
    QVERIFY(graft.start(entry));
    QVERIFY(!graft.waitForOutput(QStringLiteral("busy")).isEmpty());

    QByteArray source = HeadlessHarness::readFile(entry);
    source.replace("return 'v1';", "return 'v2';");
    graft.writeFile(QStringLiteral("returns-later.js"), source);
    const QJsonObject blocked = graft.waitForPatch(1);
    QCOMPARE(blocked.value("status").toString(), QStringLiteral("blocked"));
    QCOMPARE(blocked.value("retry").toBool(), true);
    QVERIFY2(blocked.value("message").toString().contains(QLatin1String("waits for work to return")),
        qPrintable(blocked.value("message").toString()));

    // No save, no command: once work() returns, the patch goes through by itself.
    const QJsonObject applied = graft.waitForPatch(2);
    QCOMPARE(applied.value("status").toString(), QStringLiteral("applied"));
    QVERIFY(applied.value("attempts").toInt() >= 1);
    QVERIFY(applied.value("message").toString().contains(QLatin1String("by itself")));
    QVERIFY(graft.allStdout().contains(QLatin1String("done")));
    QVERIFY(!graft.waitForOutput(QStringLiteral("value v2")).isEmpty());
    QCOMPARE(graft.patchEvents().size(), 2);
}

void TestEverySave::blockedRetryGivesUpWithAReason()
{
    GRAFT_SKIP_UNLESS(LiveEditRule); // the swap engine never blocks (tst_swap: a running function)
    HeadlessHarness graft;
    const QString entry = graft.addProgram(QStringLiteral("generator.js"));
    QVERIFY(graft.start(entry, { QStringLiteral("--blocked-retry"), QStringLiteral("1") }));
    QVERIFY(!graft.waitForOutput(QStringLiteral("next 2")).isEmpty());

    // The generator stays suspended for ever: the patch can never go through.
    QByteArray source = HeadlessHarness::readFile(entry);
    source.replace("yield n++;", "yield n += 10;");
    graft.writeFile(QStringLiteral("generator.js"), source);
    const QJsonObject blocked = graft.waitForPatch(1);
    QCOMPARE(blocked.value("status").toString(), QStringLiteral("blocked"));
    QCOMPARE(blocked.value("retry").toBool(), true);
    const QJsonObject gaveUp = graft.waitForPatch(2, 5000);
    QCOMPARE(gaveUp.value("status").toString(), QStringLiteral("blocked"));
    QVERIFY(!gaveUp.value("retry").toBool());
    QVERIFY2(gaveUp.value("message").toString().contains(QLatin1String("gave up")),
        qPrintable(gaveUp.value("message").toString()));
    QVERIFY(gaveUp.value("attempts").toInt() >= 2);
    // Nothing more comes, and the generator still counts by one.
    const QStringList after = graft.nextOutputLines(3);
    QCOMPARE(after.size(), 3);
    QCOMPARE(leadingNumber(after.last().section(QLatin1Char(' '), 1))
            - leadingNumber(after.first().section(QLatin1Char(' '), 1)),
        2);
    QCOMPARE(graft.patchEvents().size(), 2);
}

void TestEverySave::requiredJsonFileSaveSaysWhyNot()
{
    GRAFT_SKIP_UNLESS(DataFiles);
    HeadlessHarness graft;
    const QString config = graft.addProgram(QStringLiteral("config.json"));
    const QString entry = graft.addProgram(QStringLiteral("reads-config.js"));
    QVERIFY(graft.start(entry));
    QVERIFY(!graft.waitForOutput(QStringLiteral("colour red")).isEmpty());

    // A watched save of the JSON file is answered, not ignored.
    graft.writeFile(QStringLiteral("config.json"), "{ \"colour\": \"blue\" }\n");
    const QJsonObject saved = graft.waitForPatch(1);
    QCOMPARE(QFileInfo(saved.value("file").toString()).fileName(), QStringLiteral("config.json"));
    QCOMPARE(saved.value("status").toString(), QStringLiteral("error"));
    const QString message = saved.value("message").toString();
    QVERIFY2(message.contains(QLatin1String("read once by require()")) && message.contains(QLatin1String("restart")),
        qPrintable(message));
    QVERIFY(!message.contains(QLatin1String("not loaded")));

    // apply says the same, and never that the file is not loaded.
    graft.send({ { "id", 1 }, { "command", "apply" }, { "file", config } });
    const QJsonObject applied = graft.waitForResult(1);
    QCOMPARE(applied.value("status").toString(), QStringLiteral("error"));
    QVERIFY2(applied.value("error").toString().contains(QLatin1String("restart the program")),
        qPrintable(applied.value("error").toString()));
    // A JSON file nobody required is still not loaded.
    const QString other = graft.writeFile(QStringLiteral("other.json"), "{}\n");
    graft.send({ { "id", 2 }, { "command", "apply" }, { "file", other } });
    QCOMPARE(graft.waitForResult(2).value("status").toString(), QStringLiteral("not-loaded"));
    // The program holds what it read: still red.
    const QStringList after = graft.nextOutputLines(2);
    QCOMPARE(after.size(), 2);
    QCOMPARE(after.last(), QStringLiteral("colour red"));
    // JSON is data, not a script: the scripts list has no entry for it.
    graft.send({ { "id", 3 }, { "command", "scripts" } });
    for (const QJsonValue &script : graft.waitForResult(3).value("scripts").toArray())
        QVERIFY(!script.toObject().value("url").toString().endsWith(QLatin1String(".json")));
}

void TestEverySave::threeHundredPatchesLeaveNothingBehind()
{
    // Each patch once left two anonymous scripts of Graft's in the program (with
    // a debugger attached V8 caches no compilation, so every callFunctionOn made
    // a new one). Now the program's script list and memory stay flat.
    HeadlessHarness graft;
    const auto source = flatProgram;
    const QString entry = graft.writeFile(QStringLiteral("flat.js"), source(0).toUtf8());
    QVERIFY(graft.start(entry));
    QVERIFY(!graft.waitForOutput(QStringLiteral("up")).isEmpty());
    int id = 0;
    auto applyOne = [&](int i) {
        graft.send({ { "id", ++id }, { "command", "apply" }, { "file", entry }, { "source", source(i) } });
        return graft.waitForResult(id, 20000).value("status").toString();
    };
    auto rssMb = [&] {
        graft.send({ { "id", ++id }, { "command", "eval" }, { "expression", "process.memoryUsage().rss / 1048576" } });
        return graft.waitForResult(id).value("value").toString().toDouble();
    };
    auto scriptCount = [&] {
        graft.send({ { "id", ++id }, { "command", "scripts" } });
        return graft.waitForResult(id).value("scripts").toArray().size();
    };
    // Warm up: the first patches compile Graft's helpers once and let V8's heap
    // and code space grow to their working size.
    for (int i = 1; i <= 20; ++i)
        QCOMPARE(applyOne(i), QStringLiteral("applied"));
    const double rssBefore = rssMb(); // (an eval is one script: taken before counting)
    const qsizetype scriptsBefore = scriptCount();
    for (int i = 21; i <= 320; ++i)
        QCOMPARE(applyOne(i), QStringLiteral("applied"));
    const qsizetype scriptsAfter = scriptCount();
    const double rssAfter = rssMb();
    qInfo("300 patches: scripts %lld -> %lld, runtime RSS %.1f -> %.1f MB", static_cast<long long>(scriptsBefore),
        static_cast<long long>(scriptsAfter), rssBefore, rssAfter);
    QCOMPARE(scriptsAfter, scriptsBefore);
    // Measured: RSS wanders within ~8 MB of its working size (62-69 MB on the
    // build machine) as V8's heap grows and shrinks; the old leak was two
    // scripts and their inspector records per patch. 25 MB leaves room for
    // the GC's timing without letting a per-patch leak of 80 KB through.
    QVERIFY2(rssAfter - rssBefore < 25, qPrintable(QStringLiteral("%1 -> %2 MB").arg(rssBefore).arg(rssAfter)));
}

void TestEverySave::savesOfProgramsSideBySideAreAllAnswered()
{
    // On Node 26 an answer of the program's inspector to Graft's agent was now
    // and then never delivered (app/agent/thread-session.js): from then on none
    // of that program's saves was answered. Four programs patched side by side,
    // 200 saves each, met it in 3 runs of 4 before the fix (150 saves).
    constexpr int kPrograms = 4;
    constexpr int kSaves = 200;
    std::vector<std::unique_ptr<HeadlessHarness>> graft;
    QStringList entries;
    for (int p = 0; p < kPrograms; ++p) {
        graft.push_back(std::make_unique<HeadlessHarness>());
        entries << graft.back()->writeFile(QStringLiteral("flat.js"), flatProgram(0).toUtf8());
        QVERIFY(graft.back()->start(entries.last()));
    }
    for (int p = 0; p < kPrograms; ++p)
        QVERIFY(!graft[p]->waitForOutput(QStringLiteral("up")).isEmpty());
    for (int i = 1; i <= kSaves; ++i) {
        for (int p = 0; p < kPrograms; ++p)
            graft[p]->send(
                { { "id", i }, { "command", "apply" }, { "file", entries[p] }, { "source", flatProgram(i) } });
        for (int p = 0; p < kPrograms; ++p) {
            const QString status = graft[p]->waitForResult(i, 15000).value("status").toString();
            QVERIFY2(status == QLatin1String("applied"),
                qPrintable(QStringLiteral("program %1, save %2: '%3'").arg(p).arg(i).arg(status)));
        }
    }
}

void TestEverySave::bindingIsReadFromAFunctionOfItsOwnFile()
{
    HeadlessHarness graft;
    const QString entry = graft.addProgram(QStringLiteral("internal-twin.js"));
    QVERIFY(graft.start(entry));
    QVERIFY(!graft.waitForOutput(QStringLiteral("shows original")).isEmpty());
    QByteArray source = HeadlessHarness::readFile(entry);
    source.replace("let s = 'original';", "let s = 'updated';");
    graft.writeFile(QStringLiteral("internal-twin.js"), source);
    QVERIFY(!graft.waitForEvent(QStringLiteral("patch")).isEmpty());
    // Re-initializing s goes through a live function of internal-twin.js: its
    // scope holds s, where a Node-internal `() => {}` holds nothing of the file.
    graft.send({ { "id", 1 }, { "command", "reinit" }, { "file", entry }, { "binding", "s" } });
    const QJsonObject reinit = graft.waitForResult(1);
    QVERIFY2(reinit.value("ok").toBool(), qPrintable(reinit.value("error").toString()));
    QVERIFY(!graft.waitForOutput(QStringLiteral("shows updated")).isEmpty());
}

QTEST_GUILESS_MAIN(TestEverySave)
#include "tst_everysave.moc"
