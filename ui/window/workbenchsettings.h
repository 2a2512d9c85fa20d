// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>

namespace graft {

class MainWindow;

// What the workbench remembers between runs, in QSettings: the window's geometry
// and dock layout, the switches, the open folder, and the last session's files.
namespace WorkbenchSettings {

// Bump when the dock layout changes meaning: older saved layouts are then ignored.
constexpr int kDockLayoutVersion = 1;

struct LastSession
{
    QStringList files; // those that still exist
    QString entry;     // empty if it no longer exists
    bool used = false; // false on the very first start
};

void restore(MainWindow *window);
void save(const MainWindow *window);
LastSession lastSession();

} // namespace WorkbenchSettings

} // namespace graft
