// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

class QSortFilterProxyModel;
class QTreeView;

namespace graft {

struct ShortcutEntry
{
    QString group;   // the menu path ("Run", "File ▸ Open Recent"), the owning pane, or "Other"
    QString command; // the action's text without mnemonics
    QString keys;    // every shortcut, in the platform's notation
};

// Every action of `window` that has a shortcut: menu actions first, in menu order,
// then the window's other actions (find bar, docks). Generated, so it cannot go
// stale when a shortcut changes.
QList<ShortcutEntry> collectShortcuts(QWidget *window);

// Help ▸ Keyboard Shortcuts (F1): collectShortcuts() in a filterable table.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ShortcutsDialog(QWidget *window);

    QTreeView *view() const { return m_view; }
    void setFilter(const QString &text);

private:
    QSortFilterProxyModel *m_filter;
    QTreeView *m_view;
};

} // namespace graft
