// SPDX-License-Identifier: MIT
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>

namespace graft::runtime {

// Protocol messages handed from the pipe reader thread to the isolate thread.
// Invariant: only the isolate thread pops; every pop advances `delivered`, so the
// reader can tell whether the idle path (uv_async) picked a message up in time or
// whether JavaScript is busy and the message must be delivered by an interrupt.
class MessageQueue
{
public:
    // Returns the sequence number of the pushed message.
    std::uint64_t push(std::string message);
    std::optional<std::string> tryPop();
    // Blocks until a message arrives or `close()` was called (then empty).
    std::optional<std::string> waitPop();
    // Waits up to `timeoutMs` for message `sequence` to be taken; true if it was.
    bool waitDelivered(std::uint64_t sequence, int timeoutMs);
    void close();
    bool closed() const;

private:
    std::optional<std::string> takeFrontLocked(); // m_mutex held

    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::string> m_messages;
    std::uint64_t m_pushed = 0;
    std::uint64_t m_delivered = 0;
    bool m_closed = false;
};

} // namespace graft::runtime
