// SPDX-License-Identifier: MIT
// Ready for the stage: presenter mode on one shortcut (large, high contrast, the
// editor, Changes and Closures side by side at projector sizes), remembered with
// the zoom, and a window that fits the screen — the real window on the real
// graft-runtime, driven by key events. The everyday look (zoom, themes): tst_look.
#include "editor/codeeditor.h"
#include "editor/editorarea.h"
#include "editor/errorsquiggle.h"
#include "panes/changesdock.h"
#include "panes/changesmodel.h"
#include "panes/closuresdock.h"
#include "panes/runtimedock.h"
#include "panes/scriptsdock.h"
#include "stagechecks.h"
#include "window/appearance.h"
#include "window/mainwindow.h"
#include "window/presenterlayout.h"
#include "window/workbenchoptions.h"
#include "workbenchfixture.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFontInfo>
#include <QHeaderView>
#include <QLabel>
#include <QListView>
#include <QRegularExpression>
#include <QScreen>
#include <QScrollBar>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QTreeView>
#include <QtTest>

using namespace graft;
using namespace graft::test;

class TestStage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { WorkbenchFixture::initTestCase(QStringLiteral(GRAFT_SCREENSHOT_DIR)); }
    void init()
    {
        QSettings().clear(); // each test starts as a first run
        QVERIFY(m_bench.init());
    }
    void cleanup() { m_bench.cleanup(); }

    void presenterModeIsLargeAndShowsTheCode_data();
    void presenterModeIsLargeAndShowsTheCode();
    void presenterModeAndZoomAreRemembered();
    void presenterFromTheCommandLineLeavesToTheEverydayLayout();
    void windowSizeFitsTheScreen_data();
    void windowSizeFitsTheScreen();

private:
    void pressPresenterShortcut() { graft::test::pressPresenterShortcut(m_bench.window()); }

    WorkbenchFixture m_bench;
};

void TestStage::presenterModeIsLargeAndShowsTheCode_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("1920x1080") << QSize(1920, 1080);
    QTest::newRow("1280x720") << QSize(1280, 720);
}

