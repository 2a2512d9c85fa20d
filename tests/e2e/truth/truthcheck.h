// SPDX-License-Identifier: MIT
#pragma once

// Checks a patch report against the running program: every claim Graft makes
// about a function must be true of the live instances the program was asked about.
// The corpus and the randomized oracle share it.

#include "truthcase.h"

#include <QHash>
#include <QJsonObject>

struct ProbeObservation
{
    Probe probe;
    bool changed = false; // its function's source changed in this edit (so the status depends on it)
    QString observed;     // what the program answered
    // What the source said before the edit; when it equals the new marker the probe cannot tell old
    // code from new, so it cannot refute an `effective: false`. Empty: always different.
    QString oldMarker;

    bool tellsOldFromNew() const { return oldMarker.isEmpty() || oldMarker != probe.newMarker; }
};

struct TruthVerdict
{
    QStringList failures; // each one readable: what Graft claimed, what the program did
    int claimsChecked = 0;
    int claimsFalse = 0;
    int claimsUnchecked = 0; // claims no probed instance can confirm or refute

    void merge(const TruthVerdict &other);
};

// The claims of `patch` (its status and every function entry) against what the probes saw.
// `removed` entries name a line of the old source; where probes are placed by new lines only,
// `checkRemoved` false leaves them out rather than pairing them with whatever sits there now.
TruthVerdict checkClaims(
    const QJsonObject &patch, const QList<ProbeObservation> &observations, bool checkRemoved = true);

// The report's own consistency: `applied` with a not-effective entry, or `partial` without one.
QStringList checkConsistency(const QJsonObject &patch);

QString compactJson(const QJsonObject &object);
