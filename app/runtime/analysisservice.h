// SPDX-License-Identifier: MIT
#pragma once

namespace node {
class MultiIsolatePlatform;
}

namespace graft::runtime {

// graft-runtime --analysis-only: no program, no Node environment, only the change
// analysis (AnalysisWorker's isolate) answering Graft.analyze on the two
// descriptors. `graft --attach` uses it: the attached program is someone else's
// node, and the analysis must never run inside it. Ends the process when the
// app closes `inFd`.
[[noreturn]] void runAnalysisService(node::MultiIsolatePlatform *platform, int inFd, int outFd);

} // namespace graft::runtime
