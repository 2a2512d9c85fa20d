// SPDX-License-Identifier: MIT
// The Changes and Closures panes end to end, offscreen, on the write-up's case: a
// program prints `counter m()` on a timer, m() returns s; the edit makes s
// 'updated' and m() return s + '*'. LiveEdit patches m() but keeps s's old value,
// and the panes must say so, side by side, until Re-initialize fixes it.

#include "editor/codeeditor.h"
#include "editor/editorarea.h"
#include "editor/editortab.h"
#include "editor/patchmarkers.h"
#include "panes/bindinglistmodel.h"
#include "panes/changelistmodel.h"
#include "panes/changesdock.h"
#include "panes/changesmodel.h"
#include "panes/closuresdock.h"
#include "panes/closuresmodel.h"
#include "panes/livepanels.h"
#include "panes/runtimedock.h"
#include "window/mainwindow.h"
#include "workbenchfixture.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QTreeView>
#include <QtTest>

using namespace graft;
using namespace graft::test;

class TestChangesClosures : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { WorkbenchFixture::initTestCase(QStringLiteral(GRAFT_SCREENSHOT_DIR)); }
    void init() { QVERIFY(m_bench.init()); }
    void cleanup() { m_bench.cleanup(); }
    void staleBindingShownAndReinitialized();
    void selectingAChangeJumpsToItsLine();
    void revertRunsTheOldCodeAgain();
    void restartLeavesNothingStale();
    void revertOffersTheRevertedCodeToTheEditor_data();
    void revertOffersTheRevertedCodeToTheEditor();

private:
    // Opens the program, makes the write-up's edit and waits for its patch.
    bool openAndPatchWriteup();
    QList<int> printed(const QString &suffix) const { return counters(m_bench.output(), suffix); }
    ChangesDock *changes() const { return m_bench.window()->changesDock(); }
    ClosuresDock *closures() const { return m_bench.window()->closuresDock(); }
    QString variableColumn(const QString &name, int column) const
    {
        return closures()->closuresModel()->findVariable(name).siblingAtColumn(column).data().toString();
    }
    static void click(QTableView *view, int row)
    {
        const QRect rect = view->visualRect(view->model()->index(row, 0));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
    }

    WorkbenchFixture m_bench;
};

bool TestChangesClosures::openAndPatchWriteup()
{
    if (!m_bench.open(m_bench.copyProgram(QStringLiteral("counter.js"))) || !m_bench.typeWriteupEditAndSave())
        return false;
    return QTest::qWaitFor([this] { return changes()->changesModel()->rowCount() == 1; }, kTimeout);
}

