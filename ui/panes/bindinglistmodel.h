// SPDX-License-Identifier: MIT
#pragma once

#include "patch/patchreport.h"

#include <QAbstractTableModel>

namespace graft {

// The top-level bindings whose initializer one patch changed: the value the
// program still holds beside what the new source says. LiveEdit never re-runs
// top-level code, so a changed binding is stale until it is re-initialized.
class BindingListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, LineColumn, LiveColumn, SourceColumn, ColumnCount };
    enum Role { FileRole = Qt::UserRole + 1, LineRole, NameRole, StaleRole };

    explicit BindingListModel(QObject *parent = nullptr);

    void setReport(const PatchReport &report);
    void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    QString m_file;
    QList<BindingChange> m_bindings;
};

// The background that marks a stale value, everywhere in the workbench.
QColor staleBackground();

} // namespace graft
