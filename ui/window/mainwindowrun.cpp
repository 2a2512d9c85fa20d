// SPDX-License-Identifier: MIT
// MainWindow, what runs: the entry and the files a start opens, attaching to a
// program started elsewhere, the folder's runtime, Run, Run Current File and
// the demos.
#include "window/mainwindow.h"

#include "editor/editorarea.h"
#include "editor/editortab.h"
#include "panes/runtimedock.h"
#include "panes/scriptsdock.h"
#include "session/livesession.h"
#include "window/demofinder.h"
#include "window/demoscratch.h"
#include "window/runtimechoice.h"
#include "window/runtimedialog.h"
#include "window/workbenchsettings.h"

#include <QDir>
#include <QFileInfo>
#include <QStatusBar>

namespace graft {

void MainWindow::startUp(WorkbenchOptions options)
{
    if (options.launch.attaches()) {
        startAttached(options);
        return;
    }
    QString entry = options.launch.entry;
    QStringList files = options.files;
    if (files.isEmpty() && entry.isEmpty()) {
        // No arguments: the last session's files, or on a first start the demo.
        const WorkbenchSettings::LastSession last
            = m_restoreSession ? WorkbenchSettings::lastSession() : WorkbenchSettings::LastSession {};
        files = last.files;
        if (!files.isEmpty())
            entry = last.entry;
        if (files.isEmpty() && !last.used && !defaultDemo().isEmpty()) {
            // Never the shipped file: edits go to a scratch copy.
            if (const QString copy = scratchCopyOfDemo(defaultDemo()); !copy.isEmpty())
                files.append(copy);
        }
    }
    if (entry.isEmpty() && !files.isEmpty())
        entry = files.first();
    // A bundled demo named on the command line (the README's run command does)
    // opens from its scratch copy too: the workbench never edits the shipped file.
    auto scratch = [](const QString &path) {
        const QString copy = path.isEmpty() ? path : scratchCopyOfDemo(path);
        return copy.isEmpty() ? path : copy;
    };
    for (QString &path : files)
        path = scratch(path);
    entry = scratch(entry);
    for (const QString &path : std::as_const(files))
        openFile(path);
    if (!entry.isEmpty())
        openFile(entry);

    m_nodeFromCommandLine = !options.launch.nodePath.isEmpty();
    m_engineFromCommandLine.reset();
    if (options.engineFromCommandLine)
        m_engineFromCommandLine = options.launch.engine;
    m_session->setLaunch(options.launch);
    setEntry(entry);
    if (options.autoStart && !entry.isEmpty())
        m_session->start();
}

void MainWindow::startAttached(const WorkbenchOptions &options)
{
    // A program someone else started: its files open as they are named, and its
    // entry once the session has found it (a local path, through --map).
    for (const QString &path : options.files)
        openFile(path);
    m_session->setLaunch(options.launch);
    connect(m_session, &LiveSession::ready, this, [this](const QString &entry) {
        if (m_session->launch().attaches() && !entry.isEmpty() && QFileInfo::exists(entry)
            && !m_editors->tabForFile(entry))
            openFile(entry);
    });
    statusBar()->showMessage(
        tr("Attaching to %1. Anyone who can reach an inspector port can run code in that program; "
           "quitting detaches and leaves it running.")
            .arg(options.launch.attach.webSocketUrl.isValid() ? options.launch.attach.webSocketUrl.toString()
                                                              : options.launch.attach.address()),
        kMessageMs);
    if (options.autoStart)
        m_session->start();
}

void MainWindow::setEntry(const QString &filePath)
{
    RuntimeLaunch launch = m_session->launch();
    // Running a file of one's own is no longer attaching to someone else's program.
    if (!filePath.isEmpty())
        launch.attach = {};
    launch.entry = filePath.isEmpty() ? QString() : QFileInfo(filePath).absoluteFilePath();
    launch.workingDirectory.clear(); // the entry's folder, as `node file.js` run from there
    m_session->setLaunch(launch);
    m_scriptsDock->setBaseDirectory(filePath.isEmpty() ? QString() : QFileInfo(filePath).absolutePath());
    applyFolderRuntime();
}

void MainWindow::applyFolderRuntime()
{
    const QString entry = m_session->launch().entry;
    if (entry.isEmpty())
        return;
    const RuntimeChoice choice = RuntimeChoice::forFolder(QFileInfo(entry).absolutePath());
    QStringList problems;
    RuntimeLaunch launch = m_session->launch();
    if (!m_nodeFromCommandLine) {
        QString error;
        launch.nodePath = choice.nodePath(&error);
        if (!error.isEmpty())
            problems << error;
    }
    launch.engine = m_engineFromCommandLine.value_or(choice.engine);
    if (const QString refusal = launch.engineRefusal(); !refusal.isEmpty()) {
        // Never a program that runs without saying how it is patched: LiveEdit
        // instead, and the status bar (and its engine label) say so.
        launch.engine = PatchEngineKind::LiveEdit;
        problems << tr("LiveEdit patches this program: %1 (Run ▸ Select Runtime…)").arg(refusal);
    }
    m_session->setLaunch(launch);
    if (!problems.isEmpty())
        statusBar()->showMessage(problems.join(QStringLiteral("; ")), kMessageMs);
}

RuntimeDialog *MainWindow::showRuntimeDialog()
{
    EditorTab *tab = m_editors->currentTab();
    QString file = m_session->launch().entry;
    if (file.isEmpty() && tab && !tab->isLiveSource())
        file = tab->filePath();
    if (file.isEmpty()) {
        statusBar()->showMessage(tr("Open a JavaScript file first: each folder has its own runtime"), kMessageMs);
        return nullptr;
    }
    const QString folder = QFileInfo(file).absolutePath();
    auto *dialog = new RuntimeDialog(folder, RuntimeChoice::forFolder(folder), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, folder, file] {
        const RuntimeChoice choice = dialog->choice();
        RuntimeChoice::setForFolder(folder, choice);
        m_nodeFromCommandLine = false; // the user's own pick now
        m_engineFromCommandLine.reset();
        if (m_session->launch().entry.isEmpty())
            setEntry(file);
        else
            applyFolderRuntime();
        const QString where = QDir::toNativeSeparators(folder);
        const QString runtime = tr("%1 (%2)").arg(choice.describe(), engineLabel(choice.engine));
        statusBar()->showMessage(m_session->isRunning()
                ? tr("Programs in %1 run on %2 from their next start: Restart (Ctrl+Shift+F5) to switch now")
                      .arg(where, runtime)
                : tr("Programs in %1 run on %2").arg(where, runtime),
            kMessageMs);
    });
    dialog->open();
    return dialog;
}

