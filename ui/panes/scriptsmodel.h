// SPDX-License-Identifier: MIT
#pragma once

#include "cdp/cdptypes.h"

#include <QAbstractListModel>
#include <QIcon>
#include <QList>

namespace graft {

class ScriptRegistry;

// Every script the running program has loaded, in load order, as the session's
// ScriptRegistry reports them; a worker thread's scripts carry its name. Sorting
// and filtering (per thread, the main thread first; user scripts first, Node
// internals hidden) belong to ScriptsFilterModel.
class ScriptsModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        ScriptIdRole = Qt::UserRole + 1,
        FilePathRole,
        UrlRole,
        KindRole,
        KindRankRole,
        ThreadRole,    // "main" or "worker N"
        ThreadRankRole // 0 for the main thread, N for worker N
    };

    explicit ScriptsModel(ScriptRegistry *registry, QObject *parent = nullptr);

    // File names are shown relative to this folder (the entry's), others in full.
    void setBaseDirectory(const QString &directory);
    ScriptInfo script(const QModelIndex &index) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    void onScriptAdded(const ScriptInfo &script);
    void onCleared();
    void onTargetRemoved();
    QString displayName(const ScriptInfo &script) const;
    QString fileName(const ScriptInfo &script) const;

    ScriptRegistry *m_registry = nullptr;
    QList<ScriptInfo> m_scripts;
    QString m_baseDirectory;
    QIcon m_userIcon;
    QIcon m_dependencyIcon;
    QIcon m_internalIcon;
};

QString scriptKindName(ScriptKind kind);

} // namespace graft
