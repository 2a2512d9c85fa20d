// SPDX-License-Identifier: MIT
#include "inspect/liveinspector.h"

#include "cdp/cdpclient.h"

#include <QJsonArray>
#include <QPointer>

namespace graft {

namespace {

const QString kObjectGroup = QStringLiteral("graft-inspect");
// Functions kept as windows onto their script's scope, one per script.
const QString kKeptGroup = QStringLiteral("graft-scope-holders");

// These run in the user's realm. Plain loops and built-ins taken up front: the
// program may have replaced Array.prototype methods.
const QString kCountInScope = QStringLiteral(R"JS(function (texts) {
  const toString = Function.prototype.toString;
  const ownNames = Object.getOwnPropertyNames;
  const describe = Object.getOwnPropertyDescriptor;
  const counts = [];
  for (let k = 0; k < texts.length; k++) counts[k] = 0;
  const seen = new WeakSet();
  function check(f) {
    if (typeof f !== 'function' || seen.has(f)) return;
    seen.add(f);
    let text;
    try { text = toString.call(f); } catch (e) { return; }
    for (let k = 0; k < texts.length; k++) if (texts[k] === text) counts[k]++;
  }
  function visit(o, depth) {
    if (o === null || (typeof o !== 'object' && typeof o !== 'function') || depth > 2) return;
    if (ArrayBuffer.isView(o)) return;
    // An array's first elements by index: its names would be one string per
    // element (a program's million-record array is in the scope the swap
    // engine's evaluator reads).
    if (Array.isArray(o)) {
      for (let i = 0; i < o.length && i < 1000; i++) {
        let v;
        try { v = o[i]; } catch (e) { continue; }
        check(v);
        visit(v, depth + 1);
      }
      return;
    }
    let names;
    try { names = ownNames(o); } catch (e) { return; }
    for (let i = 0; i < names.length && i < 1000; i++) {
      let d;
      try { d = describe(o, names[i]); } catch (e) { continue; }
      if (!d) continue;
      if ('value' in d) { check(d.value); visit(d.value, depth + 1); }
      else { check(d.get); check(d.set); }
    }
  }
  visit(this, 0);
  return counts;
})JS");

// Up to `limit` functions for each of the texts, in heap order (with limit 1,
// the first function with any of them, itself). Per text, so that a common
// text (`() => {}`) cannot crowd out a rarer one of the same script.
const QString kFindByText = QStringLiteral(R"JS(function (texts, limit) {
  const toString = Function.prototype.toString;
  const found = [];
  const counts = [];
  for (let k = 0; k < texts.length; k++) counts[k] = 0;
  for (let i = 0; i < this.length; i++) {
    let text;
    try { text = toString.call(this[i]); } catch (e) { continue; }
    for (let k = 0; k < texts.length; k++) {
      if (texts[k] !== text || counts[k] >= limit) continue;
      if (limit === 1) return this[i];
      counts[k]++;
      found[found.length] = this[i];
      break;
    }
  }
  return limit === 1 ? undefined : found;
})JS");
const QString kFunctionPrototype = QStringLiteral("function () { return Function.prototype; }");
const QString kSelf = QStringLiteral("function () { return this; }");
// How many same-text functions of other scripts may come before the wanted one.
constexpr int kCandidates = 16;
constexpr int kMethodNotFound = -32601;

QString objectIdOf(const CdpReply &reply)
{
    return reply.result.value(QLatin1String("result")).toObject().value(QLatin1String("objectId")).toString();
}

} // namespace

LiveInspector::LiveInspector(CdpClient *client, QObject *parent, const QString &target)
    : QObject(parent)
    , m_client(client)
    , m_target(target)
{
}

void LiveInspector::callFunctionOn(QJsonObject params, QObject *context, std::function<void(const CdpReply &)> done)
{
    if (!m_toolingCalls) {
        if (params.contains(QLatin1String("objectId"))) {
            request(QStringLiteral("Runtime.callFunctionOn"), params, context, std::move(done));
            return;
        }
        // Runtime.callFunctionOn needs a receiver; these helpers take no arguments.
        QJsonObject evaluate { { QStringLiteral("expression"),
            QStringLiteral("(") + params.value(QLatin1String("functionDeclaration")).toString()
                + QStringLiteral(")()") } };
        for (const char *key : { "objectGroup", "returnByValue" }) {
            if (params.contains(QLatin1String(key)))
                evaluate.insert(QLatin1String(key), params.value(QLatin1String(key)));
        }
        request(QStringLiteral("Runtime.evaluate"), evaluate, context, std::move(done));
        return;
    }
    request(
        QStringLiteral("Graft.callFunctionOn"), params, context, [this, params, context, done](const CdpReply &reply) {
            if (!reply.ok && reply.errorCode == kMethodNotFound) {
                m_toolingCalls = false; // another runtime: the protocol's own way
                callFunctionOn(params, context, done);
                return;
            }
            done(reply);
        });
}

