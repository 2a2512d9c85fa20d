// SPDX-License-Identifier: MIT
// One live model of the program that every view follows, offscreen against a
// real graft-runtime: the editor annotates a stale binding and re-initializes it
// from the keyboard or its context menu, the margin explains its markers,
// hovering a top-level name shows what the program holds now, and Closures
// refreshes its values while the program runs.

#include "editor/codeeditor.h"
#include "editor/editorarea.h"
#include "editor/editortab.h"
#include "editor/patchmarkers.h"
#include "editor/reinitializebuttons.h"
#include "panes/bindinglistmodel.h"
#include "panes/changesdock.h"
#include "panes/closuresdock.h"
#include "panes/closuresmodel.h"
#include "panes/livepanels.h"
#include "panes/livevaluehover.h"
#include "window/mainwindow.h"
#include "workbenchfixture.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QMenu>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QtTest>

using namespace graft;
using namespace graft::test;

namespace {
constexpr int kLineOfS = 3; // counter.js: let s = 'original';
}

class TestLiveState : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { WorkbenchFixture::initTestCase(QStringLiteral(GRAFT_SCREENSHOT_DIR)); }
    void init() { QVERIFY(m_bench.init()); }
    void cleanup() { m_bench.cleanup(); }
    void staleBindingIsAnnotatedAndReinitializedFromTheKeyboard();
    void contextMenuReinitializesTheBindingOnItsLine();
    void theButtonOnTheLineReinitializes();
    void hoverShowsWhatTheProgramHoldsNow();
    void closuresFollowTheRunningProgram();

private:
    bool openAndPatchWriteup();
    QList<int> printed(const QString &suffix) const { return counters(m_bench.output(), suffix); }
    ClosuresModel *tree() const { return m_bench.window()->closuresDock()->closuresModel(); }
    QString valueOf(const QString &name) const
    {
        return tree()->findVariable(name).siblingAtColumn(ClosuresModel::ValueColumn).data().toString();
    }
    // The hover's tooltip for the `occurrence`-th (0-based) `name` of the buffer.
    QString hoverText(const QString &name, int occurrence);

    WorkbenchFixture m_bench;
};

bool TestLiveState::openAndPatchWriteup()
{
    if (!m_bench.open(m_bench.copyProgram(QStringLiteral("counter.js"))) || !m_bench.typeWriteupEditAndSave())
        return false;
    return QTest::qWaitFor([this] { return !printed(QStringLiteral("original*")).isEmpty(); }, kTimeout);
}

QString TestLiveState::hoverText(const QString &name, int occurrence)
{
    CodeEditor *editor = m_bench.editor();
    const QByteArray text = editor->text().toUtf8();
    qsizetype at = -1;
    for (int k = 0; k <= occurrence; ++k)
        at = text.indexOf(name.toUtf8(), at + 1);
    LiveValueHover *hover = m_bench.window()->livePanels()->valueHover();
    QSignalSpy shown(hover, &LiveValueHover::shown);
    hover->show(editor, m_bench.window()->editorArea()->currentTab()->filePath(), static_cast<int>(at) + 1,
        editor->mapToGlobal(QPoint(100, 100)));
    return shown.wait(3000) ? shown.first().first().toString() : QString();
}

