// SPDX-License-Identifier: MIT
#include "pipewriter.h"

#include "protocol/framing.h"

#include <cerrno>
#include <unistd.h>

namespace graft::runtime {

PipeWriter::PipeWriter(int fd)
    : m_fd(fd)
{
}

bool PipeWriter::send(std::string_view json)
{
    const std::string frame = protocol::encodeFrame(json);
    std::lock_guard lock(m_mutex);
    if (m_broken)
        return false;
    std::size_t written = 0;
    while (written < frame.size()) {
        const ssize_t n = ::write(m_fd, frame.data() + written, frame.size() - written);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            m_broken = true;
            return false;
        }
        written += static_cast<std::size_t>(n);
    }
    return true;
}

} // namespace graft::runtime
