// SPDX-License-Identifier: MIT
// Ready for the stage: presenter mode on one shortcut (large, high contrast, the
// editor, Changes and Closures side by side at projector sizes), editor zoom,
// light and dark themes — the real window on the real graft-runtime, driven by
// key events.
#include "appearance.h"
#include "changesdock.h"
#include "changesmodel.h"
#include "closuresdock.h"
#include "codeeditor.h"
#include "editorarea.h"
#include "mainwindow.h"
#include "runtimedock.h"
#include "scriptsdock.h"
#include "workbenchfixture.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QListView>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QtTest>

using namespace graft;
using namespace graft::test;

namespace {

// WCAG's contrast ratio: 4.5 is readable (AA), 7 is what a projector needs (AAA).
double contrast(const QColor &a, const QColor &b)
{
    const auto luminance = [](const QColor &color) {
        const auto channel = [](double c) { return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
        return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF());
    };
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// The worst contrast among the editor's JavaScript colours on its paper.
double worstEditorContrast(CodeEditor *editor)
{
    QsciLexer *lexer = editor->lexer();
    double worst = 21;
    for (int style : { QsciLexerJavaScript::Default, QsciLexerJavaScript::Comment, QsciLexerJavaScript::CommentLine,
             QsciLexerJavaScript::Number, QsciLexerJavaScript::Keyword, QsciLexerJavaScript::SingleQuotedString,
             QsciLexerJavaScript::DoubleQuotedString, QsciLexerJavaScript::Regex })
        worst = std::min(worst, contrast(lexer->color(style), lexer->paper(style)));
    return worst;
}

int textHeight(CodeEditor *editor)
{
    return static_cast<int>(editor->SendScintilla(QsciScintillaBase::SCI_TEXTHEIGHT, 0));
}

QRect rectInWindow(QWidget *widget) { return QRect(widget->mapTo(widget->window(), QPoint(0, 0)), widget->size()); }

} // namespace

class TestStage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        WorkbenchFixture::initTestCase();
        QVERIFY(QDir().mkpath(QStringLiteral(GRAFT_SCREENSHOT_DIR)));
    }
    void init()
    {
        QSettings().clear(); // each test starts as a first run
        QVERIFY(m_bench.init());
    }
    void cleanup() { m_bench.cleanup(); }

    void presenterModeIsLargeAndSideBySide_data();
    void presenterModeIsLargeAndSideBySide();
    void presenterModeAndZoomAreRemembered();
    void presenterFromTheCommandLineLeavesToTheEverydayLayout();
    void zoomKeysZoomEveryEditor();
    void themesRecolourEditorAndPanes();

private:
    void pressPresenterShortcut()
    {
        QTest::keyClick(m_bench.window(), Qt::Key_P, Qt::ControlModifier | Qt::AltModifier);
    }

    WorkbenchFixture m_bench;
};

void TestStage::presenterModeIsLargeAndSideBySide_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("1920x1080") << QSize(1920, 1080);
    QTest::newRow("1280x720") << QSize(1280, 720);
}

void TestStage::presenterModeIsLargeAndSideBySide()
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
    QTest::qWait(200); // the panes lay out the new rows

    // Side by side, in this order, none squeezed out: the code has at least a
    // third of the width, each pane a fifth.
    const QRect code = rectInWindow(window->editorArea());
    const QRect changes = rectInWindow(window->changesDock());
    const QRect closures = rectInWindow(window->closuresDock());
    QVERIFY2(code.right() < changes.left() && changes.right() < closures.left(),
        qPrintable(QStringLiteral("%1 %2 %3").arg(code.right()).arg(changes.left()).arg(closures.left())));
    QVERIFY(closures.right() <= size.width());
    QVERIFY(code.top() < changes.bottom() && changes.top() < code.bottom() && closures.top() < code.bottom());
    QVERIFY2(code.width() >= size.width() / 3, qPrintable(QString::number(code.width())));
    QVERIFY(changes.width() >= size.width() / 5);
    QVERIFY(closures.width() >= size.width() / 5);
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
    options.files = {m_bench.copyProgram(QStringLiteral("counter.js"))};
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

