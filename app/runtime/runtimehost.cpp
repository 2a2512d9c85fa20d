// SPDX-License-Identifier: MIT
#include "runtimehost.h"

#include "analysisworker.h"
#include "inspectorbridge.h"
#include "scriptsources.h"
#include "v8strings.h"
#include "workertargets.h"

#include <node_version.h>

#include <unistd.h>

namespace graft::runtime {

namespace {

// How long a message may wait for the idle path before we conclude that
// JavaScript is busy and deliver it by interrupt instead. Short enough to feel
// instant, long enough that a patch rarely lands in the middle of a timer
// callback (where the callback's own functions would be on the stack).
constexpr int kIdleDeliveryGraceMs = 25;

RuntimeHost *hostFrom(const v8::FunctionCallbackInfo<v8::Value> &info)
{
    return static_cast<RuntimeHost *>(info.Data().As<v8::External>()->Value());
}

} // namespace

RuntimeHost::RuntimeHost(node::MultiIsolatePlatform *platform, HostOptions options)
    : m_platform(platform)
    , m_options(std::move(options))
    , m_writer(m_options.protocolOutFd)
{
    if (m_options.protocol) {
        m_analysis = std::make_unique<AnalysisWorker>(m_platform, m_writer);
        // A safe edit goes from the analysis thread to the program's inspector directly.
        m_analysis->setDeliver([this](std::string message) { deliver(std::move(message)); });
        m_workers = std::make_unique<WorkerTargets>(m_writer);
    }
}

RuntimeHost::~RuntimeHost() = default;

int RuntimeHost::run(const std::vector<std::string> &args, const std::vector<std::string> &execArgs)
{
    std::vector<std::string> errors;
    const auto flags = static_cast<node::EnvironmentFlags::Flags>(
        node::EnvironmentFlags::kDefaultFlags | node::EnvironmentFlags::kNoCreateInspector);
    std::unique_ptr<node::CommonEnvironmentSetup> setup
        = node::CommonEnvironmentSetup::Create(m_platform, &errors, args, execArgs, flags);
    if (!setup) {
        for (const std::string &error : errors)
            std::fprintf(stderr, "graft-runtime: %s\n", error.c_str());
        return 70;
    }
    m_isolate = setup->isolate();
    m_env = setup->env();
    if (m_workers)
        m_workers->install(m_env);

    int exitCode = 0;
    {
        v8::Locker locker(m_isolate);
        v8::Isolate::Scope isolateScope(m_isolate);
        v8::HandleScope handleScope(m_isolate);
        v8::Context::Scope contextScope(setup->context());

        m_isolate->SetCaptureStackTraceForUncaughtExceptions(true, 32);
        m_isolate->AddNearHeapLimitCallback(onNearHeapLimit, this);
        node::SetProcessExitHandler(m_env, [this](node::Environment *env, int code) {
            m_exitCode = code;
            m_exitRequested = true;
            node::Stop(env);
        });
        if (m_options.protocol)
            m_inspector = std::make_unique<InspectorBridge>(
                m_isolate, setup->context(), m_platform, m_queue, m_writer, m_options.workerBridge);
        installLoopHooks(setup->event_loop());
        watchScriptEntries();
        m_isolateReady = true;
        if (m_options.protocol)
            notify("Graft.hostReady",
                { { "node", NODE_VERSION }, { "v8", v8::V8::GetVersion() }, { "pid", static_cast<int>(::getpid()) } });

        const bool loaded = !node::LoadEnvironment(m_env, [this](const node::StartExecutionCallbackInfo &info) {
            return startProgram(info);
        }).IsEmpty();
        // Empty means the entry's top level threw or was stopped; neither ends the
        // program (its timers and servers may already be live), so carry on.
        if (!loaded)
            cancelStaleTermination();
        if (!m_exitRequested && !m_shutdownRequested) {
            const v8::Maybe<int> spun = node::SpinEventLoop(m_env);
            exitCode = spun.FromMaybe(1);
        }
        if (m_exitRequested)
            exitCode = m_exitCode;
        node::Stop(m_env);
        closeLoopHooks();
        unwatchScriptEntries();
        m_inspector.reset();
    }
    return exitCode;
}

v8::MaybeLocal<v8::Value> RuntimeHost::startProgram(const node::StartExecutionCallbackInfo &info)
{
    v8::EscapableHandleScope scope(m_isolate);
    v8::Local<v8::Context> context = m_isolate->GetCurrentContext();
    if (m_inspector)
        m_inspector->waitForDebugger();
    // V8 calls only the newest near-heap-limit callback, and Debugger.enable adds the
    // inspector's own (it pauses on OOM, freezing the program): put ours on top again.
    m_isolate->RemoveNearHeapLimitCallback(onNearHeapLimit, 0);
    m_isolate->AddNearHeapLimitCallback(onNearHeapLimit, this);

    v8::Local<v8::External> self = v8::External::New(m_isolate, this);
    v8::Local<v8::Object> graft = v8::Object::New(m_isolate);
    auto setFunction = [&](const char *name, v8::FunctionCallback callback) {
        v8::Local<v8::Function> fn = v8::Function::New(context, callback, self).ToLocalChecked();
        graft->Set(context, v8String(m_isolate, name), fn).Check();
    };
    setFunction("reportException", reportException);
    setFunction("setClearAsyncIdStack", setClearAsyncIdStack);
    setFunction("fileLoaded", fileLoaded);
    graft->Set(context, v8String(m_isolate, "entry"), v8String(m_isolate, m_options.entry)).Check();
    graft->Set(context, v8String(m_isolate, "exitOnUncaught"), v8::Boolean::New(m_isolate, m_options.exitOnUncaught))
        .Check();

    v8::ScriptOrigin origin(m_isolate, v8String(m_isolate, "graft:bootstrap"));
    v8::ScriptCompiler::Source source(v8String(m_isolate, kBootstrapSource), origin);
    v8::Local<v8::String> params[]
        = { v8String(m_isolate, "process"), v8String(m_isolate, "require"), v8String(m_isolate, "graft") };
    v8::Local<v8::Function> bootstrap;
    if (!v8::ScriptCompiler::CompileFunction(context, &source, 3, params, 0, nullptr).ToLocal(&bootstrap))
        return {};
    v8::Local<v8::Value> argv[] = { info.process_object, info.native_require, graft };
    return scope.EscapeMaybe(bootstrap->Call(context, v8::Undefined(m_isolate), 3, argv));
}

void RuntimeHost::installLoopHooks(uv_loop_t *loop)
{
    // All four handles are unreferenced: they must never keep a finished program alive.
    uv_async_init(loop, &m_messagesAsync, onMessagesAsync);
    uv_async_init(loop, &m_stopAsync, onStopAsync);
    uv_prepare_init(loop, &m_prepare);
    uv_check_init(loop, &m_check);
    for (uv_handle_t *handle :
        { reinterpret_cast<uv_handle_t *>(&m_messagesAsync), reinterpret_cast<uv_handle_t *>(&m_stopAsync),
            reinterpret_cast<uv_handle_t *>(&m_prepare), reinterpret_cast<uv_handle_t *>(&m_check) }) {
        handle->data = this;
        uv_unref(handle);
    }
    uv_prepare_start(&m_prepare, onLoopCheckpoint);
    uv_check_start(&m_check, onLoopCheck);
    m_loopHooksInstalled = true;
}

void RuntimeHost::closeLoopHooks()
{
    if (!m_loopHooksInstalled)
        return;
    m_isolateReady = false;
    for (uv_handle_t *handle :
        { reinterpret_cast<uv_handle_t *>(&m_messagesAsync), reinterpret_cast<uv_handle_t *>(&m_stopAsync),
            reinterpret_cast<uv_handle_t *>(&m_prepare), reinterpret_cast<uv_handle_t *>(&m_check) })
        uv_close(handle, nullptr);
    uv_run(m_messagesAsync.loop, UV_RUN_NOWAIT);
    m_loopHooksInstalled = false;
}

// --- messages --------------------------------------------------------------

void RuntimeHost::deliver(std::string message)
{
    const std::uint64_t sequence = m_queue.push(std::move(message));
    if (!m_isolateReady)
        return; // the isolate thread pumps the queue itself once it waits for the app
    uv_async_send(&m_messagesAsync);
    if (!m_queue.waitDelivered(sequence, kIdleDeliveryGraceMs))
        m_isolate->RequestInterrupt(onMessagesInterrupt, this);
}

void RuntimeHost::drainMessages(Path path)
{
    if (!m_inspector)
        return;
    v8::HandleScope handleScope(m_isolate);
    if (path == Path::Idle) {
        m_idleDispatchStart = std::chrono::steady_clock::now();
        m_inIdleDispatch = true;
    }
    while (std::optional<std::string> message = m_queue.tryPop())
        m_inspector->dispatch(*message);
    if (path == Path::Idle) {
        m_inIdleDispatch = false;
        // A stop that arrived during a short evaluation of ours found no user code running.
        answerStops(false, kNothingRunning);
    }
}

void RuntimeHost::onMessagesAsync(uv_async_t *handle)
{
    auto *host = static_cast<RuntimeHost *>(handle->data);
    host->cancelStaleTermination();
    host->drainMessages(Path::Idle);
    // No Node callback scope runs around us: settle what the messages queued.
    host->m_isolate->PerformMicrotaskCheckpoint();
}

void RuntimeHost::onMessagesInterrupt(v8::Isolate *, void *data)
{
    static_cast<RuntimeHost *>(data)->drainMessages(Path::Interrupt);
}

void RuntimeHost::notify(const char *method, const nlohmann::json &params)
{
    m_writer.send(nlohmann::json { { "method", method }, { "params", params } }.dump());
}

void RuntimeHost::requestAnalysis(long long id, std::string paramsJson)
{
    m_analysis->submit(id, std::move(paramsJson));
}

// --- functions the bootstrap script calls --------------------------------------

void RuntimeHost::reportException(const v8::FunctionCallbackInfo<v8::Value> &info)
{
    RuntimeHost *host = hostFrom(info);
    if (!host->m_inspector || info.Length() < 2)
        return;
    v8::Isolate *isolate = info.GetIsolate();
    const std::string description = *v8::String::Utf8Value(isolate, info[1]);
    host->m_inspector->reportUncaughtException(isolate->GetCurrentContext(), info[0], description);
}

void RuntimeHost::setClearAsyncIdStack(const v8::FunctionCallbackInfo<v8::Value> &info)
{
    RuntimeHost *host = hostFrom(info);
    if (info.Length() > 0 && info[0]->IsFunction())
        host->m_clearAsyncIdStack.Reset(info.GetIsolate(), info[0].As<v8::Function>());
}

void RuntimeHost::fileLoaded(const v8::FunctionCallbackInfo<v8::Value> &info)
{
    RuntimeHost *host = hostFrom(info);
    if (!host->m_options.protocol || info.Length() < 2 || !info[0]->IsString() || !info[1]->IsString())
        return;
    v8::Isolate *isolate = info.GetIsolate();
    host->notify("Graft.fileLoaded",
        { { "path", *v8::String::Utf8Value(isolate, info[0]) }, { "kind", *v8::String::Utf8Value(isolate, info[1]) } });
}

} // namespace graft::runtime
