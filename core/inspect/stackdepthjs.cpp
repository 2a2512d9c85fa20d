// SPDX-License-Identifier: MIT
#include "inspect/stackdepthjs.h"

namespace graft {

QString countStackFramesJs(int limit)
{
    return QStringLiteral(R"JS(  {
    const limit = Error.stackTraceLimit;
    const prepare = Error.prepareStackTrace;
    try {
      Error.stackTraceLimit = %1;
      Error.prepareStackTrace = function (error, frames) { return frames.length; };
      const probe = {};
      Error.captureStackTrace(probe);
      depth = probe.stack;
    } finally {
      Error.stackTraceLimit = limit;
      Error.prepareStackTrace = prepare;
    }
  }
)JS")
        .arg(limit);
}

} // namespace graft
