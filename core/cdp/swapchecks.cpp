// SPDX-License-Identifier: MIT
#include "cdp/swapchecks.h"

#include <QRegularExpression>

namespace graft {

QString withoutSwapChecks(QString text)
{
    static const QString slot = QStringLiteral(R"(\(__graft\$s\d+\.a\|\|__graft\$s\d+\)\[\d+\])");
    static const QRegularExpression checks(
        QStringLiteral(R"(\{const __graft\$f=%1;if\(__graft\$f\)return [^;]*;\})").arg(slot) // a function's
        + QStringLiteral(R"(|\(%1\?%1\([\w$.,]*\):\(|\)/\*__graft\$\*/\))").arg(slot)        // a concise arrow's
        + QStringLiteral(R"(|const __graft\$t=\(__graft\$s\d+\.t\|\|Object\)\(\d+\);try\{)") // a generator's token
        + QStringLiteral(R"(|\}finally\{\(__graft\$s\d+\.d\|\|Object\)\(\d+,__graft\$t\)\})"));
    return text.remove(checks);
}

} // namespace graft
