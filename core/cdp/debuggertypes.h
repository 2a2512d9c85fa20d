// SPDX-License-Identifier: MIT
#pragma once

// What the Debugger domain hands out while the program is paused. Lines and
// columns are 1-based, as everywhere in Graft; the client converts them once.

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace graft {

// One scope of a paused frame's scope chain, innermost first.
struct FrameScope
{
    QString type; // "local", "closure", "block", "script", "module", "global", "catch", ...
    QString name; // the function's name for a closure scope, when V8 knows it
    QString objectId;
    // How views title it, as DevTools does: "Local", "Closure (makeCounter)", "Module".
    QString title() const;
};

struct PausedFrame
{
    QString callFrameId;
    QString name; // the function's name; "(anonymous)" when it has none
    QString scriptId;
    QString url;
    QString filePath; // empty for Node's own scripts
    int line = 0;
    int column = 0;
    QList<FrameScope> scopes;
};

struct PausedEvent
{
    QString reason;               // V8's: "other", "exception", "promiseRejection", ...
    QStringList hitBreakpoints;   // V8's breakpoint ids
    QString exceptionDescription; // for "exception" / "promiseRejection"
    QList<PausedFrame> frames;
};

struct BreakpointLocation
{
    QString scriptId;
    int line = 0;
    int column = 0;
};

struct SetBreakpointResult
{
    bool ok = false;
    QString error;
    QString breakpointId; // V8's
    QList<BreakpointLocation> locations;
};

PausedEvent pausedEventFromJson(const QJsonObject &params);
BreakpointLocation breakpointLocationFromJson(const QJsonObject &location);

} // namespace graft
