// SPDX-License-Identifier: MIT
#include "session/interruption.h"

#include <QFileInfo>

namespace graft {

namespace {

// Node's own functions that run a program's callbacks, by what they run.
Interruption::Kind kindOf(const QList<StackFrame> &frames)
{
    for (const StackFrame &frame : frames) {
        const QString &name = frame.functionName;
        if (name == QLatin1String("listOnTimeout") || name == QLatin1String("processTimers"))
            return Interruption::Kind::Timer;
        if (name == QLatin1String("processImmediate"))
            return Interruption::Kind::Immediate;
        if (name == QLatin1String("processTicksAndRejections") || name == QLatin1String("runMicrotasks"))
            return Interruption::Kind::Microtask;
        if (name.startsWith(QLatin1String("Module._compile")) || name == QLatin1String("executeUserEntryPoint"))
            return Interruption::Kind::TopLevel;
    }
    for (const StackFrame &frame : frames) {
        if (frame.functionName == QLatin1String("emit") || frame.url.startsWith(QLatin1String("node:")))
            return Interruption::Kind::Event;
    }
    // Nothing of Node's below the program's frames: its top level, run by the runtime.
    return frames.isEmpty() ? Interruption::Kind::Unknown : Interruption::Kind::TopLevel;
}

} // namespace

QString interruptionKindName(Interruption::Kind kind)
{
    switch (kind) {
    case Interruption::Kind::Timer:
        return QStringLiteral("timer");
    case Interruption::Kind::Immediate:
        return QStringLiteral("immediate");
    case Interruption::Kind::Microtask:
        return QStringLiteral("microtask");
    case Interruption::Kind::TopLevel:
        return QStringLiteral("top-level");
    case Interruption::Kind::Event:
        return QStringLiteral("event");
    case Interruption::Kind::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

Interruption describeInterruption(const QList<StackFrame> &frames)
{
    Interruption result;
    result.kind = kindOf(frames);
    for (const StackFrame &frame : frames) {
        if (!frame.filePath.isEmpty()) {
            result.function = frame;
            break;
        }
    }
    const QString where = result.function.filePath.isEmpty()
        ? QStringLiteral("the running callback")
        : QStringLiteral("%1 (%2:%3)")
              .arg(
                  result.function.functionName.isEmpty() ? QStringLiteral("<anonymous>") : result.function.functionName,
                  QFileInfo(result.function.filePath).fileName())
              .arg(result.function.line);
    QString lost;
    switch (result.kind) {
    case Interruption::Kind::Timer:
        lost = QStringLiteral("it ran in a timer: if the timer came from setInterval it will not fire again, and "
                              "the rest of this callback did not run");
        break;
    case Interruption::Kind::Immediate:
        lost = QStringLiteral("the rest of this setImmediate callback did not run");
        break;
    case Interruption::Kind::Microtask:
        lost = QStringLiteral("the promise chain it belonged to will not continue");
        break;
    case Interruption::Kind::TopLevel:
        lost = QStringLiteral("the rest of the file's top level did not run");
        break;
    case Interruption::Kind::Event:
        lost = QStringLiteral("the rest of this event handler did not run; the event's other listeners may have "
                              "been skipped");
        break;
    case Interruption::Kind::Unknown:
        lost = QStringLiteral("the rest of it did not run");
        break;
    }
    result.summary = QStringLiteral("Interrupted %1: %2. The program stays open with its state.").arg(where, lost);
    return result;
}

} // namespace graft