void TestLiveState::staleBindingIsAnnotatedAndReinitializedFromTheKeyboard()
{
    QVERIFY(openAndPatchWriteup());
    CodeEditor *editor = m_bench.editor();
    // The line says what the program holds and what the source says, and how to fix it.
    QTRY_VERIFY_WITH_TIMEOUT(!editor->annotation(kLineOfS - 1).isEmpty(), kTimeout);
    const QString annotation = editor->annotation(kLineOfS - 1);
    QVERIFY2(annotation.contains(QStringLiteral("live \"original\" ≠ source 'updated'"))
            && annotation.contains(QStringLiteral("Ctrl+Alt+R")),
        qPrintable(annotation));
    // The margin explains both markers: the stale dot and the patched m().
    QVERIFY2(editor->marginNotesAt(kLineOfS).contains(QStringLiteral("s is stale")),
        qPrintable(editor->marginNotesAt(kLineOfS)));
    QVERIFY2(editor->marginNotesAt(kLineOfS + 1).contains(QStringLiteral("m() patched by the last save")),
        qPrintable(editor->marginNotesAt(kLineOfS + 1)));
    // Hovering the code never shows the file's path (the tab's tooltip does).
    EditorTab *tab = m_bench.window()->editorArea()->currentTab();
    QVERIFY(tab->toolTip().isEmpty());
    auto *tabs = m_bench.window()->editorArea()->findChild<QTabWidget *>();
    QCOMPARE(tabs->tabToolTip(tabs->currentIndex()), tab->filePath());

    // The shortcut, the cursor on the binding's line: the program prints updated*, still counting.
    m_bench.placeCursorAfter(QStringLiteral("let s"));
    QTest::keyClick(editor, Qt::Key_R, Qt::ControlModifier | Qt::AltModifier);
    QTRY_VERIFY_WITH_TIMEOUT(!printed(QStringLiteral("updated*")).isEmpty(), kTimeout);
    QCOMPARE(printed(QStringLiteral("updated*")).first(), printed(QStringLiteral("original*")).last() + 1);
    // Every view agrees: no marker, no annotation, Changes says it is no longer stale.
    QTRY_VERIFY_WITH_TIMEOUT(editor->patchMarkers()->markedLines(PatchMarkers::StaleBinding).isEmpty(), kTimeout);
    QVERIFY(editor->annotation(kLineOfS - 1).isEmpty());
    QVERIFY(editor->marginNotesAt(kLineOfS).isEmpty());
    BindingListModel *bindings = m_bench.window()->changesDock()->bindingListModel();
    QVERIFY(!bindings->index(0, 0).data(BindingListModel::StaleRole).toBool());

    // Pressed where nothing is stale, it says so instead of guessing.
    QSignalSpy said(m_bench.window()->editorArea(), &EditorArea::message);
    QTest::keyClick(editor, Qt::Key_R, Qt::ControlModifier | Qt::AltModifier);
    QCOMPARE(said.count(), 1);
    QVERIFY2(said.first().first().toString().contains(QStringLiteral("Nothing to re-initialize")),
        qPrintable(said.first().first().toString()));
}

void TestLiveState::contextMenuReinitializesTheBindingOnItsLine()
{
    QVERIFY(openAndPatchWriteup());
    CodeEditor *editor = m_bench.editor();
    QTRY_COMPARE_WITH_TIMEOUT(editor->patchMarkers()->staleBindingAt(kLineOfS), QStringLiteral("s"), kTimeout);
    // A right click on the binding's line: the menu offers Re-initialize s beside the editing actions.
    const long position = editor->SendScintilla(QsciScintilla::SCI_POSITIONFROMLINE, kLineOfS - 1);
    const QPoint at(static_cast<int>(editor->SendScintilla(QsciScintilla::SCI_POINTXFROMPOSITION, 0, position)) + 20,
        static_cast<int>(editor->SendScintilla(QsciScintilla::SCI_POINTYFROMPOSITION, 0, position)) + 4);
    QStringList offered;
    QTimer::singleShot(300, this, [&offered] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu)
            return;
        QAction *reinit = nullptr;
        for (QAction *action : menu->actions()) {
            offered << action->text();
            if (action->objectName() == QLatin1String("reinitializeHereAction"))
                reinit = action;
        }
        if (reinit)
            reinit->trigger();
        menu->close();
    });
    QContextMenuEvent event(QContextMenuEvent::Mouse, at, editor->viewport()->mapToGlobal(at));
    QApplication::sendEvent(editor->viewport(), &event);
    QVERIFY2(offered.contains(QStringLiteral("Re-initialize s")), qPrintable(offered.join(QLatin1Char('|'))));
    QVERIFY2(offered.filter(QStringLiteral("Copy")).size() == 1, qPrintable(offered.join(QLatin1Char('|'))));
    QTRY_VERIFY_WITH_TIMEOUT(!printed(QStringLiteral("updated*")).isEmpty(), kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(editor->patchMarkers()->staleBindingAt(kLineOfS).isEmpty(), kTimeout);
}

