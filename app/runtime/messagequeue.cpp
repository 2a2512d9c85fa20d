// SPDX-License-Identifier: MIT
#include "messagequeue.h"

#include <chrono>

namespace graft::runtime {

std::uint64_t MessageQueue::push(std::string message)
{
    std::lock_guard lock(m_mutex);
    m_messages.push_back(std::move(message));
    m_changed.notify_all();
    return ++m_pushed;
}

std::optional<std::string> MessageQueue::takeFrontLocked()
{
    if (m_messages.empty())
        return std::nullopt;
    std::string message = std::move(m_messages.front());
    m_messages.pop_front();
    ++m_delivered;
    m_changed.notify_all();
    return message;
}

std::optional<std::string> MessageQueue::tryPop()
{
    std::lock_guard lock(m_mutex);
    return takeFrontLocked();
}

std::optional<std::string> MessageQueue::waitPop()
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return !m_messages.empty() || m_closed; });
    return takeFrontLocked();
}

bool MessageQueue::waitDelivered(std::uint64_t sequence, int timeoutMs)
{
    std::unique_lock lock(m_mutex);
    return m_changed.wait_for(lock, std::chrono::milliseconds(timeoutMs),
                              [&] { return m_delivered >= sequence || m_closed; });
}

void MessageQueue::close()
{
    std::lock_guard lock(m_mutex);
    m_closed = true;
    m_changed.notify_all();
}

bool MessageQueue::closed() const
{
    std::lock_guard lock(m_mutex);
    return m_closed;
}

} // namespace graft::runtime
