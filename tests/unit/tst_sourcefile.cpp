// SPDX-License-Identifier: MIT
// What a save may contain, and what Graft says about it.

#include "patch/sourcefile.h"

#include <QTest>

class TestSourceFile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void decode_data();
    void decode();
    void missingFileIsExplained();
};

void TestSourceFile::decode_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("textOrError");
    QTest::newRow("ascii") << QByteArray("let a = 1;\n") << true << "let a = 1;\n";
    QTest::newRow("utf-8") << QByteArray("s = '\xc3\xa9';") << true << QString::fromUtf8("s = '\xc3\xa9';");
    QTest::newRow("bom is dropped") << QByteArray("\xef\xbb\xbflet b;") << true << "let b;";
    QTest::newRow("crlf kept") << QByteArray("a;\r\nb;\r\n") << true << "a;\r\nb;\r\n";
    QTest::newRow("latin-1 byte on line 2") << QByteArray("a;\nb = '\xe9';\n") << false
                                            << "x.js is not valid UTF-8 (line 2); save it as UTF-8";
    QTest::newRow("binary") << QByteArray("\x7f" "ELF\0\0\x01", 7) << false
                            << "x.js looks like a binary file (it contains NUL bytes)";
}

void TestSourceFile::decode()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, ok);
    QFETCH(QString, textOrError);
    const graft::SourceFileText result = graft::decodeSource(bytes, QStringLiteral("x.js"));
    QCOMPARE(result.ok, ok);
    QCOMPARE(ok ? result.text : result.error, textOrError);
}

void TestSourceFile::missingFileIsExplained()
{
    const graft::SourceFileText result = graft::readSourceFile(QStringLiteral("/nonexistent/dir/y.js"));
    QVERIFY(!result.ok);
    QVERIFY2(result.error.contains(QLatin1String("does not exist")), qPrintable(result.error));
}

QTEST_APPLESS_MAIN(TestSourceFile)
#include "tst_sourcefile.moc"
