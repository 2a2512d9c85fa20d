// SPDX-License-Identifier: MIT
#include "patch/sourcefile.h"

#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>

namespace graft {

namespace {
// Larger files are refused: LiveEdit's cost grows quadratically (ENGINE.md), and
// nobody live-edits a generated bundle of this size.
constexpr qint64 kMaxSourceBytes = 64 * 1024 * 1024;
} // namespace

SourceFileText decodeSource(const QByteArray &bytes, const QString &name)
{
    SourceFileText result;
    if (bytes.contains('\0')) {
        result.error = QStringLiteral("%1 looks like a binary file (it contains NUL bytes)").arg(name);
        return result;
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(bytes);
    if (decoder.hasError()) {
        // The decoder put U+FFFD where the bytes were bad: name that line.
        const qsizetype bad = text.indexOf(QChar::ReplacementCharacter);
        const qsizetype line = text.left(qMax<qsizetype>(bad, 0)).count(QLatin1Char('\n')) + 1;
        result.error = QStringLiteral("%1 is not valid UTF-8 (line %2); save it as UTF-8").arg(name).arg(line);
        return result;
    }
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    result.ok = true;
    result.text = text;
    return result;
}

SourceFileText readSourceFile(const QString &path)
{
    SourceFileText result;
    QFile file(path);
    const QString name = QFileInfo(path).fileName();
    if (!file.exists()) {
        result.error = QStringLiteral("%1 does not exist (deleted or renamed?)").arg(path);
        return result;
    }
    if (file.size() > kMaxSourceBytes) {
        result.error = QStringLiteral("%1 is too large to patch (%2 MB; the limit is %3 MB)")
                           .arg(name)
                           .arg(file.size() / (1024 * 1024))
                           .arg(kMaxSourceBytes / (1024 * 1024));
        return result;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        result.error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return result;
    }
    return decodeSource(file.readAll(), name);
}

} // namespace graft
