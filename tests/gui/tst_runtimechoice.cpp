// SPDX-License-Identifier: MIT
// Run ▸ Select Runtime…, offscreen: a folder's programs run on the node chosen
// for it (asked of the program itself), the choice survives the next start of
// the workbench, other folders keep the embedded runtime, and a file that is no
// node is refused in the dialog with the reason. The engine is chosen there too:
// swap only with a node of one's own, remembered per folder, and where the
// runtime cannot have it the program runs on LiveEdit and the window says so.

#include "editor/codeeditor.h"
#include "editor/editorarea.h"
#include "editor/editortab.h"
#include "panes/changesdock.h"
#include "panes/changesmodel.h"
#include "panes/programstatus.h"
#include "panes/runtimedock.h"
#include "runtime/attachtarget.h"
#include "session/livesession.h"
#include "window/mainwindow.h"
#include "window/runtimechoice.h"
#include "window/runtimedialog.h"
#include "workbenchfixture.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtTest>

using namespace graft;
using namespace graft::test;

namespace {

// A pinned node of the test command (cmake/setup-node-binaries.sh), the newest
// line that patches without extra flags; empty if none is installed.
QString pinnedNode(QString *version)
{
    const QDir deps(QStringLiteral(GRAFT_NODE_DEPS_DIR));
    QStringList lines = deps.entryList({ QStringLiteral("node-2[0-4]") }, QDir::Dirs, QDir::Name | QDir::Reversed);
    for (const QString &line : lines) {
        const QString node = deps.filePath(line + QStringLiteral("/bin/node"));
        QFile versionFile(deps.filePath(line + QStringLiteral("/VERSION")));
        if (QFileInfo(node).isExecutable() && versionFile.open(QIODevice::ReadOnly)) {
            *version = QString::fromUtf8(versionFile.readAll()).trimmed();
            return node;
        }
    }
    return {};
}

} // namespace

// The test command installs the pinned nodes; a build without them skips, saying so.
#define SKIP_WITHOUT_A_PINNED_NODE(node)                                                                               \
    if ((node).isEmpty())                                                                                              \
    QSKIP("no pinned node in " GRAFT_NODE_DEPS_DIR ": the test command installs them (cmake/setup-node-binaries.sh)")

class TestRuntimeChoice : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { WorkbenchFixture::initTestCase(); }
    void init() { QVERIFY(m_bench.init()); }
    void cleanup() { m_bench.cleanup(); }
    void chosenNodeRunsTheFolderAndIsRemembered();
    void aFileThatIsNoNodeIsRefusedWithTheReason();
    void swapEngineIsChosenPerFolderWithANodeOfOnesOwn();
    void swapWithoutANodeRunsOnTheEmbeddedRuntime();
    void workbenchAttachesToAProgramStartedElsewhere();

private:
    WorkbenchFixture m_bench;
};

void TestRuntimeChoice::chosenNodeRunsTheFolderAndIsRemembered()
{
    QString version;
    const QString node = pinnedNode(&version);
    SKIP_WITHOUT_A_PINNED_NODE(node);
    const QString file = m_bench.copyProgram(QStringLiteral("version.js"));
    MainWindow *window = m_bench.open(file);
    QVERIFY(window);
    // Nothing chosen: the embedded runtime (Node 18).
    QTRY_VERIFY_WITH_TIMEOUT(m_bench.output().contains(QStringLiteral("running on v18.")), kTimeout);

    RuntimeDialog *dialog = window->showRuntimeDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->findChild<QRadioButton *>(QStringLiteral("embeddedRuntime"))->isChecked());
    dialog->chooseBinary(node);
    QVERIFY2(dialog->findChild<QLabel *>(QStringLiteral("nodeBinaryDetail"))->text().contains(version),
        qPrintable(dialog->findChild<QLabel *>(QStringLiteral("nodeBinaryDetail"))->text()));
    QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(ok->isEnabled());
    ok->click();
    // The running program keeps its runtime until it restarts, and says so.
    QTRY_VERIFY(window->statusBar()->currentMessage().contains(QStringLiteral("next start")));
    window->runtimeDock()->restartAction()->trigger();
    QTRY_VERIFY2_WITH_TIMEOUT(m_bench.output().contains(QStringLiteral("running on v") + version),
        qPrintable(m_bench.output().right(400)), kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(window->findChild<QLabel *>(QStringLiteral("runtimeVersionLabel"))
                                 ->text()
                                 .contains(QStringLiteral("your node")),
        kTimeout);

    // The workbench's next start on the same folder runs on the chosen node at once.
    window = m_bench.open(file);
    QVERIFY(window);
    QTRY_VERIFY_WITH_TIMEOUT(m_bench.output().contains(QStringLiteral("running on v") + version), kTimeout);
    QVERIFY(!m_bench.output().contains(QStringLiteral("running on v18.")));

    // Another folder has its own choice: still the embedded runtime.
    QTemporaryDir other;
    const QString elsewhere = other.filePath(QStringLiteral("version.js"));
    QVERIFY(QFile::copy(file, elsewhere));
    window = m_bench.open(elsewhere);
    QVERIFY(window);
    QTRY_VERIFY_WITH_TIMEOUT(m_bench.output().contains(QStringLiteral("running on v18.")), kTimeout);
    QCOMPARE(RuntimeChoice::forFolder(other.path()).kind, RuntimeChoice::Kind::Embedded);
    QCOMPARE(RuntimeChoice::forFolder(QFileInfo(file).absolutePath()).kind, RuntimeChoice::Kind::Binary);
}

