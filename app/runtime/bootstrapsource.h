// SPDX-License-Identifier: MIT
#pragma once

namespace graft::runtime {
// The body of bootstrap.js, compiled as function (process, require, graft).
extern const char *const kBootstrapSource;
}
