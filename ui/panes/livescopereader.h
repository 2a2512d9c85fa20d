// SPDX-License-Identifier: MIT
#pragma once

#include "inspect/functionscopes.h"

#include <QObject>
#include <QPointer>

#include <functional>

namespace graft {

class CdpClient;
class LiveSession;

// Reads the scopes a live function closes over, as LiveSession::inspectFunction
// does, but leaves the handles of their values alive so that objects can be
// expanded afterwards: inspectFunction releases them before it answers. They live
// until the next read (or release()): one function's values at a time, so the
// program's heap is not pinned by what the pane once showed. A patch's
// verification releases them too; the pane reads again after every patch.
class LiveScopeReader : public QObject
{
    Q_OBJECT
public:
    explicit LiveScopeReader(LiveSession *session, QObject *parent = nullptr);

    // The function called `name`, else the innermost one around `line` (1-based).
    // Only the newest read answers: an older one still under way is dropped.
    void read(const QString &filePath, const QString &name, int line, std::function<void(const FunctionScopes &)> done);
    // The function of the last read again, without looking for it in the heap:
    // the read keeps a handle to it (one function, until the next read). Answers
    // an error when there is none (nothing read yet, or the program restarted).
    void reread(std::function<void(const FunctionScopes &)> done);
    // An object's own properties (an expanded value of the last read).
    void propertiesOf(const QString &objectId, QObject *context,
        std::function<void(bool ok, const QList<ScopeVariable> &properties)> done);
    void release();

private:
    void readFunction(const QString &scriptId, const FunctionOutline &function, quint64 serial,
        std::function<void(const FunctionScopes &)> done);
    void readScopes(
        const QString &kept, FunctionScopes answer, quint64 serial, std::function<void(const FunctionScopes &)> done);
    void releaseKept();

    LiveSession *m_session;
    quint64 m_serial = 0;
    // The function the last read found, under a handle of its own, and whose client holds it.
    QString m_kept;
    FunctionOutline m_keptFunction;
    QPointer<CdpClient> m_keptClient;
};

} // namespace graft
