// SPDX-License-Identifier: MIT
#pragma once

namespace graft::runtime {

class RuntimeHost;

// Reads framed messages from the app on `fd` until EOF (run it on its own thread).
// CDP messages go to the isolate; the host's own `Graft.*` commands are handled
// here; anything malformed gets an error reply and reading goes on.
void runControlReader(int fd, RuntimeHost &host);

} // namespace graft::runtime
