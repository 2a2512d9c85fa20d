// SPDX-License-Identifier: MIT
#include "debug/breakpoint.h"

#include <QRegularExpression>
#include <QUrl>

namespace graft {

QString Breakpoint::v8Condition() const
{
    if (log.isEmpty())
        return condition;
    // Parenthesised on their own lines: a trailing // comment in either cannot
    // swallow the rest.
    const QString print = QStringLiteral("(console.log(\n%1\n), false)").arg(log);
    if (condition.isEmpty())
        return print;
    return QStringLiteral("(\n%1\n) && %2").arg(condition, print);
}

QString breakpointUrlRegex(const QString &filePath)
{
    const QString asUrl = QUrl::fromLocalFile(filePath).toString(QUrl::FullyEncoded);
    return QStringLiteral("^(%1|%2)$").arg(QRegularExpression::escape(filePath), QRegularExpression::escape(asUrl));
}

} // namespace graft
