// SPDX-License-Identifier: MIT
#include "analysisworker.h"

#include "pipewriter.h"
#include "scriptsources.h"

#include <node.h>
#include <uv.h>
#include <v8.h>

#include <chrono>
#include <fstream>

#include <sstream>

namespace graft::runtime {

namespace {
// Debian's node-acorn, the parser Node itself ships (a dependency of libnode).
constexpr const char *kAcornPath = "/usr/share/nodejs/acorn/dist/acorn.js";
// Quiet this long after an analysis: the patching has paused, collect now.
constexpr auto kIdleBeforeCleanup = std::chrono::milliseconds(300);

std::string jsonString(const std::string &text)
{
    std::string out = "\"";
    for (const char c : text) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char buffer[8];
                std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
                out += buffer;
            } else {
                out += c;
            }
        }
    }
    return out + "\"";
}
} // namespace

struct AnalysisWorker::Engine
{
    uv_loop_t loop {};
    std::unique_ptr<v8::ArrayBuffer::Allocator> allocator;
    v8::Global<v8::Context> context;
    v8::Global<v8::Function> analyze;
    v8::Global<v8::Function> prepareNext; // may be empty
};

AnalysisWorker::AnalysisWorker(node::MultiIsolatePlatform *platform, PipeWriter &writer)
    : m_platform(platform)
    , m_writer(writer)
    , m_thread([this] { run(); })
{
}

AnalysisWorker::~AnalysisWorker()
{
    // The host leaves with _Exit; the thread is never joined on purpose.
    m_thread.detach();
}

void AnalysisWorker::submit(long long id, std::string paramsJson)
{
    std::lock_guard lock(m_mutex);
    m_requests.push_back(Request { id, std::move(paramsJson) });
    m_wake.notify_one();
}

void AnalysisWorker::run()
{
    // The analysis runs at the program's own priority. It once ran at nice 10 so
    // as not to slow LiveEdit beside it, but a patch's report waits for it: with
    // anything else busy on the machine it then got a tenth of a core, and a
    // 5 ms analysis took 50-140 ms of wall time (docs/PERFORMANCE.md).
    // Initialised on the first request, not at start: creating this isolate while
    // the main one is being created crashed now and then (seen in tests).
    std::string initError;
    bool ready = false;
    bool analysedSinceCleanup = false;
    const auto hasRequest = [this] { return !m_requests.empty(); };
    for (;;) {
        Request request;
        {
            std::unique_lock lock(m_mutex);
            if (analysedSinceCleanup && !m_wake.wait_for(lock, kIdleBeforeCleanup, hasRequest)) {
                lock.unlock();
                releaseMemory();
                analysedSinceCleanup = false;
                continue;
            }
            m_wake.wait(lock, hasRequest);
            request = std::move(m_requests.front());
            m_requests.pop_front();
        }
        if (!ready && initError.empty())
            ready = initialise(initError);
        const std::string answer
            = ready ? analyze(request.id, request.params) : "{\"error\":{\"message\":" + jsonString(initError) + "}}";
        // answer is {"result":...} or {"error":...}: splice the id in front.
        m_writer.send("{\"id\":" + std::to_string(request.id) + "," + answer.substr(1));
        // What the next save would wait for, and V8's own tasks (GC steps, compile
        // jobs), after the answer, not before it.
        if (ready)
            prepareNext();
        analysedSinceCleanup = ready;
    }
}

void AnalysisWorker::releaseMemory()
{
    // Each analysis leaves two parses' worth of garbage (acorn's trees of the old
    // and the new source). Left to V8's own pace, this isolate's heap settles tens
    // of MB above what it needs and the runtime's RSS creeps with the patch count;
    // a full collection while nothing waits gives the pages back.
    v8::Locker locker(m_isolate);
    v8::Isolate::Scope isolateScope(m_isolate);
    m_isolate->LowMemoryNotification();
    while (m_platform->FlushForegroundTasks(m_isolate)) { }
}

void AnalysisWorker::prepareNext()
{
    v8::Locker locker(m_isolate);
    v8::Isolate::Scope isolateScope(m_isolate);
    if (!m_engine->prepareNext.IsEmpty()) {
        v8::HandleScope handleScope(m_isolate);
        v8::Local<v8::Context> context = m_engine->context.Get(m_isolate);
        v8::Context::Scope contextScope(context);
        v8::TryCatch tryCatch(m_isolate); // a failure here only costs the next save its head start
        const v8::MaybeLocal<v8::Value> ignored
            = m_engine->prepareNext.Get(m_isolate)->Call(context, v8::Undefined(m_isolate), 0, nullptr);
        (void)ignored;
    }
    while (m_platform->FlushForegroundTasks(m_isolate)) { }
}

