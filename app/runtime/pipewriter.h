// SPDX-License-Identifier: MIT
#pragma once

#include <mutex>
#include <string_view>

namespace graft::runtime {

// Writes framed messages to the app. Both the isolate thread (inspector replies)
// and the reader thread (errors, stop answers) write, so writes are serialised.
class PipeWriter
{
public:
    explicit PipeWriter(int fd);
    // Returns false once the app has gone (EPIPE): the caller shuts down.
    bool send(std::string_view json);

private:
    std::mutex m_mutex;
    int m_fd;
    bool m_broken = false;
};

} // namespace graft::runtime
