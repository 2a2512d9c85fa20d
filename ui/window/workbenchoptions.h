// SPDX-License-Identifier: MIT
#pragma once

#include "runtime/runtimeprocess.h"

#include <QSize>
#include <QStringList>

namespace graft {

// How a MainWindow starts: what the command line (or a test) asks for.
struct WorkbenchOptions
{
    RuntimeLaunch launch;               // launch.entry may be empty: then the first file, the last session or the demo
    QStringList files;                  // opened in tabs, in this order
    bool autoStart = true;              // run the entry as soon as the window exists
    bool restoreSession = true;         // geometry, dock layout, settings and (without files) the last open files
    bool presenter = false;             // start in presenter mode (else as last left, when restoring)
    QSize windowSize;                   // invalid: the last session's size, or a default
    bool engineFromCommandLine = false; // launch.engine was asked for: it wins over the folder's choice
};

} // namespace graft
