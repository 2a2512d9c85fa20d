// SPDX-License-Identifier: MIT
#include "truthcheck.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <iterator>

void TruthVerdict::merge(const TruthVerdict &other)
{
    failures += other.failures;
    claimsChecked += other.claimsChecked;
    claimsFalse += other.claimsFalse;
    claimsUnchecked += other.claimsUnchecked;
}

QString compactJson(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

namespace {

QString describe(const QList<const ProbeObservation *> &probes)
{
    QStringList parts;
    for (const ProbeObservation *p : probes)
        parts << QStringLiteral("%1 (%2) runs %3, new code says %4")
                     .arg(p->probe.key,
                         p->probe.createdBefore ? QStringLiteral("created before") : QStringLiteral("created after"),
                         p->observed, p->probe.newMarker);
    return parts.join(QStringLiteral("; "));
}

} // namespace

TruthVerdict checkClaims(const QJsonObject &patch, const QList<ProbeObservation> &observations, bool checkRemoved)
{
    TruthVerdict verdict;
    const QString status = patch.value("status").toString();
    auto fail = [&](const QString &text) {
        ++verdict.claimsFalse;
        verdict.failures << text;
    };

    // Per function: `effective: true` means every live instance runs the new code;
    // `effective: false` means at least one does not.
    for (const QJsonValue &value : patch.value("functions").toArray()) {
        const QJsonObject entry = value.toObject();
        const QString change = entry.value("change").toString();
        if (change == QLatin1String("unchanged") || change.isEmpty())
            continue;
        if (change == QLatin1String("removed") && !checkRemoved) {
            ++verdict.claimsUnchecked;
            continue;
        }
        const QString name = entry.value("name").toString();
        const int line = entry.value("line").toInt();
        const QJsonValue effective = entry.value("effective");
        // `added, effective: true` speaks of instances made from now on: an instance made
        // before (a renamed function's old closure) is the removed entry's business.
        const bool onlyNewInstances = change == QLatin1String("added") && effective == true;
        QList<const ProbeObservation *> matched;
        for (const ProbeObservation &o : observations) {
            if (o.probe.function.matches(name, line) && !(onlyNewInstances && o.probe.createdBefore))
                matched << &o;
        }
        // A not-effective entry names the instances that keep the old code
        // (`stale`): only those can refute it.
        const QString stale = entry.value("stale").toString();
        QList<const ProbeObservation *> telling;
        std::copy_if(matched.begin(), matched.end(), std::back_inserter(telling), [&](const ProbeObservation *o) {
            if (effective == false && stale == QLatin1String("existing") && !o->probe.createdBefore)
                return false;
            if (effective == false && stale == QLatin1String("new") && o->probe.createdBefore)
                return false;
            return o->tellsOldFromNew();
        });
        const bool anyStale = std::any_of(matched.begin(), matched.end(),
            [](const ProbeObservation *o) { return o->observed != o->probe.newMarker; });
        // A stale instance refutes `effective: true` whatever it returns; only a probe whose
        // marker changed can refute `effective: false`.
        if (!effective.isBool() || (telling.isEmpty() && !(effective.toBool() && anyStale))) {
            ++verdict.claimsUnchecked;
            continue;
        }
        ++verdict.claimsChecked;
        const bool allNew = effective.toBool()
            ? !anyStale
            : std::all_of(telling.begin(), telling.end(),
                [](const ProbeObservation *o) { return o->observed == o->probe.newMarker; });
        const QString claim = QStringLiteral("%1@%2 %3 effective:%4")
                                  .arg(name)
                                  .arg(line)
                                  .arg(change)
                                  .arg(effective.toBool() ? QStringLiteral("true") : QStringLiteral("false"));
        if (effective.toBool() && !allNew)
            fail(QStringLiteral("claim false: %1, but %2").arg(claim, describe(matched)));
        else if (!effective.toBool() && allNew)
            fail(QStringLiteral("claim false: %1, but every instance runs the new code: %2")
                     .arg(claim, describe(telling)));
    }

    // The status: `applied` only when every changed function runs its new code;
    // `blocked`, `compile-error` and a refused edit (`error`) only when none does.
    QList<const ProbeObservation *> changedStale, changedNew;
    for (const ProbeObservation &o : observations) {
        if (o.changed)
            (o.observed == o.probe.newMarker ? changedNew : changedStale) << &o;
    }
    if (changedStale.isEmpty() && changedNew.isEmpty()) {
        ++verdict.claimsUnchecked;
    } else {
        ++verdict.claimsChecked;
        if (status == QLatin1String("applied") && !changedStale.isEmpty())
            fail(QStringLiteral("status false: applied, but %1").arg(describe(changedStale)));
        else if ((status == QLatin1String("blocked") || status == QLatin1String("compile-error")
                     || status == QLatin1String("unchanged") || status == QLatin1String("error"))
            && !changedNew.isEmpty())
            fail(QStringLiteral("status false: %1, but %2").arg(status, describe(changedNew)));
    }
    return verdict;
}

QStringList checkConsistency(const QJsonObject &patch)
{
    const QString status = patch.value("status").toString();
    bool anyNotEffective = false;
    for (const QJsonValue &value : patch.value("functions").toArray()) {
        const QJsonObject entry = value.toObject();
        if (entry.value("change").toString() != QLatin1String("unchanged") && entry.value("effective") == false)
            anyNotEffective = true;
    }
    if (status == QLatin1String("applied") && anyNotEffective)
        return { QStringLiteral("report inconsistent: applied with a not-effective function") };
    if (status == QLatin1String("partial") && !anyNotEffective)
        return { QStringLiteral("report inconsistent: partial although every function says effective") };
    return {};
}