void TestStage::zoomKeysZoomEveryEditor()
{
    const QString first = m_bench.copyProgram(QStringLiteral("counter.js"));
    const QString second = m_bench.copyProgram(QStringLiteral("thrower.js"));
    MainWindow *window = m_bench.open(first, false);
    QVERIFY(window);
    CodeEditor *firstEditor = m_bench.editor();
    const int normal = textHeight(firstEditor);
    QTest::keyClick(window, Qt::Key_Equal, Qt::ControlModifier);
    QTest::keyClick(window, Qt::Key_Plus, Qt::ControlModifier); // Ctrl++ (keypad, or layouts with an unshifted +)
    QCOMPARE(firstEditor->zoomLevel(), 2);
    QVERIFY(textHeight(firstEditor) > normal);
    // A file opened now starts at the same zoom.
    QVERIFY(window->openFile(second));
    CodeEditor *secondEditor = m_bench.editor();
    QVERIFY(secondEditor != firstEditor);
    QCOMPARE(secondEditor->zoomLevel(), 2);
    QTest::keyClick(window, Qt::Key_Minus, Qt::ControlModifier);
    QTest::keyClick(window, Qt::Key_Minus, Qt::ControlModifier);
    QTest::keyClick(window, Qt::Key_Minus, Qt::ControlModifier);
    QCOMPARE(secondEditor->zoomLevel(), -1);
    QCOMPARE(firstEditor->zoomLevel(), -1);
    QTest::keyClick(window, Qt::Key_0, Qt::ControlModifier);
    QCOMPARE(firstEditor->zoomLevel(), 0);
    QCOMPARE(textHeight(firstEditor), normal);
    // Ctrl+wheel on one editor (Scintilla's own zoom) moves them all.
    secondEditor->zoomTo(3);
    QTRY_COMPARE(firstEditor->zoomLevel(), 3);
    QCOMPARE(window->appearance()->editorZoom(), 3);
}

void TestStage::themesRecolourEditorAndPanes()
{
    MainWindow *window = m_bench.open(m_bench.copyProgram(QStringLiteral("counter.js")));
    QVERIFY(window);
    CodeEditor *editor = m_bench.editor();
    QTRY_VERIFY_WITH_TIMEOUT(m_bench.output().contains(QStringLiteral("1 original")), kTimeout);
    auto *dark = window->findChild<QAction *>(QStringLiteral("darkThemeAction"));
    auto *light = window->findChild<QAction *>(QStringLiteral("lightThemeAction"));
    QVERIFY(dark && light);
    QVERIFY(light->isChecked());
    QVERIFY(editor->lexer()->paper(QsciLexerJavaScript::Default).lightness() > 230);

    dark->trigger();
    QCOMPARE(window->appearance()->theme(), ThemeId::Dark);
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 80);
    QVERIFY(editor->lexer()->paper(QsciLexerJavaScript::Default).lightness() < 60);
    QVERIFY2(worstEditorContrast(editor) >= 4.5, qPrintable(QString::number(worstEditorContrast(editor))));
    // The output's coloured lines stay readable on the dark list.
    QListView *output = window->runtimeDock()->outputView();
    const QColor base = output->palette().color(QPalette::Base);
    QVERIFY(base.lightness() < 80);
    for (const QColor &color : { currentTheme().error, currentTheme().muted, currentTheme().link })
        QVERIFY(contrast(color, base) >= 4.5);
    // The program's state keeps its colour, in the dark theme's shade.
    QVERIFY(window->runtimeDock()->findChild<QLabel *>(QStringLiteral("runtimeState"))->text().contains(
        currentTheme().success.name()));
    // Presenter mode has its own colours: the everyday choice waits.
    window->setPresenterMode(true);
    QVERIFY(!dark->isEnabled());
    window->setPresenterMode(false);
    QVERIFY(dark->isEnabled() && dark->isChecked());
    QVERIFY(editor->lexer()->paper(QsciLexerJavaScript::Default).lightness() < 60);

    light->trigger();
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 180);
    QVERIFY(editor->lexer()->paper(QsciLexerJavaScript::Default).lightness() > 230);
    QVERIFY(worstEditorContrast(editor) >= 4.5);
}

QTEST_MAIN(TestStage)
#include "tst_stage.moc"
