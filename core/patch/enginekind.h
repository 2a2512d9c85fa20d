// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <optional>

namespace graft {

// How a save reaches the running program. LiveEdit: V8's Debugger.setScriptSource
// (every runtime). Swap: Graft's own load-time indirection, in which the agent
// gives each module's functions a slot that a patch replaces; it needs the agent
// from the module's first load on, so only a program Graft starts on the user's
// own node (--node) can have it.
enum class PatchEngineKind { LiveEdit, Swap };

// "liveedit" or "swap", as --engine takes it and headless `ready` says it.
QString engineKindName(PatchEngineKind kind);
std::optional<PatchEngineKind> engineKindFromName(const QString &name);

} // namespace graft
