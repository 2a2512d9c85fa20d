// SPDX-License-Identifier: MIT
// libFuzzer target: the change analyzer (graft:analyzer on acorn) in a V8 isolate
// of its own, as graft-runtime runs it. Any pair of sources must give a report or
// an error object: never an exception escaping, a non-JSON answer, or a crash.
// Coverage guidance sees only this driver (V8 and the JavaScript are not
// instrumented): this is a robustness run over random and mutated sources.

#include "scriptsources.h"

#include <node.h>
#include <uv.h>
#include <v8.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

namespace {

struct Engine
{
    std::unique_ptr<node::MultiIsolatePlatform> platform;
    std::unique_ptr<v8::ArrayBuffer::Allocator> allocator;
    v8::Isolate *isolate = nullptr;
    v8::Global<v8::Context> context;
    v8::Global<v8::Function> analyze;
};

v8::Local<v8::Value> run(v8::Isolate *isolate, v8::Local<v8::Context> context, const std::string &source, const char *name)
{
    v8::ScriptOrigin origin(isolate, v8::String::NewFromUtf8(isolate, name).ToLocalChecked());
    v8::Local<v8::String> text = v8::String::NewFromUtf8(isolate, source.data(), v8::NewStringType::kNormal,
                                                         static_cast<int>(source.size())).ToLocalChecked();
    v8::Local<v8::Script> script = v8::Script::Compile(context, text, &origin).ToLocalChecked();
    return script->Run(context).ToLocalChecked();
}

Engine &engine()
{
    static Engine *e = [] {
        auto *e = new Engine;
        std::vector<std::string> args {"fuzz_analyzer"};
        auto init = node::InitializeOncePerProcess(args, {node::ProcessInitializationFlags::kNoInitializeV8,
                                                          node::ProcessInitializationFlags::kNoInitializeNodeV8Platform});
        e->platform = node::MultiIsolatePlatform::Create(1);
        v8::V8::InitializePlatform(e->platform.get());
        v8::V8::Initialize();
        e->allocator.reset(v8::ArrayBuffer::Allocator::NewDefaultAllocator());
        v8::Isolate::CreateParams params;
        params.array_buffer_allocator = e->allocator.get();
        // Node's platform serves only isolates registered with it (as in analysisworker.cpp).
        static uv_loop_t loop;
        uv_loop_init(&loop);
        e->isolate = v8::Isolate::Allocate();
        e->platform->RegisterIsolate(e->isolate, &loop);
        v8::Isolate::Initialize(e->isolate, params);
        v8::Isolate::Scope isolateScope(e->isolate);
        v8::HandleScope handles(e->isolate);
        v8::Local<v8::Context> context = v8::Context::New(e->isolate);
        v8::Context::Scope contextScope(context);
        std::ifstream acornFile("/usr/share/nodejs/acorn/dist/acorn.js");
        std::stringstream acorn;
        acorn << acornFile.rdbuf();
        run(e->isolate, context, acorn.str(), "acorn");
        run(e->isolate, context, graft::runtime::kAnalyzerSource, "graft:analyzer");
        // The runtime sends JSON built by the app; build the same request here.
        v8::Local<v8::Value> wrapper = run(e->isolate, context,
            "(function (oldSource, newSource, isModule) {"
            "  return graftAnalyze(JSON.stringify({ oldSource, newSource, isModule }));"
            "})", "fuzz:wrapper");
        e->context.Reset(e->isolate, context);
        e->analyze.Reset(e->isolate, wrapper.As<v8::Function>());
        return e;
    }();
    return *e;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    Engine &e = engine();
    v8::Isolate::Scope isolateScope(e.isolate);
    v8::HandleScope handles(e.isolate);
    v8::Local<v8::Context> context = e.context.Get(e.isolate);
    v8::Context::Scope contextScope(context);

    // First byte: where the old source ends and whether it is a module.
    const size_t split = 1 + (data[0] % size);
    auto latin1 = [&](const uint8_t *bytes, size_t n) {
        return v8::String::NewFromOneByte(e.isolate, bytes, v8::NewStringType::kNormal, static_cast<int>(n)).ToLocalChecked();
    };
    v8::Local<v8::Value> args[] = {latin1(data + 1, split - 1), latin1(data + split, size - split),
                                   v8::Boolean::New(e.isolate, data[0] & 1)};
    v8::TryCatch tryCatch(e.isolate);
    v8::Local<v8::Value> answer;
    if (!e.analyze.Get(e.isolate)->Call(context, v8::Undefined(e.isolate), 3, args).ToLocal(&answer) || !answer->IsString())
        std::abort(); // graftAnalyze must always answer with a JSON string
    v8::Local<v8::Value> parsed;
    if (!v8::JSON::Parse(context, answer.As<v8::String>()).ToLocal(&parsed) || !parsed->IsObject())
        std::abort();
    while (e.platform->FlushForegroundTasks(e.isolate)) {
    }
    return 0;
}
