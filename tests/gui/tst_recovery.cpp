// SPDX-License-Identifier: MIT
// Unsaved buffers survive a killed workbench. The victim is a real MainWindow in a
// child process (this test binary started with --victim): it types an edit into
// the editor with key events, waits for the autosave, and is killed with SIGKILL.
// The next window must offer the edit back, and restore, discard or keep it.

#include "editor/bufferrecovery.h"
#include "editor/codeeditor.h"
#include "editor/editorarea.h"
#include "editor/editortab.h"
#include "editor/recoverybar.h"
#include "window/mainwindow.h"
#include "workbenchfixture.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QtTest>

#include <cstdio>

using namespace graft;
using namespace graft::test;

namespace {

const QString kTyped = QStringLiteral("// typed before the crash\n");

QString readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// Child mode: a workbench with one unsaved, autosaved edit, waiting to be killed.
int runVictim(const QString &file)
{
    WorkbenchFixture::initTestCase();
    WorkbenchFixture bench;
    if (!bench.init())
        return 2;
    MainWindow *window = bench.open(file, /*run=*/false);
    if (!window)
        return 3;
    bench.editor()->setFocus();
    bench.editor()->setCursorPosition(0, 0);
    QTest::keyClicks(bench.editor(), kTyped.chopped(1));
    QTest::keyClick(bench.editor(), Qt::Key_Return);
    const RecoveryStore &store = window->bufferRecovery()->store();
    if (!QTest::qWaitFor([&] { return store.storedFiles().contains(file); }, kTimeout))
        return 4;
    std::puts("autosaved");
    std::fflush(stdout);
    return QApplication::exec(); // until killed
}

} // namespace

class TestRecovery : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { WorkbenchFixture::initTestCase(); }
    void init();
    void cleanup();
    void killedWindowsEditIsOfferedAndRestored();
    void discardedEditIsNotOfferedAgain();
    void ignoredOfferIsMadeAgainNextStart();
    void editToADeletedFileRecreatesItOnSave();
    void savedOrCleanlyClosedBuffersLeaveNothing();

private:
    // Runs a victim window on `file` and kills it after its autosave.
    void killWindowWithUnsavedEdit(const QString &file);
    RecoveryBar *bar() const;

    WorkbenchFixture m_bench;
};

void TestRecovery::init()
{
    QVERIFY(m_bench.init());
    QDir(RecoveryStore::defaultRoot()).removeRecursively();
}

void TestRecovery::cleanup()
{
    m_bench.cleanup();
    QDir(RecoveryStore::defaultRoot()).removeRecursively();
}

RecoveryBar *TestRecovery::bar() const
{
    return m_bench.window()->findChild<RecoveryBar *>(QStringLiteral("recoveryBar"));
}

void TestRecovery::killWindowWithUnsavedEdit(const QString &file)
{
    QProcess victim;
    victim.start(QCoreApplication::applicationFilePath(), { QStringLiteral("--victim"), file });
    QVERIFY(victim.waitForStarted());
    QVERIFY2(
        QTest::qWaitFor([&] { return victim.canReadLine() || victim.state() == QProcess::NotRunning; }, 3 * kTimeout),
        "the victim never autosaved");
    QCOMPARE(victim.readLine().trimmed(), QByteArray("autosaved"));

    // While it runs, its buffers are its own: a window starting now is offered nothing.
    {
        RecoveryStore other;
        QVERIFY(other.claimOrphans().isEmpty());
    }
    victim.kill(); // SIGKILL: no destructor, no exit handler
    QVERIFY(victim.waitForFinished(kTimeout));
}

void TestRecovery::killedWindowsEditIsOfferedAndRestored()
{
    const QString file = m_bench.copyProgram(QStringLiteral("counter.js"));
    const QString onDisk = readFile(file);
    killWindowWithUnsavedEdit(file);
    QCOMPARE(readFile(file), onDisk); // the kill lost nothing and wrote nothing

    QVERIFY(m_bench.open(file, /*run=*/false));
    QVERIFY(bar()->isVisible());
    const QString offer = bar()->findChild<QLabel *>(QStringLiteral("recoveryLabel"))->text();
    QVERIFY2(offer.contains(QLatin1String("counter.js")), qPrintable(offer));
    QCOMPARE(m_bench.editor()->text(), onDisk); // nothing applied before the user says so

    QTest::mouseClick(bar()->findChild<QPushButton *>(QStringLiteral("recoveryRestoreButton")), Qt::LeftButton);
    QVERIFY(!bar()->isVisible());
    EditorTab *tab = m_bench.window()->editorArea()->tabForFile(file);
    QVERIFY(tab);
    QCOMPARE(tab->editor()->text(), kTyped + onDisk);
    QVERIFY(tab->isModified());
    QVERIFY(tab->title().endsWith(QStringLiteral("•")));
    QCOMPARE(readFile(file), onDisk); // restored into the editor, not onto the disk
    // The restored edit is this window's now: killed again, it would be offered again.
    QVERIFY(m_bench.window()->bufferRecovery()->store().storedFiles().contains(file));

    // Undo shows the file as it is on disk; redo brings the edit back; Ctrl+S saves it.
    tab->editor()->setFocus();
    m_bench.window()->findChild<QAction *>(QStringLiteral("undoAction"))->trigger();
    QCOMPARE(tab->editor()->text(), onDisk);
    m_bench.window()->findChild<QAction *>(QStringLiteral("redoAction"))->trigger();
    QCOMPARE(tab->editor()->text(), kTyped + onDisk);
    QTest::keyClick(tab->editor(), Qt::Key_S, Qt::ControlModifier);
    QCOMPARE(readFile(file), kTyped + onDisk);
}

