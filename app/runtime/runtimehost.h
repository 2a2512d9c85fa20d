// SPDX-License-Identifier: MIT
#pragma once

// Runs one Node program on this thread (the isolate's thread) with our inspector,
// and accepts work from the pipe reader thread. Threading rules (ENGINE.md):
//  - messages reach the isolate through uv_async while JS is idle, and through
//    v8::Isolate::RequestInterrupt when JS stays busy (never node::RequestInterrupt);
//  - a stop clears Node's async-id stack inside the runaway before TerminateExecution,
//    and termination is cancelled only at points where no JS is on the stack.

#include "messagequeue.h"
#include "pipewriter.h"

#include <nlohmann/json.hpp>
#include <node.h>
#include <uv.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace graft::runtime {

class AnalysisWorker;
class InspectorBridge;
class WorkerTargets;

struct HostOptions
{
    std::string entry;           // absolute path of the program's entry script
    bool exitOnUncaught = false; // Node's own behaviour instead of report-and-continue
    bool protocol = false;       // speak CDP on the fds below and wait for the app
    std::string workerBridge;    // the agent's worker-bridge.js, preloaded (empty: Workers unreached)
    int protocolInFd = 3;
    int protocolOutFd = 4;
};

class RuntimeHost
{
public:
    RuntimeHost(node::MultiIsolatePlatform *platform, HostOptions options);
    ~RuntimeHost();

    int run(const std::vector<std::string> &args, const std::vector<std::string> &execArgs);

    // Reader thread entry points.
    void deliver(std::string message);
    void requestStop(nlohmann::json id);
    void requestShutdown();
    void requestAnalysis(long long id, std::string paramsJson);
    PipeWriter &writer() { return m_writer; }
    WorkerTargets *workers() { return m_workers.get(); }

private:
    static constexpr const char *kNothingRunning = "No JavaScript was running.";

    v8::MaybeLocal<v8::Value> startProgram(const node::StartExecutionCallbackInfo &info);
    void installLoopHooks(uv_loop_t *loop);
    void closeLoopHooks();
    enum class Path { Idle, Interrupt };
    void drainMessages(Path path);
    void cancelStaleTermination();
    void answerStops(bool terminated, const char *message, const nlohmann::json &interrupted = {});
    nlohmann::json currentFrames();
    void terminateRunningScript(const char *reason);
    void notify(const char *method, const nlohmann::json &params);

    static void onMessagesAsync(uv_async_t *handle);
    static void onStopAsync(uv_async_t *handle);
    static void onMessagesInterrupt(v8::Isolate *isolate, void *data);
    static void onStopInterrupt(v8::Isolate *isolate, void *data);
    void watchScriptEntries();
    void unwatchScriptEntries();
    static void onScriptEntered(v8::Isolate *isolate);
    static void onScriptCompleted(v8::Isolate *isolate);
    static void onLoopCheckpoint(uv_prepare_t *handle);
    static void onLoopCheck(uv_check_t *handle);
    static size_t onNearHeapLimit(void *data, size_t currentLimit, size_t initialLimit);
    static void reportException(const v8::FunctionCallbackInfo<v8::Value> &info);
    static void setClearAsyncIdStack(const v8::FunctionCallbackInfo<v8::Value> &info);
    static void fileLoaded(const v8::FunctionCallbackInfo<v8::Value> &info);

    node::MultiIsolatePlatform *m_platform;
    HostOptions m_options;
    MessageQueue m_queue;
    PipeWriter m_writer;
    std::unique_ptr<AnalysisWorker> m_analysis; // with the protocol only
    std::unique_ptr<WorkerTargets> m_workers;   // with the protocol only

    // Isolate-thread state.
    v8::Isolate *m_isolate = nullptr;
    node::Environment *m_env = nullptr;
    std::unique_ptr<InspectorBridge> m_inspector;
    v8::Global<v8::Function> m_clearAsyncIdStack;
    uv_async_t m_messagesAsync {};
    uv_async_t m_stopAsync {};
    uv_prepare_t m_prepare {};
    uv_check_t m_check {};
    bool m_loopHooksInstalled = false;
    int m_exitCode = 0;
    bool m_exitRequested = false;
    bool m_heapLimitRaised = false;
    bool m_inIdleDispatch = false;
    std::chrono::steady_clock::time_point m_idleDispatchStart;
    // Whether JavaScript runs now, and since when its outermost call began: a
    // stop asked for before that began while none ran, so it ends nothing.
    bool m_inScript = false;
    std::chrono::steady_clock::time_point m_scriptEnteredAt;

    // Shared with the reader thread.
    std::atomic<bool> m_killIssued { false };
    std::atomic<bool> m_isolateReady { false };
    std::mutex m_stopMutex;
    std::vector<nlohmann::json> m_pendingStops; // ids of stop requests not yet answered
    std::chrono::steady_clock::time_point m_lastStopRequestedAt;
    bool m_shutdownRequested = false;
    const char *m_terminationReason = "stop";
};

} // namespace graft::runtime
