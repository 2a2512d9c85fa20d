// SPDX-License-Identifier: MIT
#pragma once

// Which runtime runs the programs of a folder (Run ▸ Select Runtime…): Graft's
// embedded runtime (Node 18, V8 10.2), the `node` the shell would run, or a
// chosen node binary, through Graft's agent; and which engine patches them.
// Remembered per folder, because a project pins its Node line (its .nvmrc, its
// engines field), not the user.

#include "patch/enginekind.h"

#include <QString>

namespace graft {

struct RuntimeChoice
{
    enum class Kind { Embedded, NodeOnPath, Binary };
    Kind kind = Kind::Embedded;
    QString binary; // for Binary: the node executable
    // Swap runs on every runtime Graft starts; MainWindow falls back to
    // LiveEdit, and says so, where the launch cannot have it.
    PatchEngineKind engine = PatchEngineKind::LiveEdit;

    // The folder's choice; the embedded runtime where nothing was chosen.
    static RuntimeChoice forFolder(const QString &folder);
    static void setForFolder(const QString &folder, const RuntimeChoice &choice);

    // The node to start the program on; empty for the embedded runtime, and
    // empty with `error` set when the choice cannot be used (no node on PATH).
    QString nodePath(QString *error = nullptr) const;
    // For menus and the status bar: "embedded", "node on PATH", the binary's path.
    QString describe() const;
    bool usesNode() const { return kind != Kind::Embedded; }

    bool operator==(const RuntimeChoice &other) const = default;
};

} // namespace graft
