// SPDX-License-Identifier: MIT
// The console in the active file's scope, and the program controls (issue 14,
// items 2 and 3), through the real window and the real runtime, offscreen.
#include "console/consolemodel.h"
#include "console/consolepane.h"
#include "editor/codeeditor.h"
#include "editor/editorarea.h"
#include "editor/editortab.h"
#include "editor/qscintilla.h"
#include "panes/programstatus.h"
#include "panes/runtimedock.h"
#include "session/livesession.h"
#include "window/demofinder.h"
#include "window/demoscratch.h"
#include "window/mainwindow.h"
#include "window/recentfiles.h"
#include "workbenchfixture.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QRegularExpression>
#include <QToolButton>
#include <QTreeView>
#include <QtTest>

using namespace graft;
using namespace graft::test;

class TestConsoleControls : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { WorkbenchFixture::initTestCase(); }
    void init() { QVERIFY(m_bench.init()); }
    void cleanup() { m_bench.cleanup(); }
    void consoleEvaluatesInTheActiveFilesScope();
    void consoleShowsExpandablePreviews();
    void interruptKeepsTheProgramAndSaysWhatWasLost();
    void stopEndsTheProgram();
    void repeatedExceptionsAreCountedNotRepeated();
    void openStartsInTheCurrentFilesFolder();
    void demoRunsFromAScratchCopy();
    void demoNamedOnTheCommandLineRunsFromAScratchCopy();
    void recentFilesShowTheirFolder();
    void screenshots_data();
    void screenshots();

private:
    // Types into the console and waits for its answer; the console's text.
    QString evaluate(const QString &expression);

    WorkbenchFixture m_bench;
};

QString TestConsoleControls::evaluate(const QString &expression)
{
    auto *input = m_bench.window()->findChild<QLineEdit *>(QStringLiteral("replEdit"));
    ConsoleModel *console = m_bench.window()->runtimeDock()->consolePane()->model();
    const int rows = console->rowCount();
    QTest::keyClicks(input, expression);
    QTest::keyClick(input, Qt::Key_Return);
    if (!QTest::qWaitFor([&] { return console->rowCount() >= rows + 2; }, kTimeout))
        return {};
    return console->index(console->rowCount() - 1, 0).data().toString();
}

void TestConsoleControls::consoleEvaluatesInTheActiveFilesScope()
{
    QVERIFY(m_bench.open(m_bench.copyProgram(QStringLiteral("counter.js"))));
    ConsolePane *console = m_bench.window()->runtimeDock()->consolePane();
    QTRY_VERIFY_WITH_TIMEOUT(
        console->scopeText().contains(QStringLiteral("in counter.js's top-level scope")), kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(m_bench.output().contains(QStringLiteral("2 original")), kTimeout);

    // The program's own binding: read, then assigned for real (its next lines say so).
    QCOMPARE(evaluate(QStringLiteral("s")), QStringLiteral("← \"original\""));
    QCOMPARE(evaluate(QStringLiteral("s = 'from the console'")), QStringLiteral("← \"from the console\""));
    QTRY_VERIFY_WITH_TIMEOUT(m_bench.output().contains(QStringLiteral(" from the console")), kTimeout);
    QCOMPARE(evaluate(QStringLiteral("typeof require + ' ' + (await Promise.resolve(6 * 7))")),
        QStringLiteral("← \"function 42\""));
    // The answers stay in the console, apart from the program's output.
    QVERIFY(!m_bench.output().contains(QStringLiteral("← ")));

    // Another tab's file that the program never loaded: global scope, and it says why.
    QVERIFY(m_bench.window()->openFile(m_bench.copyProgram(QStringLiteral("thrower.js"))));
    QTRY_VERIFY_WITH_TIMEOUT(
        console->scopeText().contains(QStringLiteral("global scope: thrower.js is not loaded")), kTimeout);
    QCOMPARE(evaluate(QStringLiteral("typeof s")), QStringLiteral("← \"undefined\""));
}

void TestConsoleControls::consoleShowsExpandablePreviews()
{
    QVERIFY(m_bench.open(m_bench.copyProgram(QStringLiteral("counter.js"))));
    QTRY_VERIFY_WITH_TIMEOUT(m_bench.output().contains(QStringLiteral("1 original")), kTimeout);
    QCOMPARE(evaluate(QStringLiteral(
                 "({ list: [1, 'two'], map: new Map([['k', { deep: true }]]), done: Promise.resolve(s) })")),
        QStringLiteral("← Object {list: […], map: {…}, done: {…}}"));
    QCOMPARE(evaluate(QStringLiteral("new Map([['k', 1]])")), QStringLiteral("← Map(1) {\"k\" => 1}"));
    QCOMPARE(evaluate(QStringLiteral("[1, 'two', { three: 3 }]")), QStringLiteral("← Array(3) [1, \"two\", {…}]"));

    // Expanding the object shows its properties with their own previews, one level down.
    ConsoleModel *model = m_bench.window()->runtimeDock()->consolePane()->model();
    QTreeView *view = m_bench.window()->runtimeDock()->consolePane()->view();
    const QModelIndex object = model->index(1, 0);
    QVERIFY(model->hasChildren(object));
    view->expand(object);
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount(object) >= 3, kTimeout);
    QStringList children;
    for (int row = 0; row < model->rowCount(object); ++row)
        children << model->index(row, 0, object).data().toString();
    QVERIFY2(children.contains(QStringLiteral("list: Array(2) [1, \"two\"]")), qPrintable(children.join('|')));
    QVERIFY2(children.contains(
                 QStringLiteral("done: Promise {[[PromiseState]]: \"fulfilled\", [[PromiseResult]]: \"original\"}")),
        qPrintable(children.join('|')));
}

