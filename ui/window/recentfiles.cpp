// SPDX-License-Identifier: MIT
#include "window/recentfiles.h"

#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace graft {

namespace {
constexpr int kMaxRecent = 10;
const char kKey[] = "recentFiles";
} // namespace

RecentFiles::RecentFiles(QObject *parent)
    : QObject(parent)
{
    m_files = QSettings().value(QLatin1String(kKey)).toStringList();
}

void RecentFiles::add(const QString &filePath)
{
    const QString path = QFileInfo(filePath).absoluteFilePath();
    m_files.removeAll(path);
    m_files.prepend(path);
    while (m_files.size() > kMaxRecent)
        m_files.removeLast();
    store();
}

void RecentFiles::clear()
{
    m_files.clear();
    store();
}

void RecentFiles::store()
{
    QSettings().setValue(QLatin1String(kKey), m_files);
    rebuildMenu();
}

void RecentFiles::setMenu(QMenu *menu)
{
    m_menu = menu;
    rebuildMenu();
}

void RecentFiles::rebuildMenu()
{
    if (!m_menu)
        return;
    m_menu->clear();
    int number = 1;
    for (const QString &path : std::as_const(m_files)) {
        // The folder too: two main.js of two projects must not look alike.
        QString folder = QDir::toNativeSeparators(QFileInfo(path).absolutePath());
        const QString home = QDir::toNativeSeparators(QDir::homePath());
        if (folder.startsWith(home + QDir::separator()) || folder == home)
            folder = QLatin1Char('~') + folder.mid(home.size());
        QString label = QStringLiteral("&%1  %2  —  %3").arg(number++ % 10).arg(QFileInfo(path).fileName(), folder);
        label.replace(QStringLiteral("&"), QStringLiteral("&&")).replace(0, 2, QStringLiteral("&")); // only the number is a mnemonic
        QAction *action = m_menu->addAction(label, this, [this, path] { Q_EMIT openRequested(path); });
        action->setToolTip(QDir::toNativeSeparators(path));
        action->setStatusTip(QDir::toNativeSeparators(path));
        action->setEnabled(QFileInfo::exists(path));
    }
    if (m_files.isEmpty())
        m_menu->addAction(tr("No recent files"))->setEnabled(false);
    m_menu->addSeparator();
    m_menu->addAction(tr("Clear List"), this, &RecentFiles::clear)->setEnabled(!m_files.isEmpty());
}

} // namespace graft
