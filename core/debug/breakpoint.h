// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace graft {

// A breakpoint the user set. It belongs to a file and a line, not to a run of
// the program: it is sent again to every run, and follows edits of its file.
struct Breakpoint
{
    QString id;   // Graft's own ("bp1"): stays the same across runs and moves
    QString file; // absolute path
    int line = 0; // 1-based, where the user wants it (moved by edits above it)
    QString condition;
    QString log; // a logpoint: an expression whose value is printed, never pausing
    bool enabled = true;
    int resolvedLine = 0; // where V8 placed it in the running program; 0 while not
    QString cdpId;        // V8's id in the current run; empty while not set

    bool isLogpoint() const { return !log.isEmpty(); }
    // What V8 evaluates at the line. A logpoint is a condition that prints and
    // answers false, as DevTools makes them: the program never stops for it.
    QString v8Condition() const;
};

// A JavaScript regular expression that matches the URL V8 gives the file's
// script in every run: a path (CommonJS) or a file:// URL (ES modules, --node).
QString breakpointUrlRegex(const QString &filePath);

} // namespace graft
