// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>

namespace graft {

// Where the bundled demos are: an installed graft's data directory first (beside
// its bin/), then the build tree's source copy. Empty if neither exists.
QString demosDirectory();
// The demo a first start opens and runs; empty if it cannot be found.
QString defaultDemo();

struct DemoProgram
{
    QString label; // "http-server.js", or "multi-module/" for a folder with a main.js
    QString entry;
};
// Every demo: the folder's scripts, and its subfolders that have a main.js.
QList<DemoProgram> demoPrograms();

} // namespace graft
