// SPDX-License-Identifier: MIT
#include "session/scriptregistry.h"

#include <QFileInfo>

namespace graft {

QString canonicalFilePath(const QString &path)
{
    const QFileInfo info(path);
    const QString canonical = info.canonicalFilePath();
    return canonical.isEmpty() ? info.absoluteFilePath() : canonical;
}

void ScriptRegistry::add(const ScriptInfo &script)
{
    if (m_indexById.contains(script.scriptId))
        return;
    m_indexById.insert(script.scriptId, m_scripts.size());
    m_scripts.append(script);
    if (!script.filePath.isEmpty())
        m_idByCanonicalPath.insert(canonicalFilePath(script.filePath), script.scriptId);
    Q_EMIT scriptAdded(script);
}

void ScriptRegistry::clear()
{
    m_scripts.clear();
    m_indexById.clear();
    m_idByCanonicalPath.clear();
    m_liveSources.clear();
    Q_EMIT cleared();
}

const ScriptInfo *ScriptRegistry::findByFile(const QString &filePath) const
{
    const auto it = m_idByCanonicalPath.constFind(canonicalFilePath(filePath));
    return it == m_idByCanonicalPath.constEnd() ? nullptr : findById(*it);
}

const ScriptInfo *ScriptRegistry::findById(const QString &scriptId) const
{
    const auto it = m_indexById.constFind(scriptId);
    return it == m_indexById.constEnd() ? nullptr : &m_scripts.at(*it);
}

} // namespace graft
