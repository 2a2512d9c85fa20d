// SPDX-License-Identifier: MIT
#pragma once

// What the swap engine's end-to-end tests share (tst_swap, tst_swapsource):
// each runs its programs under --engine swap, whatever its entry's engine.

#include "headlessharness.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace swaptesting {

// Why this entry's runtime cannot run the swap engine at all, or empty.
inline QString whySwapCannotRun()
{
    if (TestRuntime::current().isAttach())
        return QStringLiteral("attach: the program's modules were loaded before Graft came, so none is instrumented "
                              "(graft refuses --engine swap with --attach)");
    return {};
}

// The engine is the point of these tests, whatever this entry's engine.
inline QStringList swapArguments()
{
    return TestRuntime::current().isSwap() ? QStringList {}
                                           : QStringList { QStringLiteral("--engine"), QStringLiteral("swap") };
}

inline QJsonObject entryNamed(const QJsonObject &patch, const QString &name)
{
    for (const QJsonValue &value : patch.value("functions").toArray()) {
        if (value.toObject().value("name").toString() == name)
            return value.toObject();
    }
    return {};
}

inline QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// Writes `program` as `name`, runs it under swap until it prints `firstOutput`:
// the file's path, or empty when it did not get there.
inline QString runSwapped(
    HeadlessHarness &graft, const QString &name, const QByteArray &program, const QString &firstOutput)
{
    const QString file = graft.writeFile(name, program);
    if (!graft.start(file, swapArguments()) || graft.waitForEvent(QStringLiteral("ready"), 15000).isEmpty()
        || graft.waitForOutput(firstOutput).isEmpty())
        return {};
    return file;
}

} // namespace swaptesting
