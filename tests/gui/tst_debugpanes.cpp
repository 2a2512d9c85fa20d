// SPDX-License-Identifier: MIT
// The workbench's debugger offscreen, against a real graft-runtime: breakpoints
// in the margin and with F9, the paused program in the Call Stack pane, its
// frame's scopes in Closures, the console evaluating in the frame, VS Code's
// keys for stepping, and breakpoints remembered across starts of the app.

#include "console/consolemodel.h"
#include "console/consolepane.h"
#include "debug/breakpointsettings.h"
#include "debug/debugcontroller.h"
#include "debug/debugdocks.h"
#include "debug/debugger.h"
#include "debug/debugmodels.h"
#include "editor/breakpointmarkers.h"
#include "editor/codeeditor.h"
#include "editor/editorarea.h"
#include "panes/closuresdock.h"
#include "panes/closuresmodel.h"
#include "panes/runtimedock.h"
#include "session/livesession.h"
#include "window/mainwindow.h"
#include "workbenchfixture.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QSettings>
#include <QTimer>
#include <QtTest>

using namespace graft;
using namespace graft::test;

namespace {
// debuggee.js, line by line (tests/gui/programs).
constexpr int kLineHelperBody = 3; // const doubled = n * 2;
constexpr int kLineCall = 8;       // const value = helper(count);
constexpr int kLineLog = 9;        // console.log(...)

// A real click in the marker margin, beside a 1-based line.
void clickMargin(CodeEditor *editor, int line)
{
    const int x
        = static_cast<int>(editor->SendScintilla(QsciScintilla::SCI_GETMARGINWIDTHN, CodeEditor::LineNumberMargin)) + 4;
    const long position = editor->SendScintilla(QsciScintilla::SCI_POSITIONFROMLINE, line - 1);
    const int y = static_cast<int>(editor->SendScintilla(QsciScintilla::SCI_POINTYFROMPOSITION, 0, position))
        + editor->textHeight(line - 1) / 2;
    QTest::mouseClick(editor->viewport(), Qt::LeftButton, Qt::NoModifier, QPoint(x, y));
}
} // namespace

class TestDebugPanes : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { WorkbenchFixture::initTestCase(); }
    void init() { QVERIFY(m_bench.init()); }
    void cleanup() { m_bench.cleanup(); }
    void marginClickAndF9ToggleBreakpoints();
    void breakpointFollowsAnEditAboveItWhenSaved();
    void pausedProgramShowsItsStackScopesAndSteps();
    void conditionAndLogpointFromTheirDialogs();
    void breakpointsAreRememberedAcrossStartsOfTheApp();
    void modelsPassTheTester();

private:
    WorkbenchFixture m_bench;
};

void TestDebugPanes::marginClickAndF9ToggleBreakpoints()
{
    const QString file = m_bench.copyProgram(QStringLiteral("debuggee.js"));
    QVERIFY(m_bench.open(file, false));
    CodeEditor *editor = m_bench.editor();
    Debugger *debugger = m_bench.window()->session()->debugger();
    BreakpointMarkers *markers = editor->breakpointMarkers();

    clickMargin(editor, kLineLog);
    QCOMPARE(debugger->breakpoints().size(), 1);
    QCOMPARE(debugger->breakpoints().first().line, kLineLog);
    QCOMPARE(markers->markedLines(BreakpointMarkers::Breakpoint), QList<int> { kLineLog });
    QCOMPARE(m_bench.window()->breakpointsDock()->model()->rowCount(), 1);

    // F9 at the cursor's line: on, and again off.
    m_bench.placeCursorAfter(QStringLiteral("const value"));
    QTest::keyClick(m_bench.window(), Qt::Key_F9);
    QCOMPARE(markers->markedLines(BreakpointMarkers::Breakpoint), (QList<int> { kLineCall, kLineLog }));
    QTest::keyClick(m_bench.window(), Qt::Key_F9);
    QCOMPARE(markers->markedLines(BreakpointMarkers::Breakpoint), QList<int> { kLineLog });

    // Unchecked in the Breakpoints list: disabled, shown hollow, kept.
    BreakpointsModel *list = m_bench.window()->breakpointsDock()->model();
    QVERIFY(list->setData(list->index(0, 0), Qt::Unchecked, Qt::CheckStateRole));
    QVERIFY(!debugger->breakpoints().first().enabled);
    QCOMPARE(markers->markedLines(BreakpointMarkers::Disabled), QList<int> { kLineLog });
    QVERIFY(markers->markedLines(BreakpointMarkers::Breakpoint).isEmpty());

    // A click on the marker removes it.
    clickMargin(editor, kLineLog);
    QVERIFY(debugger->breakpoints().isEmpty());
    QVERIFY(markers->markedLines(BreakpointMarkers::Disabled).isEmpty());
}

