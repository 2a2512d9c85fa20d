// SPDX-License-Identifier: MIT
// Help and demos as a user finds them: the About dialog's versions (from the
// running program, or from graft-runtime when nothing runs), the shortcut list
// generated from the window's actions, and every demo run from the Demos menu.
#include "editor/editorarea.h"
#include "editor/editortab.h"
#include "editor/qscintilla.h"
#include "session/livesession.h"
#include "window/aboutdialog.h"
#include "window/demofinder.h"
#include "window/demoscratch.h"
#include "window/mainwindow.h"
#include "window/shortcutsdialog.h"
#include "workbenchfixture.h"

#include <QAction>
#include <QDir>
#include <QLabel>
#include <QMenu>
#include <QSignalSpy>
#include <QTreeView>
#include <QtTest>

using namespace graft;
using namespace graft::test;

class TestHelp : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { WorkbenchFixture::initTestCase(QStringLiteral(GRAFT_SCREENSHOT_DIR)); }
    void init() { QVERIFY(m_bench.init()); }
    void cleanup() { m_bench.cleanup(); }

    void aboutNamesEveryVersion();
    void aboutAsksTheRuntimeWhenNothingRuns();
    void shortcutListIsTheWindowsActions();
    void demosMenuRunsEveryDemo();

private:
    WorkbenchFixture m_bench;
};

void TestHelp::aboutNamesEveryVersion()
{
    MainWindow *window = m_bench.open(m_bench.copyProgram(QStringLiteral("counter.js")));
    QVERIFY(window);
    QTRY_VERIFY_WITH_TIMEOUT(!window->session()->nodeVersion().isEmpty(), kTimeout);
    AboutDialog *about = window->showAbout();
    QVERIFY(about->isVisible());
    QVERIFY(
        about->findChild<QLabel *>(QStringLiteral("aboutQtVersion"))->text().contains(QString::fromLatin1(qVersion())));
    QCOMPARE(about->findChild<QLabel *>(QStringLiteral("aboutQScintillaVersion"))->text(),
        QStringLiteral(QSCINTILLA_VERSION_STR));
    // What the running program's process.versions says.
    QCOMPARE(about->nodeVersion(), window->session()->nodeVersion());
    QCOMPARE(about->v8Version(), window->session()->v8Version());
    QVERIFY(QRegularExpression(QStringLiteral("^v\\d+\\.\\d+\\.\\d+$")).match(about->nodeVersion()).hasMatch());
    QVERIFY(about->findChild<QLabel *>(QStringLiteral("aboutIntro"))
                ->text()
                .contains(QCoreApplication::applicationVersion()));
    QVERIFY(about->grab().save(QStringLiteral(GRAFT_SCREENSHOT_DIR "/about.png")));
}

void TestHelp::aboutAsksTheRuntimeWhenNothingRuns()
{
    MainWindow *window = m_bench.open(m_bench.copyProgram(QStringLiteral("counter.js")), false);
    QVERIFY(window);
    AboutDialog *about = window->showAbout();
    QSignalSpy known(about, &AboutDialog::runtimeVersionsKnown);
    QVERIFY(known.wait(kTimeout));
    QVERIFY2(QRegularExpression(QStringLiteral("^v\\d+\\.\\d+\\.\\d+$")).match(about->nodeVersion()).hasMatch(),
        qPrintable(about->nodeVersion()));
    QVERIFY(QRegularExpression(QStringLiteral("^\\d+\\.\\d+\\.\\d+")).match(about->v8Version()).hasMatch());
    about->close();

    // A missing runtime is said, not hidden.
    RuntimeLaunch launch = window->session()->launch();
    launch.runtimePath = QStringLiteral("/nonexistent/graft-runtime");
    window->session()->setLaunch(launch);
    QTRY_VERIFY(!window->findChild<AboutDialog *>()); // the closed one is gone
    about = window->showAbout();
    QSignalSpy failed(about, &AboutDialog::runtimeVersionsKnown);
    QVERIFY(failed.wait(kTimeout));
    QVERIFY2(about->nodeVersion().contains(QStringLiteral("cannot start /nonexistent/graft-runtime")),
        qPrintable(about->nodeVersion()));
}

