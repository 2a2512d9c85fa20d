// SPDX-License-Identifier: MIT
#include "panes/scriptsmodel.h"

#include "session/scriptregistry.h"

#include <QApplication>
#include <QDir>
#include <QStyle>

namespace graft {


ScriptsModel::ScriptsModel(ScriptRegistry *registry, QObject *parent)
    : QAbstractListModel(parent)
    , m_registry(registry)
{
    if (QStyle *style = QApplication::style()) {
        m_userIcon = style->standardIcon(QStyle::SP_FileIcon);
        m_dependencyIcon = style->standardIcon(QStyle::SP_DirIcon);
        m_internalIcon = style->standardIcon(QStyle::SP_FileLinkIcon);
    }
    if (!registry)
        return;
    // Scripts loaded before the model existed count too.
    m_scripts = registry->scripts();
    connect(registry, &ScriptRegistry::scriptAdded, this, &ScriptsModel::onScriptAdded);
    connect(registry, &ScriptRegistry::cleared, this, &ScriptsModel::onCleared);
    connect(registry, &ScriptRegistry::targetRemoved, this, &ScriptsModel::onTargetRemoved);
}

void ScriptsModel::setBaseDirectory(const QString &directory)
{
    m_baseDirectory = directory;
    if (!m_scripts.isEmpty())
        Q_EMIT dataChanged(index(0), index(rowCount() - 1), {Qt::DisplayRole});
}

ScriptInfo ScriptsModel::script(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    return m_scripts.at(index.row());
}

void ScriptsModel::onScriptAdded(const ScriptInfo &script)
{
    const int row = static_cast<int>(m_scripts.size());
    beginInsertRows({}, row, row);
    m_scripts.append(script);
    endInsertRows();
}

void ScriptsModel::onCleared()
{
    beginResetModel();
    m_scripts.clear();
    endResetModel();
}

void ScriptsModel::onTargetRemoved()
{
    // A worker ended: its scripts went with it, wherever they were in the list.
    beginResetModel();
    m_scripts = m_registry->scripts();
    endResetModel();
}

int ScriptsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_scripts.size());
}

Qt::ItemFlags ScriptsModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QString ScriptsModel::displayName(const ScriptInfo &script) const
{
    if (!script.target.isEmpty())
        return QStringLiteral("[%1] %2").arg(script.thread, fileName(script));
    return fileName(script);
}

QString ScriptsModel::fileName(const ScriptInfo &script) const
{
    if (script.filePath.isEmpty())
        return script.url.isEmpty() ? QStringLiteral("(script %1)").arg(script.scriptId) : script.url;
    if (!m_baseDirectory.isEmpty()) {
        const QString relative = QDir(m_baseDirectory).relativeFilePath(script.filePath);
        if (!relative.startsWith(QLatin1String("..")))
            return relative;
    }
    return QDir::toNativeSeparators(script.filePath);
}

QVariant ScriptsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ScriptInfo &script = m_scripts.at(index.row());
    switch (role) {
    case Qt::DisplayRole: return displayName(script);
    case Qt::ToolTipRole:
        return script.filePath.isEmpty() ? tr("%1\nNode internal: opens its live source, read-only").arg(script.url)
                                         : QDir::toNativeSeparators(script.filePath);
    case Qt::DecorationRole:
        switch (script.kind) {
        case ScriptKind::User: return m_userIcon;
        case ScriptKind::Dependency: return m_dependencyIcon;
        case ScriptKind::Internal: return m_internalIcon;
        }
        return {};
    case ScriptIdRole: return script.scriptId;
    case FilePathRole: return script.filePath;
    case UrlRole: return script.url;
    case KindRole: return scriptKindName(script.kind);
    case KindRankRole: return static_cast<int>(script.kind); // User < Dependency < Internal
    case ThreadRole: return script.thread;
    case ThreadRankRole: return script.target.isEmpty() ? 0 : script.thread.section(QLatin1Char(' '), 1).toInt();
    default: return {};
    }
}

} // namespace graft
