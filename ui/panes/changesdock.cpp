// SPDX-License-Identifier: MIT
#include "panes/changesdock.h"

#include "panes/bindinglistmodel.h"
#include "panes/changelistmodel.h"
#include "panes/changesmodel.h"
#include "panes/patchsummary.h"
#include "window/theme.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace graft {

// Both change tables answer the same roles: one slot reads either.
static_assert(int(ChangeListModel::FileRole) == int(BindingListModel::FileRole)
    && int(ChangeListModel::LineRole) == int(BindingListModel::LineRole)
    && int(ChangeListModel::NameRole) == int(BindingListModel::NameRole));

namespace {
void setUpTable(QTableView *view)
{
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->verticalHeader()->hide();
    view->setShowGrid(false);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->horizontalHeader()->setHighlightSections(false);
}

// As tall as its rows (up to `maxRows`, then it scrolls): a patch changes a few
// functions, and the space under them is better left empty than striped.
void fitHeightToRows(QTableView *view, int maxRows)
{
    const int rows = qBound(1, view->model()->rowCount(), maxRows);
    view->setFixedHeight(view->horizontalHeader()->sizeHint().height()
        + rows * view->verticalHeader()->defaultSectionSize() + 2 * view->frameWidth());
}

void fitColumnsToContents(QTableView *view, std::initializer_list<int> columns)
{
    for (int column : columns)
        view->horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    view->horizontalHeader()->setStretchLastSection(true);
}
} // namespace

ChangesDock::ChangesDock(QWidget *parent)
    : QDockWidget(tr("Changes"), parent)
    , m_changes(new ChangesModel(this))
    , m_changeList(new ChangeListModel(this))
    , m_bindingList(new BindingListModel(this))
    , m_historyView(new QTableView(this))
    , m_changeListView(new QTableView(this))
    , m_bindingListView(new QTableView(this))
    , m_summary(new QLabel(this))
    , m_bindingsTitle(new QLabel(tr("Top-level bindings"), this))
    , m_revertButton(new QPushButton(tr("Revert"), this))
{
    setObjectName(QStringLiteral("changesDock"));
    m_changes->setObjectName(QStringLiteral("changesModel"));
    m_changeList->setObjectName(QStringLiteral("changeListModel"));
    m_bindingList->setObjectName(QStringLiteral("bindingListModel"));
    m_historyView->setObjectName(QStringLiteral("changesHistoryView"));
    m_changeListView->setObjectName(QStringLiteral("changeListView"));
    m_bindingListView->setObjectName(QStringLiteral("bindingListView"));
    m_summary->setObjectName(QStringLiteral("changeSummary"));
    m_bindingsTitle->setObjectName(QStringLiteral("bindingListTitle"));
    m_revertButton->setObjectName(QStringLiteral("revertButton"));

    m_historyView->setModel(m_changes);
    setUpTable(m_historyView);
    QHeaderView *header = m_historyView->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(ChangesModel::FileColumn, QHeaderView::Stretch);

    m_changeListView->setModel(m_changeList);
    setUpTable(m_changeListView);
    fitColumnsToContents(
        m_changeListView, { ChangeListModel::NameColumn, ChangeListModel::LineColumn, ChangeListModel::ChangeColumn });
    m_bindingListView->setModel(m_bindingList);
    setUpTable(m_bindingListView);
    fitColumnsToContents(m_bindingListView,
        { BindingListModel::NameColumn, BindingListModel::LineColumn, BindingListModel::LiveColumn });
    fitToFont();
    showReport(-1);

    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    showSummary(-1);
    m_revertButton->setToolTip(tr("Run the code this file had before its last applied patch (as a new patch)"));
    m_revertButton->setEnabled(false);

    auto *details = new QWidget(this);
    details->setObjectName(QStringLiteral("changeDetails"));
    auto *summaryRow = new QHBoxLayout;
    summaryRow->setContentsMargins(0, 0, 0, 0);
    summaryRow->addWidget(m_summary, 1);
    summaryRow->addWidget(m_revertButton, 0, Qt::AlignTop);
    auto *detailsLayout = new QVBoxLayout(details);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    detailsLayout->setSpacing(4);
    detailsLayout->addLayout(summaryRow);
    detailsLayout->addWidget(m_changeListView);
    detailsLayout->addWidget(m_bindingsTitle);
    detailsLayout->addWidget(m_bindingListView);
    detailsLayout->addStretch(1);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("changesSplitter"));
    splitter->addWidget(m_historyView);
    splitter->addWidget(details);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({ 100, 200 }); // scaled to the dock: a third for the history
    splitter->setChildrenCollapsible(false);
    setWidget(splitter);

    connect(m_historyView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &current) { showReport(current.row()); });
    connect(m_historyView, &QTableView::activated, this, [this](const QModelIndex &index) {
        const PatchReport &report = m_changes->report(index.row());
        Q_EMIT locationActivated(report.file, report.errorLine);
    });
    for (QTableView *view : { m_changeListView, m_bindingListView }) {
        connect(view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this, view](const QModelIndex &current) { onChangeSelected(view, current); });
        // A click jumps even on the row already selected: the editor may have moved since.
        for (auto signal : { &QTableView::clicked, &QTableView::activated }) {
            connect(view, signal, this, [this](const QModelIndex &index) {
                Q_EMIT locationActivated(
                    index.data(ChangeListModel::FileRole).toString(), index.data(ChangeListModel::LineRole).toInt());
            });
        }
    }
    connect(m_revertButton, &QPushButton::clicked, this, [this] {
        const int row = m_historyView->currentIndex().row();
        if (row >= 0 && row < m_changes->rowCount())
            Q_EMIT revertRequested(m_changes->report(row).file);
    });
}