void MainWindow::runFile(const QString &filePath)
{
    if (!openFile(filePath))
        return;
    setEntry(filePath);
    if (m_session->isRunning())
        m_session->restart();
    else
        m_session->start();
}

void MainWindow::runDemo(const QString &shippedEntry)
{
    QString error;
    const QString copy = scratchCopyOfDemo(shippedEntry, &error);
    if (copy.isEmpty()) {
        statusBar()->showMessage(error, kMessageMs);
        return;
    }
    if (m_session->isRunning())
        m_runtimeDock->showMessage(
            tr("↻ Ending %1 to run the demo %2")
                .arg(QFileInfo(m_session->launch().entry).fileName(), QFileInfo(copy).fileName()));
    runFile(copy);
    statusBar()->showMessage(tr("The demo runs from a scratch copy, %1; the shipped file stays as it is")
                                 .arg(QDir::toNativeSeparators(copy)),
        kMessageMs);
}

void MainWindow::run()
{
    if (m_session->isRunning())
        return;
    if (m_session->launch().entry.isEmpty() && !m_session->launch().attaches()) {
        EditorTab *tab = m_editors->currentTab();
        if (!tab || tab->isLiveSource()) {
            statusBar()->showMessage(tr("Open a JavaScript file to run it"), kMessageMs);
            return;
        }
        setEntry(tab->filePath());
    }
    m_session->start();
}

} // namespace graft
