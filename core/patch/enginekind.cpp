// SPDX-License-Identifier: MIT
#include "patch/enginekind.h"

namespace graft {

QString engineKindName(PatchEngineKind kind)
{
    return kind == PatchEngineKind::Swap ? QStringLiteral("swap") : QStringLiteral("liveedit");
}

std::optional<PatchEngineKind> engineKindFromName(const QString &name)
{
    if (name == QLatin1String("liveedit"))
        return PatchEngineKind::LiveEdit;
    if (name == QLatin1String("swap"))
        return PatchEngineKind::Swap;
    return std::nullopt;
}

} // namespace graft
