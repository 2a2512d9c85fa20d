// SPDX-License-Identifier: MIT
#include "patch/patchengine.h"

#include "patch/liveeditengine.h"
#include "patch/swapengine.h"

namespace graft {

PatchEngine *createPatchEngine(
    PatchEngineKind kind, CdpClient *client, ScriptRegistry *registry, LiveInspector *inspector, QObject *parent)
{
    if (kind == PatchEngineKind::Swap)
        return new SwapEngine(client, registry, inspector, parent);
    return new LiveEditEngine(client, registry, inspector, parent);
}

} // namespace graft
