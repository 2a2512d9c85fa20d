// SPDX-License-Identifier: MIT
#include "recoverystore.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>

namespace graft {

namespace {
const QString kLockName = QStringLiteral("owner.lock");
const QString kCopySuffix = QStringLiteral(".json");

QString absolute(const QString &filePath) { return QFileInfo(filePath).absoluteFilePath(); }

bool readCopy(const QString &copyPath, RecoveredBuffer *buffer)
{
    QFile file(copyPath);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QJsonObject object = QJsonDocument::fromJson(file.readAll()).object();
    buffer->filePath = object.value(QLatin1String("file")).toString();
    buffer->text = object.value(QLatin1String("text")).toString();
    buffer->savedAt = QDateTime::fromString(object.value(QLatin1String("savedAt")).toString(), Qt::ISODateWithMs);
    return !buffer->filePath.isEmpty();
}
} // namespace

struct RecoveryStore::Folder
{
    QString path;
    QLockFile lock;

    explicit Folder(const QString &folderPath)
        : path(folderPath)
        , lock(folderPath + QLatin1Char('/') + kLockName)
    {
        // A live owner is never stale, however long it has run: only its death
        // (QLockFile checks the pid and the boot) frees the folder.
        lock.setStaleLockTime(0);
    }
};

RecoveryStore::RecoveryStore(const QString &root)
    : m_root(root)
{
}

RecoveryStore::~RecoveryStore()
{
    if (m_own) {
        m_own->lock.unlock();
        QDir(m_own->path).removeRecursively();
    }
}

QString RecoveryStore::defaultRoot()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/recovery");
}

bool RecoveryStore::ensureOwnFolder(QString *error)
{
    if (m_own)
        return true;
    const QString name
        = QStringLiteral("%1-%2").arg(QCoreApplication::applicationPid()).arg(QDateTime::currentMSecsSinceEpoch());
    auto folder = std::make_unique<Folder>(m_root + QLatin1Char('/') + name);
    if (!QDir().mkpath(folder->path) || !folder->lock.tryLock(0)) {
        if (error)
            *error = QCoreApplication::translate("RecoveryStore", "Cannot create the recovery folder %1")
                         .arg(folder->path);
        return false;
    }
    m_own = std::move(folder);
    return true;
}

QString RecoveryStore::copyPath(const QString &filePath) const
{
    // One copy per file, named by a hash of its path: any path fits a file name.
    const QByteArray hash = QCryptographicHash::hash(absolute(filePath).toUtf8(), QCryptographicHash::Sha1).toHex();
    return m_own->path + QLatin1Char('/') + QString::fromLatin1(hash) + kCopySuffix;
}

bool RecoveryStore::store(const QString &filePath, const QString &text, QString *error)
{
    if (!ensureOwnFolder(error))
        return false;
    const QJsonObject object { { QStringLiteral("file"), absolute(filePath) }, { QStringLiteral("text"), text },
        { QStringLiteral("savedAt"), QDateTime::currentDateTime().toString(Qt::ISODateWithMs) } };
    const QByteArray bytes = QJsonDocument(object).toJson(QJsonDocument::Compact);
    // QSaveFile: a crash during the write leaves the previous copy, never half of one.
    QSaveFile file(copyPath(filePath));
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = QCoreApplication::translate("RecoveryStore", "Cannot keep a recovery copy of %1: %2")
                         .arg(filePath, file.errorString());
        return false;
    }
    return true;
}

void RecoveryStore::remove(const QString &filePath)
{
    if (m_own)
        QFile::remove(copyPath(filePath));
}

QStringList RecoveryStore::storedFiles() const
{
    QStringList files;
    if (!m_own)
        return files;
    const QStringList copies = QDir(m_own->path).entryList({ QLatin1Char('*') + kCopySuffix }, QDir::Files);
    for (const QString &name : copies) {
        RecoveredBuffer buffer;
        if (readCopy(m_own->path + QLatin1Char('/') + name, &buffer))
            files.append(buffer.filePath);
    }
    return files;
}

QList<RecoveredBuffer> RecoveryStore::claimOrphans()
{
    QList<RecoveredBuffer> buffers;
    const QDir root(m_root);
    const QStringList folders = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &name : folders) {
        const QString path = root.filePath(name);
        if ((m_own && m_own->path == path)
            || std::any_of(m_claimed.begin(), m_claimed.end(), [&](const auto &f) { return f->path == path; }))
            continue;
        auto folder = std::make_unique<Folder>(path);
        if (!folder->lock.tryLock(0))
            continue; // its instance is still running
        const QStringList copies = QDir(path).entryList({ QLatin1Char('*') + kCopySuffix }, QDir::Files);
        for (const QString &copy : copies) {
            RecoveredBuffer buffer;
            if (readCopy(QDir(path).filePath(copy), &buffer))
                buffers.append(buffer);
        }
        if (copies.isEmpty()) {
            // Died with nothing unsaved: nothing to offer.
            folder->lock.unlock();
            QDir(path).removeRecursively();
            continue;
        }
        m_claimed.push_back(std::move(folder));
    }
    // Newest first, and one buffer per file: two crashed windows may both have held it.
    std::stable_sort(buffers.begin(), buffers.end(),
        [](const RecoveredBuffer &a, const RecoveredBuffer &b) { return a.savedAt > b.savedAt; });
    QList<RecoveredBuffer> unique;
    for (const RecoveredBuffer &buffer : std::as_const(buffers)) {
        if (std::none_of(unique.begin(), unique.end(),
                [&](const RecoveredBuffer &kept) { return kept.filePath == buffer.filePath; }))
            unique.append(buffer);
    }
    return unique;
}

void RecoveryStore::discardClaimed()
{
    for (const auto &folder : m_claimed) {
        folder->lock.unlock();
        QDir(folder->path).removeRecursively();
    }
    m_claimed.clear();
}

} // namespace graft