void TestChangesClosures::staleBindingShownAndReinitialized()
{
    const QString file = m_bench.copyProgram(QStringLiteral("counter.js"));
    QVERIFY(m_bench.open(file));
    // The models as the live session feeds them.
    const auto mode = QAbstractItemModelTester::FailureReportingMode::QtTest;
    QAbstractItemModelTester changesTester(changes()->changesModel(), mode);
    QAbstractItemModelTester changeListTester(changes()->changeListModel(), mode);
    QAbstractItemModelTester bindingListTester(changes()->bindingListModel(), mode);
    QAbstractItemModelTester closuresTester(closures()->closuresModel(), mode);
    QVERIFY(m_bench.typeWriteupEditAndSave());

    // The program runs the new m() with the old s.
    QTRY_VERIFY_WITH_TIMEOUT(!printed(QStringLiteral("original*")).isEmpty(), kTimeout);
    QVERIFY(!m_bench.output().contains(QStringLiteral("updated")));

    // Changes: the newest patch is selected; m changed its body and took effect; s is stale.
    QTRY_COMPARE_WITH_TIMEOUT(changes()->changesModel()->rowCount(), 1, kTimeout);
    QCOMPARE(changes()->historyView()->currentIndex().row(), 0);
    QCOMPARE(
        changes()->changesModel()->index(0, ChangesModel::StatusColumn).data().toString(), QStringLiteral("applied"));
    ChangeListModel *functions = changes()->changeListModel();
    QCOMPARE(functions->rowCount(), 1);
    QCOMPARE(functions->index(0, ChangeListModel::NameColumn).data().toString(), QStringLiteral("m()"));
    QCOMPARE(functions->index(0, ChangeListModel::ChangeColumn).data().toString(), QStringLiteral("body"));
    QCOMPARE(functions->index(0, ChangeListModel::EffectiveColumn).data().toString(), QStringLiteral("yes"));
    BindingListModel *bindings = changes()->bindingListModel();
    QCOMPARE(bindings->rowCount(), 1);
    QCOMPARE(bindings->index(0, 0).data(BindingListModel::NameRole).toString(), QStringLiteral("s"));
    QVERIFY(bindings->index(0, 0).data(BindingListModel::StaleRole).toBool());
    QCOMPARE(bindings->index(0, BindingListModel::LiveColumn).data().toString(), QStringLiteral("\"original\""));
    QCOMPARE(bindings->index(0, BindingListModel::SourceColumn).data().toString(), QStringLiteral("'updated'"));
    QVERIFY(changes()->bindingListView()->isVisible());
    QCOMPARE(m_bench.editor()->patchMarkers()->markedLines(PatchMarkers::StaleBinding), QList<int> { 3 });

    // Closures follows the cursor into m(): s holds "original" where the source says 'updated'.
    ClosuresModel *tree = closures()->closuresModel();
    QTRY_COMPARE_WITH_TIMEOUT(tree->function().name, QStringLiteral("m"), kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(tree->findVariable(QStringLiteral("s")).data(ClosuresModel::StaleRole).toBool(), kTimeout);
    QCOMPARE(variableColumn(QStringLiteral("s"), ClosuresModel::ValueColumn), QStringLiteral("\"original\""));
    QCOMPARE(variableColumn(QStringLiteral("s"), ClosuresModel::SourceColumn), QStringLiteral("'updated'"));
    QVERIFY(variableColumn(QStringLiteral("s"), ClosuresModel::NameColumn).contains(QStringLiteral("stale")));
    QCOMPARE(tree->findVariable(QStringLiteral("s")).data(Qt::BackgroundRole).value<QColor>(), staleBackground());
    auto *functionLabel = closures()->findChild<QLabel *>(QStringLiteral("closuresFunctionLabel"));
    QVERIFY(functionLabel->text().contains(QStringLiteral("m()")));

    // Side by side: both panes shown, Closures to the right of Changes.
    QVERIFY(changes()->isVisible() && closures()->isVisible());
    const QRect left = changes()->geometry();
    const QRect right = closures()->geometry();
    QVERIFY2(right.left() >= left.right() && right.top() == left.top(),
        qPrintable(QStringLiteral("changes at %1,%2, closures at %3,%4")
                       .arg(left.left())
                       .arg(left.top())
                       .arg(right.left())
                       .arg(right.top())));

    // An object expands lazily, with the program's real values: m's own properties.
    const QModelIndex m = tree->findVariable(QStringLiteral("m"));
    QVERIFY(m.isValid());
    closures()->view()->expand(m);
    QTRY_VERIFY_WITH_TIMEOUT(tree->rowCount(tree->findVariable(QStringLiteral("m"))) > 0, kTimeout);
    QStringList names;
    const QModelIndex expanded = tree->findVariable(QStringLiteral("m"));
    for (int row = 0; row < tree->rowCount(expanded); ++row)
        names << tree->index(row, 0, expanded).data(ClosuresModel::NameRole).toString();
    QVERIFY2(names.contains(QStringLiteral("name")), qPrintable(names.join(QLatin1Char(','))));
    closures()->view()->collapse(expanded);

    // Re-initialize s: the program prints updated*, its counter still counting.
    auto *reinit = closures()->findChild<QPushButton *>(QStringLiteral("closuresReinitButton"));
    closures()->view()->setCurrentIndex(tree->findVariable(QStringLiteral("m")));
    QVERIFY(!reinit->isEnabled()); // only a stale binding can be re-initialized
    QVERIFY(closures()->selectVariable(QStringLiteral("s")));
    QVERIFY(reinit->isEnabled());

    // The shot: nothing selected, so both panes show the stale marker.
    closures()->view()->selectionModel()->clear();
    m_bench.window()->resize(1920, 1080);
    m_bench.window()->resizeDocks({ changes(), closures() }, { 470, 470 }, Qt::Horizontal);
    QTest::qWait(300);
    QVERIFY(m_bench.window()->grab().save(QStringLiteral(GRAFT_SCREENSHOT_DIR "/changes-closures.png")));
    QVERIFY(closures()->selectVariable(QStringLiteral("s")));
    reinit->click();
    QTRY_VERIFY_WITH_TIMEOUT(!printed(QStringLiteral("updated*")).isEmpty(), kTimeout);
    const int firstUpdated = printed(QStringLiteral("updated*")).first();
    const int lastOriginal = printed(QStringLiteral("original*")).last();
    QVERIFY2(firstUpdated == lastOriginal + 1,
        qPrintable(QStringLiteral("%1 after %2").arg(firstUpdated).arg(lastOriginal)));
    QTRY_VERIFY_WITH_TIMEOUT(printed(QStringLiteral("updated*")).last() >= firstUpdated + 2, kTimeout);
    // The pane reads again: s holds "updated" and is no longer stale.
    QTRY_COMPARE_WITH_TIMEOUT(
        variableColumn(QStringLiteral("s"), ClosuresModel::ValueColumn), QStringLiteral("\"updated\""), kTimeout);
    QVERIFY(!tree->findVariable(QStringLiteral("s")).data(ClosuresModel::StaleRole).toBool());
    QVERIFY2(closures()->message().contains(QStringLiteral("s is now")), qPrintable(closures()->message()));
    QVERIFY(!reinit->isEnabled());
    // Changes and the editor's margin agree with Closures: s is no longer stale anywhere.
    QVERIFY(!bindings->index(0, 0).data(BindingListModel::StaleRole).toBool());
    QCOMPARE(bindings->index(0, BindingListModel::LiveColumn).data().toString(), QStringLiteral("\"updated\""));
    QVERIFY(m_bench.editor()->patchMarkers()->markedLines(PatchMarkers::StaleBinding).isEmpty());
}

void TestChangesClosures::selectingAChangeJumpsToItsLine()
{
    QVERIFY(openAndPatchWriteup());
    QTRY_COMPARE_WITH_TIMEOUT(changes()->changeListModel()->rowCount(), 1, kTimeout);
    const int mLine = changes()->changeListModel()->index(0, 0).data(ChangeListModel::LineRole).toInt();
    const int sLine = changes()->bindingListModel()->index(0, 0).data(BindingListModel::LineRole).toInt();
    QVERIFY(mLine > 1 && sLine > 1 && mLine != sLine);

    m_bench.editor()->setCursorPosition(0, 0);
    click(changes()->changeListView(), 0);
    int line = -1;
    int index = -1;
    m_bench.editor()->getCursorPosition(&line, &index);
    QCOMPARE(line + 1, mLine);
    QTRY_COMPARE_WITH_TIMEOUT(closures()->closuresModel()->function().name, QStringLiteral("m"), kTimeout);

    // A binding: the editor goes to its line, and Closures selects it, ready to re-initialize.
    click(changes()->bindingListView(), 0);
    m_bench.editor()->getCursorPosition(&line, &index);
    QCOMPARE(line + 1, sLine);
    QTRY_VERIFY_WITH_TIMEOUT(!closures()->selectedStaleBinding().isEmpty(), kTimeout);
    QCOMPARE(closures()->selectedStaleBinding(), QStringLiteral("s"));
    QVERIFY(!changes()->changeListView()->currentIndex().isValid()); // one current change at a time
    // The jump to a top-level line is not followed: Closures keeps m() and says nothing of line 3.
    QTest::qWait(2 * LivePanels::kFollowDelayMs + 100);
    QCOMPARE(closures()->closuresModel()->function().name, QStringLiteral("m"));
    QVERIFY2(!closures()->message().contains(QStringLiteral("no function")), qPrintable(closures()->message()));

    // The cursor, once it rests in another function, takes Closures there.
    const int arrowLine = m_bench.placeCursorAfter(QStringLiteral("counter++")) + 1;
    QTRY_COMPARE_WITH_TIMEOUT(closures()->closuresModel()->function().line, arrowLine - 1, kTimeout);
    QVERIFY(closures()->closuresModel()->findVariable(QStringLiteral("counter")).isValid());
}

void TestChangesClosures::revertRunsTheOldCodeAgain()
{
    QVERIFY(openAndPatchWriteup());
    QTRY_VERIFY_WITH_TIMEOUT(!printed(QStringLiteral("original*")).isEmpty(), kTimeout);
    auto *revert = changes()->findChild<QPushButton *>(QStringLiteral("revertButton"));
    QVERIFY(revert->isEnabled());
    revert->click();

    // A new entry, selected; the program runs the old m() again and keeps counting.
    QTRY_COMPARE_WITH_TIMEOUT(changes()->changesModel()->rowCount(), 2, kTimeout);
    QCOMPARE(changes()->historyView()->currentIndex().row(), 1);
    QCOMPARE(
        changes()->changesModel()->index(1, ChangesModel::StatusColumn).data().toString(), QStringLiteral("applied"));
    QCOMPARE(
        changes()->changeListModel()->index(0, ChangeListModel::NameColumn).data().toString(), QStringLiteral("m()"));
    auto reverted = [this] { return printed(QStringLiteral("original")); };
    auto patched = [this] { return printed(QStringLiteral("original*")); };
    QTRY_VERIFY_WITH_TIMEOUT(reverted().last() > patched().last(), kTimeout);
    const int resumed = reverted().last();
    QTRY_VERIFY_WITH_TIMEOUT(reverted().last() >= resumed + 2, kTimeout);
    QVERIFY(patched().last() < resumed); // no patched line since
}

void TestChangesClosures::restartLeavesNothingStale()
{
    QVERIFY(openAndPatchWriteup());
    QTRY_COMPARE_WITH_TIMEOUT(
        m_bench.editor()->patchMarkers()->markedLines(PatchMarkers::StaleBinding), QList<int> { 3 }, kTimeout);
    m_bench.placeCursorAfter(QStringLiteral("return s"));
    QTRY_COMPARE_WITH_TIMEOUT(closures()->closuresModel()->function().name, QStringLiteral("m"), kTimeout);

    // The new run runs the file as saved: s is 'updated', so nothing says it is stale.
    m_bench.window()->runtimeDock()->restartAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(m_bench.output().contains(QStringLiteral("1 updated*")), kTimeout);
    QVERIFY(m_bench.editor()->patchMarkers()->markedLines(PatchMarkers::StaleBinding).isEmpty());
    // Closures reads the new run once the file is loaded, not "not loaded".
    QTRY_COMPARE_WITH_TIMEOUT(
        variableColumn(QStringLiteral("s"), ClosuresModel::ValueColumn), QStringLiteral("\"updated\""), kTimeout);
    QVERIFY(!closures()->closuresModel()->findVariable(QStringLiteral("s")).data(ClosuresModel::StaleRole).toBool());
    QVERIFY2(!closures()->message().contains(QStringLiteral("not loaded")), qPrintable(closures()->message()));
}

void TestChangesClosures::revertOffersTheRevertedCodeToTheEditor_data()
{
    QTest::addColumn<QString>("button");
    QTest::addColumn<bool>("editorReverted");
    QTest::addColumn<bool>("diskReverted");
    QTest::newRow("put in editor") << "revertPut" << true << false;
    QTest::newRow("put in editor and save") << "revertPutAndSave" << true << true;
    QTest::newRow("keep the editor") << "revertKeep" << false << false;
}

void TestChangesClosures::revertOffersTheRevertedCodeToTheEditor()
{
    QFETCH(QString, button);
    QFETCH(bool, editorReverted);
    QFETCH(bool, diskReverted);
    QVERIFY(openAndPatchWriteup());
    const QString file = m_bench.window()->editorArea()->currentTab()->filePath();
    const QString patchedText = m_bench.editor()->text();
    changes()->findChild<QPushButton *>(QStringLiteral("revertButton"))->click();

    // The program runs the old code: the workbench asks before it touches the editor.
    QMessageBox *question = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (question = m_bench.window()->findChild<QMessageBox *>(QStringLiteral("revertInEditorQuestion"))), kTimeout);
    QVERIFY(question->text().contains(QStringLiteral("Put the reverted code into the editor?")));
    question->findChild<QPushButton *>(button)->click();

    const bool reverted = m_bench.editor()->text().contains(QStringLiteral("return s; }"));
    QCOMPARE(reverted, editorReverted);
    QCOMPARE(m_bench.editor()->text() == patchedText, !editorReverted);
    QFile disk(file);
    QVERIFY(disk.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(disk.readAll()).contains(QStringLiteral("return s; }")), diskReverted);
    // Undo brings the newer text back: nothing was lost.
    if (editorReverted) {
        m_bench.editor()->undo();
        QCOMPARE(m_bench.editor()->text(), patchedText);
    }
}

QTEST_MAIN(TestChangesClosures)
#include "tst_changesclosures.moc"
