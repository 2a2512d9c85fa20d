// SPDX-License-Identifier: MIT
#pragma once

#include "patch/patchreport.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>

namespace graft {

// Waits out a blocked patch: V8 refuses LiveEdit while a changed function is on
// the stack (or a generator/async function of it is suspended), and nothing in
// the protocol says when it returns. So the patch is tried again on a short
// backoff (each blocked try changes nothing), until it goes through, a newer
// save of the file replaces it, or the time limit is reached.
class BlockedRetry : public QObject
{
    Q_OBJECT
public:
    explicit BlockedRetry(QObject *parent = nullptr);

    // 0 turns retrying off.
    void setLimitMs(int ms) { m_limitMs = ms; }
    int limitMs() const { return m_limitMs; }
    bool enabled() const { return m_limitMs > 0; }

    // Starts (or restarts) waiting to apply `source` to `file`.
    void wait(const QString &file, const QString &source);
    // A newer save or apply of `file` makes the waiting one pointless; an
    // attempt that came back with anything but blocked ends the wait too.
    void cancel(const QString &file);
    void cancelAll();
    // Whether the attempt `generation` of `file` is still the one waited for.
    bool isCurrent(const QString &file, int generation) const;
    // An attempt came back blocked: try again later, or give up.
    void blockedAgain(const QString &file);
    // While held (the program is paused) no attempt is made and the time limit
    // does not run; on release every waiting patch is tried again at once.
    void hold(bool held);
    bool isHeld() const { return m_held; }
    int attempts(const QString &file) const { return m_waits.value(file).attempts; }
    qint64 waitedMs(const QString &file) const;

    // What the reports say: the blocked patch that waits, the one that went
    // through by itself, and the last one when waiting gave up.
    static QString waitMessage(const PatchReport &blocked, int limitMs, bool paused = false);
    static QString appliedMessage(qint64 waitedMs, int attempts);
    static PatchReport gaveUpReport(const QString &file, const QString &source, int attempts, qint64 waitedMs);

Q_SIGNALS:
    // Apply `source` to `file` now; the report comes back to isCurrent/blockedAgain/cancel.
    void attempt(const QString &file, const QString &source, int generation);
    void gaveUp(const QString &file, const QString &source, int attempts, qint64 waitedMs);

private:
    struct Wait
    {
        QString source;
        int generation = 0;
        int attempts = 0;
        int delayMs = 0;
        QElapsedTimer since;   // wall time, for the report
        QElapsedTimer counted; // time not held, for the limit
        qint64 countedBefore = 0;
        QTimer *timer = nullptr;
        qint64 countedMs() const { return countedBefore + (counted.isValid() ? counted.elapsed() : 0); }
    };
    void schedule(const QString &file);

    QHash<QString, Wait> m_waits;
    int m_nextGeneration = 1;
    int m_limitMs = 60000;
    bool m_held = false;
};

} // namespace graft