void TestRuntimeChoice::aFileThatIsNoNodeIsRefusedWithTheReason()
{
    const QString file = m_bench.copyProgram(QStringLiteral("version.js"));
    MainWindow *window = m_bench.open(file, false);
    QVERIFY(window);
    RuntimeDialog *dialog = window->showRuntimeDialog();
    QVERIFY(dialog);
    dialog->chooseBinary(file); // a script, not an executable
    QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(!ok->isEnabled());
    const QString reason = dialog->findChild<QLabel *>(QStringLiteral("nodeBinaryDetail"))->text();
    QVERIFY2(reason.contains(QStringLiteral("not an executable")), qPrintable(reason));
    // Back to the embedded runtime: allowed again, and nothing was stored.
    dialog->findChild<QRadioButton *>(QStringLiteral("embeddedRuntime"))->setChecked(true);
    QVERIFY(ok->isEnabled());
    dialog->reject();
    QCOMPARE(RuntimeChoice::forFolder(QFileInfo(file).absolutePath()).kind, RuntimeChoice::Kind::Embedded);
}

void TestRuntimeChoice::swapEngineIsChosenPerFolderWithANodeOfOnesOwn()
{
    QString version;
    const QString node = pinnedNode(&version);
    SKIP_WITHOUT_A_PINNED_NODE(node);
    const QString file = m_bench.copyProgram(QStringLiteral("version.js"));
    const QString folder = QFileInfo(file).absolutePath();
    MainWindow *window = m_bench.open(file);
    QVERIFY(window);
    auto *label = window->findChild<QLabel *>(QStringLiteral("runtimeVersionLabel"));
    QTRY_VERIFY_WITH_TIMEOUT(label->text().contains(QStringLiteral("LiveEdit")), kTimeout);

    RuntimeDialog *dialog = window->showRuntimeDialog();
    QVERIFY(dialog);
    auto *liveEdit = dialog->findChild<QRadioButton *>(QStringLiteral("liveEditEngine"));
    auto *swap = dialog->findChild<QRadioButton *>(QStringLiteral("swapEngine"));
    QVERIFY(liveEdit->isChecked());
    // Swap on every runtime: the embedded one runs Graft's agent for it.
    QVERIFY(swap->isEnabled());
    QVERIFY2(swap->toolTip().contains(QStringLiteral("slot")), qPrintable(swap->toolTip()));
    swap->setChecked(true);
    QCOMPARE(dialog->choice().engine, PatchEngineKind::Swap);
    QCOMPARE(dialog->choice().kind, RuntimeChoice::Kind::Embedded);
    dialog->chooseBinary(node);
    QVERIFY(swap->isChecked());
    dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    QTRY_VERIFY(window->statusBar()->currentMessage().contains(QStringLiteral("(swap) from their next start")));
    QCOMPARE(RuntimeChoice::forFolder(folder).engine, PatchEngineKind::Swap);
    QCOMPARE(RuntimeChoice::forFolder(folder).kind, RuntimeChoice::Kind::Binary);
    QCOMPARE(window->session()->launch().engine, PatchEngineKind::Swap);

    window->runtimeDock()->restartAction()->trigger();
    QTRY_VERIFY2_WITH_TIMEOUT(
        label->text().contains(QStringLiteral("your node · swap")), qPrintable(label->text()), kTimeout);
    QVERIFY2(label->toolTip().contains(QStringLiteral("swap engine")), qPrintable(label->toolTip()));
    QCOMPARE(window->session()->engineKind(), PatchEngineKind::Swap);

    // The next start of the workbench on the folder: swap again, and the dialog says so.
    window = m_bench.open(file);
    QVERIFY(window);
    QCOMPARE(window->session()->launch().engine, PatchEngineKind::Swap);
    dialog = window->showRuntimeDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->findChild<QRadioButton *>(QStringLiteral("swapEngine"))->isChecked());
    dialog->reject();

    // Another folder keeps the default.
    QTemporaryDir other;
    QCOMPARE(RuntimeChoice::forFolder(other.path()).engine, PatchEngineKind::LiveEdit);
}

