// SPDX-License-Identifier: MIT
#pragma once

namespace graft::runtime {
// bootstrap.js: compiled as function (process, require, graft) before the entry.
extern const char *const kBootstrapSource;
// analyzer.js: defines graftAnalyze() in the analysis isolate.
extern const char *const kAnalyzerSource;
}