void TestRecovery::discardedEditIsNotOfferedAgain()
{
    const QString file = m_bench.copyProgram(QStringLiteral("counter.js"));
    const QString onDisk = readFile(file);
    killWindowWithUnsavedEdit(file);

    QVERIFY(m_bench.open(file, false));
    QVERIFY(bar()->isVisible());
    QTest::mouseClick(bar()->findChild<QPushButton *>(QStringLiteral("recoveryDiscardButton")), Qt::LeftButton);
    QVERIFY(!bar()->isVisible());
    QCOMPARE(m_bench.editor()->text(), onDisk);

    QVERIFY(m_bench.open(file, false)); // the next start
    QVERIFY(!bar()->isVisible());
}

void TestRecovery::ignoredOfferIsMadeAgainNextStart()
{
    const QString file = m_bench.copyProgram(QStringLiteral("counter.js"));
    killWindowWithUnsavedEdit(file);

    QVERIFY(m_bench.open(file, false));
    QVERIFY(bar()->isVisible());
    QVERIFY(m_bench.open(file, false)); // closed without answering, started again
    QVERIFY(bar()->isVisible());
    QTest::mouseClick(bar()->findChild<QPushButton *>(QStringLiteral("recoveryRestoreButton")), Qt::LeftButton);
    QVERIFY(m_bench.editor()->text().startsWith(kTyped));
}

void TestRecovery::editToADeletedFileRecreatesItOnSave()
{
    const QString file = m_bench.copyProgram(QStringLiteral("counter.js"));
    const QString onDisk = readFile(file);
    killWindowWithUnsavedEdit(file);
    QVERIFY(QFile::remove(file));

    QVERIFY(m_bench.open(m_bench.copyProgram(QStringLiteral("thrower.js")), false));
    QVERIFY(bar()->isVisible());
    QTest::mouseClick(bar()->findChild<QPushButton *>(QStringLiteral("recoveryRestoreButton")), Qt::LeftButton);
    EditorTab *tab = m_bench.window()->editorArea()->currentTab();
    QVERIFY(tab);
    QCOMPARE(tab->filePath(), file);
    QVERIFY(tab->isModified());
    const QString info = tab->findChild<QLabel *>(QStringLiteral("editorInfoLabel"))->text();
    QVERIFY2(info.contains(QLatin1String("no longer exists")), qPrintable(info));

    QTest::keyClick(tab->editor(), Qt::Key_S, Qt::ControlModifier);
    QCOMPARE(readFile(file), kTyped + onDisk);
}

void TestRecovery::savedOrCleanlyClosedBuffersLeaveNothing()
{
    const QString file = m_bench.copyProgram(QStringLiteral("counter.js"));
    QVERIFY(m_bench.open(file, false));
    const RecoveryStore &store = m_bench.window()->bufferRecovery()->store();
    m_bench.editor()->setFocus();
    QTest::keyClicks(m_bench.editor(), QStringLiteral("// edit"));
    QVERIFY(QTest::qWaitFor([&] { return store.storedFiles().contains(file); }, kTimeout));

    QTest::keyClick(m_bench.editor(), Qt::Key_S, Qt::ControlModifier);
    QVERIFY(QTest::qWaitFor([&] { return store.storedFiles().isEmpty(); }, kTimeout));

    QTest::keyClicks(m_bench.editor(), QStringLiteral("// another"));
    QVERIFY(QTest::qWaitFor([&] { return store.storedFiles().contains(file); }, kTimeout));
    m_bench.cleanup(); // a clean exit (the quit question is the workbench's own test)
    QVERIFY(QDir(RecoveryStore::defaultRoot()).entryList(QDir::Dirs | QDir::NoDotAndDotDot).isEmpty());
}

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    if (argc == 3 && qstrcmp(argv[1], "--victim") == 0)
        return runVictim(QString::fromLocal8Bit(argv[2]));
    TestRecovery test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_recovery.moc"
