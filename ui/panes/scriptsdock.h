// SPDX-License-Identifier: MIT
#pragma once

#include "cdp/cdptypes.h"

#include <QDockWidget>

class QCheckBox;
class QFileSystemModel;
class QLineEdit;
class QListView;
class QTreeView;

namespace graft {

class ScriptRegistry;
class ScriptsFilterModel;
class ScriptsModel;

// Left: every script the program has loaded (the user's first, Node internals
// behind a toggle, filterable) and, once a folder is opened, that folder's
// JavaScript files. Activating an entry asks for it to be opened.
class ScriptsDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit ScriptsDock(ScriptRegistry *registry, QWidget *parent = nullptr);

    ScriptsModel *scriptsModel() const { return m_model; }
    ScriptsFilterModel *filterModel() const { return m_filter; }
    void setBaseDirectory(const QString &directory);
    void setShowInternal(bool show);
    bool showInternal() const;
    void setFolder(const QString &directory);
    QString folder() const { return m_folder; }

Q_SIGNALS:
    void scriptActivated(const graft::ScriptInfo &script);
    void fileActivated(const QString &filePath);

private:
    ScriptsModel *m_model;
    ScriptsFilterModel *m_filter;
    QLineEdit *m_filterEdit;
    QCheckBox *m_internalToggle;
    QListView *m_view;
    QFileSystemModel *m_folderModel = nullptr;
    QTreeView *m_folderView;
    QWidget *m_folderPane;
    QString m_folder;
};

} // namespace graft
