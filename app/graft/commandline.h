// SPDX-License-Identifier: MIT
#pragma once

#include "headlessrunner.h"

#include <QSize>
#include <QStringList>

namespace graft {

struct CommandLine
{
    bool headless = false;
    HeadlessOptions headlessOptions; // also carries the entry and arguments for the GUI
    QStringList files;               // the GUI opens these (the entry first)
    QString grabPath;                // --grab: save a screenshot of the window and quit
    bool presenter = false;
    QSize windowSize;         // --window-size; invalid if not given
    bool engineGiven = false; // --engine: it wins over the folder's choice in the workbench
    bool ok = true;
    int exitCode = 0; // when !ok: 0 for --help/--version, 64 for a usage error
    QString message;  // what to print when !ok
};

// Parses graft's command line with QCommandLineParser. Arguments after "--" go to
// the program untouched.
CommandLine parseCommandLine(const QStringList &arguments);

} // namespace graft
