// SPDX-License-Identifier: MIT
// Ready for the stage: presenter mode on one shortcut (large, high contrast, the
// editor, Changes and Closures side by side at projector sizes), editor zoom,
// light and dark themes — the real window on the real graft-runtime, driven by
// key events.
#include "editor/codeeditor.h"
#include "editor/editorarea.h"
#include "editor/errorsquiggle.h"
#include "panes/changesdock.h"
#include "panes/changesmodel.h"
#include "panes/closuresdock.h"
#include "panes/runtimedock.h"
#include "panes/scriptsdock.h"
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

// What a user sees at the output's end: the newest line inside the view.
bool showsNewestLine(QListView *view)
{
    const int rows = view->model()->rowCount();
    return rows > 0 && view->viewport()->rect().contains(view->visualRect(view->model()->index(rows - 1, 0)));
}

// The code's size in points as the editor paints it (its font plus the zoom's points).
qreal codePoints(CodeEditor *editor) { return editor->lexer()->defaultFont().pointSizeF() + editor->zoomLevel(); }

// Every widget of the window in the current theme: its palette's, and every colour
// a label writes into its text or style sheet readable on it. An empty list: all are.
QStringList widgetsOutOfTheme(QWidget *window)
{
    const QPalette &theme = currentTheme().palette;
    static const QRegularExpression colorInText(QStringLiteral("color\\s*:\\s*(#[0-9a-fA-F]{6})"));
    QStringList wrong;
    const QList<QWidget *> widgets = window->findChildren<QWidget *>();
    for (QWidget *widget : widgets) {
        if (!widget->isVisible())
            continue;
        const QString name = QStringLiteral("%1 %2").arg(widget->metaObject()->className(), widget->objectName());
        // A label may colour its text on purpose (the program's state): its contrast is checked below.
        const bool ownInk = widget->styleSheet().contains(QLatin1String("color"));
        const QPalette::ColorGroup group = widget->palette().currentColorGroup(); // disabled buttons grey out
        for (QPalette::ColorRole role : { QPalette::Window, QPalette::WindowText, QPalette::Base, QPalette::Text }) {
            if (ownInk && (role == QPalette::WindowText || role == QPalette::Text))
                continue;
            if (widget->palette().color(group, role) != theme.color(group, role))
                wrong << QStringLiteral("%1: role %2 is %3")
                             .arg(name)
                             .arg(role)
                             .arg(widget->palette().color(role).name());
        }
        auto *label = qobject_cast<QLabel *>(widget);
        if (!label)
            continue;
        const QColor paper = label->palette().color(label->backgroundRole());
        for (const QString &source : { label->text(), label->styleSheet() }) {
            for (auto match = colorInText.globalMatch(source); match.hasNext();) {
                const QColor ink(match.next().captured(1));
                if (contrast(ink, paper) < 4.5)
                    wrong << QStringLiteral("%1: %2 on %3").arg(name, ink.name(), paper.name());
            }
        }
    }
    return wrong;
}

} // namespace

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
    void zoomKeysZoomEveryEditor();
    void themesRecolourEditorAndPanes();
    void compileErrorsWrapInsideTheEditor();
    void outputKeepsFollowingAcrossLookChanges();
    void everyWidgetFollowsTheTheme();
    void everydayLayoutScreenshot();
    void windowSizeFitsTheScreen_data();
    void windowSizeFitsTheScreen();

private:
    void pressPresenterShortcut()
    {
        QTest::keyClick(m_bench.window(), Qt::Key_P, Qt::ControlModifier | Qt::AltModifier);
    }

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
    QVERIFY(window->runtimeDock()
                ->findChild<QLabel *>(QStringLiteral("runtimeState"))
                ->text()
                .contains(currentTheme().success.name()));
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

