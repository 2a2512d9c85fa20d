// SPDX-License-Identifier: MIT
#include "session/patchhistory.h"

#include <QFileInfo>

namespace graft {

void PatchHistory::append(const PatchReport &report)
{
    m_entries.append(report);
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
