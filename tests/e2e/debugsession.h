// SPDX-License-Identifier: MIT
#pragma once

// What tst_debugger and tst_debugpauses drive the debugger with: debug-main.js
// (with debug-lib.js, tests/e2e/programs), its lines, and the headless events
// and commands of a debugging session.
#include "headlessharness.h"

#include <QJsonArray>

namespace debugsession {

// debug-main.js, line by line (tests/e2e/programs).
constexpr int kLineCall = 6; // const twice = lib.double(count);
constexpr int kLineLog = 7;  // console.log(label + ' ' + count + ' ' + twice);

// The n-th event called `name` (1-based), waiting for it.
inline QJsonObject nthEvent(HeadlessHarness &graft, const QString &name, int n, int timeoutMs = 10000)
{
    int seen = 0;
    return graft.waitFor(
        [&](const QJsonObject &e) { return e.value("event").toString() == name && ++seen == n; }, timeoutMs);
}

inline int countEvents(const HeadlessHarness &graft, const QString &name)
{
    int n = 0;
    for (const QJsonObject &e : graft.events())
        n += e.value("event").toString() == name;
    return n;
}

inline QJsonObject topFrame(const QJsonObject &paused) { return paused.value("frames").toArray().first().toObject(); }

inline QJsonObject command(HeadlessHarness &graft, int id, QJsonObject fields)
{
    fields.insert("id", id);
    graft.send(fields);
    return graft.waitForResult(id);
}

inline QJsonObject variable(const QJsonObject &scopes, const QString &scopeName, const QString &name)
{
    for (const QJsonValue &scope : scopes.value("scopes").toArray()) {
        if (!scope.toObject().value("name").toString().startsWith(scopeName))
            continue;
        for (const QJsonValue &v : scope.toObject().value("variables").toArray()) {
            if (v.toObject().value("name").toString() == name)
                return v.toObject();
        }
    }
    return {};
}

// Starts debug-main.js (with debug-lib.js) and waits for its first tick.
inline QString startMain(HeadlessHarness &graft)
{
    graft.addProgram(QStringLiteral("debug-lib.js"));
    const QString entry = graft.addProgram(QStringLiteral("debug-main.js"));
    if (!graft.start(entry) || graft.waitForOutput(QStringLiteral("tick 1 2")).isEmpty())
        return {};
    return entry;
}

} // namespace debugsession
