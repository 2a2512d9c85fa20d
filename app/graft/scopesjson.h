// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QString>

namespace graft {

struct BindingChange;
struct FunctionScopes;

// The headless answer to `scopes` (by function or line, or by paused frame):
// the function and its scopes' variables. A variable that the latest patch
// reported as a changed top-level binding also carries what the source says
// (`source`) and whether the live value is stale.
QJsonObject scopesAnswerJson(const FunctionScopes &answer, const QHash<QString, BindingChange> &changedBindings = {});

} // namespace graft
