// SPDX-License-Identifier: MIT
#pragma once

#include <QDockWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace graft {

class BindingListModel;
class ChangeListModel;
class ChangesModel;
struct PatchReport;

// Right: the history of patches (time, file, status, ms) and, under it, what the
// selected patch changed: its functions and its top-level bindings. The newest
// patch is selected as it arrives. Revert asks for the selected patch's file to
// run the code it had before its last applied patch.
class ChangesDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit ChangesDock(QWidget *parent = nullptr);

    ChangesModel *changesModel() const { return m_changes; }
    ChangeListModel *changeListModel() const { return m_changeList; }
    BindingListModel *bindingListModel() const { return m_bindingList; }
    QTableView *historyView() const { return m_historyView; }
    QTableView *changeListView() const { return m_changeListView; }
    QTableView *bindingListView() const { return m_bindingListView; }
    void addReport(const PatchReport &report);
    // After a Re-initialize: the binding shows its new value, no longer stale.
    void markReinitialized(const QString &file, const QString &binding, const QString &value);
    void setTimeColumnVisible(bool visible);
    // Row heights and column widths from the current font (presenter mode changes it).
    void fitToFont();
    // The lines of text the pane shows now (rows, headers, the summary): how
    // much height its content asks for, in rows.
    int contentRows() const;

Q_SIGNALS:
    void locationActivated(const QString &filePath, int line);
    // A row of the change-list became current (lines 1-based).
    void functionSelected(const QString &filePath, const QString &name, int line);
    void bindingSelected(const QString &filePath, const QString &name, int line);
    void revertRequested(const QString &filePath);

protected:
    void changeEvent(QEvent *event) override;

private:
    void fitDetailHeights();
    void showReport(int row);
    void showSummary(int row);
    void onChangeSelected(QTableView *view, const QModelIndex &current);

    ChangesModel *m_changes;
    ChangeListModel *m_changeList;
    BindingListModel *m_bindingList;
    QTableView *m_historyView;
    QTableView *m_changeListView;
    QTableView *m_bindingListView;
    QLabel *m_summary;
    QLabel *m_bindingsTitle;
    QPushButton *m_revertButton;
};

} // namespace graft
