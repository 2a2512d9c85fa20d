// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace graft {

class Debugger;

// The breakpoints of every file, kept in QSettings between starts of the app:
// per file, each one's line, condition, log message and whether it is enabled.
namespace BreakpointSettings {
QString key();
// Sets the remembered breakpoints in `debugger` (they resolve when their files load).
void load(Debugger *debugger);
// Written as they change (like the appearance settings): a crash keeps them.
void save(const Debugger *debugger);
} // namespace BreakpointSettings

} // namespace graft
