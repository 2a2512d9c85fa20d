// SPDX-License-Identifier: MIT
#pragma once

namespace node {
class MultiIsolatePlatform;
}

namespace graft::runtime {

// graft-runtime --analysis-only: no program, no Node environment, only the change
// analysis (AnalysisWorker's isolate) answering Graft.analyze on the two
// descriptors. `graft --attach` uses it: the attached program is someone else's
// node, and the analysis must never run inside it. Returns when the app closes
// `inFd`.
int runAnalysisService(node::MultiIsolatePlatform *platform, int inFd, int outFd);

} // namespace graft::runtime
