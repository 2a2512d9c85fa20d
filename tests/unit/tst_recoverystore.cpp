// SPDX-License-Identifier: MIT
// RecoveryStore: the copies of unsaved buffers that outlive a killed Graft. An
// instance is killed for real: this test starts itself as a child that stores a
// buffer and then dies by SIGKILL, so no destructor or exit handler runs.

#include "session/recoverystore.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace graft;

namespace {

// Child mode: keep a copy of `text` for `file` under `root`, then die without cleaning up.
int storeAndDie(const QString &root, const QString &file, const QString &text)
{
    RecoveryStore store(root);
    if (!store.store(file, text))
        return 3;
    std::raise(SIGKILL);
    return 4;
}

} // namespace

class TestRecoveryStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { m_root = std::make_unique<QTemporaryDir>(); }
    void storesAndRemovesCopies();
    void cleanExitLeavesNothing();
    void liveInstanceKeepsItsBuffers();
    void killedInstanceBuffersAreClaimed();
    void unhandledOrphansAreOfferedAgain();
    void newestCopyOfAFileWins();
    void killedInstanceWithoutEditsLeavesNothing();
    void unwritableRootIsReported();

private:
    // Starts this test binary as an instance that stores one buffer and is killed.
    void killedInstance(const QString &file, const QString &text);
    QString root() const { return m_root->filePath(QStringLiteral("recovery")); }
    int folderCount() const { return int(QDir(root()).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size()); }

    std::unique_ptr<QTemporaryDir> m_root;
};

void TestRecoveryStore::killedInstance(const QString &file, const QString &text)
{
    QProcess child;
    child.start(QCoreApplication::applicationFilePath(), { QStringLiteral("--store-and-die"), root(), file, text });
    QVERIFY(child.waitForFinished(10000));
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);
}

void TestRecoveryStore::storesAndRemovesCopies()
{
    RecoveryStore store(root());
    QVERIFY(store.store(QStringLiteral("/project/a.js"), QStringLiteral("let a = 1;\n")));
    QVERIFY(store.store(QStringLiteral("/project/b.js"), QStringLiteral("let b = 'é ✓';\n")));
    QVERIFY(store.store(QStringLiteral("/project/a.js"), QStringLiteral("let a = 2;\n")));
    QStringList files = store.storedFiles();
    files.sort();
    QCOMPARE(files, QStringList({ QStringLiteral("/project/a.js"), QStringLiteral("/project/b.js") }));

    store.remove(QStringLiteral("/project/a.js"));
    QCOMPARE(store.storedFiles(), QStringList { QStringLiteral("/project/b.js") });
}

void TestRecoveryStore::cleanExitLeavesNothing()
{
    {
        RecoveryStore store(root());
        QVERIFY(store.store(QStringLiteral("/project/a.js"), QStringLiteral("x")));
        QCOMPARE(folderCount(), 1);
    }
    QCOMPARE(folderCount(), 0);
    RecoveryStore next(root());
    QVERIFY(next.claimOrphans().isEmpty());
}

void TestRecoveryStore::liveInstanceKeepsItsBuffers()
{
    RecoveryStore running(root());
    QVERIFY(running.store(QStringLiteral("/project/a.js"), QStringLiteral("mine")));
    // A second window starting now must not take the first one's edits.
    RecoveryStore second(root());
    QVERIFY(second.claimOrphans().isEmpty());
    QCOMPARE(running.storedFiles(), QStringList { QStringLiteral("/project/a.js") });
}

void TestRecoveryStore::killedInstanceBuffersAreClaimed()
{
    const QDateTime before = QDateTime::currentDateTime().addSecs(-1);
    killedInstance(QStringLiteral("/project/app.js"), QStringLiteral("console.log('unsaved ✓');\n"));
    QCOMPARE(folderCount(), 1);

    RecoveryStore next(root());
    const QList<RecoveredBuffer> buffers = next.claimOrphans();
    QCOMPARE(buffers.size(), 1);
    QCOMPARE(buffers.first().filePath, QStringLiteral("/project/app.js"));
    QCOMPARE(buffers.first().text, QStringLiteral("console.log('unsaved ✓');\n"));
    QVERIFY(buffers.first().savedAt >= before);

    // Claimed: a third instance starting meanwhile gets nothing.
    RecoveryStore third(root());
    QVERIFY(third.claimOrphans().isEmpty());

    next.discardClaimed();
    QCOMPARE(folderCount(), 0);
}

void TestRecoveryStore::unhandledOrphansAreOfferedAgain()
{
    killedInstance(QStringLiteral("/project/app.js"), QStringLiteral("kept"));
    {
        RecoveryStore ignoring(root());
        QCOMPARE(ignoring.claimOrphans().size(), 1);
    } // quits without restoring or discarding
    RecoveryStore next(root());
    const QList<RecoveredBuffer> buffers = next.claimOrphans();
    QCOMPARE(buffers.size(), 1);
    QCOMPARE(buffers.first().text, QStringLiteral("kept"));
}

void TestRecoveryStore::newestCopyOfAFileWins()
{
    killedInstance(QStringLiteral("/project/app.js"), QStringLiteral("older"));
    QTest::qWait(20); // distinct save times
    killedInstance(QStringLiteral("/project/app.js"), QStringLiteral("newer"));
    killedInstance(QStringLiteral("/project/other.js"), QStringLiteral("other"));

    RecoveryStore next(root());
    const QList<RecoveredBuffer> buffers = next.claimOrphans();
    QCOMPARE(buffers.size(), 2);
    for (const RecoveredBuffer &buffer : buffers) {
        if (buffer.filePath == QLatin1String("/project/app.js"))
            QCOMPARE(buffer.text, QStringLiteral("newer"));
        else
            QCOMPARE(buffer.text, QStringLiteral("other"));
    }
    next.discardClaimed();
    QCOMPARE(folderCount(), 0);
}

void TestRecoveryStore::killedInstanceWithoutEditsLeavesNothing()
{
    // An instance killed after all its buffers were saved leaves an empty folder (and no
    // live lock): nothing to offer, and it is tidied away.
    QVERIFY(QDir().mkpath(root() + QStringLiteral("/12345-0")));
    RecoveryStore next(root());
    QVERIFY(next.claimOrphans().isEmpty());
    QCOMPARE(folderCount(), 0);
}

void TestRecoveryStore::unwritableRootIsReported()
{
    QFile blocker(m_root->filePath(QStringLiteral("not-a-folder")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    RecoveryStore store(blocker.fileName() + QStringLiteral("/recovery"));
    QString error;
    QVERIFY(!store.store(QStringLiteral("/project/a.js"), QStringLiteral("x"), &error));
    QVERIFY2(error.contains(QLatin1String("not-a-folder")), qPrintable(error));
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc == 5 && qstrcmp(argv[1], "--store-and-die") == 0)
        return storeAndDie(
            QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]), QString::fromLocal8Bit(argv[4]));
    TestRecoveryStore test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_recoverystore.moc"
