// SPDX-License-Identifier: MIT
#pragma once

#include "patch/patchreport.h"

#include <QList>
#include <QObject>

namespace graft {

// Every patch of the session, oldest first: what the Changes pane lists and
// what revert goes back through. Sources (before/after) are kept only for each
// file's newest applied patch, the one revert uses.
class PatchHistory : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    void append(const PatchReport &report);
    const QList<PatchReport> &entries() const { return m_entries; }
    // The newest patch of `file` that changed the running code, or nullptr.
    const PatchReport *lastApplied(const QString &file) const;

Q_SIGNALS:
    void appended(const graft::PatchReport &report);

private:
    QList<PatchReport> m_entries;
};

} // namespace graft
