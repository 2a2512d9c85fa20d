// SPDX-License-Identifier: MIT
#pragma once

#include "cdp/cdptypes.h"

namespace graft {

// What an interrupt ended, read from the frames it ended (StopResult's
// `interrupted`): which of the program's functions, what kind of callback it
// ran in, and what that costs the program — said plainly, so an interrupted
// program never changes silently.
struct Interruption
{
    enum class Kind { Timer, Immediate, Microtask, TopLevel, Event, Unknown };
    Kind kind = Kind::Unknown;
    StackFrame function; // the innermost frame of the program's own files
    QString summary;     // one sentence for the user
};

Interruption describeInterruption(const QList<StackFrame> &frames);
// "timer", "immediate", "microtask", "top-level", "event", "unknown" (headless).
QString interruptionKindName(Interruption::Kind kind);

} // namespace graft
