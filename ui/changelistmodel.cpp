// SPDX-License-Identifier: MIT
#include "changelistmodel.h"

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
    m_bindings = report.bindings;
    endResetModel();
}

void ChangeListModel::clear()
{
    beginResetModel();
    m_file.clear();
    m_functions.clear();
    m_bindings.clear();
    endResetModel();
}

int ChangeListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_functions.size() + m_bindings.size());
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
    case NameColumn: return tr("Name");
    case LineColumn: return tr("Line");
    case ChangeColumn: return tr("Change");
    case EffectColumn: return tr("Effect");
    default: return {};
    }
}

QVariant ChangeListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const bool isFunction = row < m_functions.size();
    const int line = isFunction ? m_functions.at(row).line : m_bindings.at(row - m_functions.size()).line;
    if (role == FileRole)
        return m_file;
    if (role == LineRole)
        return line;

    if (isFunction) {
        const FunctionChange &function = m_functions.at(row);
        const bool notEffective = function.effective.has_value() && !*function.effective;
        if (role == Qt::ForegroundRole && index.column() == EffectColumn)
            return notEffective ? QColor(0xc7, 0x6a, 0x00) : QColor(0x2e, 0x7d, 0x32);
        if (role == Qt::ToolTipRole)
            return function.reason.isEmpty() ? QVariant() : QVariant(function.reason);
        if (role != Qt::DisplayRole)
            return {};
        switch (index.column()) {
        case NameColumn: return function.name + QStringLiteral("()");
        case LineColumn: return line;
        case ChangeColumn: return function.change;
        case EffectColumn:
            if (!function.effective.has_value())
                return QStringLiteral("—");
            if (*function.effective)
                return tr("patched");
            return function.reason.isEmpty() ? tr("not effective") : tr("not effective: %1").arg(function.reason);
        }
        return {};
    }

    const BindingChange &binding = m_bindings.at(row - m_functions.size());
    if (role == Qt::ForegroundRole && index.column() == EffectColumn && binding.stale)
        return QColor(0xc7, 0x6a, 0x00);
    if (role == Qt::ToolTipRole)
        return tr("The source says %1; the program holds %2").arg(binding.source, binding.live);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case NameColumn: return binding.name;
    case LineColumn: return line;
    case ChangeColumn: return tr("binding");
    case EffectColumn: return binding.stale ? tr("stale: %1").arg(binding.live) : binding.live;
    }
    return {};
}

} // namespace graft
