// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QString>

#include <optional>

namespace graft {

// Files the program loaded that are not scripts: JSON read by require() and
// native addons. They are watched like scripts, but a save cannot reach the
// program (it holds the parsed object, or the machine code), so the session
// answers why instead of "not loaded".
class DataFiles
{
public:
    void clear();
    // require() read `filePath` ("json" or "addon"); a JSON file's text is kept
    // so that saving the same contents again is answered `unchanged`.
    void noteLoaded(const QString &filePath, const QString &kind, std::optional<QString> text);
    bool contains(const QString &filePath) const;
    // Why a save of `filePath` cannot be patched, or empty if it is no data file.
    QString refusal(const QString &filePath) const;
    // What require() read from a JSON file, if it is one.
    std::optional<QString> loadedText(const QString &filePath) const;

private:
    QHash<QString, QString> m_kinds;      // canonical path → "json" | "addon"
    QHash<QString, QString> m_loadedText; // canonical path → what require() read
};

} // namespace graft
