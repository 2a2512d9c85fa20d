// SPDX-License-Identifier: MIT
#include "panes/changesmodel.h"

#include "window/theme.h"

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
        m_runOf.remove(0, drop);
        endRemoveRows();
    }
    const int row = static_cast<int>(m_reports.size());
    beginInsertRows({}, row, row);
    m_reports.append(report);
    if (m_runs.isEmpty())
        m_runs.append(Run { 1, {}, {} });
    m_runOf.append(static_cast<int>(m_runs.size()) - 1);
    // The list shows results, not code: whole sources would make a long session's list heavy.
    m_reports.last().compactForHistory(false);
    endInsertRows();
}

void ChangesModel::startRun(const QString &entry)
{
    const QDateTime now = QDateTime::currentDateTime();
    // A run that made no patch needs no boundary of its own: the new one takes its place.
    const bool lastHasReports = !m_runOf.isEmpty() && m_runOf.last() == m_runs.size() - 1;
    if (!m_runs.isEmpty() && !lastHasReports) {
        m_runs.last().entry = entry;
        m_runs.last().started = now;
        return;
    }
    m_runs.append(Run { m_runs.isEmpty() ? 1 : m_runs.last().number + 1, entry, now });
}

int ChangesModel::markReinitialized(const QString &file, const QString &binding, const QString &value)
{
    for (qsizetype row = m_reports.size() - 1; row >= 0; --row) {
        PatchReport &report = m_reports[row];
        if (QFileInfo(report.file).canonicalFilePath() != QFileInfo(file).canonicalFilePath() || !report.succeeded())
            continue;
        for (BindingChange &change : report.bindings) {
            if (change.name == binding) {
                change.stale = false;
                change.live = value;
            }
        }
        Q_EMIT dataChanged(index(static_cast<int>(row), 0), index(static_cast<int>(row), ColumnCount - 1));
        return static_cast<int>(row);
    }
    return -1;
}

void ChangesModel::clear()
{
    beginResetModel();
    m_reports.clear();
    m_runOf.clear();
    m_runs.clear();
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
    const Run &run = m_runs.at(m_runOf.at(index.row()));
    const bool runStart = index.row() == 0 || m_runOf.at(index.row() - 1) != m_runOf.at(index.row());
    switch (role) {
    case RunRole:
        return run.number;
    case RunStartRole:
        return runStart;
    case Qt::BackgroundRole:
        if (run.number % 2 == 0) {
            QColor tint = currentTheme().muted;
            tint.setAlpha(40);
            return tint;
        }
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return (runStart && run.number > 1 ? QStringLiteral("▶ ") : QString())
                + report.when.time().toString(QStringLiteral("HH:mm:ss"));
        case FileColumn:
            return QFileInfo(report.file).fileName();
        case StatusColumn:
            return patchStatusName(report.status);
        case MsColumn:
            return QLocale().toString(report.ms, 'f', report.ms < 10 ? 1 : 0);
        }
        return {};
    case Qt::ToolTipRole:
        if (runStart && index.column() == TimeColumn)
            return tr("First patch of run %1%2").arg(run.number)
                .arg(run.started.isValid() ? tr(" (started %1)").arg(run.started.time().toString(QStringLiteral("HH:mm:ss")))
                                           : QString());
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
