// SPDX-License-Identifier: MIT
#pragma once

#include <QDockWidget>

class QLabel;
class QTableView;

namespace graft {

class ChangeListModel;
class ChangesModel;
struct PatchReport;

// Right: the history of patches (time, file, status, ms) and, under it, the
// change-list of the selected patch. The newest patch is selected as it arrives.
class ChangesDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit ChangesDock(QWidget *parent = nullptr);

    ChangesModel *changesModel() const { return m_changes; }
    ChangeListModel *changeListModel() const { return m_changeList; }
    void addReport(const PatchReport &report);

Q_SIGNALS:
    void locationActivated(const QString &filePath, int line);

private:
    void showReport(int row);

    ChangesModel *m_changes;
    ChangeListModel *m_changeList;
    QTableView *m_historyView;
    QTableView *m_changeListView;
    QLabel *m_summary;
};

} // namespace graft
