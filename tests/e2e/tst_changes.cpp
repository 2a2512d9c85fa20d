// SPDX-License-Identifier: MIT
// The change-list as data: each folder of tests/e2e/changes holds a program
// (before.js), an edit (after.js) and the report a user must see (expected.json).
// Every case runs through the real graft --headless and the real runtime.

#include "headlessharness.h"
#include "testruntime.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <algorithm>

namespace {

const QString kCasesDir = QStringLiteral(GRAFT_TEST_DATA_DIR "/e2e/changes");

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}

QJsonObject findByName(const QJsonArray &array, const QString &name)
{
    for (const QJsonValue &value : array) {
        if (value.toObject().value("name").toString() == name)
            return value.toObject();
    }
    return {};
}

// Every field the expectation names must be in the actual entry, equal.
void compareFields(const QJsonObject &expected, const QJsonObject &actual, const QString &what)
{
    QVERIFY2(!actual.isEmpty(), qPrintable(what + QStringLiteral(" is missing")));
    for (auto it = expected.constBegin(); it != expected.constEnd(); ++it) {
        QVERIFY2(actual.value(it.key()) == it.value(),
            qPrintable(
                QStringLiteral("%1.%2: expected %3, got %4")
                    .arg(what, it.key(),
                        QString::fromUtf8(QJsonDocument(QJsonArray { it.value() }).toJson(QJsonDocument::Compact)),
                        QString::fromUtf8(
                            QJsonDocument(QJsonArray { actual.value(it.key()) }).toJson(QJsonDocument::Compact)))));
    }
}

QJsonObject patchOf(HeadlessHarness &graft, const QByteArray &before, const QByteArray &after)
{
    const QString program = graft.writeFile(QStringLiteral("program.js"), before);
    if (!graft.start(program) || graft.waitForEvent(QStringLiteral("ready")).isEmpty())
        return {};
    // Patch only once the runtime has loaded the file (slow builds take a while).
    for (int id = 100; id < 200; ++id) {
        graft.send({ { "id", id }, { "command", "scripts" } });
        const QJsonArray scripts = graft.waitForResult(id).value("scripts").toArray();
        if (std::any_of(scripts.begin(), scripts.end(),
                [&](const QJsonValue &s) { return s.toObject().value("file").toString() == program; }))
            break;
        QTest::qWait(50);
    }
    QTest::qWait(100); // let its timers run once
    graft.send({ { "id", 1 }, { "command", "apply" }, { "file", program }, { "source", QString::fromUtf8(after) } });
    return graft.waitForEvent(QStringLiteral("patch"));
}

} // namespace

class TestChanges : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void reportMatchesExpectation_data();
    void reportMatchesExpectation();
    void largeFileReportsTheOneEditedFunction();
    void reinitializeMakesTheProgramUseTheNewValue();
};

void TestChanges::reportMatchesExpectation_data()
{
    QTest::addColumn<QString>("caseDir");
    const QStringList cases = QDir(kCasesDir).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    QVERIFY(cases.size() >= 6);
    for (const QString &name : cases)
        QTest::newRow(qPrintable(name)) << QDir(kCasesDir).filePath(name);
}

void TestChanges::reportMatchesExpectation()
{
    QFETCH(QString, caseDir);
    // Where the engines differ, the swap engine's report has a file of its own.
    const QString swapExpected = caseDir + QStringLiteral("/expected.swap.json");
    const bool ownFile = TestRuntime::current().isSwap() && QFile::exists(swapExpected);
    const QJsonObject expected
        = QJsonDocument::fromJson(readFile(ownFile ? swapExpected : caseDir + QStringLiteral("/expected.json")))
              .object();
    HeadlessHarness graft;
    const QJsonObject patch = patchOf(
        graft, readFile(caseDir + QStringLiteral("/before.js")), readFile(caseDir + QStringLiteral("/after.js")));
    QVERIFY2(!patch.isEmpty(), qPrintable(graft.stderrText()));
    QCOMPARE(patch.value("status").toString(), expected.value("status").toString());
    for (const QJsonValue &value : expected.value("functions").toArray()) {
        const QJsonObject function = value.toObject();
        const QString name = function.value("name").toString();
        compareFields(function, findByName(patch.value("functions").toArray(), name), name);
    }
    const QJsonArray expectedBindings = expected.value("bindings").toArray();
    QCOMPARE(patch.value("bindings").toArray().size(), expectedBindings.size());
    for (const QJsonValue &value : expectedBindings) {
        const QString name = value.toObject().value("name").toString();
        compareFields(value.toObject(), findByName(patch.value("bindings").toArray(), name), name);
    }
}

