// SPDX-License-Identifier: MIT
#include "cdp/swapchecks.h"

#include <QRegularExpression>

namespace graft {

QString withoutSwapChecks(QString text)
{
    static const QString filled = QStringLiteral(R"(typeof __graft\$g\d+_\d+=='function')");
    static const QRegularExpression checks(QStringLiteral(R"(\{if\(%1\)return [^;]*;\})").arg(filled) // a function's
        + QStringLiteral(R"(|\(%1\?__graft\$g\d+_\d+\([\w$.,]*\):\(|\)/\*__graft\$\*/\))")
              .arg(filled)                                                                   // a concise arrow's
        + QStringLiteral(R"(|const __graft\$t=\(__graft\$s\d+\.t\|\|Object\)\(\d+\);try\{)") // a generator's token
        + QStringLiteral(R"(|\}finally\{\(__graft\$s\d+\.d\|\|Object\)\(\d+,__graft\$t\)\})"));
    return text.remove(checks);
}

} // namespace graft
