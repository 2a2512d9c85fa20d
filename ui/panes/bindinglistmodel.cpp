// SPDX-License-Identifier: MIT
#include "panes/bindinglistmodel.h"

#include <QColor>

namespace graft {

QColor staleBackground()
{
    return {0xff, 0xe8, 0xb0};
}

BindingListModel::BindingListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void BindingListModel::setReport(const PatchReport &report)
{
    beginResetModel();
    m_file = report.file;
    m_bindings = report.bindings;
    endResetModel();
}

void BindingListModel::clear()
{
    beginResetModel();
    m_file.clear();
    m_bindings.clear();
    endResetModel();
}

int BindingListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_bindings.size());
}

int BindingListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

Qt::ItemFlags BindingListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QVariant BindingListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn: return tr("Binding");
    case LineColumn: return tr("Line");
    case LiveColumn: return tr("Live value");
    case SourceColumn: return tr("New source");
    default: return {};
    }
}

QVariant BindingListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const BindingChange &binding = m_bindings.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn: return binding.stale ? tr("%1 (stale)").arg(binding.name) : binding.name;
        case LineColumn: return binding.line;
        case LiveColumn: return binding.live;
        case SourceColumn: return binding.source;
        }
        return {};
    case Qt::ToolTipRole:
        return binding.stale ? tr("%1 still holds %2: LiveEdit does not run top-level code again. The source now "
                                  "says %3; Re-initialize it in the Closures pane.")
                                   .arg(binding.name, binding.live, binding.source)
                             : tr("%1 holds %2").arg(binding.name, binding.live);
    case Qt::BackgroundRole:
        return binding.stale ? QVariant(staleBackground()) : QVariant();
    case Qt::ForegroundRole:
        // Dark text on the light marker whatever the palette (a dark theme's text is light).
        return binding.stale ? QVariant(QColor(Qt::black)) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == LineColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case FileRole: return m_file;
    case LineRole: return binding.line;
    case NameRole: return binding.name;
    case StaleRole: return binding.stale;
    default: return {};
    }
}

} // namespace graft