void TestStage::presenterModeIsLargeAndShowsTheCode()
{
    QFETCH(QSize, size);
    const QString demo = m_bench.copyFile(QStringLiteral(GRAFT_DEMOS_DIR "/writeup-2016.js"));
    MainWindow *window = m_bench.open(demo);
    QVERIFY(window);
    window->resize(size);
    QTRY_COMPARE(window->size(), size);
    QTRY_VERIFY_WITH_TIMEOUT(m_bench.output().contains(QStringLiteral("1 original")), kTimeout);

    CodeEditor *editor = m_bench.editor();
    QTableView *history = window->changesDock()->historyView();
    QListView *output = window->runtimeDock()->outputView();
    const double appFont = QApplication::font().pointSizeF();
    const int editorText = textHeight(editor);
    const int historyText = history->fontMetrics().height();
    const int outputText = output->fontMetrics().height();
    QVERIFY(window->scriptsDock()->isVisible());
    QVERIFY(window->statusBar()->isVisible());

    pressPresenterShortcut();
    QVERIFY(window->appearance()->presenterMode());
    QVERIFY(window->appearance()->presenterAction()->isChecked());

    // Larger everywhere: the window's font, the code, the panes' rows and the output.
    QVERIFY2(QApplication::font().pointSizeF() >= 1.3 * appFont, qPrintable(QString::number(appFont)));
    QTRY_VERIFY(textHeight(editor) >= 1.4 * editorText);
    QVERIFY(history->fontMetrics().height() >= 1.3 * historyText);
    QVERIFY(history->verticalHeader()->defaultSectionSize() > history->fontMetrics().height()); // rows follow
    QVERIFY(output->fontMetrics().height() >= 1.3 * outputText);
    // High contrast: light on black, every colour of the code at least 7:1.
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 40);
    QVERIFY2(worstEditorContrast(editor) >= 7.0, qPrintable(QString::number(worstEditorContrast(editor))));
    // Minimal chrome: no Scripts list, no status bar; what the audience follows stays.
    QTRY_VERIFY(!window->scriptsDock()->isVisible());
    QVERIFY(!window->statusBar()->isVisible());
    for (QWidget *pane : std::initializer_list<QWidget *> {
             window->editorArea(), window->changesDock(), window->closuresDock(), window->runtimeDock() })
        QVERIFY2(pane->isVisible(), qPrintable(pane->objectName()));

    // The demo's first edit, typed and saved as a presenter would.
    QVERIFY(m_bench.placeCursorAfter(QStringLiteral("{ return s")) >= 0);
    QTest::keyClicks(editor, QStringLiteral(" + '!'"));
    QTest::keyClick(editor, Qt::Key_S, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(m_bench.output().contains(QStringLiteral(" original!")), kTimeout);
    QTRY_COMPARE(window->changesDock()->findChild<ChangesModel *>()->rowCount(), 1);
    QTest::keyClick(editor, Qt::Key_Home); // the whole line in view, as a presenter leaves it
    QTest::qWait(200);                     // the panes lay out the new rows

    // The code and the output get most of the room: the editor takes at least 60% of
    // the width, Changes sits above Closures in one column on its right, and the
    // Runtime runs under the editor.
    const QRect code = rectInWindow(window->editorArea());
    const QRect changes = rectInWindow(window->changesDock());
    const QRect closures = rectInWindow(window->closuresDock());
    const QRect runtime = rectInWindow(window->runtimeDock());
    QVERIFY2(code.width() >= size.width() * 60 / 100, qPrintable(QString::number(code.width())));
    QVERIFY2(code.right() < changes.left() && changes.left() == closures.left(),
        qPrintable(QStringLiteral("%1 %2 %3").arg(code.right()).arg(changes.left()).arg(closures.left())));
    QVERIFY(
        changes.bottom() < closures.top() && closures.right() <= size.width() && closures.bottom() <= size.height());
    QVERIFY(code.bottom() < runtime.top() && runtime.right() < changes.left() && runtime.bottom() <= size.height());
    // Changes and Closures share their column by the rows each shows.
    const int changesRows = window->changesDock()->contentRows();
    const int closuresRows = window->closuresDock()->contentRows();
    const double wanted = qBound(PresenterLayout::kMinPaneShare / 100.0,
        changesRows / double(changesRows + closuresRows), 1 - PresenterLayout::kMinPaneShare / 100.0);
    const double given = changes.height() / double(changes.height() + closures.height());
    QVERIFY2(qAbs(given - wanted) < 0.05,
        qPrintable(QStringLiteral("%1 rows to %2: Changes has %3 of the height")
                       .arg(changesRows)
                       .arg(closuresRows)
                       .arg(given)));
    // Changes and Closures are as wide as their content needs, no wider.
    QVERIFY2(changes.width() <= size.width() * 36 / 100, qPrintable(QString::number(changes.width())));
    // The panes' text and the output as large as the code's.
    const qreal codeSize = codePoints(editor);
    for (QWidget *view : std::initializer_list<QWidget *> {
             history, window->changesDock()->changeListView(), window->closuresDock()->view(), output })
        QVERIFY2(QFontInfo(view->font()).pointSizeF() >= codeSize - 0.01,
            qPrintable(QStringLiteral("%1: %2 < %3")
                           .arg(view->objectName())
                           .arg(QFontInfo(view->font()).pointSizeF())
                           .arg(codeSize)));
    // The whole demo in view: every line, none cut at the editor's edge (long ones
    // wrap), and at 1920 pixels none even needs to wrap; no horizontal scrolling.
    editor->SendScintilla(QsciScintillaBase::SCI_SETFIRSTVISIBLELINE, 0);
    const int codeLines = editor->text(editor->lines() - 1).trimmed().isEmpty() ? editor->lines() - 1 : editor->lines();
    const long screenLines = editor->SendScintilla(QsciScintillaBase::SCI_VISIBLEFROMDOCLINE, codeLines);
    QVERIFY2(editor->SendScintilla(QsciScintillaBase::SCI_LINESONSCREEN) >= screenLines,
        qPrintable(QStringLiteral("%1 lines on screen for %2")
                       .arg(editor->SendScintilla(QsciScintillaBase::SCI_LINESONSCREEN))
                       .arg(screenLines)));
    int wrapped = 0;
    for (int line = 0; line < codeLines; ++line) {
        const long end = editor->SendScintilla(QsciScintillaBase::SCI_GETLINEENDPOSITION, line);
        const long endX = editor->SendScintilla(QsciScintillaBase::SCI_POINTXFROMPOSITION, 0, end);
        QVERIFY2(endX <= editor->viewport()->width(),
            qPrintable(
                QStringLiteral("line %1 ends at x %2 of %3").arg(line + 1).arg(endX).arg(editor->viewport()->width())));
        wrapped += editor->SendScintilla(QsciScintillaBase::SCI_WRAPCOUNT, line) > 1 ? 1 : 0;
    }
    if (size.width() >= 1920)
        QCOMPARE(wrapped, 0);
    QCOMPARE(editor->wrapMode(), QsciScintilla::WrapWord); // a longer line of the user's would wrap, not be cut
    QVERIFY(!editor->horizontalScrollBar()->isVisible());
    // The patch's row shows its whole file name.
    const QModelIndex file = history->model()->index(0, ChangesModel::FileColumn);
    const QString fileName = file.data().toString();
    QVERIFY(fileName.contains(QStringLiteral("writeup-2016.js")));
    QVERIFY2(history->visualRect(file).width() >= history->fontMetrics().horizontalAdvance(fileName),
        qPrintable(QString::number(history->visualRect(file).width())));

    QVERIFY(window->grab().save(
        QStringLiteral(GRAFT_SCREENSHOT_DIR "/presenter-%1x%2.png").arg(size.width()).arg(size.height())));

    // The same shortcut brings everything back.
    pressPresenterShortcut();
    QVERIFY(!window->appearance()->presenterMode());
    QCOMPARE(QApplication::font().pointSizeF(), appFont);
    QTRY_COMPARE(textHeight(editor), editorText);
    QTRY_VERIFY(window->scriptsDock()->isVisible());
    QVERIFY(window->statusBar()->isVisible());
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 180);
}

