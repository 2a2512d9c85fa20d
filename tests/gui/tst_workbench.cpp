// SPDX-License-Identifier: MIT
// The workbench's live editing end to end, offscreen: a real MainWindow drives a
// real graft-runtime running small programs copied to a temporary folder. Edits are
// typed with key events and saved with Ctrl+S, as a person would.

#include "editor/codeeditor.h"
#include "editor/editorarea.h"
#include "editor/editortab.h"
#include "editor/errorsquiggle.h"
#include "editor/patchmarkers.h"
#include "panes/changelistmodel.h"
#include "panes/changesdock.h"
#include "panes/changesmodel.h"
#include "panes/outputmodel.h"
#include "panes/runtimedock.h"
#include "panes/scriptsdock.h"
#include "panes/scriptsfiltermodel.h"
#include "panes/scriptsmodel.h"
#include "patch/sourcefile.h"
#include "window/mainwindow.h"
#include "workbenchfixture.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QDir>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>

using namespace graft;
using namespace graft::test;

class TestWorkbench : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { WorkbenchFixture::initTestCase(QStringLiteral(GRAFT_SCREENSHOT_DIR)); }
    void init() { QVERIFY(m_bench.init()); }
    void cleanup() { m_bench.cleanup(); }
    void typedEditAppliesLiveAndCounterSurvives();
    void syntaxErrorIsAnnotatedAndOldCodeKeepsRunning();
    void saveByAnotherEditorReloadsTheBuffer();
    void editingKeysFindReplaceAndGoToLine();
    void quittingWithUnsavedEditsAsks();

private:
    WorkbenchFixture m_bench;
};

void TestWorkbench::typedEditAppliesLiveAndCounterSurvives()
{
    const QString file = m_bench.copyProgram(QStringLiteral("counter.js"));
    QVERIFY(m_bench.open(file));
    // The models as the live session feeds them.
    const auto mode = QAbstractItemModelTester::FailureReportingMode::QtTest;
    QAbstractItemModelTester scriptsTester(m_bench.window()->scriptsDock()->scriptsModel(), mode);
    QAbstractItemModelTester filterTester(m_bench.window()->scriptsDock()->filterModel(), mode);
    QAbstractItemModelTester outputTester(m_bench.window()->runtimeDock()->outputModel(), mode);
    QAbstractItemModelTester changesTester(m_bench.window()->changesDock()->changesModel(), mode);
    QAbstractItemModelTester changeListTester(m_bench.window()->changesDock()->changeListModel(), mode);
    QTRY_VERIFY_WITH_TIMEOUT(counters(m_bench.output(), QStringLiteral("original")).size() >= 3, kTimeout);

    const int line = m_bench.placeCursorAfter(QStringLiteral("return s"));
    QVERIFY(line >= 0);
    QTest::keyClicks(m_bench.editor(), QStringLiteral(" + ' live'"));
    EditorTab *tab = m_bench.window()->editorArea()->currentTab();
    QVERIFY(tab->isModified());
    QVERIFY(tab->title().endsWith(QStringLiteral("•")));

    const int before = counters(m_bench.output(), QStringLiteral("original")).last();
    QTest::keyClick(m_bench.editor(), Qt::Key_S, Qt::ControlModifier);
    QVERIFY(!tab->isModified());
    QVERIFY(readSourceFile(file).text.contains(QStringLiteral("return s + ' live'")));

    // The program's next lines use the new m(), and the counter went on from where it was.
    QTRY_VERIFY_WITH_TIMEOUT(!counters(m_bench.output(), QStringLiteral("original live")).isEmpty(), kTimeout);
    const int firstLive = counters(m_bench.output(), QStringLiteral("original live")).first();
    QVERIFY2(firstLive > before, qPrintable(QStringLiteral("%1 after %2").arg(firstLive).arg(before)));
    QTRY_VERIFY_WITH_TIMEOUT(
        counters(m_bench.output(), QStringLiteral("original live")).last() >= firstLive + 2, kTimeout);

    // The save shows up: the Changes history, the patched function's marker, the status bar.
    ChangesModel *changes = m_bench.window()->changesDock()->changesModel();
    QTRY_VERIFY_WITH_TIMEOUT(changes->rowCount() >= 1, kTimeout);
    QCOMPARE(changes->index(0, ChangesModel::StatusColumn).data().toString(), QStringLiteral("applied"));
    QCOMPARE(m_bench.editor()->patchMarkers()->markedLines(PatchMarkers::Patched), QList<int> { line + 1 });
    QCOMPARE(m_bench.editor()->errorSquiggle()->annotatedLine(), 0);
    // The session's file watcher saw this save too; it must not be reported twice.
    QCOMPARE(changes->rowCount(), 1);

    const QImage shot = m_bench.window()->grab().toImage();
    QVERIFY(shot.width() >= 800 && shot.height() >= 600);
    QVERIFY(shot.save(QStringLiteral(GRAFT_SCREENSHOT_DIR "/workbench.png")));
}

