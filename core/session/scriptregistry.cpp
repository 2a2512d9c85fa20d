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
    m_scripts.append(script);
    index(m_scripts.size() - 1);
    Q_EMIT scriptAdded(script);
}

void ScriptRegistry::removeTarget(const QString &target)
{
    if (target.isEmpty())
        return;
    const auto before = m_scripts.size();
    m_scripts.removeIf([&](const ScriptInfo &script) {
        if (script.target != target)
            return false;
        m_liveSources.remove(script.scriptId);
        return true;
    });
    if (m_scripts.size() == before)
        return;
    reindex();
    Q_EMIT targetRemoved(target);
}

void ScriptRegistry::reindex()
{
    m_indexById.clear();
    m_idsByCanonicalPath.clear();
    for (qsizetype i = 0; i < m_scripts.size(); ++i)
        index(i);
}

void ScriptRegistry::index(qsizetype i)
{
    const ScriptInfo &script = m_scripts.at(i);
    m_indexById.insert(script.scriptId, i);
    if (script.filePath.isEmpty())
        return;
    QStringList &ids = m_idsByCanonicalPath[canonicalFilePath(script.filePath)];
    if (script.target.isEmpty())
        ids.prepend(script.scriptId);
    else
        ids.append(script.scriptId);
}

void ScriptRegistry::clear()
{
    m_scripts.clear();
    m_indexById.clear();
    m_idsByCanonicalPath.clear();
    m_liveSources.clear();
    Q_EMIT cleared();
}

const ScriptInfo *ScriptRegistry::findByFile(const QString &filePath) const
{
    const auto it = m_idsByCanonicalPath.constFind(canonicalFilePath(filePath));
    return it == m_idsByCanonicalPath.constEnd() || it->isEmpty() ? nullptr : findById(it->first());
}

QList<ScriptInfo> ScriptRegistry::findAllByFile(const QString &filePath) const
{
    QList<ScriptInfo> scripts;
    for (const QString &id : m_idsByCanonicalPath.value(canonicalFilePath(filePath)))
        scripts << *findById(id);
    return scripts;
}

const ScriptInfo *ScriptRegistry::findById(const QString &scriptId) const
{
    const auto it = m_indexById.constFind(scriptId);
    return it == m_indexById.constEnd() ? nullptr : &m_scripts.at(*it);
}

} // namespace graft