void TestRuntimeChoice::swapWithoutANodeRunsOnTheEmbeddedRuntime()
{
    const QString file = m_bench.copyProgram(QStringLiteral("version.js"));
    const QString folder = QFileInfo(file).absolutePath();
    RuntimeChoice choice;
    choice.kind = RuntimeChoice::Kind::NodeOnPath;
    choice.engine = PatchEngineKind::Swap;
    RuntimeChoice::setForFolder(folder, choice);
    // The folder's node is gone from PATH: the program runs on the embedded
    // runtime, still under the chosen engine, and the status bar says why.
    const QByteArray path = qgetenv("PATH");
    QTemporaryDir empty;
    qputenv("PATH", QFile::encodeName(empty.path()));
    MainWindow *window = m_bench.open(file);
    qputenv("PATH", path);
    QVERIFY(window);
    QCOMPARE(window->session()->launch().engine, PatchEngineKind::Swap);
    QVERIFY(!window->session()->launch().usesNode());
    const QString message = window->statusBar()->currentMessage();
    QVERIFY2(message.contains(QStringLiteral("there is no node on PATH")), qPrintable(message));
    QTRY_VERIFY_WITH_TIMEOUT(m_bench.output().contains(QStringLiteral("running on v18.")), kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(window->findChild<QLabel *>(QStringLiteral("runtimeVersionLabel"))
                                 ->text()
                                 .contains(QStringLiteral("embedded · swap")),
        kTimeout);
    QCOMPARE(window->session()->engineKind(), PatchEngineKind::Swap);
    QCOMPARE(RuntimeChoice::forFolder(folder).kind, RuntimeChoice::Kind::NodeOnPath);
}

void TestRuntimeChoice::workbenchAttachesToAProgramStartedElsewhere()
{
    QString version;
    const QString node = pinnedNode(&version);
    SKIP_WITHOUT_A_PINNED_NODE(node);
    // A program someone started with an inspector port (as a dev server, a container).
    const QString file = m_bench.copyProgram(QStringLiteral("counter.js"));
    QProcess program;
    program.setWorkingDirectory(QFileInfo(file).absolutePath());
    program.start(node, { QStringLiteral("--inspect=127.0.0.1:0"), file });
    QVERIFY(program.waitForStarted());
    auto stopProgram = qScopeGuard([&program] {
        program.kill();
        program.waitForFinished(5000);
    });
    static const QRegularExpression listening(QStringLiteral("Debugger listening on ws://127\\.0\\.0\\.1:(\\d+)/"));
    QByteArray said;
    QTRY_VERIFY_WITH_TIMEOUT(
        (said += program.readAllStandardError(), listening.match(QString::fromUtf8(said)).hasMatch()), kTimeout);
    const QString port = listening.match(QString::fromUtf8(said)).captured(1);

    WorkbenchOptions options;
    QString error;
    options.launch.attach = *parseAttachTarget(QStringLiteral("127.0.0.1:") + port, &error);
    MainWindow *window = m_bench.open(options);
    QVERIFY(window);
    // The session finds the program's entry and opens it; the window says it is attached.
    QTRY_VERIFY_WITH_TIMEOUT(
        m_bench.editor() && m_bench.window()->editorArea()->currentTab()->filePath() == file, kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(window->programStatus()->text().contains(QStringLiteral("attached")), kTimeout);

    // A save in the editor patches the running program: its own output says so.
    QByteArray printed;
    QTRY_VERIFY_WITH_TIMEOUT((printed += program.readAllStandardOutput(), printed.contains(" original")), kTimeout);
    QVERIFY(m_bench.typeOver(QStringLiteral("return s;"), QStringLiteral("return s + '*';")));
    QTest::keyClick(m_bench.editor(), Qt::Key_S, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(window->changesDock()->changesModel()->rowCount(), 1, kTimeout);
    QCOMPARE(window->changesDock()->changesModel()->index(0, ChangesModel::StatusColumn).data().toString(),
        QStringLiteral("applied"));
    QTRY_VERIFY_WITH_TIMEOUT((printed += program.readAllStandardOutput(), printed.contains(" original*")), kTimeout);
    // The Runtime pane shows what the program prints (its console, through the inspector).
    QTRY_VERIFY_WITH_TIMEOUT(m_bench.output().contains(QStringLiteral(" original*")), kTimeout);

    // Quitting detaches: the program lives on, with its state.
    m_bench.cleanup();
    QVERIFY(m_bench.init());
    const int before = counters(QString::fromUtf8(printed), QStringLiteral("original*")).last();
    QTRY_VERIFY_WITH_TIMEOUT(
        (printed += program.readAllStandardOutput(),
            counters(QString::fromUtf8(printed), QStringLiteral("original*")).last() >= before + 3),
        kTimeout);
    QCOMPARE(program.state(), QProcess::Running);
}

QTEST_MAIN(TestRuntimeChoice)
#include "tst_runtimechoice.moc"
