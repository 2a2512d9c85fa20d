// SPDX-License-Identifier: MIT
#include "panes/scriptsdock.h"

#include "panes/scriptsfiltermodel.h"
#include "panes/scriptsmodel.h"

#include <QCheckBox>
#include <QDir>
#include <QFileSystemModel>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>

namespace graft {

ScriptsDock::ScriptsDock(ScriptRegistry *registry, QWidget *parent)
    : QDockWidget(tr("Scripts"), parent)
    , m_model(new ScriptsModel(registry, this))
    , m_filter(new ScriptsFilterModel(this))
    , m_filterEdit(new QLineEdit(this))
    , m_internalToggle(new QCheckBox(tr("Show Node internals"), this))
    , m_view(new QListView(this))
    , m_folderView(new QTreeView(this))
    , m_folderPane(new QWidget(this))
{
    setObjectName(QStringLiteral("scriptsDock"));
    m_model->setObjectName(QStringLiteral("scriptsModel"));
    m_filter->setObjectName(QStringLiteral("scriptsFilterModel"));
    m_filterEdit->setObjectName(QStringLiteral("scriptsFilter"));
    m_internalToggle->setObjectName(QStringLiteral("showInternalScripts"));
    m_view->setObjectName(QStringLiteral("scriptsView"));
    m_folderView->setObjectName(QStringLiteral("folderView"));
    m_folderPane->setObjectName(QStringLiteral("folderPane"));

    m_filter->setSourceModel(m_model);
    m_filterEdit->setPlaceholderText(tr("Filter scripts"));
    m_filterEdit->setClearButtonEnabled(true);
    m_view->setModel(m_filter);
    m_view->setUniformItemSizes(true);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setTextElideMode(Qt::ElideMiddle);

    auto *loaded = new QWidget(this);
    loaded->setObjectName(QStringLiteral("loadedScriptsPane"));
    auto *loadedLayout = new QVBoxLayout(loaded);
    loadedLayout->setContentsMargins(4, 4, 4, 0);
    loadedLayout->setSpacing(4);
    loadedLayout->addWidget(m_filterEdit);
    loadedLayout->addWidget(m_view, 1);
    loadedLayout->addWidget(m_internalToggle);

    auto *folderTitle = new QLabel(tr("<b>Folder</b>"), m_folderPane);
    folderTitle->setObjectName(QStringLiteral("folderTitle"));
    m_folderView->setHeaderHidden(true);
    m_folderView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto *folderLayout = new QVBoxLayout(m_folderPane);
    folderLayout->setContentsMargins(4, 4, 4, 0);
    folderLayout->setSpacing(4);
    folderLayout->addWidget(folderTitle);
    folderLayout->addWidget(m_folderView, 1);
    m_folderPane->hide();

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("scriptsSplitter"));
    splitter->addWidget(loaded);
    splitter->addWidget(m_folderPane);
    splitter->setChildrenCollapsible(false);
    setWidget(splitter);

    connect(m_filterEdit, &QLineEdit::textChanged, m_filter, &ScriptsFilterModel::setFilterText);
    connect(m_internalToggle, &QCheckBox::toggled, m_filter, &ScriptsFilterModel::setShowInternal);
    connect(m_view, &QListView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT scriptActivated(m_model->script(m_filter->mapToSource(index)));
    });
    connect(m_folderView, &QTreeView::activated, this, [this](const QModelIndex &index) {
        if (m_folderModel && !m_folderModel->isDir(index))
            Q_EMIT fileActivated(m_folderModel->filePath(index));
    });
}

void ScriptsDock::setBaseDirectory(const QString &directory)
{
    m_model->setBaseDirectory(directory);
}

void ScriptsDock::setShowInternal(bool show)
{
    m_internalToggle->setChecked(show);
}

bool ScriptsDock::showInternal() const
{
    return m_internalToggle->isChecked();
}

void ScriptsDock::setFolder(const QString &directory)
{
    if (directory.isEmpty() || !QDir(directory).exists())
        return;
    m_folder = directory;
    if (!m_folderModel) {
        // Created on demand: a file system model watches its folder.
        m_folderModel = new QFileSystemModel(this);
        m_folderModel->setObjectName(QStringLiteral("folderModel"));
        m_folderModel->setNameFilters({QStringLiteral("*.js"), QStringLiteral("*.mjs"), QStringLiteral("*.cjs")});
        m_folderModel->setNameFilterDisables(false);
        m_folderView->setModel(m_folderModel);
        for (int column = 1; column < m_folderModel->columnCount(); ++column)
            m_folderView->hideColumn(column);
    }
    m_folderView->setRootIndex(m_folderModel->setRootPath(directory));
    m_folderPane->findChild<QLabel *>(QStringLiteral("folderTitle"))
        ->setText(tr("<b>Folder</b> %1").arg(QDir(directory).dirName()));
    m_folderPane->setToolTip(QDir::toNativeSeparators(directory));
    m_folderPane->show();
}

} // namespace graft