void ChangesDock::addReport(const PatchReport &report)
{
    m_changes->addReport(report);
    const QModelIndex newest = m_changes->index(m_changes->rowCount() - 1, 0);
    m_historyView->setCurrentIndex(newest);
    m_historyView->scrollTo(newest);
}

void ChangesDock::markReinitialized(const QString &file, const QString &binding, const QString &value)
{
    const int row = m_changes->markReinitialized(file, binding, value);
    if (row >= 0 && m_historyView->currentIndex().row() == row)
        m_bindingList->setReport(m_changes->report(row));
}

void ChangesDock::showReport(int row)
{
    if (row < 0 || row >= m_changes->rowCount()) {
        m_changeList->clear();
        m_bindingList->clear();
        m_revertButton->setEnabled(false);
    } else {
        const PatchReport &report = m_changes->report(row);
        m_changeList->setReport(report);
        m_bindingList->setReport(report);
        m_revertButton->setEnabled(!report.file.isEmpty());
    }
    showSummary(row);
    fitDetailHeights();
    const bool hasBindings = m_bindingList->rowCount() > 0;
    m_bindingsTitle->setVisible(hasBindings);
    m_bindingListView->setVisible(hasBindings);
}

void ChangesDock::showSummary(int row)
{
    if (row < 0 || row >= m_changes->rowCount()) {
        m_summary->setText(m_changes->rowCount() > 0 ? QString()
                                                     : QStringLiteral("<span style='color:%1'>%2</span>")
                                                           .arg(currentTheme().muted.name(),
                                                               tr("Save a file of the running program: each "
                                                                  "patch shows up here.")));
        return;
    }
    const PatchReport &report = m_changes->report(row);
    m_summary->setText(QStringLiteral("<b style='color:%1'>%2</b>")
                           .arg(patchStatusColor(report.status).name(), patchSummary(report).toHtmlEscaped()));
}

void ChangesDock::changeEvent(QEvent *event)
{
    QDockWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) // the summary's colours are the theme's
        showSummary(m_historyView->currentIndex().row());
}

void ChangesDock::onChangeSelected(QTableView *view, const QModelIndex &current)
{
    if (!current.isValid())
        return;
    // One current change at a time, across both tables.
    QTableView *other = view == m_changeListView ? m_bindingListView : m_changeListView;
    other->selectionModel()->clear();
    const QString file = current.data(ChangeListModel::FileRole).toString();
    const QString name = current.data(ChangeListModel::NameRole).toString();
    const int line = current.data(ChangeListModel::LineRole).toInt();
    if (view == m_changeListView)
        Q_EMIT functionSelected(file, name, line);
    else
        Q_EMIT bindingSelected(file, name, line);
}

int ChangesDock::contentRows() const
{
    constexpr int kTitle = 1;
    constexpr int kSummary = 2;
    constexpr int kHistoryShown = 3; // the newest patches; older ones scroll
    const int history = qMin(m_changes->rowCount(), kHistoryShown) + 1;
    const int functions = m_changeList->rowCount() + 1;
    const int bindings = m_bindingList->rowCount() > 0 ? m_bindingList->rowCount() + 2 : 0;
    return kTitle + history + kSummary + functions + bindings;
}

void ChangesDock::fitToFont()
{
    for (QTableView *view : { m_historyView, m_changeListView, m_bindingListView })
        view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    // Fixed widths from the widest text each column can hold: sizing to contents
    // would make the columns jump with every patch.
    QHeaderView *header = m_historyView->horizontalHeader();
    const QFontMetrics metrics = m_historyView->fontMetrics();
    const int padding = 2 * metrics.averageCharWidth();
    header->resizeSection(ChangesModel::TimeColumn, metrics.horizontalAdvance(QStringLiteral("00:00:00")) + padding);
    header->resizeSection(
        ChangesModel::StatusColumn, metrics.horizontalAdvance(QStringLiteral("compile-error")) + padding);
    header->resizeSection(ChangesModel::MsColumn, metrics.horizontalAdvance(QStringLiteral("00000")) + padding);
    fitDetailHeights();
}

void ChangesDock::setTimeColumnVisible(bool visible)
{
    m_historyView->setColumnHidden(ChangesModel::TimeColumn, !visible);
}

void ChangesDock::fitDetailHeights()
{
    fitHeightToRows(m_changeListView, 12);
    fitHeightToRows(m_bindingListView, 6);
}

} // namespace graft
