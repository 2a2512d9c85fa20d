// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QDateTime;
class QFrame;
class QLabel;
class QPushButton;

namespace graft {

class CodeEditor;
struct ScriptInfo;

// One editor tab: a file's buffer, or the read-only live source of a script that
// has no file (a Node internal). An info bar above the text says when the file
// changed on disk under unsaved edits, and offers to reload.
class EditorTab : public QWidget
{
    Q_OBJECT
public:
    explicit EditorTab(QWidget *parent = nullptr);

    CodeEditor *editor() const { return m_editor; }
    QString filePath() const { return m_filePath; }
    QString scriptId() const { return m_scriptId; }
    bool isLiveSource() const { return m_filePath.isEmpty(); }
    bool isModified() const;
    // The tab's title: the file name, with "•" while there are unsaved edits.
    QString title() const;
    // Where the buffer comes from (a path, or a script's URL): the tab's tooltip.
    // Not the widget's own tooltip, which hovering the code would show.
    QString location() const { return m_location; }

    // Reads the file (UTF-8 only: readSourceFile); false with `error` set if unusable.
    bool load(const QString &filePath, QString *error);
    void showLiveSource(const ScriptInfo &script, const QString &source);
    // A tab for a file that no longer exists, to hold recovered text; save() recreates the file.
    void adoptMissingFile(const QString &filePath);
    // Replaces the text with recovered unsaved edits, undoably, and says so in the info bar.
    void restoreUnsaved(const QString &text, const QDateTime &savedAt);
    // Writes the buffer as UTF-8; false with `error` set if the file cannot be written.
    bool save(QString *error);
    // The file changed on disk: reload it now, or (with unsaved edits) ask first.
    void fileChangedOnDisk();
    bool reloadFromDisk(QString *error = nullptr);

Q_SIGNALS:
    void titleChanged();

private:
    void showInfo(const QString &text, bool offerReload);

    CodeEditor *m_editor;
    QFrame *m_infoBar;
    QLabel *m_infoLabel;
    QPushButton *m_reloadButton;
    QPushButton *m_keepButton;
    QString m_filePath;
    QString m_scriptId;
    QString m_displayName;
    QString m_location;
};

} // namespace graft
