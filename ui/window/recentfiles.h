// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QStringList>

class QMenu;

namespace graft {

// The recently opened files, newest first, kept in QSettings and offered in a
// menu that rebuilds itself when the list changes.
class RecentFiles : public QObject
{
    Q_OBJECT
public:
    explicit RecentFiles(QObject *parent = nullptr);

    void add(const QString &filePath);
    void clear();
    QStringList files() const { return m_files; }
    QMenu *menu() const { return m_menu; }
    void setMenu(QMenu *menu);

Q_SIGNALS:
    void openRequested(const QString &filePath);

private:
    void store();
    void rebuildMenu();

    QStringList m_files;
    QMenu *m_menu = nullptr;
};

} // namespace graft
