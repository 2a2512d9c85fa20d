// SPDX-License-Identifier: MIT
#include "patch/patchengine.h"

#include "patch/liveeditengine.h"

namespace graft {

PatchEngine *createPatchEngine(
    PatchEngineKind kind, CdpClient *client, ScriptRegistry *registry, LiveInspector *inspector, QObject *parent)
{
    Q_UNUSED(kind);
    return new LiveEditEngine(client, registry, inspector, parent);
}

} // namespace graft