void TestWorkbench::syntaxErrorIsAnnotatedAndOldCodeKeepsRunning()
{
    const QString file = m_bench.copyProgram(QStringLiteral("counter.js"));
    QVERIFY(m_bench.open(file));
    QTRY_VERIFY_WITH_TIMEOUT(counters(m_bench.output(), QStringLiteral("original")).size() >= 2, kTimeout);

    const int line = m_bench.placeCursorAfter(QStringLiteral("return s;"));
    QVERIFY(line >= 0);
    QTest::keyClicks(m_bench.editor(), QStringLiteral(" )"));
    QTest::keyClick(m_bench.editor(), Qt::Key_S, Qt::ControlModifier);

    QTRY_COMPARE_WITH_TIMEOUT(m_bench.editor()->errorSquiggle()->annotatedLine(), line + 1, kTimeout);
    QVERIFY2(m_bench.editor()->annotation(line).contains(QStringLiteral("SyntaxError")),
        qPrintable(m_bench.editor()->annotation(line)));
    QCOMPARE(m_bench.window()->changesDock()->changesModel()->index(0, ChangesModel::StatusColumn).data().toString(),
        QStringLiteral("compile-error"));
    QVERIFY(m_bench.editor()->text().contains(QStringLiteral("return s; )"))); // the user's text stays

    // The old code keeps running: more lines, same text, the counter still counting.
    const int seen = counters(m_bench.output(), QStringLiteral("original")).size();
    QTRY_VERIFY_WITH_TIMEOUT(counters(m_bench.output(), QStringLiteral("original")).size() >= seen + 3, kTimeout);
    const QList<int> numbers = counters(m_bench.output(), QStringLiteral("original"));
    for (qsizetype i = 1; i < numbers.size(); ++i)
        QCOMPARE(numbers.at(i), numbers.at(i - 1) + 1);
    QVERIFY(!m_bench.output().contains(QStringLiteral("Uncaught")));
    // The session's file watcher saw the save as well: still one report, not two.
    QCOMPARE(m_bench.window()->changesDock()->changesModel()->rowCount(), 1);
    QVERIFY(m_bench.window()->grab().save(QStringLiteral(GRAFT_SCREENSHOT_DIR "/compile-error.png")));
}

void TestWorkbench::saveByAnotherEditorReloadsTheBuffer()
{
    const QString file = m_bench.copyProgram(QStringLiteral("counter.js"));
    QVERIFY(m_bench.open(file));
    QTRY_VERIFY_WITH_TIMEOUT(counters(m_bench.output(), QStringLiteral("original")).size() >= 2, kTimeout);

    QString text = m_bench.editor()->text();
    // m() must still read s: a function that stops capturing a variable is not
    // patched in existing closures (LiveEdit), and the program would go on as before.
    text.replace(QStringLiteral("return s;"), QStringLiteral("return s + ' elsewhere';"));
    {
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(text.toUtf8());
    }
    QTRY_VERIFY_WITH_TIMEOUT(!counters(m_bench.output(), QStringLiteral("original elsewhere")).isEmpty(), kTimeout);
    QTRY_COMPARE_WITH_TIMEOUT(m_bench.editor()->text(), text, kTimeout);
    EditorTab *tab = m_bench.window()->editorArea()->currentTab();
    QVERIFY(!tab->isModified());

    // With unsaved edits the buffer is not replaced: the tab asks first.
    m_bench.placeCursorAfter(QStringLiteral("let counter = 0;"));
    QTest::keyClicks(m_bench.editor(), QStringLiteral(" // mine"));
    text.replace(QStringLiteral("' elsewhere'"), QStringLiteral("' again'"));
    {
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(text.toUtf8());
    }
    auto *infoBar = tab->findChild<QWidget *>(QStringLiteral("editorInfoBar"));
    QTRY_VERIFY_WITH_TIMEOUT(infoBar->isVisible(), kTimeout);
    QVERIFY(m_bench.editor()->text().contains(QStringLiteral("// mine")));
    // The program runs what is on disk, whatever the buffer holds.
    QTRY_VERIFY_WITH_TIMEOUT(!counters(m_bench.output(), QStringLiteral("original again")).isEmpty(), kTimeout);
    tab->findChild<QPushButton *>(QStringLiteral("editorReloadButton"))->click();
    QCOMPARE(m_bench.editor()->text(), text);
    QVERIFY(!tab->isModified());
    QVERIFY(!infoBar->isVisible());
}