void TestConsoleControls::interruptKeepsTheProgramAndSaysWhatWasLost()
{
    MainWindow *window = m_bench.open(m_bench.copyProgram(QStringLiteral("only-interval.js")));
    QVERIFY(window);
    QTRY_VERIFY_WITH_TIMEOUT(m_bench.output().contains(QStringLiteral("tick 3")), kTimeout);
    // The status bar says the program is busy, and offers Interrupt there.
    ProgramStatus *status = window->programStatus();
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("busy for")), kTimeout);
    QVERIFY(status->text().contains(QStringLiteral("only-interval.js")));
    QVERIFY(status->interruptButton()->isVisible());

    status->interruptButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(
        m_bench.output().contains(QStringLiteral("Interrupted tick (only-interval.js:11)")), kTimeout);
    QVERIFY2(
        m_bench.output().contains(QStringLiteral("setInterval it will not fire again")), qPrintable(m_bench.output()));
    // Nothing is left for its event loop, yet the session stays: running, not busy, answering.
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("running")), kTimeout);
    QTest::qWait(500);
    QCOMPARE(window->session()->state(), LiveSession::State::Running);
    QVERIFY(!status->interruptButton()->isVisible());
    QCOMPARE(evaluate(QStringLiteral("ticks")), QStringLiteral("← 3"));
}

