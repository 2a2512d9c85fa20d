// SPDX-License-Identifier: MIT
// Headless `eval` with `file`: the console in a file's top-level scope, on every
// runtime. Each answer is checked against what the program itself then does.
#include "headlessharness.h"

#include <QJsonArray>
#include <QTest>

class TestConsole : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void moduleScopeIsReadAndAssignedForReal();
    void enteringRunsNoCodeOfTheProgram();
    void inputsSentTogetherAreAllAnswered();
    void commonJsNamesAndAwait();
    void previewsShowObjectsArraysMapsAndPromises_data();
    void previewsShowObjectsArraysMapsAndPromises();
    void expandingAValueShowsItsPropertiesOneLevelDeeper();
    void errorsSayWhatWentWrong_data();
    void errorsSayWhatWentWrong();

private:
    // Evaluates in console.js's scope and returns the result event.
    QJsonObject evalInFile(const QString &expression, const QString &file = QStringLiteral("console.js"));

    std::unique_ptr<HeadlessHarness> m_graft;
    QString m_entry;
    int m_nextId = 1;
};

void TestConsole::init()
{
    if (const QString why = TestRuntime::current().unavailableReason(); !why.isEmpty())
        QFAIL(qPrintable(why));
    m_graft = std::make_unique<HeadlessHarness>();
    m_entry = m_graft->addProgram(QStringLiteral("console.js"));
    QVERIFY(m_graft->start(m_entry));
    QVERIFY(!m_graft->waitForOutput(QStringLiteral("tick 2")).isEmpty());
}

QJsonObject TestConsole::evalInFile(const QString &expression, const QString &file)
{
    const int id = m_nextId++;
    m_graft->send({ { "id", id }, { "command", "eval" }, { "file", file }, { "expression", expression } });
    return m_graft->waitForResult(id);
}

void TestConsole::moduleScopeIsReadAndAssignedForReal()
{
    const QJsonObject s = evalInFile(QStringLiteral("s"));
    QCOMPARE(s.value("ok").toBool(), true);
    QCOMPARE(s.value("scope").toString(), QStringLiteral("module"));
    QCOMPARE(s.value("value").toString(), QStringLiteral("\"original\""));
    const QJsonObject ticks = evalInFile(QStringLiteral("ticks"));
    QCOMPARE(ticks.value("type").toString(), QStringLiteral("number"));
    QVERIFY(ticks.value("value").toString().toInt() >= 2);

    // The program's own `s` changes: its next lines say so.
    const QJsonObject assigned = evalInFile(QStringLiteral("s = 'changed'"));
    QCOMPARE(assigned.value("ok").toBool(), true);
    QVERIFY2(!m_graft->waitForOutput(QStringLiteral(" changed")).isEmpty(), qPrintable(m_graft->allStdout()));
    // ... and no global was made on the way.
    m_graft->send({ { "id", 100 }, { "command", "eval" }, { "expression", "typeof s" } });
    const QJsonObject global = m_graft->waitForResult(100);
    QCOMPARE(global.value("scope").toString(), QStringLiteral("global"));
    QCOMPARE(global.value("value").toString(), QStringLiteral("\"undefined\""));

    // A name the scope does not hold is an error, not a new global.
    const QJsonObject unknown = evalInFile(QStringLiteral("nosuch = 1"));
    QCOMPARE(unknown.value("ok").toBool(), false);
    QCOMPARE(unknown.value("error").toString(), QStringLiteral("ReferenceError: nosuch is not defined"));
    m_graft->send({ { "id", 101 }, { "command", "eval" }, { "expression", "typeof nosuch" } });
    QCOMPARE(m_graft->waitForResult(101).value("value").toString(), QStringLiteral("\"undefined\""));
}

void TestConsole::inputsSentTogetherAreAllAnswered()
{
    // Three at once, before the console has entered the file: none is turned away.
    for (int id = 300; id < 303; ++id)
        m_graft->send({ { "id", id }, { "command", "eval" }, { "file", "console.js" },
            { "expression", QStringLiteral("%1 + ticks * 0").arg(id) } });
    for (int id = 300; id < 303; ++id) {
        const QJsonObject answer = m_graft->waitForResult(id);
        QVERIFY2(answer.value("ok").toBool(), qPrintable(answer.value("error").toString()));
        QCOMPARE(answer.value("value").toString(), QString::number(id));
    }
}

