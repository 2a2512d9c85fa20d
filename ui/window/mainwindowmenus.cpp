// SPDX-License-Identifier: MIT
// MainWindow's menu bar: File, Edit, Run, Debug, View and Help, from the
// panels' own actions.
#include "window/mainwindow.h"

#include "debug/debugcontroller.h"
#include "debug/debugdocks.h"
#include "editor/editorarea.h"
#include "editor/editortab.h"
#include "panes/changesdock.h"
#include "panes/closuresdock.h"
#include "panes/livepanels.h"
#include "panes/runtimedock.h"
#include "panes/scriptsdock.h"
#include "window/appearance.h"
#include "window/demofinder.h"
#include "window/helpmenu.h"
#include "window/recentfiles.h"

#include <QAction>
#include <QDockWidget>
#include <QMenuBar>
#include <QStyle>

namespace graft {

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->setObjectName(QStringLiteral("fileMenu"));
    QAction *open = file->addAction(
        style()->standardIcon(QStyle::SP_DialogOpenButton), tr("&Open File…"), this, &MainWindow::showOpenFileDialog);
    open->setObjectName(QStringLiteral("openFileAction"));
    open->setShortcut(QKeySequence::Open);
    QAction *openFolder = file->addAction(
        style()->standardIcon(QStyle::SP_DirOpenIcon), tr("Open &Folder…"), this, &MainWindow::showOpenFolderDialog);
    openFolder->setObjectName(QStringLiteral("openFolderAction"));
    openFolder->setShortcut(QKeySequence(tr("Ctrl+Shift+O")));
    QMenu *recent = file->addMenu(tr("Open &Recent"));
    recent->setObjectName(QStringLiteral("recentFilesMenu"));
    m_recent->setMenu(recent);
    QMenu *demos = file->addMenu(tr("Open &Demo"));
    demos->setObjectName(QStringLiteral("demosMenu"));
    const QList<DemoProgram> demoList = demoPrograms();
    for (const DemoProgram &demo : demoList)
        demos->addAction(demo.label, this, [this, entry = demo.entry] { runDemo(entry); });
    demos->setEnabled(!demoList.isEmpty());
    file->addSeparator();
    file->addAction(m_editors->saveAction());
    file->addAction(m_editors->saveAllAction());
    file->addSeparator();
    file->addAction(m_editors->closeTabAction());
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->setObjectName(QStringLiteral("editMenu"));
    for (QAction *action : m_editors->editActions()) {
        if (action)
            edit->addAction(action);
        else
            edit->addSeparator();
    }
    edit->addSeparator();
    edit->addActions(m_editors->searchActions());

    QMenu *runMenu = menuBar()->addMenu(tr("&Run"));
    runMenu->setObjectName(QStringLiteral("runMenu"));
    runMenu->addAction(m_runtimeDock->runAction());
    QAction *runCurrent = runMenu->addAction(tr("Run &Current File"), this, [this] {
        if (EditorTab *tab = m_editors->currentTab(); tab && !tab->isLiveSource())
            runFile(tab->filePath());
    });
    runCurrent->setObjectName(QStringLiteral("runCurrentFileAction"));
    runCurrent->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F5));
    runMenu->addAction(m_runtimeDock->interruptAction());
    runMenu->addAction(m_runtimeDock->stopAction());
    runMenu->addAction(m_runtimeDock->restartAction());
    runMenu->addSeparator();
    QAction *applyOnSave = runMenu->addAction(tr("&Apply on Save"));
    applyOnSave->setObjectName(QStringLiteral("applyOnSaveAction"));
    applyOnSave->setCheckable(true);
    applyOnSave->setChecked(m_runtimeDock->applyOnSave());
    connect(applyOnSave, &QAction::toggled, m_runtimeDock, &RuntimeDock::setApplyOnSave);
    connect(m_runtimeDock, &RuntimeDock::applyOnSaveChanged, applyOnSave, &QAction::setChecked);
    runMenu->addAction(m_runtimeDock->clearAction());
    runMenu->addSeparator();
    runMenu->addAction(m_livePanels->reinitializeAction());
    addAction(m_livePanels->reinitializeAction()); // its key works wherever the focus is
    runMenu->addSeparator();
    QAction *selectRuntime = runMenu->addAction(tr("Select R&untime…"), this, &MainWindow::showRuntimeDialog);
    selectRuntime->setObjectName(QStringLiteral("selectRuntimeAction"));

    QMenu *debug = menuBar()->addMenu(tr("&Debug"));
    debug->setObjectName(QStringLiteral("debugMenu"));
    m_debug->addActionsTo(debug);
    addActions(debug->actions());

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));
    for (QDockWidget *dock : std::initializer_list<QDockWidget *> {
             m_scriptsDock, m_runtimeDock, m_changesDock, m_closuresDock, m_callStackDock, m_breakpointsDock })
        view->addAction(dock->toggleViewAction());
    view->addSeparator();
    m_appearance->addActionsTo(view);
    // The whole projector for the workbench. Ctrl+Shift+F11 as in Qt Creator: F11 steps into.
    QAction *fullScreen = view->addAction(tr("&Full Screen"));
    fullScreen->setObjectName(QStringLiteral("fullScreenAction"));
    fullScreen->setCheckable(true);
    fullScreen->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F11));
    connect(fullScreen, &QAction::triggered, this, [this](bool on) {
        setWindowState(on ? windowState() | Qt::WindowFullScreen : windowState() & ~Qt::WindowFullScreen);
    });
    connect(view, &QMenu::aboutToShow, fullScreen, [this, fullScreen] { fullScreen->setChecked(isFullScreen()); });

    m_help = new HelpMenu(this, m_session);
}

} // namespace graft
