// SPDX-License-Identifier: MIT
#include "debug/breakpointsettings.h"

#include "debug/debugger.h"

#include <QSettings>

namespace graft::BreakpointSettings {

QString key() { return QStringLiteral("debugger/breakpoints"); }

void load(Debugger *debugger)
{
    const QVariantMap files = QSettings().value(key()).toMap();
    for (auto it = files.constBegin(); it != files.constEnd(); ++it) {
        for (const QVariant &entry : it.value().toList()) {
            const QVariantMap b = entry.toMap();
            debugger->setBreakpoint(it.key(), b.value(QStringLiteral("line")).toInt(),
                b.value(QStringLiteral("condition")).toString(), b.value(QStringLiteral("log")).toString(), debugger,
                [](const Debugger::SetAnswer &) {});
            if (!b.value(QStringLiteral("enabled"), true).toBool() && !debugger->breakpoints().isEmpty())
                debugger->setBreakpointEnabled(debugger->breakpoints().last().id, false);
        }
    }
}

void save(const Debugger *debugger)
{
    QVariantMap files;
    for (const Breakpoint &b : debugger->breakpoints()) {
        QVariantList list = files.value(b.file).toList();
        list.append(QVariantMap { { QStringLiteral("line"), b.line }, { QStringLiteral("condition"), b.condition },
            { QStringLiteral("log"), b.log }, { QStringLiteral("enabled"), b.enabled } });
        files.insert(b.file, list);
    }
    QSettings().setValue(key(), files);
}

} // namespace graft::BreakpointSettings
