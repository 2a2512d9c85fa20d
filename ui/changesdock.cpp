// SPDX-License-Identifier: MIT
#include "changesdock.h"

#include "changelistmodel.h"
#include "changesmodel.h"
#include "patchsummary.h"

#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace graft {

namespace {
void setUpTable(QTableView *view)
{
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->setShowGrid(false);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->horizontalHeader()->setHighlightSections(false);
}
} // namespace

ChangesDock::ChangesDock(QWidget *parent)
    : QDockWidget(tr("Changes"), parent)
    , m_changes(new ChangesModel(this))
    , m_changeList(new ChangeListModel(this))
    , m_historyView(new QTableView(this))
    , m_changeListView(new QTableView(this))
    , m_summary(new QLabel(this))
{
    setObjectName(QStringLiteral("changesDock"));
    m_changes->setObjectName(QStringLiteral("changesModel"));
    m_changeList->setObjectName(QStringLiteral("changeListModel"));
    m_historyView->setObjectName(QStringLiteral("changesHistoryView"));
    m_changeListView->setObjectName(QStringLiteral("changeListView"));
    m_summary->setObjectName(QStringLiteral("changeSummary"));

    m_historyView->setModel(m_changes);
    setUpTable(m_historyView);
    // Fixed widths from the widest text each column can hold: sizing to contents
    // would make the columns jump with every patch.
    QHeaderView *header = m_historyView->horizontalHeader();
    const QFontMetrics metrics = m_historyView->fontMetrics();
    const int padding = 3 * metrics.averageCharWidth();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(ChangesModel::FileColumn, QHeaderView::Stretch);
    header->resizeSection(ChangesModel::TimeColumn, metrics.horizontalAdvance(QStringLiteral("00:00:00")) + padding);
    header->resizeSection(ChangesModel::StatusColumn,
                          metrics.horizontalAdvance(QStringLiteral("compile-error")) + padding);
    header->resizeSection(ChangesModel::MsColumn, metrics.horizontalAdvance(QStringLiteral("00000")) + padding);

    m_changeListView->setModel(m_changeList);
    setUpTable(m_changeListView);
    QHeaderView *listHeader = m_changeListView->horizontalHeader();
    listHeader->setSectionResizeMode(ChangeListModel::NameColumn, QHeaderView::ResizeToContents);
    listHeader->setSectionResizeMode(ChangeListModel::LineColumn, QHeaderView::ResizeToContents);
    listHeader->setSectionResizeMode(ChangeListModel::ChangeColumn, QHeaderView::ResizeToContents);
    listHeader->setStretchLastSection(true);

    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setText(tr("<span style='color:#6a737d'>Save a file of the running program: each patch "
                          "shows up here.</span>"));

    auto *details = new QWidget(this);
    details->setObjectName(QStringLiteral("changeDetails"));
    auto *detailsLayout = new QVBoxLayout(details);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    detailsLayout->setSpacing(4);
    detailsLayout->addWidget(m_summary);
    detailsLayout->addWidget(m_changeListView, 1);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("changesSplitter"));
    splitter->addWidget(m_historyView);
    splitter->addWidget(details);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    setWidget(splitter);

    connect(m_historyView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showReport(current.row()); });
    connect(m_changeListView, &QTableView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT locationActivated(index.data(ChangeListModel::FileRole).toString(),
                                 index.data(ChangeListModel::LineRole).toInt());
    });
    connect(m_historyView, &QTableView::activated, this, [this](const QModelIndex &index) {
        const PatchReport &report = m_changes->report(index.row());
        Q_EMIT locationActivated(report.file, report.errorLine);
    });
}

void ChangesDock::addReport(const PatchReport &report)
{
    m_changes->addReport(report);
    const QModelIndex newest = m_changes->index(m_changes->rowCount() - 1, 0);
    m_historyView->setCurrentIndex(newest);
    m_historyView->scrollTo(newest);
}

void ChangesDock::showReport(int row)
{
    if (row < 0 || row >= m_changes->rowCount()) {
        m_changeList->clear();
        m_summary->clear();
        return;
    }
    const PatchReport &report = m_changes->report(row);
    m_changeList->setReport(report);
    m_summary->setText(QStringLiteral("<b style='color:%1'>%2</b>")
                           .arg(patchStatusColor(report.status).name(), patchSummary(report).toHtmlEscaped()));
}

} // namespace graft
