// SPDX-License-Identifier: MIT
#include "panes/scriptsfiltermodel.h"

#include "cdp/cdptypes.h"
#include "panes/scriptsmodel.h"

namespace graft {

ScriptsFilterModel::ScriptsFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    sort(0);
}

void ScriptsFilterModel::setShowInternal(bool show)
{
    if (m_showInternal == show)
        return;
    m_showInternal = show;
    invalidateRowsFilter();
}

void ScriptsFilterModel::setFilterText(const QString &text)
{
    if (m_filterText == text)
        return;
    m_filterText = text;
    invalidateRowsFilter();
}

bool ScriptsFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const auto kind = static_cast<ScriptKind>(index.data(ScriptsModel::KindRankRole).toInt());
    if (kind == ScriptKind::Internal && !m_showInternal)
        return false;
    if (m_filterText.isEmpty())
        return true;
    return index.data(Qt::DisplayRole).toString().contains(m_filterText, Qt::CaseInsensitive)
        || index.data(ScriptsModel::UrlRole).toString().contains(m_filterText, Qt::CaseInsensitive);
}

bool ScriptsFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    // Per thread: the main thread's scripts, then each worker's, in thread order.
    const int leftThread = left.data(ScriptsModel::ThreadRankRole).toInt();
    const int rightThread = right.data(ScriptsModel::ThreadRankRole).toInt();
    if (leftThread != rightThread)
        return leftThread < rightThread;
    const int leftRank = left.data(ScriptsModel::KindRankRole).toInt();
    const int rightRank = right.data(ScriptsModel::KindRankRole).toInt();
    if (leftRank != rightRank)
        return leftRank < rightRank;
    return QSortFilterProxyModel::lessThan(left, right);
}

} // namespace graft
