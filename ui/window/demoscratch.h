// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace graft {

// Where demos are run from: a scratch copy under the user's data folder
// (QStandardPaths::AppDataLocation, "demos/"), so edits never touch the shipped
// file. Opening a demo from the menu makes a fresh copy of it (its folder too,
// for a multi-file demo); the path of the copy's entry, or empty with `error`.
QString scratchCopyOfDemo(const QString &shippedEntry, QString *error = nullptr);
QString demoScratchDirectory();

} // namespace graft
