// SPDX-License-Identifier: MIT
#pragma once

#include "patch/enginekind.h"
#include "patch/patchreport.h"

#include <QObject>

#include <functional>

namespace graft {

class CdpClient;
class LiveInspector;
class ScriptRegistry;

// How one patch reaches the program, once PatchPipeline has read the file, found
// its script and seen that the running source differs: the engine sends the new
// source, fills in the report's status, functions, bindings, error and timings,
// and hands it back. Reading, queueing, other threads and history stay the
// pipeline's, so reports look the same whichever engine made them.
class PatchEngine : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(PatchReport)>;
    using QObject::QObject;

    virtual PatchEngineKind kind() const = 0;
    // `report` carries file, scriptId, previousSource and newSource; `done` is
    // called exactly once, also when the program is gone meanwhile.
    virtual void apply(PatchReport report, bool isModule, Done done) = 0;
    // The V8 the program runs on, as the runtime said when it started.
    virtual void setRuntimeV8Version(const QString &version) { Q_UNUSED(version); }
};

// The engine of `kind`, owned by `parent`.
PatchEngine *createPatchEngine(
    PatchEngineKind kind, CdpClient *client, ScriptRegistry *registry, LiveInspector *inspector, QObject *parent);

} // namespace graft