void TestDebugPanes::breakpointFollowsAnEditAboveItWhenSaved()
{
    // Not running: no patch moves it, the editor does.
    const QString file = m_bench.copyProgram(QStringLiteral("debuggee.js"));
    QVERIFY(m_bench.open(file, false));
    CodeEditor *editor = m_bench.editor();
    Debugger *debugger = m_bench.window()->session()->debugger();
    clickMargin(editor, kLineLog);
    editor->insertAt(QStringLiteral("// one\n// two\n"), 0, 0);
    QCOMPARE(editor->breakpointMarkers()->markedLines(BreakpointMarkers::Breakpoint), QList<int> { kLineLog + 2 });
    QTest::keyClick(m_bench.window(), Qt::Key_S, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(debugger->breakpoints().first().line, kLineLog + 2, kTimeout);
    QCOMPARE(m_bench.window()->breakpointsDock()->model()->index(0, 0).data().toString(),
        QStringLiteral("debuggee.js:%1").arg(kLineLog + 2));
}

void TestDebugPanes::pausedProgramShowsItsStackScopesAndSteps()
{
    const QString file = m_bench.copyProgram(QStringLiteral("debuggee.js"));
    MainWindow *window = m_bench.open(file);
    QVERIFY(window);
    QTRY_VERIFY_WITH_TIMEOUT(m_bench.output().contains(QStringLiteral("count 2 4")), kTimeout);
    Debugger *debugger = window->session()->debugger();
    CallStackDock *stack = window->callStackDock();
    auto *status = window->findChild<QLabel *>(QStringLiteral("debugStatusLabel"));
    QVERIFY(status);
    // F5 runs while nothing is paused.
    QCOMPARE(window->runtimeDock()->runAction()->shortcut(), QKeySequence(Qt::Key_F5));

    m_bench.placeCursorAfter(QStringLiteral("const value"));
    QTest::keyClick(window, Qt::Key_F9);
    QTRY_VERIFY_WITH_TIMEOUT(debugger->isPaused(), kTimeout);
    QCOMPARE(debugger->pauseReason(), QStringLiteral("breakpoint"));
    QTRY_COMPARE_WITH_TIMEOUT(stack->model()->rowCount() > 0, true, kTimeout);
    QCOMPARE(stack->model()->index(0, 0).data(CallStackModel::NameRole).toString(), QStringLiteral("tick"));
    QCOMPARE(m_bench.editor()->breakpointMarkers()->currentLine(), kLineCall);
    QVERIFY2(status->isVisible() && status->text().contains(QStringLiteral("timers are frozen")),
        qPrintable(status->text()));
    // F5 now continues; Run has no key while paused.
    QCOMPARE(window->debugController()->continueAction()->shortcut(), QKeySequence(Qt::Key_F5));
    QVERIFY(window->runtimeDock()->runAction()->shortcut().isEmpty());

    // Closures shows the frame's scopes, the live value of the closure's count.
    ClosuresModel *closures = window->closuresDock()->closuresModel();
    QTRY_VERIFY_WITH_TIMEOUT(closures->findVariable(QStringLiteral("count")).isValid(), kTimeout);
    const int count = closures->findVariable(QStringLiteral("count"))
                          .siblingAtColumn(ClosuresModel::ValueColumn)
                          .data()
                          .toString()
                          .toInt();
    QVERIFY(count >= 3);
    const QString printed = QStringLiteral("count %1 ").arg(count);
    QVERIFY(!m_bench.output().contains(printed));

    // The console evaluates in the paused frame.
    auto *repl = window->findChild<QLineEdit *>(QStringLiteral("replEdit"));
    ConsoleModel *console = window->runtimeDock()->consolePane()->model();
    QTest::keyClicks(repl, QStringLiteral("count * 100"));
    QTest::keyClick(repl, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(console->rowCount() > 0
            && console->index(console->rowCount() - 1, 0).data().toString() == QStringLiteral("← %1").arg(count * 100),
        kTimeout);
    QVERIFY(window->runtimeDock()->consolePane()->scopeText().contains(QStringLiteral("the paused frame")));

    // Hovering a name shows its value in the frame.
    const int namePosition
        = static_cast<int>(m_bench.editor()->positionFromLineIndex(kLineCall - 1, 25)); // helper(co|unt)
    window->debugController()->showValueAt(m_bench.editor(), namePosition, window->mapToGlobal(QPoint(300, 200)));
    QTRY_COMPARE_WITH_TIMEOUT(
        window->debugController()->hoverText(), QStringLiteral("count = %1").arg(count), kTimeout);

    QVERIFY(QDir().mkpath(QStringLiteral(GRAFT_SCREENSHOT_DIR)));
    QVERIFY(window->grab().save(QStringLiteral(GRAFT_SCREENSHOT_DIR "/debugger-paused.png")));
    const QSize size = window->size();
    window->resize(1920, 1080);
    QVERIFY(window->grab().save(QStringLiteral(GRAFT_SCREENSHOT_DIR "/debugger-1920x1080.png")));
    window->resize(1280, 720);
    QVERIFY(window->grab().save(QStringLiteral(GRAFT_SCREENSHOT_DIR "/debugger-1280x720.png")));
    window->resize(size);

    // F11 into helper, F10 over its first line, Shift+F11 back out to tick.
    QTest::keyClick(window, Qt::Key_F11);
    QTRY_COMPARE_WITH_TIMEOUT(
        stack->model()->index(0, 0).data(CallStackModel::NameRole).toString(), QStringLiteral("helper"), kTimeout);
    QCOMPARE(m_bench.editor()->breakpointMarkers()->currentLine(), kLineHelperBody);
    QTest::keyClick(window, Qt::Key_F10);
    QTRY_COMPARE_WITH_TIMEOUT(m_bench.editor()->breakpointMarkers()->currentLine(), kLineHelperBody + 1, kTimeout);
    QTest::keyClick(window, Qt::Key_F11, Qt::ShiftModifier);
    QTRY_COMPARE_WITH_TIMEOUT(
        stack->model()->index(0, 0).data(CallStackModel::NameRole).toString(), QStringLiteral("tick"), kTimeout);

    // Selecting the caller's frame (Node's timers) points the console there.
    stack->selectFrame(1);
    QCOMPARE(window->runtimeDock()->evaluationFrame(), 1);
    stack->selectFrame(0);

    // Remove the breakpoint and continue with F5: the program runs on, marks go.
    m_bench.placeCursorAfter(QStringLiteral("const value"));
    QTest::keyClick(window, Qt::Key_F9);
    QVERIFY(debugger->breakpoints().isEmpty());
    QTest::keyClick(window, Qt::Key_F5);
    QTRY_VERIFY_WITH_TIMEOUT(!debugger->isPaused(), kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(m_bench.output().contains(QStringLiteral("count %1 ").arg(count + 2)), kTimeout);
    QVERIFY(m_bench.output().contains(printed));
    QCOMPARE(m_bench.editor()->breakpointMarkers()->currentLine(), 0);
    QVERIFY(!status->isVisible());
    QCOMPARE(stack->model()->rowCount(), 0);
    QCOMPARE(window->runtimeDock()->runAction()->shortcut(), QKeySequence(Qt::Key_F5));

    // F6 pauses the running program.
    QTest::keyClick(window, Qt::Key_F6);
    QTRY_VERIFY_WITH_TIMEOUT(debugger->isPaused(), kTimeout);
    QCOMPARE(debugger->pauseReason(), QStringLiteral("pause"));
    QTest::keyClick(window, Qt::Key_F5);
    QTRY_VERIFY_WITH_TIMEOUT(!debugger->isPaused(), kTimeout);
}

namespace {
// Answers the next input dialog with `text`, as a user typing it and pressing OK.
void answerNextDialog(const QString &text)
{
    QTimer::singleShot(0, qApp, [text] {
        QTRY_VERIFY(qobject_cast<QInputDialog *>(QApplication::activeModalWidget()));
        auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
        dialog->setTextValue(text);
        dialog->accept();
    });
}
} // namespace

void TestDebugPanes::conditionAndLogpointFromTheirDialogs()
{
    const QString file = m_bench.copyProgram(QStringLiteral("debuggee.js"));
    MainWindow *window = m_bench.open(file);
    QVERIFY(window);
    QTRY_VERIFY_WITH_TIMEOUT(m_bench.output().contains(QStringLiteral("count 1 2")), kTimeout);
    Debugger *debugger = window->session()->debugger();
    auto *logpoint = window->findChild<QAction *>(QStringLiteral("logpointAction"));
    auto *conditional = window->findChild<QAction *>(QStringLiteral("conditionalBreakpointAction"));
    QVERIFY(logpoint && conditional);

    // A logpoint prints into the program's output and never stops it.
    m_bench.placeCursorAfter(QStringLiteral("console.log"));
    answerNextDialog(QStringLiteral("'seen ' + value"));
    logpoint->trigger();
    QCOMPARE(debugger->breakpoints().size(), 1);
    QCOMPARE(debugger->breakpoints().first().log, QStringLiteral("'seen ' + value"));
    QCOMPARE(m_bench.editor()->breakpointMarkers()->markedLines(BreakpointMarkers::Logpoint), QList<int> { kLineLog });
    QTRY_VERIFY_WITH_TIMEOUT(m_bench.output().count(QStringLiteral("seen ")) >= 3, kTimeout);
    QVERIFY(!debugger->isPaused());

    // A condition: it stops only when it holds.
    const int now = m_bench.output().count(QStringLiteral("count "));
    m_bench.placeCursorAfter(QStringLiteral("const value"));
    answerNextDialog(QStringLiteral("count === %1").arg(now + 4));
    conditional->trigger();
    QCOMPARE(
        m_bench.editor()->breakpointMarkers()->markedLines(BreakpointMarkers::Conditional), QList<int> { kLineCall });
    QTRY_VERIFY_WITH_TIMEOUT(debugger->isPaused(), kTimeout);
    QVERIFY(m_bench.output().contains(QStringLiteral("count %1 ").arg(now + 3)));
    QVERIFY(!m_bench.output().contains(QStringLiteral("count %1 ").arg(now + 4)));
    window->debugController()->continueAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(m_bench.output().contains(QStringLiteral("count %1 ").arg(now + 5)), kTimeout);
}

void TestDebugPanes::breakpointsAreRememberedAcrossStartsOfTheApp()
{
    QSettings().remove(BreakpointSettings::key());
    const QString file = m_bench.copyProgram(QStringLiteral("debuggee.js"));
    MainWindow *window = m_bench.open(file, false, true);
    QVERIFY(window);
    window->debugController()->addBreakpoint(file, kLineLog, QStringLiteral("count > 5"));
    window->debugController()->addBreakpoint(file, kLineCall, {}, QStringLiteral("'log ' + count"));
    Debugger *debugger = window->session()->debugger();
    debugger->setBreakpointEnabled(debugger->breakpoints().last().id, false);

    // The next start of the app: the same breakpoints, marked in the editor.
    window = m_bench.open(file, false, true);
    QVERIFY(window);
    debugger = window->session()->debugger();
    QCOMPARE(debugger->breakpoints().size(), 2);
    const Breakpoint conditional = debugger->breakpoints().at(0);
    QCOMPARE(conditional.line, kLineLog);
    QCOMPARE(conditional.condition, QStringLiteral("count > 5"));
    QVERIFY(conditional.enabled);
    const Breakpoint logpoint = debugger->breakpoints().at(1);
    QCOMPARE(logpoint.log, QStringLiteral("'log ' + count"));
    QVERIFY(!logpoint.enabled);
    BreakpointMarkers *markers = m_bench.editor()->breakpointMarkers();
    QCOMPARE(markers->markedLines(BreakpointMarkers::Conditional), QList<int> { kLineLog });
    QCOMPARE(markers->markedLines(BreakpointMarkers::Disabled), QList<int> { kLineCall });
    QSettings().remove(BreakpointSettings::key());
}

void TestDebugPanes::modelsPassTheTester()
{
    CallStackModel stack;
    QAbstractItemModelTester stackTester(&stack, QAbstractItemModelTester::FailureReportingMode::QtTest);
    PausedFrame frame;
    frame.name = QStringLiteral("tick");
    frame.filePath = QStringLiteral("/tmp/a.js");
    frame.line = 4;
    stack.setFrames({ frame, frame });
    QCOMPARE(stack.rowCount(), 2);
    QCOMPARE(stack.index(0, 0).data().toString(), QStringLiteral("tick    a.js:4"));
    stack.setFrames({});

    BreakpointsModel list;
    QAbstractItemModelTester listTester(&list, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Breakpoint b;
    b.id = QStringLiteral("bp1");
    b.file = QStringLiteral("/tmp/a.js");
    b.line = 7;
    b.log = QStringLiteral("n");
    list.setBreakpoints({ b });
    QCOMPARE(list.index(0, 0).data().toString(), QStringLiteral("a.js:7"));
    QCOMPARE(list.index(0, 1).data().toString(), QStringLiteral("log n"));
    QSignalSpy requested(&list, &BreakpointsModel::enabledChangeRequested);
    QVERIFY(list.setData(list.index(0, 0), Qt::Unchecked, Qt::CheckStateRole));
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.first().at(1).toBool(), false);
}

QTEST_MAIN(TestDebugPanes)
#include "tst_debugpanes.moc"
