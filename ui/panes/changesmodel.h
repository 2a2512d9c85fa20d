// SPDX-License-Identifier: MIT
#pragma once

#include "patch/patchreport.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>

namespace graft {

// The history of patches in this session, oldest first: when, which file, the
// outcome and how long it took. Bounded: the oldest entries go first. Patches of
// one run of the program belong together: the first of each run is marked ("▶"
// before its time, a tooltip naming the run) and every other run is tinted.
class ChangesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, FileColumn, StatusColumn, MsColumn, ColumnCount };
    enum Role { StatusRole = Qt::UserRole + 1, FilePathRole, RunRole, RunStartRole };

    explicit ChangesModel(QObject *parent = nullptr);

    void addReport(const PatchReport &report);
    // The program (re)started: the patches from now on belong to a new run.
    void startRun(const QString &entry);
    // A stale binding was given its new value: the newest applied patch of `file`
    // says so from now on (as Closures and the editor do). Its row, or -1.
    int markReinitialized(const QString &file, const QString &binding, const QString &value);
    void clear();
    const PatchReport &report(int row) const { return m_reports.at(row); }
    int maxReports() const { return m_maxReports; }
    void setMaxReports(int count) { m_maxReports = qMax(1, count); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    struct Run
    {
        int number = 0;
        QString entry;
        QDateTime started;
    };
    QList<PatchReport> m_reports;
    QList<int> m_runOf;    // per report: its index in m_runs
    QList<Run> m_runs;
    int m_maxReports = 500;
};

// The colour a patch status is shown in, everywhere in the workbench.
QColor patchStatusColor(PatchStatus status);

} // namespace graft
