// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QString>

namespace graft {

// A Runtime.consoleAPICalled event as the line Node's console would print:
// printf-style %s %d %i %f %j %o %O %c %% in a first string argument, the
// other arguments joined by spaces, objects by their description. Close to
// util.format, not equal to it (nested objects show as V8 describes them).
QString formatConsoleCall(const QJsonObject &params);
// "stdout" or "stderr", as Node's console writes that call.
QString consoleStream(const QJsonObject &params);

} // namespace graft
