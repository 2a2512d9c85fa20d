// SPDX-License-Identifier: MIT
#pragma once

#include <QSortFilterProxyModel>

namespace graft {

// The Scripts dock's view of ScriptsModel: the user's scripts first, then
// dependencies, then Node internals (hidden unless asked for), each group by
// name; the filter text matches names and URLs.
class ScriptsFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit ScriptsFilterModel(QObject *parent = nullptr);

    void setShowInternal(bool show);
    bool showInternal() const { return m_showInternal; }
    void setFilterText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    bool m_showInternal = false;
    QString m_filterText;
};

} // namespace graft
