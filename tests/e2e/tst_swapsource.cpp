// SPDX-License-Identifier: MIT
// What a program under Graft's own patch engine (graft --engine swap,
// docs/SWAP.md) shows of its code, on every runtime: the user's source, not the
// instrumented one — in Function.prototype.toString, the console's view of a
// function, stack traces and error positions, the scripts list — and a save
// that does not compile leaves it running its code.

#include "swaptesting.h"

#include <QTest>

using namespace swaptesting;

class TestSwapSource : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void programShowsItsOwnSource();
    void functionShowsItsOwnTextWhenAnInnerOneIsSwapped();
    void globalsShowNoSlot();
    void compileErrorKeepsTheProgramRunning();
};

void TestSwapSource::init()
{
    if (const QString why = whySwapCannotRun(); !why.isEmpty())
        QSKIP(qPrintable(why));
}

void TestSwapSource::programShowsItsOwnSource()
{
    HeadlessHarness graft;
    const QByteArray program = "'use strict';\n"
                               "function fail(x) {\n"
                               "  return x.missing.value;\n"
                               "}\n"
                               "setInterval(() => { try { fail({}); } catch (e) { console.log('@ ' + "
                               "e.stack.split('\\n')[1].trim()); } }, 30);\n";
    const QString file = runSwapped(graft, QStringLiteral("own.js"), program, QStringLiteral("@ at fail"));
    QVERIFY2(!file.isEmpty(), qPrintable(graft.stderrText()));

    // Function.prototype.toString: the user's text, without the slot check.
    graft.send({ { "id", 1 }, { "command", "eval" }, { "file", file },
        { "expression", "fail.toString() === 'function fail(x) {\\n  return x.missing.value;\\n}'" } });
    const QJsonObject shown = graft.waitForResult(1);
    QVERIFY2(shown.value("value").toString() == QLatin1String("true"), qPrintable(compact(shown)));
    // And the console's (and the Closures pane's) view of the function, which V8 describes from its source.
    graft.send({ { "id", 10 }, { "command", "eval" }, { "file", file }, { "expression", "fail" } });
    const QString described = graft.waitForResult(10).value("value").toString();
    QVERIFY2(
        described.startsWith(QLatin1String("function fail(x) {")) && !described.contains(QLatin1String("__graft$")),
        qPrintable(described));

    QByteArray edited = program;
    edited.replace("  return x.missing.value;\n", "  const y = 1;\n  return x.gone.value + y;\n");
    graft.applyAndWait(2, file, edited);
    // The new code's error names the user's file at the line the new source has it on.
    QVERIFY2(!graft.waitForOutput(QStringLiteral("own.js:4:")).isEmpty(), qPrintable(graft.allStdout().right(400)));

    // One script for the file in the list, with the user's text.
    graft.send({ { "id", 3 }, { "command", "scripts" } });
    int forFile = 0;
    for (const QJsonValue &s : graft.waitForResult(3).value("scripts").toArray()) {
        const QString url = s.toObject().value("url").toString();
        QVERIFY2(!url.contains(QStringLiteral("graft-agent")), qPrintable(url));
        QVERIFY2(s.toObject().value("thread").toString() == QLatin1String("main"), qPrintable(compact(s.toObject())));
        forFile += s.toObject().value("file").toString() == file;
    }
    QCOMPARE(forFile, 1);
}

// A method that uses `super` cannot be swapped, but the arrow inside it can:
// the arrow's check is the first in the method's text. After a save of the
// arrow (whose instances the method makes run the new code), the method still
// shows its own text, not the arrow's.
void TestSwapSource::functionShowsItsOwnTextWhenAnInnerOneIsSwapped()
{
    HeadlessHarness graft;
    const QByteArray program = "class Base { hi() { return 'base'; } }\n"
                               "class Kid extends Base {\n"
                               "  hi() { const mark = () => '-v1'; return super.hi() + mark(); }\n"
                               "}\n"
                               "const kid = new Kid();\n"
                               "setInterval(() => console.log('@ ' + kid.hi()), 30);\n";
    const QString file = runSwapped(graft, QStringLiteral("inner.js"), program, QStringLiteral("@ base-v1"));
    QVERIFY2(!file.isEmpty(), qPrintable(graft.stderrText()));
    QByteArray edited = program;
    edited.replace("'-v1'", "'-v2'");
    graft.applyAndWait(1, file, edited);
    QVERIFY(!graft.waitForOutput(QStringLiteral("@ base-v2")).isEmpty());
    graft.send(
        { { "id", 2 }, { "command", "eval" }, { "file", file }, { "expression", "Kid.prototype.hi.toString()" } });
    const QJsonObject shown = graft.waitForResult(2);
    QCOMPARE(shown.value("value").toString(),
        QStringLiteral("\"hi() { const mark = () => '-v1'; return super.hi() + mark(); }\""));
}

