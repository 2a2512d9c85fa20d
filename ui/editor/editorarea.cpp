// SPDX-License-Identifier: MIT
#include "editor/editorarea.h"

#include "cdp/cdptypes.h"
#include "editor/codeeditor.h"
#include "editor/editortab.h"
#include "editor/findbar.h"
#include "patch/patchreport.h"
#include "session/scriptregistry.h"

#include <QAction>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QPointer>
#include <QStackedWidget>
#include <QTabWidget>
#include <QVBoxLayout>

namespace graft {

EditorArea::EditorArea(QWidget *parent)
    : QWidget(parent)
    , m_layout(new QVBoxLayout(this))
    , m_stack(new QStackedWidget(this))
    , m_tabs(new QTabWidget(this))
    , m_findBar(new FindBar(this))
{
    setObjectName(QStringLiteral("editorArea"));
    m_stack->setObjectName(QStringLiteral("editorStack"));
    m_tabs->setObjectName(QStringLiteral("editorTabs"));
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setDocumentMode(true);

    auto *placeholder = new QLabel(tr("<p style='font-size:large'>Open a JavaScript file to edit "
                                      "it live (Ctrl+O),<br>or pick a script in the Scripts panel.</p>"),
        this);
    placeholder->setObjectName(QStringLiteral("editorPlaceholder"));
    placeholder->setForegroundRole(QPalette::PlaceholderText); // greyed in every theme
    placeholder->setAlignment(Qt::AlignCenter);
    m_stack->addWidget(placeholder);
    m_stack->addWidget(m_tabs);

    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(0);
    m_layout->addWidget(m_stack, 1);
    m_layout->addWidget(m_findBar);

    createActions();
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &EditorArea::requestCloseTab);
    connect(m_tabs, &QTabWidget::currentChanged, this, &EditorArea::onCurrentChanged);
    onCurrentChanged();
}

EditorTab *EditorArea::addTab(EditorTab *tab)
{
    tab->editor()->setSharedZoom(m_zoom);
    tab->editor()->setWrapLongLines(m_wrapLongLines);
    connect(tab->editor(), &QsciScintillaBase::SCN_ZOOM, this, [this, tab] {
        if (tab->editor()->zoomLevel() != m_zoom)
            Q_EMIT zoomRequested(tab->editor()->zoomLevel());
    });
    const int index = m_tabs->addTab(tab, tab->title());
    m_tabs->setTabToolTip(index, tab->location());
    connect(tab, &EditorTab::titleChanged, this, [this, tab] { updateTitle(tab); });
    connect(tab->editor(), &QsciScintilla::cursorPositionChanged, this, [this, tab](int line, int index) {
        if (tab == currentTab())
            Q_EMIT cursorPositionChanged(line + 1, index + 1);
    });
    connect(tab->editor(), &QsciScintilla::textChanged, this, &EditorArea::updateUndoActions);
    connect(tab->editor(), &QsciScintilla::textChanged, this, [this, tab] { Q_EMIT bufferEdited(tab); });
    connect(tab->editor(), &QsciScintilla::modificationChanged, this, [this, tab] { Q_EMIT bufferEdited(tab); });
    m_tabs->setCurrentIndex(index);
    return tab;
}

EditorTab *EditorArea::openFile(const QString &filePath, int line, int column)
{
    EditorTab *tab = tabForFile(filePath);
    if (!tab) {
        auto *fresh = new EditorTab(this);
        QString error;
        if (!fresh->load(filePath, &error)) {
            delete fresh;
            Q_EMIT message(error);
            return nullptr;
        }
        tab = addTab(fresh);
    }
    m_tabs->setCurrentWidget(tab);
    if (line > 0)
        tab->editor()->goToLine(line, column);
    return tab;
}

EditorTab *EditorArea::openLiveSource(const ScriptInfo &script, const QString &source)
{
    EditorTab *tab = tabForScript(script.scriptId);
    if (!tab) {
        tab = new EditorTab(this);
        tab->showLiveSource(script, source);
        addTab(tab);
    }
    m_tabs->setCurrentWidget(tab);
    return tab;
}

EditorTab *EditorArea::restoreBuffer(const QString &filePath, const QString &text, const QDateTime &savedAt)
{
    EditorTab *tab = tabForFile(filePath);
    if (!tab && QFileInfo::exists(filePath))
        tab = openFile(filePath);
    if (!tab) {
        // The file is gone (or unreadable): the recovered text is all there is; saving recreates it.
        tab = new EditorTab(this);
        tab->adoptMissingFile(filePath);
        addTab(tab);
    }
    tab->restoreUnsaved(text, savedAt);
    m_tabs->setCurrentWidget(tab);
    return tab;
}

void EditorArea::addBanner(QWidget *banner) { m_layout->insertWidget(0, banner); }

EditorTab *EditorArea::tabForFile(const QString &filePath) const
{
    const QString wanted = canonicalFilePath(filePath);
    for (EditorTab *tab : tabs()) {
        if (!tab->isLiveSource() && canonicalFilePath(tab->filePath()) == wanted)
            return tab;
    }
    return nullptr;
}

