// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace graft {

struct SourceFileText
{
    bool ok = false;
    QString text;  // without a byte-order mark, as Node's loader strips it
    QString error; // why the file cannot be used as JavaScript source
};

// Reads a saved script: UTF-8 only (with or without BOM), never a binary file.
SourceFileText readSourceFile(const QString &path);
// The same checks for bytes already in memory (what a file would contain).
SourceFileText decodeSource(const QByteArray &bytes, const QString &nameForErrors);

} // namespace graft
