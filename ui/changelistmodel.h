// SPDX-License-Identifier: MIT
#pragma once

#include "patch/patchreport.h"

#include <QAbstractTableModel>

namespace graft {

// The change-list of one patch: the functions it changed (and whether each took
// effect), then the top-level bindings whose live value differs from the source.
class ChangeListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, LineColumn, ChangeColumn, EffectColumn, ColumnCount };
    enum Role { FileRole = Qt::UserRole + 1, LineRole };

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
    QList<BindingChange> m_bindings;
};

} // namespace graft
