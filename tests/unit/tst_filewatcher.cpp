// SPDX-License-Identifier: MIT
// FileWatcher: each way an editor saves a file is seen as exactly one save, with
// the file's whole new content in place when it is reported.

#include "session/filewatcher.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <fcntl.h>
#include <unistd.h>

using namespace graft;

namespace {

bool writeAll(const QString &path, const QByteArray &bytes, QIODevice::OpenMode mode = QIODevice::WriteOnly)
{
    QFile file(path);
    return file.open(mode) && file.write(bytes) == bytes.size();
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestFileWatcher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void truncateAndWriteIsOneSave();
    void truncateThenWriteInTwoOpensIsOneCompleteSave();
    void renameIntoPlaceIsOneSave();
    void fileEmptiedOnPurposeIsASave();
    void unwatchedFilesAreIgnored();

private:
    // Waits for the save to be reported, then a little longer for any duplicate.
    void expectOneSave(QSignalSpy &spy, const QByteArray &content);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_file;
};

void TestFileWatcher::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_file = m_dir->filePath(QStringLiteral("app.js"));
    QVERIFY(writeAll(m_file, "let v = 1;\n"));
}

void TestFileWatcher::expectOneSave(QSignalSpy &spy, const QByteArray &content)
{
    QVERIFY(spy.wait(5000));
    QTest::qWait(150); // longer than any wait of the watcher's own
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.first().first().toString(), m_file);
    QCOMPARE(readAll(m_file), content);
}

void TestFileWatcher::truncateAndWriteIsOneSave()
{
    FileWatcher watcher;
    watcher.watch(m_file);
    QSignalSpy saved(&watcher, &FileWatcher::saved);
    QVERIFY(writeAll(m_file, "let v = 2;\n", QIODevice::WriteOnly | QIODevice::Truncate));
    expectOneSave(saved, "let v = 2;\n");
}

void TestFileWatcher::truncateThenWriteInTwoOpensIsOneCompleteSave()
{
    FileWatcher watcher;
    watcher.watch(m_file);
    QSignalSpy saved(&watcher, &FileWatcher::saved);
    // Some editors empty the file, close it, and reopen it to write: the empty
    // moment in between is not a save of an empty program.
    const int fd = ::open(QFile::encodeName(m_file).constData(), O_WRONLY | O_TRUNC);
    QVERIFY(fd >= 0);
    ::close(fd);
    QTest::qWait(5);
    QVERIFY(writeAll(m_file, "let v = 3;\n", QIODevice::WriteOnly | QIODevice::Append));
    QVERIFY(saved.wait(5000));
    QCOMPARE(readAll(m_file), QByteArray("let v = 3;\n"));
    QTest::qWait(150);
    QCOMPARE(saved.size(), 1);
}

void TestFileWatcher::renameIntoPlaceIsOneSave()
{
    FileWatcher watcher;
    watcher.watch(m_file);
    QSignalSpy saved(&watcher, &FileWatcher::saved);
    const QString temporary = m_dir->filePath(QStringLiteral(".app.js.tmp"));
    QVERIFY(writeAll(temporary, "let v = 4;\n"));
    QVERIFY(::rename(QFile::encodeName(temporary).constData(), QFile::encodeName(m_file).constData()) == 0);
    expectOneSave(saved, "let v = 4;\n");

    // The watch follows the new inode: the next save is seen too.
    saved.clear();
    QVERIFY(writeAll(m_file, "let v = 5;\n", QIODevice::WriteOnly | QIODevice::Truncate));
    expectOneSave(saved, "let v = 5;\n");
}

void TestFileWatcher::fileEmptiedOnPurposeIsASave()
{
    FileWatcher watcher;
    watcher.watch(m_file);
    QSignalSpy saved(&watcher, &FileWatcher::saved);
    QVERIFY(writeAll(m_file, QByteArray(), QIODevice::WriteOnly | QIODevice::Truncate));
    expectOneSave(saved, QByteArray());
}

void TestFileWatcher::unwatchedFilesAreIgnored()
{
    FileWatcher watcher;
    watcher.watch(m_file);
    QSignalSpy saved(&watcher, &FileWatcher::saved);
    QVERIFY(writeAll(m_dir->filePath(QStringLiteral("other.js")), "x"));
    watcher.unwatchAll();
    QVERIFY(writeAll(m_file, "let v = 6;\n", QIODevice::WriteOnly | QIODevice::Truncate));
    QTest::qWait(150);
    QCOMPARE(saved.size(), 0);
}

QTEST_GUILESS_MAIN(TestFileWatcher)
#include "tst_filewatcher.moc"
