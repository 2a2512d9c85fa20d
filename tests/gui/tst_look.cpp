// SPDX-License-Identifier: MIT
// The everyday look: editor zoom on VS Code's keys, light and dark themes over
// every widget, compile errors and output as the look changes, and the README's
// first picture — the real window on the real graft-runtime, driven by key events.
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

class TestLook : public QObject
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

    void zoomKeysZoomEveryEditor();
    void themesRecolourEditorAndPanes();
    void compileErrorsWrapInsideTheEditor();
    void outputKeepsFollowingAcrossLookChanges();
    void everyWidgetFollowsTheTheme();
    void everydayLayoutScreenshot();

private:
    void pressPresenterShortcut() { graft::test::pressPresenterShortcut(m_bench.window()); }

    WorkbenchFixture m_bench;
};

void TestLook::zoomKeysZoomEveryEditor()
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

void TestLook::themesRecolourEditorAndPanes()
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

void TestLook::compileErrorsWrapInsideTheEditor()
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

void TestLook::outputKeepsFollowingAcrossLookChanges()
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

void TestLook::everyWidgetFollowsTheTheme()
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

void TestLook::everydayLayoutScreenshot()
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

GRAFT_PROJECTOR_TEST_MAIN(TestLook)
#include "tst_look.moc"
