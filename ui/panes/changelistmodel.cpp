// SPDX-License-Identifier: MIT
#include "panes/changelistmodel.h"

#include "panes/changesmodel.h"

#include <QColor>

namespace graft {

ChangeListModel::ChangeListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ChangeListModel::setReport(const PatchReport &report)
{
    beginResetModel();
    m_file = report.file;
    m_functions.clear();
    for (const FunctionChange &function : report.functions) {
        if (function.change != QLatin1String("unchanged"))
            m_functions.append(function);
    }
    endResetModel();
}

void ChangeListModel::clear()
{
    beginResetModel();
    m_file.clear();
    m_functions.clear();
    endResetModel();
}

int ChangeListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_functions.size());
}

int ChangeListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

Qt::ItemFlags ChangeListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QVariant ChangeListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn: return tr("Function");
    case LineColumn: return tr("Line");
    case ChangeColumn: return tr("Change");
    case EffectiveColumn: return tr("Effective");
    default: return {};
    }
}

QVariant ChangeListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const FunctionChange &function = m_functions.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn: return function.name + QStringLiteral("()");
        case LineColumn: return function.line;
        case ChangeColumn: return function.change;
        case EffectiveColumn:
            if (!function.effective.has_value())
                return QStringLiteral("—");
            return *function.effective ? tr("yes") : tr("no");
        }
        return {};
    case Qt::ToolTipRole:
        if (!function.reason.isEmpty())
            return function.reason;
        if (function.effective.has_value())
            return *function.effective ? tr("Its live instances run the new code")
                                       : tr("Its live instances still run the old code");
        return {};
    case Qt::ForegroundRole:
        if (index.column() != EffectiveColumn || !function.effective.has_value())
            return {};
        return patchStatusColor(*function.effective ? PatchStatus::Applied : PatchStatus::Partial);
    case Qt::TextAlignmentRole:
        return index.column() == LineColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case FileRole: return m_file;
    case LineRole: return function.line;
    case NameRole: return function.name;
    case EffectiveRole: return function.effective.has_value() ? QVariant(*function.effective) : QVariant();
    default: return {};
    }
}

} // namespace graft
