// SPDX-License-Identifier: MIT
#pragma once

// Our own V8 inspector on Node's isolate (the environment is created with
// kNoCreateInspector, so Node opens no port and nobody else can attach).
// Lives on the isolate thread; every method here must be called there.

#include <v8-inspector.h>
#include <v8.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace node {
class MultiIsolatePlatform;
}

namespace graft::runtime {

class MessageQueue;
class PipeWriter;
class ToolingCalls;

class InspectorBridge final : public v8_inspector::V8InspectorClient, public v8_inspector::V8Inspector::Channel
{
public:
    InspectorBridge(v8::Isolate *isolate, v8::Local<v8::Context> context, node::MultiIsolatePlatform *platform,
        MessageQueue &queue, PipeWriter &writer, const std::string &hiddenScript);
    ~InspectorBridge() override;

    void dispatch(const std::string &message);
    // Pumps the queue until the app sends Runtime.runIfWaitingForDebugger
    // (or the pipe closes), so that it sees every script from the first one.
    void waitForDebugger();
    void reportUncaughtException(
        v8::Local<v8::Context> context, v8::Local<v8::Value> error, const std::string &description);

    // V8InspectorClient
    void runMessageLoopOnPause(int contextGroupId) override;
    void quitMessageLoopOnPause() override;
    void runIfWaitingForDebugger(int contextGroupId) override;
    v8::Local<v8::Context> ensureDefaultContextInGroup(int contextGroupId) override;
    double currentTimeMS() override;

    // V8Inspector::Channel
    void sendResponse(int callId, std::unique_ptr<v8_inspector::StringBuffer> message) override;
    void sendNotification(std::unique_ptr<v8_inspector::StringBuffer> message) override;
    void flushProtocolNotifications() override { }

private:
    // Dispatches queued messages on this thread while `condition` holds (pause, wait).
    void pumpWhile(const bool &condition);

    v8::Isolate *m_isolate;
    v8::Global<v8::Context> m_context;
    node::MultiIsolatePlatform *m_platform;
    MessageQueue &m_queue;
    PipeWriter &m_writer;
    std::string m_hiddenScriptUrl; // the worker bridge preload: Graft's, not the program's
    std::unique_ptr<v8_inspector::V8Inspector> m_inspector;
    std::unique_ptr<v8_inspector::V8InspectorSession> m_session;
    std::unique_ptr<ToolingCalls> m_tooling;
    bool m_paused = false;
    bool m_waitingForDebugger = false;
};

} // namespace graft::runtime
