// SPDX-License-Identifier: MIT
#pragma once

#include "cdp/cdptypes.h"

#include <QAbstractListModel>
#include <QIcon>
#include <QList>

namespace graft {

class ScriptRegistry;

// Every script the running program has loaded, in load order, as the session's
// ScriptRegistry reports them. Sorting and filtering (user scripts first, Node
// internals hidden) belong to ScriptsFilterModel.
class ScriptsModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role { ScriptIdRole = Qt::UserRole + 1, FilePathRole, UrlRole, KindRole, KindRankRole };

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
    QString displayName(const ScriptInfo &script) const;

    QList<ScriptInfo> m_scripts;
    QString m_baseDirectory;
    QIcon m_userIcon;
    QIcon m_dependencyIcon;
    QIcon m_internalIcon;
};

QString scriptKindName(ScriptKind kind);

} // namespace graft