void LiveInspector::withAllFunctions(QObject *context, std::function<void(const QString &, const QString &)> next)
{
    const QJsonObject prototype { { QStringLiteral("functionDeclaration"), kFunctionPrototype },
        { QStringLiteral("objectGroup"), kObjectGroup } };
    callFunctionOn(prototype, context, [this, context, next](const CdpReply &reply) {
        const QString prototypeId = objectIdOf(reply);
        if (!reply.ok || prototypeId.isEmpty()) {
            next({}, reply.ok ? QStringLiteral("Function.prototype is not reachable") : reply.errorMessage);
            return;
        }
        const QJsonObject query { { QStringLiteral("prototypeObjectId"), prototypeId },
            { QStringLiteral("objectGroup"), kObjectGroup } };
        request(QStringLiteral("Runtime.queryObjects"), query, context, [next](const CdpReply &objects) {
            next(objects.result.value(QLatin1String("objects")).toObject().value(QLatin1String("objectId")).toString(),
                objects.ok ? QString() : objects.errorMessage);
        });
    });
}

QString LiveInspector::countInScopeFunction() { return kCountInScope; }

void LiveInspector::countFunctionsInScope(
    const QString &scopeObjectId, const QStringList &texts, QObject *context, CountsHandler done)
{
    const QJsonObject params { { QStringLiteral("objectId"), scopeObjectId },
        { QStringLiteral("functionDeclaration"), kCountInScope },
        { QStringLiteral("arguments"),
            QJsonArray { QJsonObject { { QStringLiteral("value"), QJsonArray::fromStringList(texts) } } } },
        { QStringLiteral("returnByValue"), true } };
    callFunctionOn(params, context, [done](const CdpReply &reply) {
        QList<int> counts;
        const QJsonArray values
            = reply.result.value(QLatin1String("result")).toObject().value(QLatin1String("value")).toArray();
        for (const QJsonValue &value : values)
            counts.append(value.toInt());
        done(reply.ok && !reply.result.contains(QLatin1String("exceptionDetails")), counts, reply.errorMessage);
    });
}

void LiveInspector::findLiveFunction(
    const QStringList &texts, const QString &scriptId, QObject *context, FunctionHandler done, bool keep)
{
    withAllFunctions(context, [=, this](const QString &arrayId, const QString &error) {
        if (arrayId.isEmpty()) {
            done({}, error);
            return;
        }
        const bool anyScript = scriptId.isEmpty();
        const QJsonObject params { { QStringLiteral("objectId"), arrayId },
            { QStringLiteral("functionDeclaration"), kFindByText },
            { QStringLiteral("arguments"),
                QJsonArray { QJsonObject { { QStringLiteral("value"), QJsonArray::fromStringList(texts) } },
                    QJsonObject { { QStringLiteral("value"), anyScript ? 1 : kCandidates } } } },
            { QStringLiteral("objectGroup"), keep && anyScript ? kKeptGroup : kObjectGroup } };
        callFunctionOn(params, context, [=, this](const CdpReply &reply) {
            const QString found = objectIdOf(reply);
            if (!anyScript && !found.isEmpty()) {
                pickFromScript(found, scriptId, context, keep, done);
                return;
            }
            if (keep)
                releaseObjects(); // the array of every function; the kept answer lives on
            done(found, found.isEmpty() ? QStringLiteral("no live instance of this function") : QString());
        });
    });
}