void TestStage::compileErrorsWrapInsideTheEditor()
{
    // On a 1280x720 projector the error box under a line is read whole: every line of
    // it ends inside the editor, also after zooming in.
    MainWindow *window = m_bench.open(m_bench.copyProgram(QStringLiteral("counter.js")));
    QVERIFY(window);
    window->resize(1280, 720);
    pressPresenterShortcut();
    QTRY_VERIFY_WITH_TIMEOUT(m_bench.output().contains(QStringLiteral("1 original")), kTimeout);
    CodeEditor *editor = m_bench.editor();
    const int line = m_bench.placeCursorAfter(QStringLiteral("return s;"));
    QVERIFY(line >= 0);
    QTest::keyClicks(editor, QStringLiteral(" )"));
    QTest::keyClick(editor, Qt::Key_S, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(editor->errorSquiggle()->annotatedLine(), line + 1, kTimeout);
    const auto fitsInside = [&] {
        int textLeft = 0;
        for (int margin = 0; margin < editor->margins(); ++margin)
            textLeft += editor->marginWidth(margin);
        const int style = static_cast<int>(editor->SendScintilla(QsciScintillaBase::SCI_ANNOTATIONGETSTYLE, line)
            + editor->SendScintilla(QsciScintillaBase::SCI_ANNOTATIONGETSTYLEOFFSET));
        const QStringList lines = editor->annotation(line).split(QLatin1Char('\n'));
        for (const QString &text : lines) {
            const long width = editor->SendScintilla(
                QsciScintillaBase::SCI_TEXTWIDTH, static_cast<unsigned long>(style), text.toUtf8().constData());
            if (textLeft + width > editor->viewport()->width())
                return false;
        }
        // Broken between words only: the whole message is there.
        return lines.size() > 1
            && lines.join(QLatin1Char(' ')).endsWith(QStringLiteral("previous code keeps running."));
    };
    QVERIFY2(fitsInside(), qPrintable(editor->annotation(line)));
    QTest::keyClick(window, Qt::Key_Equal, Qt::ControlModifier);
    QTest::keyClick(window, Qt::Key_Equal, Qt::ControlModifier);
    QTRY_VERIFY2(fitsInside(), qPrintable(editor->annotation(line)));
}

void TestStage::outputKeepsFollowingAcrossLookChanges()
{
    // A speaker switches to presenter mode (and back, and to the dark theme) while
    // the program prints: the output keeps showing the newest line throughout.
    MainWindow *window = m_bench.open(m_bench.copyProgram(QStringLiteral("counter.js")));
    QVERIFY(window);
    window->resize(1280, 720);
    QListView *output = window->runtimeDock()->outputView();
    QTRY_VERIFY_WITH_TIMEOUT(output->model()->rowCount() > 40, kTimeout); // more lines than the view holds
    QTRY_VERIFY(showsNewestLine(output));
    const auto stillFollows = [&](const char *step) {
        const int rows = output->model()->rowCount();
        QTRY_VERIFY_WITH_TIMEOUT(output->model()->rowCount() >= rows + 5, kTimeout); // the program printed on
        QVERIFY2(showsNewestLine(output), step);
        QTest::qWait(300);
        QVERIFY2(showsNewestLine(output), step);
    };
    pressPresenterShortcut();
    stillFollows("presenter mode on");
    if (QTest::currentTestFailed())
        return;
    pressPresenterShortcut();
    stillFollows("presenter mode off");
    if (QTest::currentTestFailed())
        return;
    window->findChild<QAction *>(QStringLiteral("darkThemeAction"))->trigger();
    stillFollows("dark theme");
    if (QTest::currentTestFailed())
        return;
    // A user who scrolls up to read stays where they are.
    output->verticalScrollBar()->triggerAction(QAbstractSlider::SliderToMinimum); // as Ctrl+Home or the wheel
    QTest::qWait(50);
    const int top = output->indexAt(QPoint(1, 1)).row();
    QTRY_VERIFY_WITH_TIMEOUT(output->model()->rowCount() > output->verticalScrollBar()->maximum() + 5, kTimeout);
    QTest::qWait(300);
    QCOMPARE(output->indexAt(QPoint(1, 1)).row(), top);
}

void TestStage::everyWidgetFollowsTheTheme()
{
    // Labels that write colours into their text (the program's state, the function
    // Closures shows, Changes' summary) and every widget's palette follow each switch,
    // also when presenter mode comes and goes while the program runs.
    MainWindow *window = m_bench.open(m_bench.copyProgram(QStringLiteral("counter.js")));
    QVERIFY(window);
    QTRY_VERIFY_WITH_TIMEOUT(m_bench.output().contains(QStringLiteral("1 original")), kTimeout);
    QVERIFY(m_bench.placeCursorAfter(QStringLiteral("return s")) >= 0); // Closures shows m()
    QTest::qWait(300);
    auto *dark = window->findChild<QAction *>(QStringLiteral("darkThemeAction"));
    auto *light = window->findChild<QAction *>(QStringLiteral("lightThemeAction"));
    const auto inTheme = [&](const char *step) {
        QTest::qWait(50); // Qt hands the application palette on from the event loop
        const QStringList wrong = widgetsOutOfTheme(window);
        QVERIFY2(wrong.isEmpty(),
            qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(step), wrong.join(QStringLiteral("; ")))));
    };
    inTheme("light");
    dark->trigger();
    inTheme("dark");
    pressPresenterShortcut();
    inTheme("presenter");
    pressPresenterShortcut();
    inTheme("dark after presenter");
    light->trigger();
    inTheme("light again");
}

