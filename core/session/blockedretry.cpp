// SPDX-License-Identifier: MIT
#include "session/blockedretry.h"

namespace graft {

namespace {
// First try soon (a callback often returns within milliseconds), then back off
// so that a function that stays on the stack costs at most one LiveEdit attempt
// a second: each attempt diffs the script and walks the heap.
constexpr int kFirstDelayMs = 50;
constexpr int kMaxDelayMs = 1000;
} // namespace

BlockedRetry::BlockedRetry(QObject *parent)
    : QObject(parent)
{
}

void BlockedRetry::wait(const QString &file, const QString &source)
{
    cancel(file);
    Wait wait;
    wait.source = source;
    wait.generation = m_nextGeneration++;
    wait.delayMs = kFirstDelayMs;
    wait.since.start();
    wait.timer = new QTimer(this);
    wait.timer->setSingleShot(true);
    connect(wait.timer, &QTimer::timeout, this, [this, file] {
        const auto it = m_waits.find(file);
        if (it == m_waits.end())
            return;
        ++it->attempts;
        Q_EMIT attempt(file, it->source, it->generation);
    });
    m_waits.insert(file, wait);
    schedule(file);
}

void BlockedRetry::schedule(const QString &file)
{
    Wait &wait = m_waits[file];
    wait.timer->start(wait.delayMs);
    wait.delayMs = qMin(wait.delayMs * 2, kMaxDelayMs);
}

void BlockedRetry::cancel(const QString &file)
{
    const auto it = m_waits.find(file);
    if (it == m_waits.end())
        return;
    it->timer->deleteLater();
    m_waits.erase(it);
}

void BlockedRetry::cancelAll()
{
    for (const Wait &wait : std::as_const(m_waits))
        wait.timer->deleteLater();
    m_waits.clear();
}

bool BlockedRetry::isCurrent(const QString &file, int generation) const
{
    const auto it = m_waits.constFind(file);
    return it != m_waits.constEnd() && it->generation == generation;
}

qint64 BlockedRetry::waitedMs(const QString &file) const
{
    const auto it = m_waits.constFind(file);
    return it == m_waits.constEnd() ? 0 : it->since.elapsed();
}

void BlockedRetry::blockedAgain(const QString &file)
{
    const auto it = m_waits.find(file);
    if (it == m_waits.end())
        return;
    if (it->since.elapsed() + it->delayMs > m_limitMs) {
        const QString source = it->source;
        const int attempts = it->attempts;
        const qint64 waited = it->since.elapsed();
        cancel(file);
        Q_EMIT gaveUp(file, source, attempts, waited);
        return;
    }
    schedule(file);
}

void BlockedRetry::done(const QString &file)
{
    cancel(file);
}

} // namespace graft