void LiveInspector::pickFromScript(
    const QString &arrayId, const QString &scriptId, QObject *context, bool keep, FunctionHandler done)
{
    auto answer = [this, keep, done](const QString &objectId) {
        if (objectId.isEmpty()) {
            if (keep)
                releaseObjects();
            done({}, QStringLiteral("no live instance of this function in its script"));
            return;
        }
        if (!keep) {
            done(objectId, {});
            return;
        }
        const QJsonObject params { { QStringLiteral("objectId"), objectId },
            { QStringLiteral("functionDeclaration"), kSelf }, { QStringLiteral("objectGroup"), kKeptGroup } };
        callFunctionOn(params, this, [this, done](const CdpReply &reply) {
            releaseObjects();
            const QString kept = objectIdOf(reply);
            done(kept, kept.isEmpty() ? reply.errorMessage : QString());
        });
    };
    request(QStringLiteral("Runtime.getProperties"),
        { { QStringLiteral("objectId"), arrayId }, { QStringLiteral("ownProperties"), true } }, context,
        [this, scriptId, context, answer](const CdpReply &reply) {
            QStringList candidates;
            for (const QJsonValue &value : reply.result.value(QLatin1String("result")).toArray()) {
                bool index = false;
                const int at = value.toObject().value(QLatin1String("name")).toString().toInt(&index);
                const QString id = value.toObject()
                                       .value(QLatin1String("value"))
                                       .toObject()
                                       .value(QLatin1String("objectId"))
                                       .toString();
                if (index && !id.isEmpty()) {
                    while (candidates.size() <= at)
                        candidates.append(QString());
                    candidates[at] = id;
                }
            }
            candidates.removeAll(QString());
            if (candidates.isEmpty()) {
                answer({});
                return;
            }
            // Ask for every candidate's location at once; the first in heap order wins.
            auto locations = std::make_shared<QStringList>(candidates.size());
            auto remaining = std::make_shared<int>(static_cast<int>(candidates.size()));
            for (int i = 0; i < candidates.size(); ++i) {
                request(QStringLiteral("Runtime.getProperties"),
                    { { QStringLiteral("objectId"), candidates[i] }, { QStringLiteral("ownProperties"), true } },
                    context, [=](const CdpReply &properties) {
                        for (const QJsonValue &p :
                            properties.result.value(QLatin1String("internalProperties")).toArray()) {
                            if (p.toObject().value(QLatin1String("name")) == QLatin1String("[[FunctionLocation]]"))
                                (*locations)[i] = p.toObject()
                                                      .value(QLatin1String("value"))
                                                      .toObject()
                                                      .value(QLatin1String("value"))
                                                      .toObject()
                                                      .value(QLatin1String("scriptId"))
                                                      .toString();
                        }
                        if (--*remaining > 0)
                            return;
                        const qsizetype match = locations->indexOf(scriptId);
                        answer(match < 0 ? QString() : candidates[match]);
                    });
            }
        });
}

void LiveInspector::temporaryHandle(const QString &objectId, QObject *context, FunctionHandler done)
{
    // Values read through a handle belong to the handle's group: read a kept
    // function through a temporary handle so those values can be released.
    const QJsonObject params { { QStringLiteral("objectId"), objectId },
        { QStringLiteral("functionDeclaration"), kSelf }, { QStringLiteral("objectGroup"), kObjectGroup } };
    callFunctionOn(params, context, [done](const CdpReply &reply) {
        done(reply.result.value(QLatin1String("result")).toObject().value(QLatin1String("objectId")).toString(),
            reply.errorMessage);
    });
}

void LiveInspector::setScopeHolder(const QString &scriptId, const QString &objectId)
{
    if (objectId.isEmpty() || m_scopeHolders.value(scriptId) == objectId)
        return;
    request(QStringLiteral("Runtime.getProperties"),
        { { QStringLiteral("objectId"), objectId }, { QStringLiteral("ownProperties"), true } }, this,
        [this, scriptId, objectId](const CdpReply &reply) {
            for (const QJsonValue &p : reply.result.value(QLatin1String("internalProperties")).toArray()) {
                const QJsonObject property = p.toObject();
                if (property.value(QLatin1String("name")) == QLatin1String("[[FunctionLocation]]")
                    && property.value(QLatin1String("value"))
                            .toObject()
                            .value(QLatin1String("value"))
                            .toObject()
                            .value(QLatin1String("scriptId"))
                            .toString()
                        == scriptId) {
                    m_scopeHolders.insert(scriptId, objectId);
                    return;
                }
            }
        });
}

void LiveInspector::releaseObjects()
{
    // Handles of one inspection must outlive another's end: the group is freed
    // once no call of any inspection is waiting for its answer (the Closures
    // pane, the console and a patch's verification inspect side by side).
    if (m_callsInFlight > 0) {
        m_releasePending = true;
        return;
    }
    m_releasePending = false;
    m_client->callOn(m_target, QStringLiteral("Runtime.releaseObjectGroup"),
        { { QStringLiteral("objectGroup"), kObjectGroup } }, this, {});
}

void LiveInspector::request(
    const QString &method, const QJsonObject &params, QObject *context, std::function<void(const CdpReply &)> done)
{
    ++m_callsInFlight;
    QPointer<QObject> guard(context);
    // `this` as the call's context, so that the count drops even when the
    // caller is gone; the caller's answer only while it lives. The answer runs
    // first: the next call of the same inspection is made in it.
    m_client->callOn(
        m_target, method, params, this, [this, guard, hadContext = context != nullptr, done](const CdpReply &reply) {
            if (done && (guard || !hadContext))
                done(reply);
            if (--m_callsInFlight == 0 && m_releasePending)
                releaseObjects();
        });
}

} // namespace graft
