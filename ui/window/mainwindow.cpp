// SPDX-License-Identifier: MIT
#include "window/mainwindow.h"

#include "console/consolepane.h"
#include "debug/debugcontroller.h"
#include "debug/debugdocks.h"
#include "editor/bufferrecovery.h"
#include "editor/codeeditor.h"
#include "editor/editorarea.h"
#include "editor/editortab.h"
#include "editor/revertineditor.h"
#include "panes/bindinglistmodel.h"
#include "panes/changelistmodel.h"
#include "panes/changesdock.h"
#include "panes/changesmodel.h"
#include "panes/closuresdock.h"
#include "panes/closuresmodel.h"
#include "panes/livepanels.h"
#include "panes/patchcoordinator.h"
#include "panes/patchsummary.h"
#include "panes/programstatus.h"
#include "panes/runtimedock.h"
#include "panes/scriptsdock.h"
#include "patch/patchreport.h"
#include "session/busywatch.h"
#include "session/livesession.h"
#include "session/scriptregistry.h"
#include "window/appearance.h"
#include "window/helpmenu.h"
#include "window/presenterlayout.h"
#include "window/recentfiles.h"
#include "window/screenfit.h"
#include "window/workbenchsettings.h"

#include <QAction>
#include <QCloseEvent>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QStatusBar>
#include <QTreeView>

#include <utility>

