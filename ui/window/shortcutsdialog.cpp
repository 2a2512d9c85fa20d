// SPDX-License-Identifier: MIT
#include "window/shortcutsdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace graft {

namespace {

QString plainText(const QAction *action)
{
    QString text = action->text();
    text.remove(QRegularExpression(QStringLiteral("&(?!&)")));
    text.replace(QStringLiteral("&&"), QStringLiteral("&"));
    text.remove(QStringLiteral("…"));
    return text.trimmed();
}

QString keysOf(const QAction *action)
{
    QStringList keys;
    for (const QKeySequence &key : action->shortcuts())
        keys.append(key.toString(QKeySequence::NativeText));
    return keys.join(QStringLiteral(", "));
}

void collectMenu(const QMenu *menu, const QString &group, QList<ShortcutEntry> &entries, QSet<const QAction *> &seen)
{
    for (const QAction *action : menu->actions()) {
        if (action->isSeparator())
            continue;
        if (const QMenu *sub = action->menu()) {
            collectMenu(sub, group + QStringLiteral(" ▸ ") + plainText(action), entries, seen);
            continue;
        }
        seen.insert(action);
        if (!action->shortcuts().isEmpty())
            entries.append({ group, plainText(action), keysOf(action) });
    }
}

} // namespace

QList<ShortcutEntry> collectShortcuts(QWidget *window)
{
    QList<ShortcutEntry> entries;
    QSet<const QAction *> seen;
    if (auto *menuBar = window->findChild<QMenuBar *>()) {
        for (const QAction *top : menuBar->actions()) {
            if (const QMenu *menu = top->menu())
                collectMenu(menu, plainText(top), entries, seen);
        }
    }
    for (const QAction *action : window->findChildren<QAction *>()) {
        if (seen.contains(action) || action->shortcuts().isEmpty() || action->menu())
            continue;
        // Named after the pane that owns it ("Runtime"), where there is one.
        const auto *owner = qobject_cast<const QWidget *>(action->parent());
        const QString group
            = owner && !owner->windowTitle().isEmpty() && owner != window ? owner->windowTitle() : QObject::tr("Other");
        entries.append({ group, plainText(action), keysOf(action) });
    }
    return entries;
}

ShortcutsDialog::ShortcutsDialog(QWidget *window)
    : QDialog(window)
    , m_filter(new QSortFilterProxyModel(this))
    , m_view(new QTreeView(this))
{
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(tr("Keyboard Shortcuts"));

    auto *model = new QStandardItemModel(0, 3, this);
    model->setHorizontalHeaderLabels({ tr("Command"), tr("Keys"), tr("Menu") });
    for (const ShortcutEntry &entry : collectShortcuts(window)) {
        QList<QStandardItem *> row { new QStandardItem(entry.command), new QStandardItem(entry.keys),
            new QStandardItem(entry.group) };
        for (QStandardItem *item : row)
            item->setEditable(false);
        model->appendRow(row);
    }
    m_filter->setSourceModel(model);
    m_filter->setFilterKeyColumn(-1); // a command, a key or a menu name
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);

    auto *filterEdit = new QLineEdit(this);
    filterEdit->setObjectName(QStringLiteral("shortcutsFilter"));
    filterEdit->setPlaceholderText(tr("Filter by command, key or menu"));
    filterEdit->setClearButtonEnabled(true);
    connect(filterEdit, &QLineEdit::textChanged, this, &ShortcutsDialog::setFilter);

    m_view->setObjectName(QStringLiteral("shortcutsView"));
    m_view->setModel(m_filter);
    m_view->setRootIsDecorated(false);
    m_view->setAlternatingRowColors(true);
    m_view->setUniformRowHeights(true);
    m_view->header()->setSectionResizeMode(QHeaderView::ResizeToContents);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(filterEdit);
    layout->addWidget(m_view, 1);
    layout->addWidget(buttons);
    resize(560, 520);
}

void ShortcutsDialog::setFilter(const QString &text) { m_filter->setFilterFixedString(text); }

} // namespace graft
