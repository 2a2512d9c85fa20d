// SPDX-License-Identifier: MIT
#include "patch/patchverifier.h"

#include "inspect/liveinspector.h"
#include "patch/changereport.h"

#include <QJsonArray>

#include <algorithm>

namespace graft {

namespace {

// Does the live value already equal what the new initializer says? Only simple
// literals can be compared without running the initializer.
bool liveMatchesSource(const RemoteValue &live, const QString &source)
{
    const QString trimmed = source.trimmed();
    if (live.type == QLatin1String("string") && trimmed.size() >= 2
        && (trimmed.front() == QLatin1Char('\'') || trimmed.front() == QLatin1Char('"'))
        && trimmed.back() == trimmed.front())
        return live.value.toString() == trimmed.mid(1, trimmed.size() - 2);
    if (live.type == QLatin1String("number") || live.type == QLatin1String("boolean"))
        return live.description == trimmed;
    return false;
}

void fillBindings(PatchReport &report, const QList<ScopeVariable> &variables)
{
    for (BindingChange &binding : report.bindings) {
        const auto variable = std::find_if(
            variables.begin(), variables.end(), [&](const ScopeVariable &v) { return v.name == binding.name; });
        if (variable != variables.end()) {
            binding.live = variable->value.display();
            binding.stale = !liveMatchesSource(variable->value, binding.source);
        } else if (!binding.live.startsWith(QLatin1String("(not defined"))) {
            binding.live = QStringLiteral("(not captured by any function: V8 keeps no live value)");
        }
    }
}

void applyCounts(PatchReport &report, const QList<int> &functionIndex, const QList<int> &counts)
{
    for (int k = 0; k < functionIndex.size(); ++k) {
        FunctionChange &change = report.functions[functionIndex[k]];
        const int withNew = counts[2 * k];
        const int withOld = counts[2 * k + 1];
        // The scan sees only what it can reach from the module's scope: it can
        // find an instance V8 left on the old code, but finding none does not
        // prove that V8's rule (the prediction) was wrong about the others.
        if (withOld > 0) {
            // Instances made before the patch; with closures that old code makes, all of them.
            change.stale = change.stale == QLatin1String("new") || change.stale == QLatin1String("all")
                ? QStringLiteral("all")
                : QStringLiteral("existing");
            change.effective = false;
            change.reason = QStringLiteral("%1 live instance(s) still run the old code%2")
                                .arg(withOld)
                                .arg(change.reason.isEmpty() ? QString() : QStringLiteral(": ") + change.reason);
        } else if (withNew > 0 && change.effective == true) {
            change.reason = QStringLiteral("verified: %1 live instance(s) run the new code").arg(withNew);
        }
    }
    deriveStatusFromVerdicts(report);
}

// Pairs of (new text, old text) for every changed function, in report order,
// and each pair's function in the report.
struct ChangedTexts
{
    QStringList texts;
    QList<int> functionIndex;
};

ChangedTexts changedTexts(const PatchReport &report, const QJsonObject &analysis)
{
    ChangedTexts changed;
    const QJsonArray functions = analysis.value(QLatin1String("functions")).toArray();
    for (int i = 0; i < functions.size() && i < report.functions.size(); ++i) {
        const QJsonObject f = functions.at(i).toObject();
        if (f.value(QLatin1String("change")) != QLatin1String("body"))
            continue;
        changed.texts << f.value(QLatin1String("text")).toString() << f.value(QLatin1String("oldText")).toString();
        changed.functionIndex << i;
    }
    return changed;
}

// Finds (once per script, by a heap walk) and then reuses a live function of the
// script, or the swap engine's evaluator of the module (no walk at all); hands
// on a temporary handle to it, or nothing if none is reachable.
void withScopeHolder(LiveInspector *inspector, const QString &scriptId, const QStringList &holderTexts,
    QObject *context, std::function<void(const QString &)> next)
{
    auto useKept = [inspector, context, next](const QString &keptId) {
        if (keptId.isEmpty()) {
            next({});
            return;
        }
        inspector->temporaryHandle(keptId, context, [next](const QString &handle, const QString &) { next(handle); });
    };
    const QString evaluator = inspector->moduleEvaluator(scriptId);
    const QString kept = evaluator.isEmpty() ? inspector->scopeHolder(scriptId) : evaluator;
    if (!kept.isEmpty() || holderTexts.isEmpty()) {
        useKept(kept);
        return;
    }
    inspector->findLiveFunction(
        holderTexts, scriptId, context,
        [inspector, scriptId, useKept](const QString &found, const QString &) {
            if (!found.isEmpty())
                inspector->setScopeHolder(scriptId, found);
            useKept(found);
        },
        true);
}

} // namespace

void verifyPatch(LiveInspector *inspector, PatchReport report, const QJsonObject &analysis, QObject *context,
    std::function<void(PatchReport)> done)
{
    auto shared = std::make_shared<PatchReport>(std::move(report));
    QStringList holderTexts;
    for (const QJsonValue &text : analysis.value(QLatin1String("scopeHolders")).toArray())
        holderTexts << text.toString();

    const ChangedTexts changed = changedTexts(*shared, analysis);
    const QStringList texts = changed.texts;
    const QList<int> functionIndex = changed.functionIndex;
    if (texts.isEmpty() && shared->bindings.isEmpty()) {
        done(*shared);
        return;
    }
    auto finish = [inspector, shared, done] {
        inspector->releaseObjects();
        done(*shared);
    };
    withScopeHolder(inspector, shared->scriptId, holderTexts, context, [=](const QString &holder) {
        if (holder.isEmpty()) {
            finish(); // no live instance reachable: the analysis's predictions stand
            return;
        }
        inspector->scopeListOf(holder, context, [=](bool, const QList<ScopeInfo> &scopes, const QString &) {
            const auto scope = std::find_if(scopes.begin(), scopes.end(),
                [](const ScopeInfo &s) { return !s.description.startsWith(QLatin1String("Global")); });
            if (scope == scopes.end()) {
                finish();
                return;
            }
            // The live values and the instance counts are independent: ask for both at once.
            // Values only when a binding changed: V8's previews of the scope's values
            // cost a walk of each (130 ms for an array of 1.5 million records).
            const bool readValues = !shared->bindings.isEmpty();
            auto pending = std::make_shared<int>(int(readValues) + int(!texts.isEmpty()));
            auto finishWhenBoth = [pending, finish] {
                if (--*pending == 0)
                    finish();
            };
            if (readValues) {
                inspector->propertiesOf(
                    scope->objectId, context, [shared, finishWhenBoth](bool, const QList<ScopeVariable> &variables) {
                        fillBindings(*shared, variables);
                        finishWhenBoth();
                    });
            }
            if (texts.isEmpty())
                return;
            inspector->countFunctionsInScope(
                scope->objectId, texts, context, [=](bool ok, const QList<int> &counts, const QString &) {
                    if (ok && counts.size() == texts.size())
                        applyCounts(*shared, functionIndex, counts);
                    finishWhenBoth();
                });
        });
    });
}

bool applyCheckedAnswer(PatchReport &report, const QJsonObject &analysis)
{
    const auto [texts, functionIndex] = changedTexts(report, analysis);
    if (texts.isEmpty() && report.bindings.isEmpty())
        return true;
    const QJsonValue checked = analysis.value(QLatin1String("checked"));
    if (!checked.isObject())
        return false;
    const QJsonArray countValues = checked.toObject().value(QLatin1String("counts")).toArray();
    const QJsonValue variables = checked.toObject().value(QLatin1String("variables"));
    // All of the check, or Graft asks itself.
    if (countValues.size() != texts.size() || (!report.bindings.isEmpty() && !variables.isArray()))
        return false;
    if (!report.bindings.isEmpty())
        fillBindings(report, LiveInspector::variablesFromProperties(variables.toArray()));
    if (!texts.isEmpty()) {
        QList<int> counts;
        for (const QJsonValue &value : countValues)
            counts.append(value.toInt());
        applyCounts(report, functionIndex, counts);
    }
    return true;
}

} // namespace graft
