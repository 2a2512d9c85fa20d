// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QString>

namespace graft {

struct ExceptionInfo;
struct PatchReport;

// Prints headless events: one JSON object per line (--json), or the same events
// as readable lines. The program's own output goes to our stdout/stderr as is.
class EventWriter
{
public:
    explicit EventWriter(bool json)
        : m_json(json)
    {
    }

    // engine: "liveedit" or "swap", the engine that patches this run.
    void ready(
        const QString &entry, const QString &node, const QString &v8, const QString &runtime, const QString &engine);
    void output(const QString &stream, const QString &text);
    void patch(const PatchReport &report);
    void exception(const ExceptionInfo &exception);
    void result(const QJsonValue &id, bool ok, QJsonObject fields, const QString &error = {});
    void exit(int code, const QString &reason, const QString &detail);
    // --attach: the program's inspector went away, and came back.
    void detached(const QString &reason);
    void reattached(const QString &entry, const QString &node, const QString &v8);
    void notice(const QString &text); // Graft's own remarks (readable mode only)
    // The debugger's events: `fields` is the event's body; `text` the readable line.
    void debugEvent(const QString &name, const QJsonObject &fields, const QString &text);
    // An attached program keeps Node's own behaviour on an uncaught exception.
    void setAttached(bool attached) { m_attached = attached; }

private:
    void emitEvent(const QString &name, QJsonObject fields);
    void line(const QString &text, bool toStderr = false);

    bool m_json;
    bool m_attached = false;
};

} // namespace graft
