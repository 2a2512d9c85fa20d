// SPDX-License-Identifier: MIT
#include "panes/closuresdock.h"

#include "panes/closuresmodel.h"
#include "window/theme.h"

#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <functional>

namespace graft {

ClosuresDock::ClosuresDock(QWidget *parent)
    : QDockWidget(tr("Closures"), parent)
    , m_model(new ClosuresModel(this))
    , m_view(new QTreeView(this))
    , m_functionLabel(new QLabel(this))
    , m_message(new QLabel(this))
    , m_reinitButton(new QPushButton(tr("Re-initialize"), this))
    , m_refreshButton(new QPushButton(tr("Refresh"), this))
{
    setObjectName(QStringLiteral("closuresDock"));
    m_model->setObjectName(QStringLiteral("closuresModel"));
    m_view->setObjectName(QStringLiteral("closuresView"));
    m_functionLabel->setObjectName(QStringLiteral("closuresFunctionLabel"));
    m_message->setObjectName(QStringLiteral("closuresMessage"));
    m_reinitButton->setObjectName(QStringLiteral("closuresReinitButton"));
    m_refreshButton->setObjectName(QStringLiteral("closuresRefreshButton"));

    m_view->setModel(m_model);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setWordWrap(false);
    // Names and new initializers are short; the live value takes the room that is left.
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(ClosuresModel::NameColumn, QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(ClosuresModel::ValueColumn, QHeaderView::Stretch);
    m_view->header()->setSectionResizeMode(ClosuresModel::SourceColumn, QHeaderView::ResizeToContents);

    m_functionLabel->setTextFormat(Qt::RichText);
    m_functionLabel->setWordWrap(true);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_reinitButton->setToolTip(tr("Give the selected stale binding the value its new initializer says "
                                  "(at the next call of a function of its file)"));
    m_refreshButton->setToolTip(tr("Read the live values again"));
    setFunction({}, {}, 0);

    auto *buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->addWidget(m_reinitButton);
    buttons->addStretch(1);
    buttons->addWidget(m_refreshButton);

    auto *content = new QWidget(this);
    content->setObjectName(QStringLiteral("closuresContent"));
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addWidget(m_functionLabel);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_message);
    layout->addLayout(buttons);
    setWidget(content);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &current) {
        if (current.isValid())
            m_selectedName = current.data(ClosuresModel::NameRole).toString();
        updateButtons();
    });
    // A refresh resets the tree: expand its scopes and keep the same variable current.
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        for (int row = 0; row < m_model->rowCount(); ++row)
            m_view->expand(m_model->index(row, 0));
        if (!m_selectedName.isEmpty())
            selectVariable(m_selectedName);
        updateButtons();
    });
    connect(m_reinitButton, &QPushButton::clicked, this, [this] {
        if (const QString binding = selectedStaleBinding(); !binding.isEmpty())
            Q_EMIT reinitializeRequested(binding);
    });
    connect(m_refreshButton, &QPushButton::clicked, this, &ClosuresDock::refreshRequested);
}

void ClosuresDock::setFunction(const QString &filePath, const QString &name, int line)
{
    m_function = { filePath, name, line };
    const QString muted = currentTheme().muted.name();
    if (name.isEmpty()) {
        m_functionLabel->setText(QStringLiteral("<span style='color:%1'>%2</span>")
                                     .arg(muted,
                                         tr("Put the cursor in a function, or select a change: its "
                                            "captured variables appear here with their live values.")));
        return;
    }
    m_functionLabel->setText(QStringLiteral("<b>%1()</b> <span style='color:%2'>%3:%4</span>")
                                 .arg(name.toHtmlEscaped(), muted, QFileInfo(filePath).fileName().toHtmlEscaped())
                                 .arg(line));
}

void ClosuresDock::showMessage(const QString &text, bool error)
{
    m_messageIsError = error;
    const QColor color = error ? currentTheme().error : currentTheme().muted;
    m_message->setStyleSheet(QStringLiteral("color:%1").arg(color.name()));
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

void ClosuresDock::changeEvent(QEvent *event)
{
    QDockWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) { // the labels' colours are the theme's
        setFunction(m_function.file, m_function.name, m_function.line);
        showMessage(m_message->text(), m_messageIsError);
    }
}

QString ClosuresDock::message() const { return m_message->text(); }

bool ClosuresDock::selectVariable(const QString &name)
{
    const QModelIndex index = m_model->findVariable(name);
    if (!index.isValid())
        return false;
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
    return true;
}

int ClosuresDock::contentRows() const
{
    constexpr int kFixed = 5; // title, function, header, message, buttons
    int rows = 0;
    const QAbstractItemModel *model = m_view->model();
    const std::function<void(const QModelIndex &)> count = [&](const QModelIndex &parent) {
        for (int row = 0; row < model->rowCount(parent); ++row) {
            ++rows;
            const QModelIndex child = model->index(row, 0, parent);
            if (m_view->isExpanded(child))
                count(child);
        }
    };
    count({});
    return kFixed + rows;
}

QString ClosuresDock::selectedStaleBinding() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.data(ClosuresModel::StaleRole).toBool() ? current.data(ClosuresModel::NameRole).toString()
                                                           : QString();
}

void ClosuresDock::updateButtons()
{
    m_reinitButton->setEnabled(!selectedStaleBinding().isEmpty());
    m_refreshButton->setEnabled(!m_model->function().name.isEmpty());
}

} // namespace graft