// The slots are globals (docs/SWAP.md): none shows where a program lists its
// globals — not those of a module it loads, nor one a save adds.
void TestSwapSource::globalsShowNoSlot()
{
    HeadlessHarness graft;
    graft.writeFile(QStringLiteral("lib.js"),
        "function one() { return 1; }\nfunction two() { return 2; }\nmodule.exports = { one, two };\n");
    const QByteArray program
        = "const before = Object.keys(globalThis).length;\n"
          "const lib = require('./lib.js');\n"
          "function tick() { return 'v' + lib.one(); }\n"
          "function globals() { let n = 0; for (const k in globalThis) n++; return Object.keys(globalThis).length + "
          "'/' + n; }\n"
          "setInterval(() => console.log('@ ' + tick() + ' ' + before + '/' + before + ' ' + globals()), 30);\n";
    const QString file = runSwapped(graft, QStringLiteral("globals.js"), program, QStringLiteral("@ v1"));
    QVERIFY2(!file.isEmpty(), qPrintable(graft.stderrText()));
    const QString line = graft.waitForOutput(QStringLiteral("@ v1")).value("text").toString().trimmed();
    const QStringList counts = line.split(QLatin1Char(' '));
    QCOMPARE(counts.size(), 4);
    QCOMPARE(counts.at(3), counts.at(2)); // the module the program loaded added none

    QByteArray edited = program;
    edited.replace("return 'v' + lib.one();", "return helper();");
    edited += "function helper() { return 'v' + lib.two(); }\n";
    graft.applyAndWait(1, file, edited);
    QCOMPARE(graft.patchEvents().last().value("status").toString(), QStringLiteral("applied"));
    const QString after = QStringLiteral("@ v2 %1 %1").arg(counts.at(2));
    QVERIFY2(!graft.waitForOutput(after).isEmpty(), qPrintable(graft.allStdout().right(400)));
}

void TestSwapSource::compileErrorKeepsTheProgramRunning()
{
    HeadlessHarness graft;
    const QByteArray program = "function tick() { return 'ok-v1'; }\n"
                               "setInterval(() => console.log('@ ' + tick()), 30);\n";
    const QString file = runSwapped(graft, QStringLiteral("broken.js"), program, QStringLiteral("@ ok-v1"));
    QVERIFY2(!file.isEmpty(), qPrintable(graft.stderrText()));

    graft.applyAndWait(
        1, file, "function tick() { return 'ok-v2' +; }\nsetInterval(() => console.log('@ ' + tick()), 30);\n");
    const QJsonObject broken = graft.patchEvents().last();
    QCOMPARE(broken.value("status").toString(), QStringLiteral("compile-error"));
    QCOMPARE(broken.value("error").toObject().value("line").toInt(), 1);
    QVERIFY(!graft.nextOutputLines(2).isEmpty());
    QVERIFY(graft.allStdout().section(QLatin1Char('\n'), -2, -2).contains(QStringLiteral("@ ok-v1")));

    QByteArray fixed = program;
    fixed.replace("'ok-v1'", "'ok-v3'");
    graft.applyAndWait(2, file, fixed);
    QCOMPARE(graft.patchEvents().last().value("status").toString(), QStringLiteral("applied"));
    QVERIFY(!graft.waitForOutput(QStringLiteral("@ ok-v3")).isEmpty());
}

QTEST_GUILESS_MAIN(TestSwapSource)
#include "tst_swapsource.moc"