void TestStage::presenterModeAndZoomAreRemembered()
{
    const QString program = m_bench.copyProgram(QStringLiteral("counter.js"));
    MainWindow *window = m_bench.open(program, false, true);
    QVERIFY(window);
    QVERIFY(!window->appearance()->presenterMode());
    QTest::keyClick(window, Qt::Key_Equal, Qt::ControlModifier);
    QTest::keyClick(window, Qt::Key_Equal, Qt::ControlModifier);
    QCOMPARE(m_bench.editor()->zoomLevel(), 2);
    pressPresenterShortcut();
    const int presenterZoom = m_bench.editor()->zoomLevel();
    QVERIFY(presenterZoom > 2);
    QTest::keyClick(window, Qt::Key_Minus, Qt::ControlModifier);
    QCOMPARE(m_bench.editor()->zoomLevel(), presenterZoom - 1);

    // The next start (settings written as each change happened, not only at quit).
    window = m_bench.open(program, false, true);
    QVERIFY(window);
    QVERIFY(window->appearance()->presenterMode());
    QCOMPARE(m_bench.editor()->zoomLevel(), presenterZoom - 1);
    QVERIFY(!window->scriptsDock()->isVisible());
    pressPresenterShortcut();
    QCOMPARE(m_bench.editor()->zoomLevel(), 2);

    window = m_bench.open(program, false, true);
    QVERIFY(window);
    QVERIFY(!window->appearance()->presenterMode());
    QCOMPARE(m_bench.editor()->zoomLevel(), 2);
    QVERIFY(window->scriptsDock()->isVisible());

    // A window that does not restore the session (--grab) neither reads nor writes them.
    window = m_bench.open(program, false, false);
    QVERIFY(window);
    QCOMPARE(m_bench.editor()->zoomLevel(), 0);
    pressPresenterShortcut();
    window = m_bench.open(program, false, true);
    QVERIFY(window);
    QVERIFY(!window->appearance()->presenterMode());
}

void TestStage::presenterFromTheCommandLineLeavesToTheEverydayLayout()
{
    // `graft --presenter`: the window starts in presenter mode without having remembered it.
    WorkbenchOptions options;
    options.autoStart = false;
    options.restoreSession = false;
    options.presenter = true;
    options.files = { m_bench.copyProgram(QStringLiteral("counter.js")) };
    MainWindow window(options);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.appearance()->presenterMode());
    QVERIFY(!window.scriptsDock()->isVisible());
    QCOMPARE(window.findChildren<QLabel *>(QStringLiteral("presenterTitleBar")).size(), 3);

    window.setPresenterMode(false);
    QTRY_VERIFY(window.scriptsDock()->isVisible());
    QVERIFY(window.statusBar()->isVisible());
    QVERIFY(window.findChildren<QLabel *>(QStringLiteral("presenterTitleBar")).isEmpty());
}

void TestStage::windowSizeFitsTheScreen_data()
{
    QTest::addColumn<int>("percent"); // the size asked for, of the screen's
    QTest::newRow("smaller than the screen") << 70;
    QTest::newRow("the screen's size") << 100;
}

void TestStage::windowSizeFitsTheScreen()
{
    // `graft --window-size WxH` after a session that left the window near the screen's
    // bottom-right corner: all of the window is on the screen.
    QFETCH(int, percent);
    const QScreen *screen = QGuiApplication::primaryScreen();
    const QRect available = screen->availableGeometry();
    {
        QWidget last;
        last.setGeometry(QRect(available.bottomRight() - QPoint(200, 150), QSize(640, 480)));
        QSettings().setValue(QStringLiteral("window/geometry"), last.saveGeometry());
    }
    WorkbenchOptions options;
    options.autoStart = false;
    options.windowSize = screen->geometry().size() * percent / 100;
    options.files = { m_bench.copyProgram(QStringLiteral("counter.js")) };
    MainWindow window(options);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    if (percent == 100) {
        QVERIFY(window.isFullScreen());
        QTRY_COMPARE(window.geometry(), screen->geometry());
    } else {
        QCOMPARE(window.size(), options.windowSize);
        QVERIFY2(available.contains(window.frameGeometry()),
            qPrintable(QStringLiteral("%1,%2 %3x%4")
                           .arg(window.frameGeometry().x())
                           .arg(window.frameGeometry().y())
                           .arg(window.frameGeometry().width())
                           .arg(window.frameGeometry().height())));
    }
}

GRAFT_PROJECTOR_TEST_MAIN(TestStage)
#include "tst_stage.moc"