void TestConsoleControls::stopEndsTheProgram()
{
    MainWindow *window = m_bench.open(m_bench.copyProgram(QStringLiteral("counter.js")));
    QVERIFY(window);
    QTRY_COMPARE_WITH_TIMEOUT(window->session()->state(), LiveSession::State::Running, kTimeout);
    QVERIFY(window->programStatus()->text().contains(QStringLiteral("counter.js running")));
    QVERIFY(window->windowTitle().contains(QStringLiteral("▶ counter.js")));
    QTest::keyClick(window, Qt::Key_F5, Qt::ShiftModifier); // Stop
    QTRY_COMPARE_WITH_TIMEOUT(window->session()->state(), LiveSession::State::Exited, kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(m_bench.output().contains(QStringLiteral("The program was stopped")), kTimeout);
    QVERIFY(window->programStatus()->text().contains(QStringLiteral("counter.js stopped")));
    QVERIFY(!window->runtimeDock()->interruptAction()->isEnabled());
    QVERIFY(window->runtimeDock()->runAction()->isEnabled());
}

void TestConsoleControls::repeatedExceptionsAreCountedNotRepeated()
{
    QVERIFY(m_bench.open(m_bench.copyProgram(QStringLiteral("thrower-repeats.js"))));
    // The count goes up in place; under load it may pass 4 between two looks.
    static const QRegularExpression counted(QStringLiteral("Uncaught Error: again  \\(×(\\d+)\\)"));
    QTRY_VERIFY_WITH_TIMEOUT(counted.match(m_bench.output()).captured(1).toInt() >= 4, kTimeout);
    QCOMPARE(m_bench.output().count(QStringLiteral("Uncaught Error: again")), 1);
    QCOMPARE(m_bench.output().count(QStringLiteral("at boom")), 1);
}

void TestConsoleControls::openStartsInTheCurrentFilesFolder()
{
    const QString file = m_bench.copyProgram(QStringLiteral("counter.js"));
    MainWindow *window = m_bench.open(file, false);
    QVERIFY(window);
    window->findChild<QAction *>(QStringLiteral("openFileAction"))->trigger();
    auto *dialog = window->findChild<QFileDialog *>(QStringLiteral("openFileDialog"));
    QVERIFY(dialog);
    QCOMPARE(dialog->directory().absolutePath(), QFileInfo(file).absolutePath());
    dialog->reject();
}

void TestConsoleControls::demoRunsFromAScratchCopy()
{
    MainWindow *window = m_bench.open(m_bench.copyProgram(QStringLiteral("counter.js")), false);
    QVERIFY(window);
    const QString shipped = defaultDemo();
    QFile shippedFile(shipped);
    QVERIFY(shippedFile.open(QIODevice::ReadOnly));
    const QByteArray shippedBytes = shippedFile.readAll();
    shippedFile.close();

    window->runDemo(shipped);
    const QString copy = window->editorArea()->currentTab()->filePath();
    QVERIFY2(copy.startsWith(demoScratchDirectory() + QLatin1Char('/')), qPrintable(copy));
    QTRY_VERIFY_WITH_TIMEOUT(window->session()->launch().entry == copy && window->session()->isRunning(), kTimeout);
    // An edit saved in the workbench lands in the copy; the shipped demo stays as it is.
    m_bench.editor()->setCursorPosition(0, 0);
    QTest::keyClicks(m_bench.editor()->viewport(), QStringLiteral("// mine"));
    QTest::keyClick(m_bench.editor()->viewport(), Qt::Key_Return);
    QTest::keyClick(window, Qt::Key_S, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(QFile(copy).open(QIODevice::ReadOnly), kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            QFile f(copy);
            return f.open(QIODevice::ReadOnly) && f.readAll().startsWith("// mine\n");
        }(),
        kTimeout);
    QVERIFY(shippedFile.open(QIODevice::ReadOnly));
    QCOMPARE(shippedFile.readAll(), shippedBytes);
}

void TestConsoleControls::demoNamedOnTheCommandLineRunsFromAScratchCopy()
{
    // As `bash cmake/dev.sh run` starts it: the shipped demo's path as the entry.
    MainWindow *window = m_bench.open(defaultDemo());
    QVERIFY(window);
    const QString copy = QDir(demoScratchDirectory()).absoluteFilePath(QStringLiteral("writeup-2016.js"));
    QCOMPARE(window->editorArea()->currentTab()->filePath(), copy);
    QTRY_COMPARE_WITH_TIMEOUT(window->session()->launch().entry, copy, kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(m_bench.output().contains(QStringLiteral("1 original")), kTimeout);
}

void TestConsoleControls::recentFilesShowTheirFolder()
{
    const QString file = m_bench.copyProgram(QStringLiteral("counter.js"));
    MainWindow *window = m_bench.open(file, false);
    QVERIFY(window);
    auto *menu = window->findChild<QMenu *>(QStringLiteral("recentFilesMenu"));
    QVERIFY(menu);
    const QString folder = QDir::toNativeSeparators(QFileInfo(file).absolutePath());
    QString first = menu->actions().first()->text();
    QVERIFY2(first.startsWith(QStringLiteral("&1  counter.js  —  ")), qPrintable(first));
    QVERIFY2(first.endsWith(folder.section(QLatin1Char('/'), -2)), qPrintable(first));
}

void TestConsoleControls::screenshots_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("1920x1080") << QSize(1920, 1080);
    QTest::newRow("1280x720") << QSize(1280, 720);
}

void TestConsoleControls::screenshots()
{
    // What a user sees: the console beside the output, an object expanded.
    QFETCH(QSize, size);
    MainWindow *window = m_bench.open(m_bench.copyProgram(QStringLiteral("counter.js")));
    QVERIFY(window);
    window->resize(size);
    QTRY_VERIFY_WITH_TIMEOUT(m_bench.output().contains(QStringLiteral("3 original")), kTimeout);
    evaluate(QStringLiteral("s = 'updated'"));
    evaluate(QStringLiteral("({ counter, list: [1, 'two'], map: new Map([['k', 1]]) })"));
    ConsoleModel *model = window->runtimeDock()->consolePane()->model();
    window->runtimeDock()->consolePane()->view()->expand(model->index(model->rowCount() - 1, 0));
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount(model->index(model->rowCount() - 1, 0)) > 0, kTimeout);
    QTest::qWait(300);
    QVERIFY(QDir().mkpath(QStringLiteral(GRAFT_SCREENSHOT_DIR)));
    const QString name = QStringLiteral(GRAFT_SCREENSHOT_DIR "/console-%1x%2.png").arg(size.width()).arg(size.height());
    QVERIFY(window->grab().save(name));
}

QTEST_MAIN(TestConsoleControls)
#include "tst_consolecontrols.moc"
