// SPDX-License-Identifier: MIT
#pragma once

// The NodeWorker domain for the embedded runtime. Node's own inspector agent is
// off on the main thread (we run V8's inspector there ourselves), so nothing
// answers NodeWorker.*; a Worker's thread does get Node's agent, though. The
// agent's worker-bridge.js, preloaded into each Worker, starts a relay thread
// that drives the Worker's inspector (connectToMainThread() from a Worker's own
// Worker reaches that Worker) and reaches us through the linked binding
// "graft_workers": the app then sees each Worker as Node's NodeWorker shows it.

#include "pipewriter.h"

#include <nlohmann/json.hpp>
#include <node.h>
#include <uv.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace graft::runtime {

class WorkerTargets
{
public:
    explicit WorkerTargets(PipeWriter &writer);
    ~WorkerTargets();

    // Isolate thread, before the program runs: Workers find the binding through their parent.
    void install(node::Environment *env);
    // Reader thread: a NodeWorker.* request of the app.
    void handle(const nlohmann::json &id, const std::string &method, const nlohmann::json &params);

private:
    struct Target;
    static void initBinding(
        v8::Local<v8::Object> exports, v8::Local<v8::Value>, v8::Local<v8::Context> context, void *priv);
    static void attach(const v8::FunctionCallbackInfo<v8::Value> &info);
    static void send(const v8::FunctionCallbackInfo<v8::Value> &info);
    static void onInbox(uv_async_t *handle);
    static void onRelayCleanup(void *data);
    void announce(Target &target); // m_mutex held
    void reply(const nlohmann::json &id, const nlohmann::json &result);

    PipeWriter &m_writer;
    std::mutex m_mutex;
    std::map<std::string, std::shared_ptr<Target>> m_targets;
    bool m_enabled = false;
    bool m_waitForDebuggerOnStart = false;
    long long m_nextSession = 1;
};

} // namespace graft::runtime
