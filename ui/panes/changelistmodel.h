// SPDX-License-Identifier: MIT
#pragma once

#include "patch/patchreport.h"

#include <QAbstractTableModel>

namespace graft {

// The functions one patch changed, and whether each took effect in the running
// program (the reason, when it did not, is the tooltip). The patch's top-level
// bindings are BindingListModel's.
class ChangeListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, LineColumn, ChangeColumn, EffectiveColumn, ColumnCount };
    enum Role { FileRole = Qt::UserRole + 1, LineRole, NameRole, EffectiveRole };

    explicit ChangeListModel(QObject *parent = nullptr);

    void setReport(const PatchReport &report);
    void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    QString m_file;
    QList<FunctionChange> m_functions; // changed ones only: "unchanged" says nothing here
};

} // namespace graft
