// SPDX-License-Identifier: MIT
// The Runtime and Scripts panels end to end, offscreen: Stop, a flood of output,
// exceptions, the REPL and the script list, against a real graft-runtime.

#include "console/consolemodel.h"
#include "console/consolepane.h"
#include "editor/codeeditor.h"
#include "editor/editorarea.h"
#include "editor/editortab.h"
#include "heartbeat.h"
#include "panes/outputmodel.h"
#include "panes/runtimedock.h"
#include "panes/scriptsdock.h"
#include "panes/scriptsfiltermodel.h"
#include "panes/scriptsmodel.h"
#include "session/livesession.h"
#include "session/scriptregistry.h"
#include "window/mainwindow.h"
#include "window/theme.h"
#include "workbenchfixture.h"

#include <QAction>
#include <QCheckBox>
#include <QLineEdit>
#include <QListView>
#include <QtTest>

using namespace graft;
using namespace graft::test;

class TestRuntimePanels : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { WorkbenchFixture::initTestCase(); }
    void init() { QVERIFY(m_bench.init()); }
    void cleanup() { m_bench.cleanup(); }
    void interruptEndsARunawayLoopWhileTheWindowResponds();
    void floodedOutputStaysBoundedAndResponsive();
    void exceptionFrameOpensTheFileAtItsLine();
    void replEvaluatesInTheProgram();
    void scriptsDockListsScriptsAndOpensInternals();

private:
    WorkbenchFixture m_bench;
};

void TestRuntimePanels::interruptEndsARunawayLoopWhileTheWindowResponds()
{
    Heartbeat heartbeat;
    const QString file = m_bench.copyProgram(QStringLiteral("runaway.js"));
    QVERIFY(m_bench.open(file));
    QTRY_VERIFY_WITH_TIMEOUT(m_bench.output().contains(QStringLiteral("spinning")), kTimeout);
    const qsizetype beatsBefore = m_bench.output().count(QStringLiteral("beat "));
    QVERIFY(m_bench.window()->runtimeDock()->interruptAction()->isEnabled());

    QTest::keyClick(m_bench.window(), Qt::Key_Pause, Qt::ControlModifier); // Interrupt
    // The loop is over: the timer beats again, in the same program.
    QTRY_VERIFY_WITH_TIMEOUT(m_bench.output().count(QStringLiteral("beat ")) >= beatsBefore + 3, kTimeout);
    QCOMPARE(m_bench.window()->session()->state(), LiveSession::State::Running);
    QVERIFY(m_bench.window()->runtimeDock()->stateText().contains(QStringLiteral("running")));
    QVERIFY2(heartbeat.longestGapMs() < 1000, qPrintable(QString::number(heartbeat.longestGapMs())));
    QVERIFY(heartbeat.ticks() > 10);
}

void TestRuntimePanels::floodedOutputStaysBoundedAndResponsive()
{
    Heartbeat heartbeat;
    const QString file = m_bench.copyProgram(QStringLiteral("flood.js"));
    QVERIFY(m_bench.open(file));
    OutputModel *model = m_bench.window()->runtimeDock()->outputModel();
    // Far more lines than the console keeps have gone through it (the tail moves
    // faster than it is polled, so look at the newest number, not for one line).
    const auto newestLine = [model] {
        for (int row = model->rowCount() - 1; row >= 0; --row) {
            const QString text = model->index(row, 0).data().toString();
            if (text.startsWith(QStringLiteral("line ")))
                return text.mid(5).toInt();
        }
        return 0;
    };
    QTRY_VERIFY_WITH_TIMEOUT(newestLine() >= 300000, 30000);
    QVERIFY(model->rowCount() <= model->maxLines());
    QVERIFY2(heartbeat.longestGapMs() < 1000, qPrintable(QString::number(heartbeat.longestGapMs())));
    m_bench.window()->session()->kill();
    QTRY_VERIFY_WITH_TIMEOUT(!m_bench.window()->session()->isRunning(), kTimeout);
}

