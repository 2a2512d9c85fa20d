// SPDX-License-Identifier: MIT
#include "editor/editortab.h"

#include "cdp/cdptypes.h"
#include "editor/codeeditor.h"
#include "patch/sourcefile.h"

#include <QDateTime>
#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSaveFile>
#include <QVBoxLayout>

namespace graft {

EditorTab::EditorTab(QWidget *parent)
    : QWidget(parent)
    , m_editor(new CodeEditor(this))
    , m_infoBar(new QFrame(this))
    , m_infoLabel(new QLabel(m_infoBar))
    , m_reloadButton(new QPushButton(tr("Reload"), m_infoBar))
    , m_keepButton(new QPushButton(tr("Keep my edits"), m_infoBar))
{
    setObjectName(QStringLiteral("editorTab"));
    m_editor->setObjectName(QStringLiteral("codeEditor"));
    m_infoBar->setObjectName(QStringLiteral("editorInfoBar"));
    m_infoLabel->setObjectName(QStringLiteral("editorInfoLabel"));
    m_reloadButton->setObjectName(QStringLiteral("editorReloadButton"));
    m_keepButton->setObjectName(QStringLiteral("editorKeepButton"));
    // Tooltip colours: a pale yellow note in the light theme, a dark one in the others.
    m_infoBar->setAutoFillBackground(true);
    m_infoBar->setBackgroundRole(QPalette::ToolTipBase);
    m_infoBar->setForegroundRole(QPalette::ToolTipText);
    m_infoLabel->setWordWrap(true);

    auto *barLayout = new QHBoxLayout(m_infoBar);
    barLayout->setContentsMargins(8, 4, 8, 4);
    barLayout->addWidget(m_infoLabel, 1);
    barLayout->addWidget(m_reloadButton);
    barLayout->addWidget(m_keepButton);
    m_infoBar->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_infoBar);
    layout->addWidget(m_editor, 1);

    connect(m_editor, &QsciScintilla::modificationChanged, this, &EditorTab::titleChanged);
    connect(m_reloadButton, &QPushButton::clicked, this, [this] {
        QString error;
        if (!reloadFromDisk(&error))
            showInfo(error, false);
    });
    connect(m_keepButton, &QPushButton::clicked, m_infoBar, &QWidget::hide);
}

bool EditorTab::isModified() const { return !isLiveSource() && m_editor->isModified(); }

QString EditorTab::title() const { return isModified() ? m_displayName + QStringLiteral(" •") : m_displayName; }

bool EditorTab::load(const QString &filePath, QString *error)
{
    const SourceFileText read = readSourceFile(filePath);
    if (!read.ok) {
        if (error)
            *error = read.error;
        return false;
    }
    m_filePath = QFileInfo(filePath).absoluteFilePath();
    m_displayName = QFileInfo(filePath).fileName();
    m_editor->setEolMode(
        read.text.contains(QLatin1String("\r\n")) ? QsciScintilla::EolWindows : QsciScintilla::EolUnix);
    m_editor->setText(read.text);
    m_editor->setModified(false);
    // Opening is not an edit: undo must not empty the buffer.
    m_editor->SendScintilla(QsciScintillaBase::SCI_EMPTYUNDOBUFFER);
    m_location = m_filePath;
    Q_EMIT titleChanged();
    return true;
}

void EditorTab::showLiveSource(const ScriptInfo &script, const QString &source)
{
    m_scriptId = script.scriptId;
    m_displayName = script.url.section(QLatin1Char('/'), -1);
    if (m_displayName.isEmpty())
        m_displayName = script.url;
    m_editor->setText(source);
    m_editor->setReadOnly(true);
    m_editor->setModified(false);
    m_editor->setLiveSourceLook(true);
    m_location = script.url;
    showInfo(
        tr("Live source of %1 as the running program holds it (read-only: it has no file).").arg(script.url), false);
    Q_EMIT titleChanged();
}

void EditorTab::adoptMissingFile(const QString &filePath)
{
    m_filePath = QFileInfo(filePath).absoluteFilePath();
    m_displayName = QFileInfo(filePath).fileName();
    m_location = m_filePath;
    Q_EMIT titleChanged();
}

void EditorTab::restoreUnsaved(const QString &text, const QDateTime &savedAt)
{
    if (text != m_editor->text())
        m_editor->replaceTextKeepingView(text);
    const QString when = QLocale().toString(savedAt, QLocale::ShortFormat);
    if (QFileInfo::exists(m_filePath))
        showInfo(tr("Restored unsaved edits (kept at %1). Save to keep them; Undo shows the file as it is on disk.")
                     .arg(when),
            false);
    else
        showInfo(
            tr("Restored unsaved edits (kept at %1). The file no longer exists: save to create it again.").arg(when),
            false);
    Q_EMIT titleChanged();
}

bool EditorTab::save(QString *error)
{
    if (isLiveSource()) {
        if (error)
            *error = tr("%1 has no file: its live source is read-only").arg(m_displayName);
        return false;
    }
    // QSaveFile replaces the file only once it is completely written.
    QSaveFile file(m_filePath);
    const QByteArray bytes = m_editor->text().toUtf8();
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = tr("Cannot save %1: %2").arg(m_filePath, file.errorString());
        return false;
    }
    m_editor->setModified(false);
    m_infoBar->hide();
    return true;
}

void EditorTab::fileChangedOnDisk()
{
    if (isLiveSource())
        return;
    const SourceFileText disk = readSourceFile(m_filePath);
    if (disk.ok && disk.text == m_editor->text())
        return;
    if (!isModified()) {
        QString error;
        if (!reloadFromDisk(&error))
            showInfo(error, false);
        return;
    }
    showInfo(tr("%1 was changed by another program. Reload it and lose your unsaved edits?").arg(m_displayName), true);
}

bool EditorTab::reloadFromDisk(QString *error)
{
    const SourceFileText disk = readSourceFile(m_filePath);
    if (!disk.ok) {
        if (error)
            *error = disk.error;
        return false;
    }
    m_editor->replaceTextKeepingView(disk.text);
    m_editor->setModified(false);
    m_infoBar->hide();
    return true;
}

void EditorTab::showInfo(const QString &text, bool offerReload)
{
    m_infoLabel->setText(text);
    m_reloadButton->setVisible(offerReload);
    m_keepButton->setVisible(offerReload);
    m_infoBar->show();
}

} // namespace graft
