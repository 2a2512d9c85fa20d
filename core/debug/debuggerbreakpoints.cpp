// SPDX-License-Identifier: MIT
// Debugger, part two: the user's breakpoints — set by URL in every run, enabled,
// edited, moved by edits, resolved by V8. (debugger.cpp holds the pauses.)
#include "debug/debugger.h"

#include "cdp/cdpclient.h"
#include "debug/linemap.h"

#include <QFileInfo>

namespace graft {

Breakpoint *Debugger::find(const QString &id)
{
    for (Breakpoint &b : m_breakpoints) {
        if (b.id == id)
            return &b;
    }
    return nullptr;
}

const Breakpoint *Debugger::breakpoint(const QString &id) const { return const_cast<Debugger *>(this)->find(id); }

void Debugger::setBreakpoint(
    const QString &file, int line, const QString &condition, const QString &log, QObject *context, SetHandler done)
{
    if (line < 1) {
        done(SetAnswer { false, QStringLiteral("a breakpoint needs a line (1 or more)"), {} });
        return;
    }
    Breakpoint b;
    b.id = QStringLiteral("bp%1").arg(m_nextId++);
    const QFileInfo info(file);
    b.file = info.exists() ? info.canonicalFilePath() : info.absoluteFilePath();
    b.line = line;
    b.condition = condition;
    b.log = log;
    m_breakpoints.append(b);
    Q_EMIT breakpointsChanged();
    install(b.id, context, std::move(done));
}

void Debugger::install(const QString &id, QObject *context, SetHandler done)
{
    Breakpoint *b = find(id);
    if (!b || !m_client || !b->enabled) {
        if (done)
            done(SetAnswer {
                b != nullptr, b ? QString() : QStringLiteral("no breakpoint %1").arg(id), b ? *b : Breakpoint {} });
        return;
    }
    QPointer<CdpClient> client = m_client;
    m_client->setBreakpointByUrl(breakpointUrlRegex(b->file), b->line, b->v8Condition(), context ? context : this,
        [this, id, client, done](const SetBreakpointResult &result) {
            Breakpoint *b = find(id);
            if (client != m_client)
                return; // an earlier run's answer
            if (!b || !b->enabled) {
                // Removed or disabled while V8 was placing it.
                if (result.ok)
                    m_client->removeBreakpoint(result.breakpointId, this);
                if (done)
                    done(SetAnswer { false, QStringLiteral("breakpoint %1 was removed meanwhile").arg(id), {} });
                return;
            }
            if (!result.ok) {
                if (done)
                    done(SetAnswer { false, result.error, *b });
                return;
            }
            b->cdpId = result.breakpointId;
            const int resolved = result.locations.isEmpty() ? 0 : result.locations.first().line;
            const bool moved = resolved != b->resolvedLine;
            b->resolvedLine = resolved;
            if (moved && resolved > 0)
                Q_EMIT breakpointMoved(*b);
            Q_EMIT breakpointsChanged();
            if (done)
                done(SetAnswer { true, {}, *b });
        });
}

void Debugger::uninstall(Breakpoint &breakpoint)
{
    if (m_client && !breakpoint.cdpId.isEmpty())
        m_client->removeBreakpoint(breakpoint.cdpId, this);
    breakpoint.cdpId.clear();
    breakpoint.resolvedLine = 0;
}

bool Debugger::removeBreakpoint(const QString &id, QString *error)
{
    for (qsizetype i = 0; i < m_breakpoints.size(); ++i) {
        if (m_breakpoints.at(i).id != id)
            continue;
        uninstall(m_breakpoints[i]);
        m_breakpoints.removeAt(i);
        Q_EMIT breakpointsChanged();
        return true;
    }
    if (error)
        *error = QStringLiteral("no breakpoint %1").arg(id);
    return false;
}

bool Debugger::setBreakpointEnabled(const QString &id, bool enabled)
{
    Breakpoint *b = find(id);
    if (!b)
        return false;
    if (b->enabled == enabled)
        return true;
    b->enabled = enabled;
    if (enabled)
        install(id, this, {});
    else
        uninstall(*b);
    Q_EMIT breakpointsChanged();
    return true;
}

bool Debugger::editBreakpoint(const QString &id, const QString &condition, const QString &log)
{
    Breakpoint *b = find(id);
    if (!b)
        return false;
    b->condition = condition;
    b->log = log;
    uninstall(*b);
    install(id, this, {});
    Q_EMIT breakpointsChanged();
    return true;
}

bool Debugger::moveBreakpoint(const QString &id, int line)
{
    Breakpoint *b = find(id);
    if (!b || line < 1)
        return false;
    if (b->line == line)
        return true;
    b->line = line;
    if (b->enabled && m_client) {
        uninstall(*b);
        install(id, this, {});
    }
    Q_EMIT breakpointsChanged();
    return true;
}

void Debugger::onSourceChanged(const QString &file, const QString &oldSource, const QString &newSource)
{
    const QFileInfo info(file);
    const QString canonical = info.exists() ? info.canonicalFilePath() : info.absoluteFilePath();
    bool any = false;
    for (Breakpoint &b : m_breakpoints) {
        if (b.file != canonical)
            continue;
        any = true;
        b.line = translateLine(oldSource, newSource, b.line);
        // Set again in every case: LiveEdit gives changed functions new code, and
        // a breakpoint V8 had placed in the old code would not stop there again.
        if (b.enabled && m_client) {
            uninstall(b);
            install(b.id, this, {});
        }
    }
    if (any)
        Q_EMIT breakpointsChanged();
}

void Debugger::onResolved(const QString &cdpId, const BreakpointLocation &location)
{
    for (Breakpoint &b : m_breakpoints) {
        if (b.cdpId != cdpId || b.resolvedLine == location.line)
            continue;
        b.resolvedLine = location.line;
        Q_EMIT breakpointMoved(b);
        Q_EMIT breakpointsChanged();
    }
}

} // namespace graft
