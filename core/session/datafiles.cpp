// SPDX-License-Identifier: MIT
#include "session/datafiles.h"

#include "session/scriptregistry.h"

#include <QFileInfo>

namespace graft {

void DataFiles::clear()
{
    m_kinds.clear();
    m_loadedText.clear();
}

void DataFiles::noteLoaded(const QString &filePath, const QString &kind, std::optional<QString> text)
{
    const QString canonical = canonicalFilePath(filePath);
    m_kinds.insert(canonical, kind);
    if (text)
        m_loadedText.insert(canonical, *text);
}

bool DataFiles::contains(const QString &filePath) const { return m_kinds.contains(canonicalFilePath(filePath)); }

QString DataFiles::refusal(const QString &filePath) const
{
    const auto it = m_kinds.constFind(canonicalFilePath(filePath));
    if (it == m_kinds.constEnd())
        return {};
    const QString name = QFileInfo(filePath).fileName();
    if (*it == QLatin1String("json"))
        return QStringLiteral("%1 is data read once by require(), not code: the program holds the parsed object, "
                              "which no save can reach; restart the program to load the new contents")
            .arg(name);
    return QStringLiteral("%1 is a native addon loaded once by require(): its machine code cannot be patched; "
                          "restart the program to load the new build")
        .arg(name);
}

std::optional<QString> DataFiles::loadedText(const QString &filePath) const
{
    const auto it = m_loadedText.constFind(canonicalFilePath(filePath));
    if (it == m_loadedText.constEnd())
        return std::nullopt;
    return *it;
}

} // namespace graft