void TestHelp::shortcutListIsTheWindowsActions()
{
    MainWindow *window = m_bench.open(m_bench.copyProgram(QStringLiteral("counter.js")), false);
    QVERIFY(window);
    QTest::keyClick(window, Qt::Key_F1);
    auto *dialog = window->findChild<ShortcutsDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QAbstractItemModel *model = dialog->view()->model();

    QHash<QString, QString> keysOf;
    for (int row = 0; row < model->rowCount(); ++row)
        keysOf.insert(model->index(row, 0).data().toString(), model->index(row, 1).data().toString());
    QCOMPARE(keysOf.value(QStringLiteral("Save and Apply")),
        QKeySequence(QKeySequence::Save).toString(QKeySequence::NativeText));
    QCOMPARE(keysOf.value(QStringLiteral("Presenter Mode")), QStringLiteral("Ctrl+Alt+P"));
    QVERIFY(keysOf.value(QStringLiteral("Zoom In")).startsWith(QStringLiteral("Ctrl+=")));
    QCOMPARE(keysOf.value(QStringLiteral("Keyboard Shortcuts")), QStringLiteral("F1"));
    // Interrupt and Stop are two commands, as in IDEs.
    QVERIFY2(keysOf.value(QStringLiteral("Interrupt")).startsWith(QStringLiteral("Ctrl+Pause")),
        qPrintable(keysOf.value(QStringLiteral("Interrupt"))));
    QCOMPARE(keysOf.value(QStringLiteral("Stop")), QStringLiteral("Shift+F5"));
    QVERIFY(!keysOf.contains(QString())); // every row names its command
    // Every action of the window that has a shortcut is listed, each once.
    int withShortcut = 0;
    for (QAction *action : window->findChildren<QAction *>())
        withShortcut += action->shortcuts().isEmpty() || action->menu() ? 0 : 1;
    QCOMPARE(model->rowCount(), withShortcut);
    QVERIFY(withShortcut >= 20);

    QVERIFY(dialog->grab().save(QStringLiteral(GRAFT_SCREENSHOT_DIR "/shortcuts.png")));
    dialog->setFilter(QStringLiteral("zoom"));
    QCOMPARE(model->rowCount(), 3);
}

void TestHelp::demosMenuRunsEveryDemo()
{
    MainWindow *window = m_bench.open(m_bench.copyProgram(QStringLiteral("counter.js")), false);
    QVERIFY(window);
    auto *menu = window->findChild<QMenu *>(QStringLiteral("demosMenu"));
    QVERIFY(menu);
    QStringList labels;
    for (QAction *action : menu->actions())
        labels << action->text();
    QStringList sorted = labels;
    sorted.sort();
    QCOMPARE(sorted,
        (QStringList { QStringLiteral("http-server.js"), QStringLiteral("multi-module/"),
            QStringLiteral("simulation.js"), QStringLiteral("writeup-2016.js") }));
    const QList<DemoProgram> demos = demoPrograms();
    QCOMPARE(demos.size(), labels.size());
    for (int i = 0; i < demos.size(); ++i) {
        QSignalSpy ready(window->session(), &LiveSession::ready);
        QSignalSpy output(window->session(), &LiveSession::output);
        menu->actions().at(i)->trigger();
        // A scratch copy runs, never the shipped file (tst_controlsgui checks edits stay there).
        const QString copy
            = QDir(demoScratchDirectory()).absoluteFilePath(QDir(demosDirectory()).relativeFilePath(demos.at(i).entry));
        QCOMPARE(window->editorArea()->currentTab()->filePath(), copy);
        QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty(), kTimeout);
        QCOMPARE(ready.first().at(0).toString(), copy);
        QTRY_VERIFY_WITH_TIMEOUT(!output.isEmpty(), kTimeout); // the demo itself prints
    }
}

QTEST_MAIN(TestHelp)
#include "tst_help.moc"
