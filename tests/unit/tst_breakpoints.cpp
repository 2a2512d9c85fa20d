// SPDX-License-Identifier: MIT
// The plain parts of breakpoints: where a line goes after an edit, the URL
// pattern that finds a file's script in every run, and a logpoint's condition.

#include "debug/breakpoint.h"
#include "debug/linemap.h"

#include <QRegularExpression>
#include <QTest>

using namespace graft;

class TestBreakpoints : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void translateLine_data();
    void translateLine();
    void urlPatternMatchesPathsAndFileUrls();
    void logpointIsAConditionThatPrintsAndAnswersFalse();
};

void TestBreakpoints::translateLine_data()
{
    QTest::addColumn<QString>("before");
    QTest::addColumn<QString>("after");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("expected");
    const QString base = QStringLiteral("a\nb\nc\nd\ne\n");
    QTest::newRow("unchanged") << base << base << 3 << 3;
    QTest::newRow("two lines inserted above") << base << QStringLiteral("x\ny\na\nb\nc\nd\ne\n") << 3 << 5;
    QTest::newRow("a line removed above") << base << QStringLiteral("b\nc\nd\ne\n") << 3 << 2;
    QTest::newRow("edit below leaves it") << base << QStringLiteral("a\nb\nc\nd\nE\nF\n") << 3 << 3;
    QTest::newRow("the line itself edited") << base << QStringLiteral("a\nb\nC!\nd\ne\n") << 3 << 3;
    QTest::newRow("inserted above and edited below") << base << QStringLiteral("a\nnew\nb\nc\nd\nE\n") << 3 << 4;
    QTest::newRow("its line deleted: the next one") << base << QStringLiteral("a\nb\nd\ne\n") << 3 << 3;
    QTest::newRow("inside a rewritten middle") << base << QStringLiteral("a\nq\nr\nc\ns\ne\n") << 3 << 4;
    QTest::newRow("out of range stays") << base << base << 40 << 40;
}

void TestBreakpoints::translateLine()
{
    QFETCH(QString, before);
    QFETCH(QString, after);
    QFETCH(int, line);
    QFETCH(int, expected);
    QCOMPARE(graft::translateLine(before, after, line), expected);
}

void TestBreakpoints::urlPatternMatchesPathsAndFileUrls()
{
    // V8 evaluates it as a JavaScript pattern; these features mean the same in both.
    const QRegularExpression pattern(breakpointUrlRegex(QStringLiteral("/tmp/a dir/main (1).js")));
    QVERIFY(pattern.isValid());
    QVERIFY(pattern.match(QStringLiteral("/tmp/a dir/main (1).js")).hasMatch());
    QVERIFY(pattern.match(QStringLiteral("file:///tmp/a%20dir/main%20(1).js")).hasMatch());
    QVERIFY(!pattern.match(QStringLiteral("/tmp/a dir/main (1).jsx")).hasMatch());
    QVERIFY(!pattern.match(QStringLiteral("/other/tmp/a dir/main (1).js")).hasMatch());
}

void TestBreakpoints::logpointIsAConditionThatPrintsAndAnswersFalse()
{
    Breakpoint b;
    QVERIFY(b.v8Condition().isEmpty());
    b.condition = QStringLiteral("n > 2");
    QCOMPARE(b.v8Condition(), QStringLiteral("n > 2"));
    b.log = QStringLiteral("'n is ' + n // a comment");
    QCOMPARE(b.v8Condition(), QStringLiteral("(\nn > 2\n) && (console.log(\n'n is ' + n // a comment\n), false)"));
    b.condition.clear();
    QVERIFY(b.v8Condition().endsWith(QLatin1String("), false)")));
    QVERIFY(b.isLogpoint());
}

QTEST_GUILESS_MAIN(TestBreakpoints)
#include "tst_breakpoints.moc"
