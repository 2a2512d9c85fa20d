// SPDX-License-Identifier: MIT
#pragma once

#include "cdp/cdptypes.h"

#include <QHash>
#include <QList>
#include <QObject>

namespace graft {

// Every script the runtime has loaded, from Debugger.scriptParsed, with the
// source V8 holds for it once known (after a patch: the patched source). A file
// loaded by several threads (the main thread, workers) has a script on each.
class ScriptRegistry : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    void add(const ScriptInfo &script);
    void clear();
    // A worker thread ended: its scripts are gone with it.
    void removeTarget(const QString &target);

    QList<ScriptInfo> scripts() const { return m_scripts; }
    // The live script for a file (canonical path compare), the main thread's if it
    // has one, else the first worker's to load it; nullptr if not loaded.
    const ScriptInfo *findByFile(const QString &filePath) const;
    // The file's script on every thread that loaded it, that one first.
    QList<ScriptInfo> findAllByFile(const QString &filePath) const;
    const ScriptInfo *findById(const QString &scriptId) const;

    bool hasLiveSource(const QString &scriptId) const { return m_liveSources.contains(scriptId); }
    QString liveSource(const QString &scriptId) const { return m_liveSources.value(scriptId); }
    void setLiveSource(const QString &scriptId, const QString &source) { m_liveSources.insert(scriptId, source); }

Q_SIGNALS:
    void scriptAdded(const graft::ScriptInfo &script);
    void cleared();
    void targetRemoved(const QString &target);

private:
    QList<ScriptInfo> m_scripts;
    QHash<QString, qsizetype> m_indexById;
    void reindex();
    void index(qsizetype i);

    QHash<QString, QStringList> m_idsByCanonicalPath; // main thread's first
    QHash<QString, QString> m_liveSources;
};

QString canonicalFilePath(const QString &path);

} // namespace graft
