// SPDX-License-Identifier: MIT
#include "debug/debugdocks.h"

#include "debug/debugmodels.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QListView>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace graft {

CallStackDock::CallStackDock(QWidget *parent)
    : QDockWidget(tr("Call Stack"), parent)
    , m_model(new CallStackModel(this))
    , m_view(new QListView(this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("callStackDock"));
    m_view->setObjectName(QStringLiteral("callStackView"));
    m_status->setObjectName(QStringLiteral("callStackStatus"));
    m_model->setObjectName(QStringLiteral("callStackModel"));
    m_status->setWordWrap(true);
    m_status->setContentsMargins(6, 4, 6, 4);
    m_view->setModel(m_model);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setUniformItemSizes(true);
    auto *body = new QWidget(this);
    auto *layout = new QVBoxLayout(body);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_status);
    layout->addWidget(m_view, 1);
    setWidget(body);
    setStatus(tr("Not paused. Set a breakpoint in the margin (or F9) or pause with F6."));
    connect(
        m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
            if (current.isValid())
                Q_EMIT frameSelected(current.row());
        });
}

int CallStackDock::selectedFrame() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void CallStackDock::selectFrame(int index) { m_view->setCurrentIndex(m_model->index(index, 0)); }

void CallStackDock::setStatus(const QString &text) { m_status->setText(text); }

QString CallStackDock::status() const { return m_status->text(); }

BreakpointsDock::BreakpointsDock(QWidget *parent)
    : QDockWidget(tr("Breakpoints"), parent)
    , m_model(new BreakpointsModel(this))
    , m_view(new QTreeView(this))
{
    setObjectName(QStringLiteral("breakpointsDock"));
    m_view->setObjectName(QStringLiteral("breakpointsView"));
    m_model->setObjectName(QStringLiteral("breakpointsModel"));
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->header()->setStretchLastSection(true);
    auto *toolBar = new QToolBar(this);
    QAction *remove = toolBar->addAction(tr("Remove"));
    remove->setObjectName(QStringLiteral("removeBreakpointAction"));
    remove->setShortcut(QKeySequence::Delete);
    remove->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    QAction *removeAll = toolBar->addAction(tr("Remove All"));
    removeAll->setObjectName(QStringLiteral("removeAllBreakpointsAction"));
    addAction(remove);
    auto *body = new QWidget(this);
    auto *layout = new QVBoxLayout(body);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(toolBar);
    layout->addWidget(m_view, 1);
    setWidget(body);
    connect(remove, &QAction::triggered, this, [this] {
        const QModelIndex current = m_view->currentIndex();
        if (current.isValid())
            Q_EMIT removeRequested(current.data(BreakpointsModel::IdRole).toString());
    });
    connect(removeAll, &QAction::triggered, this, &BreakpointsDock::removeAllRequested);
    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT locationActivated(
            index.data(BreakpointsModel::FileRole).toString(), index.data(BreakpointsModel::LineRole).toInt());
    });
}

} // namespace graft
