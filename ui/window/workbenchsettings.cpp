// SPDX-License-Identifier: MIT
#include "window/workbenchsettings.h"

#include "editor/editorarea.h"
#include "window/mainwindow.h"
#include "panes/runtimedock.h"
#include "panes/scriptsdock.h"
#include "session/livesession.h"

#include <QFileInfo>
#include <QSettings>

namespace graft::WorkbenchSettings {

void restore(MainWindow *window)
{
    QSettings settings;
    window->restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    window->restoreState(settings.value(QStringLiteral("window/state")).toByteArray(), kDockLayoutVersion);
    window->runtimeDock()->setApplyOnSave(settings.value(QStringLiteral("applyOnSave"), true).toBool());
    window->scriptsDock()->setShowInternal(settings.value(QStringLiteral("showInternalScripts"), false).toBool());
    const QString folder = settings.value(QStringLiteral("folder")).toString();
    if (!folder.isEmpty())
        window->scriptsDock()->setFolder(folder);
}

void save(const MainWindow *window)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), window->saveGeometry());
    settings.setValue(QStringLiteral("window/state"), window->everydayState());
    settings.setValue(QStringLiteral("applyOnSave"), window->runtimeDock()->applyOnSave());
    settings.setValue(QStringLiteral("showInternalScripts"), window->scriptsDock()->showInternal());
    settings.setValue(QStringLiteral("folder"), window->scriptsDock()->folder());
    settings.setValue(QStringLiteral("session/openFiles"), window->editorArea()->openFiles());
    settings.setValue(QStringLiteral("session/entry"), window->session()->launch().entry);
    settings.setValue(QStringLiteral("session/used"), true);
}

LastSession lastSession()
{
    QSettings settings;
    LastSession last;
    for (const QString &path : settings.value(QStringLiteral("session/openFiles")).toStringList()) {
        if (QFileInfo::exists(path))
            last.files.append(path);
    }
    const QString entry = settings.value(QStringLiteral("session/entry")).toString();
    if (QFileInfo::exists(entry))
        last.entry = entry;
    last.used = settings.value(QStringLiteral("session/used")).toBool();
    return last;
}

} // namespace graft::WorkbenchSettings
