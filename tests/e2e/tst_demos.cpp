// SPDX-License-Identifier: MIT
// Every bundled demo runs headless, and the edit its presenter notes suggest
// takes effect live with the demo's state kept.

#include "headlessharness.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

namespace {
const QString kDemos = QStringLiteral(GRAFT_SOURCE_DIR "/resources/demos");

// The first number in a line: the demo's counter (frame, request, items).
int counterIn(const QString &line)
{
    const QRegularExpressionMatch match = QRegularExpression(QStringLiteral("(\\d+)")).match(line);
    return match.hasMatch() ? match.captured(1).toInt() : -1;
}
} // namespace

class TestDemos : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyDemoIsCovered();
    void suggestedEditTakesEffect_data();
    void suggestedEditTakesEffect();
};

void TestDemos::everyDemoIsCovered()
{
    QStringList demos;
    for (const QFileInfo &entry : QDir(kDemos).entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot))
        demos << entry.fileName();
    demos.sort();
    QCOMPARE(demos, (QStringList {"http-server.js", "multi-module", "simulation.js", "writeup-2016.js"}));
}

void TestDemos::suggestedEditTakesEffect_data()
{
    QTest::addColumn<QString>("entry");
    QTest::addColumn<QString>("edited");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("expected");
    QTest::newRow("writeup") << "writeup-2016.js" << "writeup-2016.js" << "function m() { return s; }"
                             << "function m() { return s + ' (patched live)'; }" << "original (patched live)";
    QTest::newRow("http server") << "http-server.js" << "http-server.js" << "return 'Hello, ' + name + '!';"
                                 << "return 'Bonjour, ' + name + '!';" << "Bonjour, audience!";
    QTest::newRow("simulation") << "simulation.js" << "simulation.js" << "'|  y='" << "'|  height='" << "height=";
    QTest::newRow("multi-module") << "multi-module/main.js" << "multi-module/format.js" << "' EUR'" << "' euros'"
                                  << "euros";
}

void TestDemos::suggestedEditTakesEffect()
{
    QFETCH(QString, entry);
    QFETCH(QString, edited);
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QString, expected);
    // Run a copy: the demos in the source tree stay untouched.
    HeadlessHarness graft;
    QDir(graft.dir()).mkpath(QStringLiteral("multi-module"));
    for (const QString &file : {QStringLiteral("writeup-2016.js"), QStringLiteral("http-server.js"), QStringLiteral("simulation.js"),
                                QStringLiteral("multi-module/main.js"), QStringLiteral("multi-module/prices.js"),
                                QStringLiteral("multi-module/format.js")}) {
        QFile source(kDemos + QLatin1Char('/') + file);
        QVERIFY2(source.open(QIODevice::ReadOnly), qPrintable(file));
        graft.writeFile(file, source.readAll());
    }
    QVERIFY(graft.start(QDir(graft.dir()).filePath(entry)));
    const QStringList before = graft.nextOutputLines(2, 15000);
    QCOMPARE(before.size(), 2);

    QFile file(QDir(graft.dir()).filePath(edited));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QString source = QString::fromUtf8(file.readAll());
    file.close();
    QVERIFY2(source.contains(from), qPrintable(from));
    source.replace(from, to);
    graft.writeFile(edited, source.toUtf8());
    const QJsonObject patch = graft.waitForEvent(QStringLiteral("patch"));
    QCOMPARE(patch.value("status").toString(), QStringLiteral("applied"));
    const QJsonObject after = graft.waitForOutput(expected, 15000);
    QVERIFY2(!after.isEmpty(), qPrintable(graft.allStdout().right(400)));
    // The demo's counter kept counting: nothing restarted.
    QVERIFY(counterIn(graft.nextOutputLines(1, 15000).value(0)) > counterIn(before.last()));
}

QTEST_GUILESS_MAIN(TestDemos)
#include "tst_demos.moc"