void TestWorkbench::editingKeysFindReplaceAndGoToLine()
{
    const QString file = m_bench.copyProgram(QStringLiteral("counter.js"));
    QVERIFY(m_bench.open(file, false));
    const QString original = m_bench.editor()->text();
    m_bench.placeCursorAfter(QStringLiteral("let counter = 0;"));
    QTest::keyClicks(m_bench.editor(), QStringLiteral(" // typed"));
    QVERIFY(m_bench.editor()->text() != original);

    // Ctrl+Z belongs to the Undo action (QScintilla's own binding is removed).
    QAction *undo = m_bench.window()->findChild<QAction *>(QStringLiteral("undoAction"));
    QVERIFY(undo);
    QSignalSpy undone(undo, &QAction::triggered);
    while (m_bench.editor()->isUndoAvailable())
        QTest::keyClick(m_bench.editor(), Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(undone.count() > 0);
    QCOMPARE(m_bench.editor()->text(), original);

    // Ctrl+F: the find bar selects the next match; Ctrl+H replaces them all as one undo step.
    m_bench.editor()->setCursorPosition(0, 0);
    QTest::keyClick(m_bench.editor(), Qt::Key_F, Qt::ControlModifier);
    auto *findBar = m_bench.window()->findChild<QWidget *>(QStringLiteral("findBar"));
    auto *findEdit = m_bench.window()->findChild<QLineEdit *>(QStringLiteral("findEdit"));
    QVERIFY(findBar->isVisible());
    QTest::keyClicks(findEdit, QStringLiteral("counter"));
    QCOMPARE(m_bench.editor()->selectedText(), QStringLiteral("counter"));
    QTest::keyClick(m_bench.editor(), Qt::Key_H, Qt::ControlModifier);
    auto *replaceEdit = m_bench.window()->findChild<QLineEdit *>(QStringLiteral("replaceEdit"));
    QVERIFY(replaceEdit->isVisible());
    QTest::keyClicks(replaceEdit, QStringLiteral("tally"));
    m_bench.window()->findChild<QPushButton *>(QStringLiteral("replaceAllButton"))->click();
    QCOMPARE(m_bench.editor()->text(), QString(original).replace(QStringLiteral("counter"), QStringLiteral("tally")));
    QTest::keyClick(m_bench.editor(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(m_bench.editor()->text(), original);
    QTest::keyClick(findEdit, Qt::Key_Escape);
    QVERIFY(!findBar->isVisible());

    // Ctrl+G asks for a line (without blocking) and goes there.
    QTest::keyClick(m_bench.editor(), Qt::Key_G, Qt::ControlModifier);
    QInputDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_bench.window()->findChild<QInputDialog *>(QStringLiteral("goToLineDialog"))) != nullptr);
    dialog->setIntValue(6);
    dialog->accept();
    int line = -1;
    int index = -1;
    m_bench.editor()->getCursorPosition(&line, &index);
    QCOMPARE(line, 5);
}

void TestWorkbench::quittingWithUnsavedEditsAsks()
{
    const QString file = m_bench.copyProgram(QStringLiteral("counter.js"));
    QVERIFY(m_bench.open(file));
    m_bench.placeCursorAfter(QStringLiteral("return s;"));
    QTest::keyClicks(m_bench.editor(), QStringLiteral(" // unsaved"));
    QVERIFY(!m_bench.window()->close()); // refused for now: a question is asked
    QMessageBox *question = nullptr;
    QTRY_VERIFY((question = m_bench.window()->findChild<QMessageBox *>(QStringLiteral("quitQuestion"))) != nullptr);
    QTRY_VERIFY(question->isVisible());
    QVERIFY(m_bench.window()->isVisible());
    question->button(QMessageBox::Discard)->click();
    QTRY_VERIFY(!m_bench.window()->isVisible());
    QVERIFY(!readSourceFile(file).text.contains(QStringLiteral("unsaved"))); // discarded, not saved
}

QTEST_MAIN(TestWorkbench)
#include "tst_workbench.moc"