void TestConsole::enteringRunsNoCodeOfTheProgram()
{
    // Entering calls a function of the file at a breakpoint and ends that call
    // before its body: neither probe nor the timer's arrow may have run for it.
    QCOMPARE(evalInFile(QStringLiteral("entered")).value("value").toString(), QStringLiteral("0"));
    const QStringList lines = m_graft->nextOutputLines(3);
    QCOMPARE(lines.size(), 3);
    const QStringList all = m_graft->allStdout().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (int i = 0; i < all.size(); ++i)
        QCOMPARE(all.at(i), QStringLiteral("tick %1 original").arg(i + 1));
    QCOMPARE(evalInFile(QStringLiteral("entered")).value("value").toString(), QStringLiteral("0"));
}

void TestConsole::commonJsNamesAndAwait()
{
    QCOMPARE(evalInFile(QStringLiteral("__filename")).value("value").toString(), QStringLiteral("\"%1\"").arg(m_entry));
    QCOMPARE(evalInFile(QStringLiteral("__dirname")).value("value").toString(),
        QStringLiteral("\"%1\"").arg(m_graft->dir()));
    QCOMPARE(evalInFile(QStringLiteral("module.exports.answer + exports.answer")).value("value").toString(),
        QStringLiteral("84"));
    QCOMPARE(evalInFile(QStringLiteral("require('path').basename(__filename)")).value("value").toString(),
        QStringLiteral("\"console.js\""));
    // Top-level await: the answer is the awaited value, read from the program's scope.
    const QJsonObject awaited
        = evalInFile(QStringLiteral("await shapes.done + await new Promise(r => setTimeout(() => r(1), 20))"));
    QCOMPARE(awaited.value("ok").toBool(), true);
    QCOMPARE(awaited.value("value").toString(), QStringLiteral("43"));
    // Statements with await run too (their completion value is not kept).
    QCOMPARE(evalInFile(QStringLiteral("for (const k of [1]) { s = await Promise.resolve('awaited'); }"))
                 .value("ok")
                 .toBool(),
        true);
    QVERIFY(!m_graft->waitForOutput(QStringLiteral(" awaited")).isEmpty());
    // Without await a promise is shown, not waited for.
    QCOMPARE(evalInFile(QStringLiteral("shapes.waiting")).value("subtype").toString(), QStringLiteral("promise"));
}

void TestConsole::previewsShowObjectsArraysMapsAndPromises_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("subtype");
    QTest::addColumn<QString>("description");
    // The preview as one line: name=value for properties, key=>value for entries.
    QTest::addColumn<QString>("preview");
    QTest::newRow("object") << "shapes.point"
                            << ""
                            << "Object"
                            << "x=1 y=Array(2)";
    QTest::newRow("array") << "shapes.list"
                           << "array"
                           << "Array(3)"
                           << "0=1 1=\"two\" 2=Object";
    QTest::newRow("map") << "shapes.map"
                         << "map"
                         << "Map(2)"
                         << "size=2 \"a\"=>1 \"b\"=>Object";
    QTest::newRow("set") << "shapes.set"
                         << "set"
                         << "Set(2)"
                         << "size=2 1 2";
    QTest::newRow("fulfilled promise") << "shapes.done"
                                       << "promise"
                                       << "Promise"
                                       << "[[PromiseState]]=\"fulfilled\" [[PromiseResult]]=42";
    QTest::newRow("pending promise") << "shapes.waiting"
                                     << "promise"
                                     << "Promise"
                                     << "[[PromiseState]]=\"pending\" [[PromiseResult]]=undefined";
}

