// SPDX-License-Identifier: MIT
#pragma once

#include "cdp/cdptypes.h"

#include <QJsonArray>
#include <QJsonObject>

#include <functional>

namespace graft {

class CdpClient;

// A live value as the console shows it, DevTools-style, and as headless `eval`
// answers it: type, subtype, className, description, the REPL's text (`value`),
// `objectId` to expand it by, and for objects a `preview`: `properties`
// [{name, type, subtype?, value}] (an array's elements, an object's fields, a
// promise's [[PromiseState]] and [[PromiseResult]]), `entries` [{key?, value}]
// for maps and sets, and `overflow` when the preview left some out.
QJsonObject valueJson(const RemoteValue &value);

// The own properties of a remote object, each with its value's preview (so a
// value shows one level deeper than its parent's preview), internal ones
// ([[Entries]], [[PromiseResult]], [[Target]], ...) marked `internal`.
// Accessors are listed without being called (no program code runs).
void expandObject(CdpClient *client, const QString &objectId, QObject *context,
    std::function<void(bool ok, const QJsonArray &properties, const QString &error)> done);

} // namespace graft
