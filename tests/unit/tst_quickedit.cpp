// SPDX-License-Identifier: MIT
// Which saves may go to V8 before their analysis answers: only an edit inside one
// string, number or template token the analysis listed, which stays such a token.

#include "patch/quickedit.h"

#include <QJsonArray>
#include <QTest>

class TestQuickEdit : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void editInsideOneToken_data();
    void editInsideOneToken();
    void tokensOfAnotherSourceAllowNothing();
};

namespace {
// function f() { log('hi', 10, `a${x}b`); }  — the tokens an analysis would list.
const QString kSource = QStringLiteral("function f() { log('hi', 10, `a${x}b`); }\n");
QJsonArray tokensOf(const QString &source)
{
    const auto at = [&](const QString &text) { return int(source.indexOf(text)); };
    return { at(QStringLiteral("'hi'")), at(QStringLiteral("'hi'")) + 4, 0, // the string, quotes included
        at(QStringLiteral("10")), at(QStringLiteral("10")) + 2, 1, at(QStringLiteral("a${")),
        at(QStringLiteral("a${")) + 1, 2 };
}
} // namespace

void TestQuickEdit::editInsideOneToken_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("a message") << "'hi'"
                               << "'hello there'" << true;
    QTest::newRow("a message emptied") << "'hi'"
                                       << "''" << true;
    QTest::newRow("a quote added") << "'hi'"
                                   << "'h'i'" << false;
    QTest::newRow("an escape added") << "'hi'"
                                     << "'h\\ni'" << false;
    QTest::newRow("the quotes changed") << "'hi'"
                                        << "\"hi\"" << false;
    QTest::newRow("a number") << "10"
                              << "2000" << true;
    QTest::newRow("a decimal") << "10"
                               << "1.5" << true;
    QTest::newRow("an exponent") << "10"
                                 << "1e3" << false;
    QTest::newRow("a leading zero") << "10"
                                    << "010" << false;
    QTest::newRow("a hex number") << "10"
                                  << "0x10" << false;
    QTest::newRow("template text") << "`a${"
                                   << "`abc${" << true;
    QTest::newRow("a substitution added") << "`a${"
                                          << "`a${y}${" << false;
    QTest::newRow("outside every token") << "log("
                                         << "warn(" << false;
    QTest::newRow("two tokens at once") << "'hi', 10"
                                        << "'ho', 11" << false;
}

void TestQuickEdit::editInsideOneToken()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(bool, allowed);
    const graft::QuickEditTokens tokens(kSource, tokensOf(kSource));
    QString edited = kSource;
    edited.replace(edited.indexOf(from), from.size(), to);
    QCOMPARE(tokens.allowsEdit(kSource, edited), allowed);
}

void TestQuickEdit::tokensOfAnotherSourceAllowNothing()
{
    const graft::QuickEditTokens tokens(kSource, tokensOf(kSource));
    QString running = kSource;
    running.replace(QStringLiteral("log"), QStringLiteral("say"));
    QString edited = running;
    edited.replace(QStringLiteral("'hi'"), QStringLiteral("'ho'"));
    QVERIFY(!tokens.allowsEdit(running, edited));  // the running source is not the one listed
    QVERIFY(!tokens.allowsEdit(kSource, kSource)); // nothing changed
    QVERIFY(!graft::QuickEditTokens().allowsEdit(kSource, running));
}

QTEST_GUILESS_MAIN(TestQuickEdit)
#include "tst_quickedit.moc"
