// SPDX-License-Identifier: MIT
#pragma once

#include "cdp/cdptypes.h"

#include <QHash>
#include <QList>
#include <QObject>

namespace graft {

// Every script the runtime has loaded, from Debugger.scriptParsed, with the
// source V8 holds for it once known (after a patch: the patched source).
class ScriptRegistry : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    void add(const ScriptInfo &script);
    void clear();

    QList<ScriptInfo> scripts() const { return m_scripts; }
    // The live script for a file (canonical path compare); nullptr if not loaded.
    const ScriptInfo *findByFile(const QString &filePath) const;
    const ScriptInfo *findById(const QString &scriptId) const;

    bool hasLiveSource(const QString &scriptId) const { return m_liveSources.contains(scriptId); }
    QString liveSource(const QString &scriptId) const { return m_liveSources.value(scriptId); }
    void setLiveSource(const QString &scriptId, const QString &source) { m_liveSources.insert(scriptId, source); }

Q_SIGNALS:
    void scriptAdded(const graft::ScriptInfo &script);
    void cleared();

private:
    QList<ScriptInfo> m_scripts;
    QHash<QString, qsizetype> m_indexById;
    QHash<QString, QString> m_idByCanonicalPath;
    QHash<QString, QString> m_liveSources;
};

QString canonicalFilePath(const QString &path);

} // namespace graft