void TestLiveState::theButtonOnTheLineReinitializes()
{
    QVERIFY(openAndPatchWriteup());
    CodeEditor *editor = m_bench.editor();
    QToolButton *button = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((button = editor->reinitializeButtons()->buttonFor(QStringLiteral("s"))), kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(button->isVisible(), kTimeout);
    // On the binding's line, after its text.
    const long end = editor->SendScintilla(QsciScintilla::SCI_GETLINEENDPOSITION, kLineOfS - 1);
    QCOMPARE(button->y(), static_cast<int>(editor->SendScintilla(QsciScintilla::SCI_POINTYFROMPOSITION, 0, end)));
    QVERIFY(button->x() > editor->SendScintilla(QsciScintilla::SCI_POINTXFROMPOSITION, 0, end));
    // Closures follows the cursor, which the edit left in m().
    QTRY_COMPARE_WITH_TIMEOUT(tree()->function().name, QStringLiteral("m"), kTimeout);
    m_bench.window()->resize(1920, 1080);
    QTest::qWait(200);
    QVERIFY(m_bench.window()->grab().save(QStringLiteral(GRAFT_SCREENSHOT_DIR "/stale-binding.png")));
    // Lines typed above move it along.
    editor->insertAt(QStringLiteral("// a new first line\n"), 0, 0);
    QTRY_COMPARE_WITH_TIMEOUT(button->y(),
        static_cast<int>(editor->SendScintilla(QsciScintilla::SCI_POINTYFROMPOSITION, 0,
            editor->SendScintilla(QsciScintilla::SCI_GETLINEENDPOSITION, kLineOfS))),
        kTimeout);
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!printed(QStringLiteral("updated*")).isEmpty(), kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(!editor->reinitializeButtons()->buttonFor(QStringLiteral("s")), kTimeout);
}

void TestLiveState::hoverShowsWhatTheProgramHoldsNow()
{
    QVERIFY(m_bench.open(m_bench.copyProgram(QStringLiteral("hover.js"))));
    QTRY_VERIFY_WITH_TIMEOUT(printed(QStringLiteral("total")).size() >= 3, kTimeout);
    // `total` in the interval is the top-level binding: its live value, as the program counts.
    const QRegularExpression live(QStringLiteral("^total = (\\d+) \\(live\\)$"));
    const QString firstText = hoverText(QStringLiteral("total"), 4);
    const QRegularExpressionMatch first = live.match(firstText);
    QVERIFY2(first.hasMatch(), qPrintable(firstText));
    QVERIFY(first.captured(1).toInt() >= 3);
    QTRY_VERIFY_WITH_TIMEOUT(printed(QStringLiteral("total")).last() > first.captured(1).toInt() + 1, kTimeout);
    const QRegularExpressionMatch later = live.match(hoverText(QStringLiteral("total"), 4));
    QVERIFY2(later.hasMatch() && later.captured(1).toInt() > first.captured(1).toInt(), qPrintable(later.captured()));
    // The parameter that hides it has a value only on a paused frame: nothing is shown.
    QVERIFY(hoverText(QStringLiteral("total"), 2).isEmpty()); // function add(total)
    QVERIFY(hoverText(QStringLiteral("total"), 3).isEmpty()); // return total + 1
    // A global is not the file's: nothing either.
    QVERIFY(hoverText(QStringLiteral("console"), 0).isEmpty());
}

void TestLiveState::closuresFollowTheRunningProgram()
{
    QVERIFY(m_bench.open(m_bench.copyProgram(QStringLiteral("counter.js"))));
    ClosuresDock *closures = m_bench.window()->closuresDock();
    m_bench.placeCursorAfter(QStringLiteral("counter++"));
    QTRY_VERIFY_WITH_TIMEOUT(tree()->findVariable(QStringLiteral("counter")).isValid(), kTimeout);
    QVERIFY(closures->selectVariable(QStringLiteral("s")));
    const int before = valueOf(QStringLiteral("counter")).toInt();
    // No click, no save: the value follows the program, and the selection stays.
    QTRY_VERIFY_WITH_TIMEOUT(valueOf(QStringLiteral("counter")).toInt() >= before + 5, kTimeout);
    QCOMPARE(closures->view()->currentIndex().data(ClosuresModel::NameRole).toString(), QStringLiteral("s"));
    // Within a refresh of what the program prints.
    QTRY_VERIFY_WITH_TIMEOUT(
        qAbs(valueOf(QStringLiteral("counter")).toInt() - printed(QStringLiteral("original")).last()) <= 15, kTimeout);

    // A value being explored keeps its handles: nothing refreshes while it is expanded.
    const QModelIndex m = tree()->findVariable(QStringLiteral("m"));
    closures->view()->expand(m);
    QTRY_VERIFY_WITH_TIMEOUT(tree()->rowCount(tree()->findVariable(QStringLiteral("m"))) > 0, kTimeout);
    const QString frozen = valueOf(QStringLiteral("counter"));
    QTest::qWait(2 * LivePanels::kRefreshMs + 500);
    QCOMPARE(valueOf(QStringLiteral("counter")), frozen);
    closures->view()->collapse(tree()->findVariable(QStringLiteral("m")));
    QTRY_VERIFY_WITH_TIMEOUT(valueOf(QStringLiteral("counter")) != frozen, kTimeout);

    // A hidden pane reads nothing.
    closures->hide();
    const QString hidden = valueOf(QStringLiteral("counter"));
    QTest::qWait(2 * LivePanels::kRefreshMs + 500);
    QCOMPARE(valueOf(QStringLiteral("counter")), hidden);
}

QTEST_MAIN(TestLiveState)
#include "tst_livestate.moc"