bool AnalysisWorker::initialise(std::string &error)
{
    std::ifstream file(kAcornPath);
    if (!file) {
        error = std::string("cannot read the JavaScript parser at ") + kAcornPath + " (package node-acorn)";
        return false;
    }
    std::stringstream acornSource;
    acornSource << file.rdbuf();

    m_engine = new Engine;
    uv_loop_init(&m_engine->loop);
    m_engine->allocator.reset(v8::ArrayBuffer::Allocator::NewDefaultAllocator());
    v8::Isolate::CreateParams params;
    params.array_buffer_allocator = m_engine->allocator.get();
    m_isolate = v8::Isolate::Allocate();
    m_platform->RegisterIsolate(m_isolate, &m_engine->loop);
    v8::Isolate::Initialize(m_isolate, params);

    v8::Locker locker(m_isolate);
    v8::Isolate::Scope isolateScope(m_isolate);
    v8::HandleScope handleScope(m_isolate);
    v8::Local<v8::Context> context = v8::Context::New(m_isolate);
    v8::Context::Scope contextScope(context);
    m_engine->context.Reset(m_isolate, context);

    auto run = [&](const std::string &source, const char *name) {
        v8::TryCatch tryCatch(m_isolate);
        v8::ScriptOrigin origin(m_isolate, v8::String::NewFromUtf8(m_isolate, name).ToLocalChecked());
        v8::Local<v8::String> text = v8::String::NewFromUtf8(
            m_isolate, source.data(), v8::NewStringType::kNormal, static_cast<int>(source.size()))
                                         .ToLocalChecked();
        v8::Local<v8::Script> script;
        if (!v8::Script::Compile(context, text, &origin).ToLocal(&script) || script->Run(context).IsEmpty()) {
            error = std::string("cannot load ") + name + ": " + *v8::String::Utf8Value(m_isolate, tryCatch.Exception());
            return false;
        }
        return true;
    };
    if (!run(acornSource.str(), "acorn") || !run(kAnalyzerSource, "graft:analyzer"))
        return false;
    v8::Local<v8::Value> analyze
        = context->Global()->Get(context, v8::String::NewFromUtf8Literal(m_isolate, "graftAnalyze")).ToLocalChecked();
    if (!analyze->IsFunction()) {
        error = "graft:analyzer did not define graftAnalyze";
        return false;
    }
    m_engine->analyze.Reset(m_isolate, analyze.As<v8::Function>());
    v8::Local<v8::Value> prepareNext = context->Global()
                                           ->Get(context, v8::String::NewFromUtf8Literal(m_isolate, "graftPrepareNext"))
                                           .ToLocalChecked();
    if (prepareNext->IsFunction())
        m_engine->prepareNext.Reset(m_isolate, prepareNext.As<v8::Function>());
    return true;
}

void AnalysisWorker::sendSafeToApply(const v8::FunctionCallbackInfo<v8::Value> &info)
{
    // graftAnalyze passes the setScriptSource the app reserved for this edit, if any.
    auto *worker = static_cast<AnalysisWorker *>(info.Data().As<v8::External>()->Value());
    std::string message;
    if (info.Length() > 0 && info[0]->IsString())
        message = *v8::String::Utf8Value(info.GetIsolate(), info[0]);
    const bool sent = !message.empty() && worker->m_deliver;
    // The event first: V8's answer to the edit must reach the app after it.
    worker->m_writer.send("{\"method\":\"Graft.analysisSafe\",\"params\":{\"id\":"
        + std::to_string(worker->m_analysingId) + ",\"sent\":" + (sent ? "true" : "false") + "}}");
    if (sent)
        worker->m_deliver(std::move(message));
}

std::string AnalysisWorker::analyze(long long id, const std::string &params)
{
    v8::Locker locker(m_isolate);
    v8::Isolate::Scope isolateScope(m_isolate);
    v8::HandleScope handleScope(m_isolate);
    v8::Local<v8::Context> context = m_engine->context.Get(m_isolate);
    v8::Context::Scope contextScope(context);
    v8::TryCatch tryCatch(m_isolate);
    v8::Local<v8::Value> argument
        = v8::String::NewFromUtf8(m_isolate, params.data(), v8::NewStringType::kNormal, static_cast<int>(params.size()))
              .ToLocalChecked();
    m_analysingId = id;
    v8::Local<v8::Value> arguments[] = { argument,
        v8::Function::New(context, sendSafeToApply, v8::External::New(m_isolate, this)).ToLocalChecked() };
    v8::Local<v8::Value> answer;
    std::string out;
    if (m_engine->analyze.Get(m_isolate)->Call(context, v8::Undefined(m_isolate), 2, arguments).ToLocal(&answer))
        out = *v8::String::Utf8Value(m_isolate, answer);
    else
        out = "{\"error\":{\"message\":" + jsonString(*v8::String::Utf8Value(m_isolate, tryCatch.Exception())) + "}}";
    return out;
}

} // namespace graft::runtime
