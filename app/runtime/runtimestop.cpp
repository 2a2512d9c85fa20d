// SPDX-License-Identifier: MIT
// RuntimeHost, part two: stopping runaway code (ENGINE.md, "Stopping runaway
// code inside a Node environment"), shutting down, and the heap-limit guard.
// runtimehost.cpp holds the environment, the loop hooks and the messages.
#include "runtimehost.h"

#include "inspectorbridge.h"

namespace graft::runtime {

namespace {

// How long an evaluation requested by the app may run before a stop ends it.
constexpr auto kToolingGrace = std::chrono::milliseconds(100);

// V8's call-entry callbacks take no data: the one host whose main isolate they watch.
RuntimeHost *s_scriptWatcher = nullptr;

} // namespace

void RuntimeHost::requestStop(nlohmann::json id)
{
    {
        std::lock_guard lock(m_stopMutex);
        m_pendingStops.push_back(std::move(id));
        m_lastStopRequestedAt = std::chrono::steady_clock::now();
    }
    if (!m_isolateReady)
        return;
    // Whichever runs first decides: the interrupt only runs inside JavaScript,
    // the async only while no JavaScript runs. The interrupt stays requested
    // after the async answered, and then runs in the next JavaScript: a
    // callback that began after the request (onStopInterrupt).
    m_isolate->RequestInterrupt(onStopInterrupt, this);
    uv_async_send(&m_stopAsync);
}

void RuntimeHost::requestShutdown()
{
    {
        std::lock_guard lock(m_stopMutex);
        m_shutdownRequested = true;
    }
    m_queue.close();
    if (!m_isolateReady)
        return;
    m_isolate->RequestInterrupt(onStopInterrupt, this);
    uv_async_send(&m_stopAsync);
}

void RuntimeHost::answerStops(bool terminated, const char *message, const nlohmann::json &interrupted)
{
    std::vector<nlohmann::json> ids;
    {
        std::lock_guard lock(m_stopMutex);
        ids.swap(m_pendingStops);
    }
    nlohmann::json result { { "terminated", terminated }, { "message", message } };
    if (!interrupted.empty())
        result["interrupted"] = interrupted;
    for (const nlohmann::json &id : ids)
        m_writer.send(nlohmann::json { { "id", id }, { "result", result } }.dump());
}

nlohmann::json RuntimeHost::currentFrames()
{
    // The frames of the code about to be ended, innermost first, so the app can
    // say what was lost (a timer's callback, an I/O handler, the top level).
    v8::HandleScope handleScope(m_isolate);
    nlohmann::json frames = nlohmann::json::array();
    const v8::Local<v8::StackTrace> trace = v8::StackTrace::CurrentStackTrace(m_isolate, 16);
    for (int i = 0; i < trace->GetFrameCount(); ++i) {
        const v8::Local<v8::StackFrame> frame = trace->GetFrame(m_isolate, i);
        const v8::String::Utf8Value name(m_isolate, frame->GetFunctionName());
        const v8::String::Utf8Value url(m_isolate, frame->GetScriptNameOrSourceURL());
        frames.push_back({ { "functionName", *name ? *name : "" }, { "url", *url ? *url : "" },
            { "lineNumber", frame->GetLineNumber() - 1 }, { "columnNumber", frame->GetColumn() - 1 } });
    }
    return frames;
}

void RuntimeHost::terminateRunningScript(const char *reason)
{
    v8::HandleScope handleScope(m_isolate);
    if (!m_clearAsyncIdStack.IsEmpty()) {
        v8::TryCatch tryCatch(m_isolate);
        v8::Local<v8::Context> context = m_isolate->GetCurrentContext();
        if (m_clearAsyncIdStack.Get(m_isolate)->Call(context, v8::Undefined(m_isolate), 0, nullptr).IsEmpty())
            std::fprintf(stderr, "graft-runtime: could not clear the async id stack\n");
    }
    m_killIssued = true;
    m_isolate->TerminateExecution();
    // An interrupted callback may have been the last thing the loop waited for
    // (the only interval): the program stays open, so the session and its state
    // live on until the user ends it.
    if (std::string_view(reason) == "stop")
        uv_ref(reinterpret_cast<uv_handle_t *>(&m_stopAsync));
    notify("Graft.scriptTerminated", { { "reason", reason } });
}

void RuntimeHost::onStopInterrupt(v8::Isolate *, void *data)
{
    auto *host = static_cast<RuntimeHost *>(data);
    bool shutdown = false;
    bool stopPending = false;
    bool heapKill = false;
    std::chrono::steady_clock::time_point lastStopAt;
    {
        std::lock_guard lock(host->m_stopMutex);
        shutdown = host->m_shutdownRequested;
        stopPending = !host->m_pendingStops.empty();
        heapKill = host->m_terminationReason == std::string_view("heap-limit");
        host->m_terminationReason = "stop";
        lastStopAt = host->m_lastStopRequestedAt;
    }
    if (shutdown) {
        node::Stop(host->m_env);
        return;
    }
    if (host->m_inIdleDispatch && !heapKill
        && std::chrono::steady_clock::now() - host->m_idleDispatchStart < kToolingGrace) {
        // Our own evaluation is running, not the user's program: let a short one
        // finish (the stop is then answered as idle), stop a runaway one.
        host->m_isolate->RequestInterrupt(onStopInterrupt, host);
        return;
    }
    if (!stopPending && !heapKill)
        return; // an earlier stop was already answered while idle
    if (!heapKill && host->m_inScript && lastStopAt < host->m_scriptEnteredAt) {
        // Every stop waiting was asked for before this JavaScript began, while
        // none ran (the loop was on its way to a timer): nothing to end.
        host->answerStops(false, kNothingRunning);
        return;
    }
    const nlohmann::json frames = host->currentFrames();
    host->terminateRunningScript(heapKill ? "heap-limit" : "stop");
    host->answerStops(
        true, heapKill ? "The script was terminated: heap limit reached." : "The running script was stopped.", frames);
}

void RuntimeHost::onStopAsync(uv_async_t *handle)
{
    auto *host = static_cast<RuntimeHost *>(handle->data);
    bool shutdown = false;
    {
        std::lock_guard lock(host->m_stopMutex);
        shutdown = host->m_shutdownRequested;
    }
    if (shutdown) {
        host->m_exitRequested = true;
        node::Stop(host->m_env);
        return;
    }
    host->answerStops(false, kNothingRunning);
}

void RuntimeHost::watchScriptEntries()
{
    s_scriptWatcher = this;
    m_isolate->AddBeforeCallEnteredCallback(onScriptEntered);
    m_isolate->AddCallCompletedCallback(onScriptCompleted);
}

void RuntimeHost::unwatchScriptEntries()
{
    m_isolate->RemoveBeforeCallEnteredCallback(onScriptEntered);
    m_isolate->RemoveCallCompletedCallback(onScriptCompleted);
    s_scriptWatcher = nullptr;
}

void RuntimeHost::onScriptEntered(v8::Isolate *isolate)
{
    // Called at every entry into V8's API, nested ones too; only the outermost
    // starts the clock. Microtasks run outside any call: m_inScript stays false
    // in them, and in the calls they make, so a stop ends them as before.
    RuntimeHost *host = s_scriptWatcher;
    if (!host || host->m_inScript || v8::MicrotasksScope::IsRunningMicrotasks(isolate))
        return;
    host->m_inScript = true;
    host->m_scriptEnteredAt = std::chrono::steady_clock::now();
}

void RuntimeHost::onScriptCompleted(v8::Isolate *)
{
    if (RuntimeHost *host = s_scriptWatcher)
        host->m_inScript = false;
}

void RuntimeHost::cancelStaleTermination()
{
    if (m_exitRequested)
        return; // node::Stop's termination must stand
    // IsExecutionTerminating() alone is not enough: it stays true in the stuck
    // microtask case and is false after a kill that landed while idle (ENGINE.md).
    if (m_killIssued.exchange(false) || m_isolate->IsExecutionTerminating())
        m_isolate->CancelTerminateExecution();
    if (m_heapLimitRaised) {
        // Re-arm the guard for the next incident; the raised limit stays in force.
        m_isolate->RemoveNearHeapLimitCallback(onNearHeapLimit, 0);
        m_isolate->AddNearHeapLimitCallback(onNearHeapLimit, this);
        m_heapLimitRaised = false;
    }
}

void RuntimeHost::onLoopCheckpoint(uv_prepare_t *handle)
{
    static_cast<RuntimeHost *>(handle->data)->cancelStaleTermination();
}

void RuntimeHost::onLoopCheck(uv_check_t *handle)
{
    static_cast<RuntimeHost *>(handle->data)->cancelStaleTermination();
}

size_t RuntimeHost::onNearHeapLimit(void *data, size_t currentLimit, size_t)
{
    auto *host = static_cast<RuntimeHost *>(data);
    if (!host->m_heapLimitRaised) {
        // Give the script room to reach an interrupt check, where it is terminated
        // the same safe way as a stop (no JavaScript may run inside a GC).
        host->m_heapLimitRaised = true;
        {
            std::lock_guard lock(host->m_stopMutex);
            host->m_terminationReason = "heap-limit";
        }
        host->m_isolate->RequestInterrupt(onStopInterrupt, host);
        return currentLimit * 2;
    }
    host->m_killIssued = true;
    host->m_isolate->TerminateExecution();
    return currentLimit + currentLimit / 2;
}

} // namespace graft::runtime
