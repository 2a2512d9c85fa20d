// SPDX-License-Identifier: MIT
#pragma once

#include <v8.h>

#include <string>

namespace graft::runtime {

// A UTF-8 std::string as a V8 string (the runtime's texts are never near V8's length limit).
inline v8::Local<v8::String> v8String(v8::Isolate *isolate, const std::string &text)
{
    return v8::String::NewFromUtf8(isolate, text.data(), v8::NewStringType::kNormal, static_cast<int>(text.size()))
        .ToLocalChecked();
}

} // namespace graft::runtime
