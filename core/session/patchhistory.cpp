// SPDX-License-Identifier: MIT
#include "session/patchhistory.h"

#include <QFileInfo>

namespace graft {

void PatchHistory::append(const PatchReport &report)
{
    // Only the newest applied patch of a file is ever reverted: keep the sources
    // for that one alone, so that a long session's history stays small.
    PatchReport entry = report;
    entry.compactForHistory(entry.succeeded());
    if (entry.succeeded()) {
        // Only the file's previous applied patch still holds sources.
        for (auto older = m_entries.rbegin(); older != m_entries.rend(); ++older) {
            if (older->file == entry.file && older->succeeded()) {
                older->compactForHistory(false);
                break;
            }
        }
    }
    m_entries.append(entry);
    Q_EMIT appended(report);
}

const PatchReport *PatchHistory::lastApplied(const QString &file) const
{
    const QString path = QFileInfo(file).absoluteFilePath();
    for (auto it = m_entries.crbegin(); it != m_entries.crend(); ++it) {
        if (it->file == path && it->succeeded())
            return &*it;
    }
    return nullptr;
}

} // namespace graft