void TestStage::everydayLayoutScreenshot()
{
    // The README's first picture: the everyday layout at 1920x1080 after two saves, one
    // patching m() and one leaving the top-level `s` stale, as a new user meets it.
    MainWindow *window = m_bench.open(m_bench.copyProgram(QStringLiteral("counter.js")));
    QVERIFY(window);
    window->resize(1920, 1080);
    QTRY_VERIFY_WITH_TIMEOUT(m_bench.output().contains(QStringLiteral("3 original")), kTimeout);
    CodeEditor *editor = m_bench.editor();
    QVERIFY(m_bench.placeCursorAfter(QStringLiteral("return s")) >= 0);
    QTest::keyClicks(editor, QStringLiteral(" + '*'"));
    QTest::keyClick(editor, Qt::Key_S, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(m_bench.output().contains(QStringLiteral(" original*")), kTimeout);
    ChangesModel *changes = window->changesDock()->changesModel();
    QTRY_COMPARE_WITH_TIMEOUT(changes->rowCount(), 1, kTimeout);
    QTest::qWait(500); // the first save's analysis is done before the second edit
    QVERIFY(m_bench.placeCursorAfter(QStringLiteral("let s = 'original")) >= 0);
    for (int i = 0; i < 8; ++i)
        QTest::keyClick(editor, Qt::Key_Backspace);
    QTest::keyClicks(editor, QStringLiteral("updated"));
    QTest::keyClick(editor, Qt::Key_S, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(changes->rowCount(), 2, kTimeout);
    QVERIFY(m_bench.placeCursorAfter(QStringLiteral("return s")) >= 0); // Closures shows m()
    QTest::qWait(1500);                                            // a few more lines of output, the live values read
    QVERIFY(showsNewestLine(window->runtimeDock()->outputView())); // the window's resize did not stop it following
    QVERIFY(window->grab().save(QStringLiteral(GRAFT_SCREENSHOT_DIR "/workbench-1920x1080.png")));
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

// A projector's screen (1920×1080) rather than the offscreen platform's small default,
// so that window placement is tried where a speaker meets it.
int main(int argc, char **argv)
{
    if (qgetenv("QT_QPA_PLATFORM") == "offscreen")
        qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" GRAFT_TEST_SOURCE_DIR "/projector-screen.json");
    QApplication app(argc, argv);
    app.setAttribute(Qt::AA_Use96Dpi, true); // as QTEST_MAIN does
    TestStage test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_stage.moc"