namespace graft {

QString MainWindow::engineLabel(PatchEngineKind kind)
{
    return kind == PatchEngineKind::Swap ? tr("swap") : tr("LiveEdit");
}

MainWindow::MainWindow(const WorkbenchOptions &options, QWidget *parent)
    : QMainWindow(parent)
    , m_session(new LiveSession(this))
    , m_editors(new EditorArea(this))
    , m_restoreSession(options.restoreSession)
{
    // First: the theme and fonts are in place before any panel is built.
    m_appearance = new Appearance(this, options.restoreSession);
    m_appearance->setObjectName(QStringLiteral("appearance"));
    setObjectName(QStringLiteral("mainWindow"));
    m_session->setObjectName(QStringLiteral("liveSession"));
    setWindowIcon(QIcon(QStringLiteral(":/graft/graft.svg")));
    setCentralWidget(m_editors);
    m_patches = new PatchCoordinator(m_session, m_editors, this);
    m_patches->setObjectName(QStringLiteral("patchCoordinator"));
    m_recent = new RecentFiles(this);
    m_recent->setObjectName(QStringLiteral("recentFiles"));
    m_busy = new BusyWatch(m_session, this);
    m_busy->setObjectName(QStringLiteral("busyWatch"));

    createDocks();
    createMenus();
    createStatusBar();

    connect(m_editors, &EditorArea::saved, m_patches, &PatchCoordinator::onSaved);
    connect(m_editors, &EditorArea::message, this,
        [this](const QString &text) { statusBar()->showMessage(text, kMessageMs); });
    connect(m_editors, &EditorArea::currentFileChanged, this, &MainWindow::updateWindowTitle);
    // The console evaluates in the active file's scope.
    connect(m_editors, &EditorArea::currentFileChanged, this, [this] {
        EditorTab *tab = m_editors->currentTab();
        m_runtimeDock->consolePane()->setFile(tab && !tab->isLiveSource() ? tab->filePath() : QString());
    });
    connect(m_session, &LiveSession::stateChanged, this, &MainWindow::updateWindowTitle);
    connect(m_patches, &PatchCoordinator::message, this,
        [this](const QString &text) { statusBar()->showMessage(text, kMessageMs); });
    connect(m_patches, &PatchCoordinator::patchShown, this, &MainWindow::onPatchShown);
    connect(m_recent, &RecentFiles::openRequested, this, [this](const QString &path) { openFile(path); });

    resize(1600, 1000);
    if (m_restoreSession)
        WorkbenchSettings::restore(this);
    if (options.windowSize.isValid()) {
        setWindowState(Qt::WindowNoState); // the size asked for, not a remembered maximized window
        resize(options.windowSize);
        // A window on a real screen is seen whole; a screenshot's (--grab) keeps the exact size.
        if (m_restoreSession) {
            fitIntoScreen(this);
            m_fitIntoScreenOnShow = true;
        }
    }
    m_editors->setZoom(m_appearance->editorZoom());
    connect(m_appearance, &Appearance::editorZoomChanged, m_editors, &EditorArea::setZoom);
    connect(m_editors, &EditorArea::zoomRequested, m_appearance, &Appearance::setEditorZoom);
    connect(m_appearance, &Appearance::lookChanged, this, [this] {
        m_editors->applyTheme();
        m_runtimeDock->applyTheme();
        m_changesDock->fitToFont();
    });
    connect(m_appearance, &Appearance::editorZoomChanged, this, [this] {
        if (m_appearance->presenterMode())
            applyPresenterFonts();
    });
    // Connected only now: the chrome is applied once, whether the mode was
    // remembered or asked for on the command line.
    if (options.presenter)
        m_appearance->setPresenterMode(true);
    if (m_appearance->presenterMode())
        applyPresenterChrome(true);
    connect(m_appearance, &Appearance::presenterModeChanged, this, &MainWindow::applyPresenterChrome);
    startUp(options);
    // After startUp: restored buffers go over the tabs it opened.
    m_recovery = new BufferRecovery(m_editors, RecoveryStore::defaultRoot(), this);
    connect(m_recovery, &BufferRecovery::message, this,
        [this](const QString &text) { statusBar()->showMessage(text, kMessageMs); });
    m_recovery->offerOrphans();
}

MainWindow::~MainWindow()
{
    // While every panel is whole: they hear the palette and font change at once.
    m_appearance->restoreApplicationLook();
}

void MainWindow::createDocks()
{
    m_scriptsDock = new ScriptsDock(m_session->scripts(), this);
    m_runtimeDock = new RuntimeDock(m_session, this);
    m_changesDock = new ChangesDock(this);
    m_closuresDock = new ClosuresDock(this);
    m_callStackDock = new CallStackDock(this);
    m_breakpointsDock = new BreakpointsDock(this);

    // Left and right docks run the full height; the Runtime sits under the editors.
    setCorner(Qt::TopLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::TopRightCorner, Qt::RightDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    setDockOptions(AnimatedDocks | AllowNestedDocks | AllowTabbedDocks);
    addDockWidget(Qt::LeftDockWidgetArea, m_scriptsDock);
    // The debugger's panes under Scripts, as in VS Code's Run and Debug view.
    splitDockWidget(m_scriptsDock, m_callStackDock, Qt::Vertical);
    tabifyDockWidget(m_callStackDock, m_breakpointsDock);
    m_callStackDock->raise();
    addDockWidget(Qt::RightDockWidgetArea, m_changesDock);
    splitDockWidget(m_changesDock, m_closuresDock, Qt::Horizontal);
    addDockWidget(Qt::BottomDockWidgetArea, m_runtimeDock);
    resizeDocks({ m_scriptsDock, m_changesDock, m_closuresDock }, { 250, 330, 270 }, Qt::Horizontal);
    resizeDocks({ m_runtimeDock }, { 300 }, Qt::Vertical);

    connect(m_scriptsDock, &ScriptsDock::scriptActivated, this, &MainWindow::openScript);
    connect(m_scriptsDock, &ScriptsDock::fileActivated, this, [this](const QString &path) { openFile(path); });
    connect(m_runtimeDock, &RuntimeDock::locationActivated, this, &MainWindow::openFile);
    connect(m_runtimeDock, &RuntimeDock::runRequested, this, &MainWindow::run);
    connect(m_runtimeDock, &RuntimeDock::applyOnSaveChanged, m_patches, &PatchCoordinator::setApplyOnSave);
    // Run boundaries in the history: each start of the program begins a new run.
    connect(m_session, &LiveSession::ready, m_changesDock,
        [this](const QString &entry) { m_changesDock->changesModel()->startRun(entry); });
    connect(m_changesDock, &ChangesDock::locationActivated, this,
        [this](const QString &path, int line) { openFile(path, line); });
    // Changes and Closures follow the session, the editors and each other.
    m_livePanels = new LivePanels(m_session, m_editors, m_patches, m_changesDock, m_closuresDock, this);
    m_livePanels->setObjectName(QStringLiteral("livePanels"));
    // After a Revert the editor is offered the code that runs now.
    auto *revertInEditor = new RevertInEditor(m_editors, this, this);
    revertInEditor->setObjectName(QStringLiteral("revertInEditor"));
    connect(m_session, &LiveSession::patchFinished, revertInEditor,
        [revertInEditor](const PatchReport &report, const QVariant &tag) {
            if (tag.toString() == LivePanels::revertTag())
                revertInEditor->offer(report);
        });
    connect(revertInEditor, &RevertInEditor::message, this,
        [this](const QString &text) { statusBar()->showMessage(text, kMessageMs); });
    m_debugLabel = new QLabel(this);
    m_debugLabel->setObjectName(QStringLiteral("debugStatusLabel"));
    m_debugLabel->hide();
    m_debug = new DebugController(DebugController::Parts { m_session, m_editors, m_runtimeDock, m_livePanels,
                                      m_callStackDock, m_breakpointsDock, m_debugLabel, m_patches },
        m_restoreSession, this);
    m_debug->setObjectName(QStringLiteral("debugController"));
    m_presenterLayout = std::make_unique<PresenterLayout>(this,
        PresenterLayout::Panes {
            m_scriptsDock, m_changesDock, m_closuresDock, m_runtimeDock, { m_callStackDock, m_breakpointsDock } });
    // What the panes show changes with every save and read: the column follows (on stage only).
    for (QAbstractItemModel *model : std::initializer_list<QAbstractItemModel *> { m_changesDock->changesModel(),
             m_changesDock->changeListModel(), m_changesDock->bindingListModel(), m_closuresDock->closuresModel() }) {
        connect(model, &QAbstractItemModel::modelReset, this, &MainWindow::fitPresenterColumn);
        connect(model, &QAbstractItemModel::rowsInserted, this, &MainWindow::fitPresenterColumn);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &MainWindow::fitPresenterColumn);
    }
    connect(m_closuresDock->view(), &QTreeView::expanded, this, &MainWindow::fitPresenterColumn);
    connect(m_closuresDock->view(), &QTreeView::collapsed, this, &MainWindow::fitPresenterColumn);
}

void MainWindow::createStatusBar()
{
    statusBar()->setObjectName(QStringLiteral("statusBar"));
    m_patchLabel = new QLabel(this);
    m_patchLabel->setObjectName(QStringLiteral("patchStatusLabel"));
    m_cursorLabel = new QLabel(this);
    m_cursorLabel->setObjectName(QStringLiteral("cursorLabel"));
    m_runtimeLabel = new QLabel(this);
    m_runtimeLabel->setObjectName(QStringLiteral("runtimeVersionLabel"));
    statusBar()->addWidget(m_debugLabel, 1);
    m_programStatus = new ProgramStatus(m_session, m_busy, m_runtimeDock->interruptAction(), this);
    statusBar()->addPermanentWidget(m_programStatus);
    statusBar()->addPermanentWidget(m_patchLabel);
    statusBar()->addPermanentWidget(m_cursorLabel);
    statusBar()->addPermanentWidget(m_runtimeLabel);
    connect(m_editors, &EditorArea::cursorPositionChanged, this,
        [this](int line, int column) { m_cursorLabel->setText(tr("Ln %1, Col %2").arg(line).arg(column)); });
    connect(m_session, &LiveSession::ready, this, [this](const QString &, const QString &node, const QString &) {
        const bool own = m_session->runtimeKind() != QLatin1String("embedded");
        const PatchEngineKind engine = m_session->engineKind();
        m_runtimeLabel->setText(
            tr("Node %1 · %2 · %3").arg(node, own ? tr("your node") : tr("embedded"), engineLabel(engine)));
        const QString runsOn = own ? tr("The program runs on %1 with Graft's agent")
                                         .arg(QDir::toNativeSeparators(m_session->launch().nodePath))
                                   : tr("The program runs on Graft's embedded runtime");
        const QString patchedBy = engine == PatchEngineKind::Swap ? tr("saves are applied by Graft's swap engine")
                                                                  : tr("saves are applied with V8's LiveEdit");
        m_runtimeLabel->setToolTip(tr("%1; %2 (Run ▸ Select Runtime…)").arg(runsOn, patchedBy));
    });
}

void MainWindow::setPresenterMode(bool on) { m_appearance->setPresenterMode(on); }

void MainWindow::applyPresenterChrome(bool on)
{
    applyPresenterFonts();
    // Time of day matters least to an audience: its column gives the file name room.
    m_changesDock->setTimeColumnVisible(!on);
    // At 1280x720 a demo's long comment lines would be cut at the editor's edge.
    m_editors->setWrapLongLines(on);
    m_presenterLayout->apply(on);
    fitPresenterColumn();
}

void MainWindow::fitPresenterColumn()
{
    if (m_presenterLayout && m_appearance->presenterMode())
        m_presenterLayout->fitColumnToContent(m_changesDock->contentRows(), m_closuresDock->contentRows());
}

void MainWindow::applyPresenterFonts()
{
    // On stage the panes and the output are read from as far as the code: the same size.
    const bool on = m_appearance->presenterMode();
    const qreal code = CodeEditor::codePointSize(m_appearance->editorZoom());
    m_runtimeDock->setOutputPointSize(on ? code : 0);
    m_presenterLayout->setPaneFont(on, code);
    m_changesDock->fitToFont();
}

QByteArray MainWindow::everydayState() const { return m_presenterLayout->everydayState(); }

AboutDialog *MainWindow::showAbout() { return m_help->showAbout(); }

ShortcutsDialog *MainWindow::showShortcuts() { return m_help->showShortcuts(); }

void MainWindow::onPatchShown(const PatchReport &report)
{
    m_changesDock->addReport(report);
    statusBar()->showMessage(patchSummary(report), kMessageMs);
    m_patchLabel->setText(QStringLiteral("<span style='color:%1'>●</span> %2 %3")
                              .arg(patchStatusColor(report.status).name(), patchStatusName(report.status),
                                  QFileInfo(report.file).fileName()));
    m_patchLabel->setToolTip(patchSummary(report));
}

void MainWindow::updateWindowTitle()
{
    EditorTab *tab = m_editors->currentTab();
    const QString name = tab ? tab->title().remove(QStringLiteral(" •")) : QString();
    // The running entry stays in sight whatever file is open.
    const QString entry = QFileInfo(m_session->launch().entry).fileName();
    const QString running = m_session->isRunning() && !entry.isEmpty() ? tr(" — ▶ %1").arg(entry) : QString();
    setWindowTitle(name.isEmpty() ? tr("Graft%1").arg(running) : tr("%1[*]%2 — Graft").arg(name, running));
    setWindowModified(tab && tab->isModified());
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (std::exchange(m_fitIntoScreenOnShow, false) && !isFullScreen())
        fitIntoScreen(this);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    const QList<EditorTab *> modified = m_editors->modifiedTabs();
    if (!m_closeConfirmed && !modified.isEmpty()) {
        event->ignore();
        QStringList names;
        for (EditorTab *tab : modified)
            names.append(QFileInfo(tab->filePath()).fileName());
        // Window-modal and answered by signal: no nested event loop while the program runs.
        auto *box = new QMessageBox(QMessageBox::Question, tr("Unsaved changes"),
            tr("Save the changes to %1 before quitting?").arg(names.join(QStringLiteral(", "))),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
        box->setObjectName(QStringLiteral("quitQuestion"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        connect(box, &QMessageBox::finished, this, [this, box](int) {
            const QMessageBox::StandardButton answer = box->standardButton(box->clickedButton());
            if (answer == QMessageBox::Save && !m_editors->saveAll())
                return;
            if (answer != QMessageBox::Save && answer != QMessageBox::Discard)
                return;
            m_closeConfirmed = true;
            close();
        });
        box->open();
        return;
    }
    if (m_restoreSession)
        WorkbenchSettings::save(this);
    event->accept();
}

} // namespace graft
