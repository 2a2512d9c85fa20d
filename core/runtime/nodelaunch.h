// SPDX-License-Identifier: MIT
#pragma once

// How a program runs on the user's own node (graft --node PATH): the node is
// asked its version first (which flags it takes, whether it is new enough), then
// started with Graft's agent preloaded. See app/agent/agent.js for the agent.

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace graft {

struct RuntimeLaunch;

struct NodeBinary
{
    QString path;
    QStringList leadingArguments; // before node's own: graft-runtime's --as-node
    QString version;              // e.g. "v22.23.5"
    int major = 0;
    QString error; // why it cannot run Graft's agent; empty when it can
    bool usable() const { return error.isEmpty(); }
};

// The oldest Node line the agent supports (worker_threads, connectToMainThread,
// structured error stacks all predate it; the embedded runtime is Node 18 too).
inline constexpr int kMinimumNodeMajor = 18;
// From this line on, V8 refuses Debugger.setScriptSource unless started with
// --inspector-live-edit (ENGINE.md, measured on Node 26.0 and 26.12).
inline constexpr int kLiveEditFlagMajor = 26;

// Runs `path [leadingArguments] --version` (a few ms) and says whether Graft can use it.
NodeBinary probeNodeBinary(const QString &path, const QStringList &leadingArguments = {});

// The node's command line: agent flags, the user's node options, the entry, its arguments.
QStringList nodeAgentArguments(const RuntimeLaunch &launch, const NodeBinary &node, const QString &agentPath);
// The agent's variables added to the program's environment (read and removed by
// the agent at once, so the program's children never see them). GRAFT_AGENT is
// "IN,OUT" and then its options as words, in any order: "exit-on-uncaught",
// "swap" (instrument each module for the swap engine as it loads).
QProcessEnvironment nodeAgentEnvironment(const RuntimeLaunch &launch, int protocolIn, int protocolOut);

// Where the agent's main script lives: beside graft in the build tree, or in
// share/graft/agent of the installation. Empty if neither exists.
QString defaultAgentPath();

} // namespace graft
