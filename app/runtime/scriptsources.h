// SPDX-License-Identifier: MIT
#pragma once

namespace graft::runtime {
// bootstrap.js: compiled as function (process, require, graft) before the entry.
extern const char *const kBootstrapSource;
// analysis/*.js, in CMakeLists.txt's order: defines graftAnalyze() in the analysis isolate.
extern const char *const kAnalyzerSource;
} // namespace graft::runtime