void TestConsole::previewsShowObjectsArraysMapsAndPromises()
{
    QFETCH(QString, expression);
    QFETCH(QString, subtype);
    QFETCH(QString, description);
    QFETCH(QString, preview);
    const QJsonObject result = evalInFile(expression);
    QVERIFY2(result.value("ok").toBool(), qPrintable(result.value("error").toString()));
    QCOMPARE(result.value("type").toString(), QStringLiteral("object"));
    QCOMPARE(result.value("subtype").toString(), subtype);
    QCOMPARE(result.value("description").toString(), description);
    QVERIFY(!result.value("objectId").toString().isEmpty());
    const QJsonObject shown = result.value("preview").toObject();
    QStringList parts;
    for (const QJsonValue &p : shown.value("properties").toArray())
        parts << p.toObject().value("name").toString() + QLatin1Char('=') + p.toObject().value("value").toString();
    for (const QJsonValue &e : shown.value("entries").toArray()) {
        const QJsonObject entry = e.toObject();
        const QString value = entry.value("value").toObject().value("value").toString();
        parts << (entry.contains("key") ? entry.value("key").toObject().value("value").toString() + "=>" + value
                                        : value);
    }
    QCOMPARE(parts.join(QLatin1Char(' ')), preview);
}

void TestConsole::expandingAValueShowsItsPropertiesOneLevelDeeper()
{
    const QJsonObject point = evalInFile(QStringLiteral("shapes"));
    m_graft->send({ { "id", 200 }, { "command", "properties" }, { "objectId", point.value("objectId") } });
    const QJsonObject expanded = m_graft->waitForResult(200);
    QVERIFY2(expanded.value("ok").toBool(), qPrintable(expanded.value("error").toString()));
    QJsonObject list;
    for (const QJsonValue &p : expanded.value("properties").toArray()) {
        if (p.toObject().value("name") == QLatin1String("list"))
            list = p.toObject();
    }
    QCOMPARE(list.value("description").toString(), QStringLiteral("Array(3)"));
    // The child carries its own preview and handle: the next level is one more ask.
    QCOMPARE(list.value("preview").toObject().value("properties").toArray().at(1).toObject().value("value").toString(),
        QStringLiteral("\"two\""));
    QVERIFY(!list.value("objectId").toString().isEmpty());

    m_graft->send({ { "id", 201 }, { "command", "properties" }, { "objectId", "no-such-object" } });
    QCOMPARE(m_graft->waitForResult(201).value("ok").toBool(), false);
}

void TestConsole::errorsSayWhatWentWrong_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("error");
    QTest::newRow("syntax error") << "console.js"
                                  << "1 +"
                                  << "SyntaxError: Unexpected end of input";
    QTest::newRow("thrown exception") << "console.js"
                                      << "throw new Error('boom')"
                                      << "Error: boom";
    QTest::newRow("binding no function uses") << "console.js"
                                              << "probe"
                                              << "probe is a top-level binding of console.js that no function uses: "
                                                 "V8 keeps such a value only while the top level runs";
    QTest::newRow("unknown file") << "nothere.js"
                                  << "1"
                                  << "nothere.js does not exist";
    QTest::newRow("file not loaded") << "unloaded.js"
                                     << "1"
                                     << "unloaded.js is not loaded by the running program";
}

void TestConsole::errorsSayWhatWentWrong()
{
    QFETCH(QString, file);
    QFETCH(QString, expression);
    QFETCH(QString, error);
    m_graft->writeFile(QStringLiteral("unloaded.js"), "module.exports = 1;\n");
    const QJsonObject result = evalInFile(expression, file);
    if (TestRuntime::current().isSwap() && error.contains(QLatin1String("no function uses"))) {
        // The swap engine's evaluator (one function at the end of each module,
        // docs/SWAP.md) keeps every top-level binding in the module's context:
        // the console reaches this one too.
        QVERIFY2(result.value("ok").toBool(), qPrintable(result.value("error").toString()));
        QCOMPARE(result.value("type").toString(), QStringLiteral("function"));
        return;
    }
    QCOMPARE(result.value("ok").toBool(), false);
    // The message, and no frames of the console's own machinery.
    QVERIFY2(result.value("error").toString().endsWith(error), qPrintable(result.value("error").toString()));
    QVERIFY2(!result.value("error").toString().contains(QLatin1String("eval at")),
        qPrintable(result.value("error").toString()));
    // The program goes on, and the console still answers.
    QCOMPARE(m_graft->nextOutputLines(1).size(), 1);
    QCOMPARE(evalInFile(QStringLiteral("typeof shapes")).value("value").toString(), QStringLiteral("\"object\""));
}

QTEST_GUILESS_MAIN(TestConsole)
#include "tst_console.moc"
