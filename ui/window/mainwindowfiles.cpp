// SPDX-License-Identifier: MIT
// MainWindow, opening things: files (their dialog starts where the user works),
// folders, and the program's own scripts, read from the running program when
// no file holds them.
#include "window/mainwindow.h"

#include "cdp/cdpclient.h"
#include "editor/editorarea.h"
#include "editor/editortab.h"
#include "panes/scriptsdock.h"
#include "session/livesession.h"
#include "session/scriptregistry.h"
#include "window/recentfiles.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QSettings>
#include <QStatusBar>

namespace graft {

bool MainWindow::openFile(const QString &filePath, int line, int column)
{
    if (!m_editors->openFile(filePath, line, column))
        return false;
    m_recent->add(filePath);
    return true;
}

void MainWindow::openFolder(const QString &directory)
{
    m_scriptsDock->setFolder(directory);
    m_scriptsDock->show();
    QSettings().setValue(QStringLiteral("lastDirectory"), directory);
}

void MainWindow::showOpenFileDialog()
{
    // open(), not exec(): the program and its output keep flowing meanwhile.
    auto *dialog = new QFileDialog(
        this, tr("Open File"), openDialogDirectory(), tr("JavaScript (*.js *.mjs *.cjs);;All files (*)"));
    dialog->setObjectName(QStringLiteral("openFileDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFiles);
    connect(dialog, &QFileDialog::filesSelected, this, [this](const QStringList &files) {
        for (const QString &path : files)
            openFile(path);
        if (!files.isEmpty())
            QSettings().setValue(QStringLiteral("lastDirectory"), QFileInfo(files.first()).absolutePath());
    });
    dialog->open();
}

QString MainWindow::openDialogDirectory() const
{
    // Where the user is working, as editors do; then where they last opened from.
    if (EditorTab *tab = m_editors->currentTab(); tab && !tab->isLiveSource() && !tab->filePath().isEmpty())
        return QFileInfo(tab->filePath()).absolutePath();
    return QSettings().value(QStringLiteral("lastDirectory"), QDir::homePath()).toString();
}

void MainWindow::showOpenFolderDialog()
{
    const QString start = QSettings().value(QStringLiteral("lastDirectory"), QDir::homePath()).toString();
    auto *dialog = new QFileDialog(this, tr("Open Folder"), start);
    dialog->setObjectName(QStringLiteral("openFolderDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    connect(dialog, &QFileDialog::fileSelected, this, &MainWindow::openFolder);
    dialog->open();
}

void MainWindow::openScript(const ScriptInfo &script)
{
    if (!script.filePath.isEmpty()) {
        openFile(script.filePath);
        return;
    }
    ScriptRegistry *registry = m_session->scripts();
    if (registry->hasLiveSource(script.scriptId)) {
        m_editors->openLiveSource(script, registry->liveSource(script.scriptId));
        return;
    }
    if (!m_session->isRunning() || !m_session->client()) {
        statusBar()->showMessage(tr("%1 can be shown only while the program runs").arg(script.url), kMessageMs);
        return;
    }
    m_session->client()->getScriptSource(script.scriptId, this, [this, script](bool ok, const QString &source) {
        if (!ok) {
            statusBar()->showMessage(tr("Cannot read the source of %1: %2").arg(script.url, source), kMessageMs);
            return;
        }
        m_session->scripts()->setLiveSource(script.scriptId, source);
        m_editors->openLiveSource(script, source);
    });
}

} // namespace graft