EditorTab *EditorArea::tabForScript(const QString &scriptId) const
{
    for (EditorTab *tab : tabs()) {
        if (tab->isLiveSource() && tab->scriptId() == scriptId)
            return tab;
    }
    return nullptr;
}

EditorTab *EditorArea::currentTab() const { return qobject_cast<EditorTab *>(m_tabs->currentWidget()); }

CodeEditor *EditorArea::currentEditor() const
{
    EditorTab *tab = currentTab();
    return tab ? tab->editor() : nullptr;
}

QList<EditorTab *> EditorArea::tabs() const
{
    QList<EditorTab *> result;
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (auto *tab = qobject_cast<EditorTab *>(m_tabs->widget(i)))
            result.append(tab);
    }
    return result;
}

QList<EditorTab *> EditorArea::modifiedTabs() const
{
    QList<EditorTab *> result;
    for (EditorTab *tab : tabs()) {
        if (tab->isModified())
            result.append(tab);
    }
    return result;
}

QStringList EditorArea::openFiles() const
{
    QStringList files;
    for (EditorTab *tab : tabs()) {
        if (!tab->isLiveSource())
            files.append(tab->filePath());
    }
    return files;
}

bool EditorArea::saveTab(EditorTab *tab)
{
    if (!tab)
        return false;
    QString error;
    if (!tab->save(&error)) {
        Q_EMIT message(error);
        return false;
    }
    Q_EMIT saved(tab->filePath(), tab->editor()->text());
    return true;
}

bool EditorArea::saveCurrent() { return saveTab(currentTab()); }

bool EditorArea::saveAll()
{
    bool ok = true;
    for (EditorTab *tab : modifiedTabs())
        ok = saveTab(tab) && ok;
    return ok;
}

void EditorArea::requestCloseTab(int index)
{
    auto *tab = qobject_cast<EditorTab *>(m_tabs->widget(index));
    if (!tab)
        return;
    if (!tab->isModified()) {
        closeTabNow(tab);
        return;
    }
    // Window-modal and answered through a signal: the program and the UI keep running.
    auto *box = new QMessageBox(QMessageBox::Question, tr("Unsaved changes"),
        tr("%1 has unsaved changes. Save them before closing?").arg(tab->title()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("closeTabQuestion"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, tab = QPointer<EditorTab>(tab), box](int) {
        const QMessageBox::StandardButton answer = box->standardButton(box->clickedButton());
        if (!tab || answer == QMessageBox::Cancel || answer == QMessageBox::NoButton)
            return;
        if (answer == QMessageBox::Save && !saveTab(tab))
            return;
        closeTabNow(tab);
    });
    box->open();
}

void EditorArea::closeTabNow(EditorTab *tab)
{
    const int index = m_tabs->indexOf(tab);
    if (index >= 0)
        m_tabs->removeTab(index);
    tab->deleteLater();
    Q_EMIT tabClosed();
}

void EditorArea::showPatch(const PatchReport &report)
{
    if (EditorTab *tab = tabForFile(report.file))
        tab->editor()->showPatch(report);
}

void EditorArea::fileChangedOnDisk(const QString &filePath)
{
    if (EditorTab *tab = tabForFile(filePath))
        tab->fileChangedOnDisk();
}

void EditorArea::applyTheme()
{
    for (EditorTab *tab : tabs())
        tab->editor()->applyThemeColors();
}

void EditorArea::setZoom(int zoom)
{
    m_zoom = zoom;
    for (EditorTab *tab : tabs())
        tab->editor()->setSharedZoom(zoom);
}

void EditorArea::setWrapLongLines(bool on)
{
    m_wrapLongLines = on;
    for (EditorTab *tab : tabs())
        tab->editor()->setWrapLongLines(on);
}

void EditorArea::updateTitle(EditorTab *tab)
{
    const int index = m_tabs->indexOf(tab);
    if (index < 0)
        return;
    m_tabs->setTabText(index, tab->title());
    m_tabs->setTabToolTip(index, tab->location());
    if (tab == currentTab())
        Q_EMIT currentFileChanged(tab->filePath());
}

void EditorArea::onCurrentChanged()
{
    EditorTab *tab = currentTab();
    m_stack->setCurrentIndex(tab ? 1 : 0);
    m_findBar->setEditor(tab ? tab->editor() : nullptr);
    if (!tab)
        m_findBar->hide();
    const bool hasFile = tab && !tab->isLiveSource();
    m_save->setEnabled(hasFile);
    m_closeTab->setEnabled(tab != nullptr);
    for (QAction *action : searchActions())
        action->setEnabled(tab != nullptr);
    updateUndoActions();
    Q_EMIT currentFileChanged(tab ? tab->filePath() : QString());
    if (tab) {
        int line = 0;
        int index = 0;
        tab->editor()->getCursorPosition(&line, &index);
        Q_EMIT cursorPositionChanged(line + 1, index + 1);
    }
}

} // namespace graft
