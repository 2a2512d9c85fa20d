// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace graft {

// The outcome of one save, as DESIGN.md names it in the headless contract.
enum class PatchStatus { Applied, Partial, CompileError, Blocked, Unchanged, NotLoaded, Error };

QString patchStatusName(PatchStatus status);

struct FunctionChange
{
    QString name;
    int line = 0;
    QString change; // "body", "added", "removed", "unchanged"
    std::optional<bool> effective;
    QString reason;
    // Not effective: which instances keep the old code — "existing" (made before
    // the patch), "new" (made from now on, by code V8 left behind) or "all".
    QString stale;
};

struct BindingChange
{
    QString name;
    int line = 0;
    QString source; // the new initializer's text
    QString live;   // the live value, as the inspector describes it
    bool stale = false;
};

// What one thread made of a patch: a file loaded by the main thread and by
// workers runs as a script on each, and each gets the new source.
struct ThreadPatch
{
    QString thread; // "main" or "worker N"
    PatchStatus status = PatchStatus::Error;
    QString message;
};

struct PatchReport
{
    QString file;
    QString scriptId;
    PatchStatus status = PatchStatus::Error;
    QString message;       // a readable summary or the error's text
    int errorLine = 0;     // 1-based, compile errors only
    int errorColumn = 0;   // 1-based
    double ms = 0;         // the whole patch: read, apply, report
    double applyMs = 0;    // inside Debugger.setScriptSource
    double analysisMs = 0; // Graft's change analysis, before V8 sees the edit
    QDateTime when;
    QString previousSource; // what V8 ran before, for revert
    QString newSource;
    QList<FunctionChange> functions;
    QList<BindingChange> bindings;
    // Every thread the new source was sent to, the one analysed and verified
    // (scriptId's) first; empty when it reached none.
    QList<ThreadPatch> threads;
    // A blocked patch that Graft applies by itself once its blocking frames are
    // gone (LiveSession's BlockedRetry); `attempts` counts the tries it took.
    bool retry = false;
    // Not sent to V8 at all: the edit would have harmed the program (see message).
    bool refused = false;
    int attempts = 0;

    bool succeeded() const { return status == PatchStatus::Applied || status == PatchStatus::Partial; }
    // What a long history keeps of a patch: not its sources (unless asked, for
    // revert), nor the functions it left unchanged (a file's every function, for
    // every patch: the larger part of a report).
    void compactForHistory(bool keepSources);
    // The `patch` event's body (without "event"), as the headless contract specifies.
    QJsonObject toJson() const;
};

} // namespace graft
