// SPDX-License-Identifier: MIT
#pragma once

// Framing of protocol messages on the pipes between graft and graft-runtime.
// Each message is "Content-Length: N\r\n\r\n" followed by N bytes of UTF-8 JSON,
// the header style of LSP and DAP: readable in a dump, and self-synchronising
// after a bad header. Plain C++ so the runtime host can use it without Qt.

#include <cstddef>
#include <string>
#include <string_view>

namespace graft::protocol {

inline constexpr std::size_t kDefaultMaxPayload = 256u * 1024u * 1024u;

std::string encodeFrame(std::string_view payload);

class FrameDecoder
{
public:
    enum class Result { Frame, NeedMore, Error };

    explicit FrameDecoder(std::size_t maxPayload = kDefaultMaxPayload);

    void feed(const char *data, std::size_t size);

    // Takes the next complete frame's payload (Frame), or a description of
    // a malformed or oversized frame (Error). After an Error the decoder has
    // already skipped past the bad frame, so decoding simply continues.
    Result next(std::string &payloadOrError);

    // Bytes held that do not yet form a frame (a truncated message at EOF).
    std::size_t pendingBytes() const { return m_buffer.size() - m_start; }

private:
    void compact();

    std::string m_buffer;
    std::size_t m_start = 0;
    std::size_t m_maxPayload;
    std::size_t m_bytesToSkip = 0; // the body of an oversized frame, dropped as it arrives
};

} // namespace graft::protocol
