// SPDX-License-Identifier: MIT
#include "changesmodel.h"

#include "theme.h"

#include <QColor>
#include <QDir>
#include <QFileInfo>
#include <QLocale>

namespace graft {

QColor patchStatusColor(PatchStatus status)
{
    switch (status) {
    // Green: the new code runs; amber: some of it does; red: none of it does.
    case PatchStatus::Applied:
        return currentTheme().success;
    case PatchStatus::Partial:
        return currentTheme().warning;
    case PatchStatus::Blocked:
    case PatchStatus::CompileError:
    case PatchStatus::Error:
        return currentTheme().error;
    case PatchStatus::Unchanged:
    case PatchStatus::NotLoaded:
        return currentTheme().muted;
    }
    return {};
}

ChangesModel::ChangesModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ChangesModel::addReport(const PatchReport &report)
{
    if (m_reports.size() >= m_maxReports) {
        const int drop = static_cast<int>(m_reports.size()) - m_maxReports + 1;
        beginRemoveRows({}, 0, drop - 1);
        m_reports.remove(0, drop);
        endRemoveRows();
    }
    const int row = static_cast<int>(m_reports.size());
    beginInsertRows({}, row, row);
    m_reports.append(report);
    // The list shows results, not code: whole sources would make a long session's list heavy.
    m_reports.last().compactForHistory(false);
    endInsertRows();
}

void ChangesModel::clear()
{
    beginResetModel();
    m_reports.clear();
    endResetModel();
}

int ChangesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_reports.size());
}

int ChangesModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

Qt::ItemFlags ChangesModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QVariant ChangesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case FileColumn:
        return tr("File");
    case StatusColumn:
        return tr("Status");
    case MsColumn:
        return tr("ms");
    default:
        return {};
    }
}

QVariant ChangesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PatchReport &report = m_reports.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return report.when.time().toString(QStringLiteral("HH:mm:ss"));
        case FileColumn:
            return QFileInfo(report.file).fileName();
        case StatusColumn:
            return patchStatusName(report.status);
        case MsColumn:
            return QLocale().toString(report.ms, 'f', report.ms < 10 ? 1 : 0);
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == FileColumn)
            return QDir::toNativeSeparators(report.file);
        return report.message.isEmpty() ? QVariant() : QVariant(report.message);
    case Qt::ForegroundRole:
        return index.column() == StatusColumn ? QVariant(patchStatusColor(report.status)) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == MsColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case StatusRole:
        return patchStatusName(report.status);
    case FilePathRole:
        return report.file;
    default:
        return {};
    }
}

} // namespace graft
