// SPDX-License-Identifier: MIT
#pragma once

#include "patch/patchreport.h"

#include <QObject>
#include <QPoint>

#include <functional>

namespace graft {

class CodeEditor;
class LiveSession;

// Hovering a name in the editor while the program runs shows the live value of
// the file's own top-level binding it names: what the program holds now, which
// after a save may not be what the source says (then both are shown). The name
// is resolved in the buffer's text as V8 resolves it (the analysis' scope model),
// so a parameter or local that hides a top-level binding shows nothing: a local
// has a value only on a paused frame, where the debugger shows it. The value is
// read from the file's scope object (LiveSession::readTopLevelValue): nothing of
// the program runs, and only a bare name is read, never a member chain (reading
// a property may run a getter, and hovering must only read).
class LiveValueHover : public QObject
{
    Q_OBJECT
public:
    // What the newest applied patch says of a file's top-level bindings.
    using BindingsOf = std::function<QList<BindingChange>(const QString &filePath)>;

    LiveValueHover(LiveSession *session, BindingsOf bindingsOf, QObject *parent = nullptr);

    // The value at Scintilla's byte `position` of `editor` (the buffer of `filePath`), as a tooltip.
    void show(CodeEditor *editor, const QString &filePath, int position, const QPoint &globalPos);
    // The last tooltip's text.
    QString lastText() const { return m_lastText; }

Q_SIGNALS:
    void shown(const QString &text);

private:
    void showValue(const QString &filePath, const QString &name, const QPoint &globalPos, quint64 serial);

    LiveSession *m_session;
    BindingsOf m_bindingsOf;
    quint64 m_serial = 0; // only the newest hover answers
    QString m_lastText;
};

} // namespace graft