void TestChanges::largeFileReportsTheOneEditedFunction()
{
    // 5,000 lines: 1,000 five-line functions, and a timer that calls two of them.
    // (The edited one must have run: V8 10.2 crashes patching a never-run function
    // of a CommonJS module; see docs/RELIABILITY.md.)
    QByteArray before;
    for (int i = 0; i < 1000; ++i)
        before += QStringLiteral("function f%1(x) {\n  const y = x + %1;\n  return y;\n}\n\n").arg(i).toUtf8();
    before += "setInterval(() => { f999(1); f500(1); }, 20);\n";
    QByteArray after = before;
    after.replace("const y = x + 500;", "const y = x + 500 + 1;");
    HeadlessHarness graft;
    const QJsonObject patch = patchOf(graft, before, after);
    QCOMPARE(patch.value("status").toString(), QStringLiteral("applied"));
    int changed = 0;
    for (const QJsonValue &value : patch.value("functions").toArray()) {
        if (value.toObject().value("change") != QLatin1String("unchanged")) {
            ++changed;
            compareFields(
                QJsonObject { { "name", "f500" }, { "line", 2501 }, { "change", "body" }, { "effective", true } },
                value.toObject(), QStringLiteral("f500"));
        }
    }
    QCOMPARE(changed, 1);
    QCOMPARE(patch.value("functions").toArray().size(), 1001);
    qInfo("5,000-line patch: %.1f ms in all, %.1f ms in setScriptSource", patch.value("ms").toDouble(),
        patch.value("applyMs").toDouble());
}

void TestChanges::reinitializeMakesTheProgramUseTheNewValue()
{
    HeadlessHarness graft;
    const QByteArray before = readFile(kCasesDir + QStringLiteral("/writeup/before.js"));
    const QByteArray after = readFile(kCasesDir + QStringLiteral("/writeup/after.js"));
    const QJsonObject patch = patchOf(graft, before, after);
    QCOMPARE(patch.value("status").toString(), QStringLiteral("applied"));
    QVERIFY(!graft.waitForOutput(QStringLiteral("original*")).isEmpty());
    const int counterBefore = graft.nextOutputLines(1).value(0).section(QLatin1Char(' '), 0, 0).toInt();

    graft.send({ { "id", 2 }, { "command", "scopes" }, { "file", "program.js" }, { "function", "m" } });
    const QJsonObject scopes = graft.waitForResult(2);
    QVERIFY2(scopes.value("ok").toBool(), qPrintable(scopes.value("error").toString()));
    const QJsonObject s = findByName(
        scopes.value("scopes").toArray().first().toObject().value("variables").toArray(), QStringLiteral("s"));
    compareFields(QJsonObject { { "value", "\"original\"" }, { "source", "'updated'" }, { "stale", true } }, s,
        QStringLiteral("s"));

    graft.send({ { "id", 3 }, { "command", "reinit" }, { "file", "program.js" }, { "binding", "s" } });
    const QJsonObject reinit = graft.waitForResult(3);
    QVERIFY2(reinit.value("ok").toBool(), qPrintable(reinit.value("error").toString()));
    QCOMPARE(reinit.value("value").toString(), QStringLiteral("\"updated\""));
    const QJsonObject updated = graft.waitForOutput(QStringLiteral("updated*"));
    QVERIFY(!updated.isEmpty());
    // The counter went on: no restart.
    QVERIFY(updated.value("text").toString().section(QLatin1Char(' '), 0, 0).toInt() > counterBefore);

    // Reverting brings back the old m; s keeps its re-initialized value.
    graft.send({ { "id", 4 }, { "command", "revert" }, { "file", "program.js" } });
    QCOMPARE(graft.waitForResult(4).value("status").toString(), QStringLiteral("applied"));
    QVERIFY(!graft
                 .waitFor([](const QJsonObject &e) {
                     return e.value("event") == QLatin1String("output")
                         && e.value("text").toString().endsWith(QLatin1String(" updated\n"));
                 })
                 .isEmpty());
}

QTEST_GUILESS_MAIN(TestChanges)
#include "tst_changes.moc"