void TestRuntimePanels::exceptionFrameOpensTheFileAtItsLine()
{
    const QString file = m_bench.copyProgram(QStringLiteral("thrower.js"));
    QVERIFY(m_bench.open(file));
    QTRY_VERIFY_WITH_TIMEOUT(m_bench.output().contains(QStringLiteral("Uncaught Error: boom")), kTimeout);
    OutputModel *model = m_bench.window()->runtimeDock()->outputModel();
    int frameRow = -1;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (int row = 0; row < model->rowCount(); ++row) {
                if (model->index(row, 0).data(OutputModel::FileRole).toString() == file) {
                    frameRow = row;
                    return true;
                }
            }
            return false;
        }(),
        kTimeout);
    QCOMPARE(model->index(frameRow, 0).data(OutputModel::LineRole).toInt(), 4);
    QCOMPARE(model->index(frameRow, 0).data(Qt::ForegroundRole).value<QColor>(), currentTheme().link);
    QVERIFY(model->index(frameRow - 1, 0).data(Qt::DisplayRole).toString().contains(QStringLiteral("boom")));

    m_bench.editor()->setCursorPosition(0, 0);
    QListView *view = m_bench.window()->runtimeDock()->outputView();
    view->scrollTo(model->index(frameRow, 0));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(model->index(frameRow, 0)).center());
    int line = -1;
    int index = -1;
    m_bench.editor()->getCursorPosition(&line, &index);
    QCOMPARE(line + 1, 4);
    QCOMPARE(m_bench.window()->session()->state(), LiveSession::State::Running); // uncaught is not fatal here
}

void TestRuntimePanels::replEvaluatesInTheProgram()
{
    const QString file = m_bench.copyProgram(QStringLiteral("counter.js"));
    QVERIFY(m_bench.open(file));
    auto *repl = m_bench.window()->findChild<QLineEdit *>(QStringLiteral("replEdit"));
    QVERIFY(repl);
    QTRY_VERIFY_WITH_TIMEOUT(repl->isEnabled(), kTimeout);
    QTest::keyClicks(repl, QStringLiteral("6 * 7"));
    QTest::keyClick(repl, Qt::Key_Return);
    // Answers go to the console, apart from the program's output.
    ConsoleModel *console = m_bench.window()->runtimeDock()->consolePane()->model();
    QTRY_VERIFY2_WITH_TIMEOUT(console->text().contains(QStringLiteral("← 42")), qPrintable(console->text()), kTimeout);
    QVERIFY(!m_bench.output().contains(QStringLiteral("← 42")));
    QTest::keyClicks(repl, QStringLiteral("nope("));
    QTest::keyClick(repl, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(console->text().contains(QStringLiteral("✗ ")), kTimeout);
    QTest::keyClick(repl, Qt::Key_Up);
    QTest::keyClick(repl, Qt::Key_Up);
    QCOMPARE(repl->text(), QStringLiteral("6 * 7"));
}

void TestRuntimePanels::scriptsDockListsScriptsAndOpensInternals()
{
    const QString file = m_bench.copyProgram(QStringLiteral("counter.js"));
    QVERIFY(m_bench.open(file));
    ScriptsFilterModel *scripts = m_bench.window()->scriptsDock()->filterModel();
    QTRY_VERIFY_WITH_TIMEOUT(scripts->rowCount() >= 1, kTimeout);
    QCOMPARE(scripts->index(0, 0).data().toString(), QStringLiteral("counter.js")); // user scripts first
    const int userOnly = scripts->rowCount();

    auto *toggle = m_bench.window()->findChild<QCheckBox *>(QStringLiteral("showInternalScripts"));
    QVERIFY(toggle);
    toggle->click();
    QVERIFY(scripts->rowCount() > userOnly);
    auto *filter = m_bench.window()->findChild<QLineEdit *>(QStringLiteral("scriptsFilter"));
    QTest::keyClicks(filter, QStringLiteral("node:"));
    QTRY_VERIFY(scripts->rowCount() >= 1);
    // Persistent: scripts keep arriving and sorting in, which moves the row under a plain index.
    const QPersistentModelIndex internal(scripts->index(0, 0));
    QVERIFY(internal.data(Qt::DisplayRole).toString().startsWith(QStringLiteral("node:")));
    QCOMPARE(internal.data(ScriptsModel::KindRole).toString(), QStringLiteral("internal"));

    auto *view = m_bench.window()->findChild<QListView *>(QStringLiteral("scriptsView"));
    view->setCurrentIndex(internal);
    QTest::keyClick(view, Qt::Key_Return); // activate
    QTRY_VERIFY_WITH_TIMEOUT(m_bench.window()->editorArea()->currentTab()->isLiveSource(), kTimeout);
    QVERIFY(m_bench.editor()->isReadOnly());
    const QString scriptId = internal.data(ScriptsModel::ScriptIdRole).toString();
    QVERIFY(!m_bench.editor()->text().isEmpty());
    QCOMPARE(m_bench.editor()->text(), m_bench.window()->session()->scripts()->liveSource(scriptId));
}

QTEST_MAIN(TestRuntimePanels)
#include "tst_runtimepanels.moc"
