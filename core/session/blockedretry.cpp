// SPDX-License-Identifier: MIT
#include "session/blockedretry.h"

namespace graft {

namespace {
// First try soon (a callback often returns within milliseconds), then back off
// so that a function that stays on the stack costs at most one LiveEdit attempt
// a second: each attempt diffs the script and walks the heap.
constexpr int kFirstDelayMs = 50;
constexpr int kMaxDelayMs = 1000;

// The functions a blocked patch waits for: the changed ones (one of them is on
// the stack or suspended; V8 does not say which).
QString blockingFunctions(const PatchReport &report)
{
    QStringList names;
    for (const FunctionChange &f : report.functions) {
        if (f.change == QLatin1String("body") && !f.name.isEmpty())
            names << f.name;
    }
    if (names.isEmpty())
        return QStringLiteral("the changed functions");
    if (names.size() > 3)
        return names.mid(0, 3).join(QLatin1String(", ")) + QStringLiteral(" or another changed function");
    return names.join(QLatin1String(" or "));
}

} // namespace

QString BlockedRetry::waitMessage(const PatchReport &blocked, int limitMs, bool paused)
{
    if (paused)
        return QStringLiteral("the program is paused with %1 on the stack (V8 cannot replace a running function); "
                              "applied by itself once it returns after you resume (a newer save replaces it)")
            .arg(blockingFunctions(blocked));
    return QStringLiteral("waits for %1 to return; applied by itself then (for up to %2 s; "
                          "a newer save replaces it, Stop ends a function that never returns)")
        .arg(blockingFunctions(blocked))
        .arg(limitMs / 1000);
}

QString BlockedRetry::appliedMessage(qint64 waitedMs, int attempts)
{
    return QStringLiteral("applied by itself after the blocking function returned (%1 ms, %2 tries)")
        .arg(waitedMs)
        .arg(attempts);
}

PatchReport BlockedRetry::gaveUpReport(const QString &file, const QString &source, int attempts, qint64 waitedMs)
{
    PatchReport report;
    report.file = file;
    report.status = PatchStatus::Blocked;
    report.newSource = source;
    report.attempts = attempts;
    report.when = QDateTime::currentDateTime();
    report.ms = static_cast<double>(waitedMs);
    report.message = QStringLiteral("gave up after %1 s and %2 tries: a changed function never left the stack "
                                    "(a loop, or a suspended generator or async function); the old code keeps "
                                    "running. Stop it and save again.")
                         .arg(waitedMs / 1000.0, 0, 'f', 1)
                         .arg(attempts);
    return report;
}

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
    if (!m_held)
        wait.counted.start();
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

void BlockedRetry::hold(bool held)
{
    if (m_held == held)
        return;
    m_held = held;
    for (auto it = m_waits.begin(); it != m_waits.end(); ++it) {
        if (held) {
            it->timer->stop();
            it->countedBefore = it->countedMs();
            it->counted.invalidate();
        } else {
            it->counted.start();
            it->delayMs = 0; // the blocking frame may be gone already: try now
            schedule(it.key());
        }
    }
}

void BlockedRetry::schedule(const QString &file)
{
    Wait &wait = m_waits[file];
    if (m_held)
        return; // hold(false) schedules it
    wait.timer->start(wait.delayMs);
    wait.delayMs = qBound(kFirstDelayMs, wait.delayMs * 2, kMaxDelayMs);
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
    if (it->countedMs() + it->delayMs > m_limitMs) {
        const QString source = it->source;
        const int attempts = it->attempts;
        const qint64 waited = it->since.elapsed();
        cancel(file);
        Q_EMIT gaveUp(file, source, attempts, waited);
        return;
    }
    schedule(file);
}

} // namespace graft
