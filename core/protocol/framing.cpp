// SPDX-License-Identifier: MIT
#include "framing.h"

#include <algorithm>
#include <charconv>

namespace graft::protocol {

namespace {
constexpr std::string_view kHeaderName = "Content-Length:";
constexpr std::string_view kHeaderEnd = "\r\n\r\n";
constexpr std::size_t kMaxHeaderBytes = 1024;
} // namespace

std::string encodeFrame(std::string_view payload)
{
    std::string frame = "Content-Length: " + std::to_string(payload.size()) + "\r\n\r\n";
    frame.append(payload);
    return frame;
}

FrameDecoder::FrameDecoder(std::size_t maxPayload)
    : m_maxPayload(maxPayload)
{
}

void FrameDecoder::feed(const char *data, std::size_t size)
{
    if (m_bytesToSkip > 0) {
        const std::size_t skipped = std::min(m_bytesToSkip, size);
        m_bytesToSkip -= skipped;
        data += skipped;
        size -= skipped;
    }
    m_buffer.append(data, size);
}

void FrameDecoder::compact()
{
    if (m_start > 0 && m_start * 2 >= m_buffer.size()) {
        m_buffer.erase(0, m_start);
        m_start = 0;
    }
}

FrameDecoder::Result FrameDecoder::next(std::string &payloadOrError)
{
    const std::string_view view = std::string_view(m_buffer).substr(m_start);
    const std::size_t headerEnd = view.find(kHeaderEnd);
    if (headerEnd == std::string_view::npos) {
        if (view.size() > kMaxHeaderBytes) {
            payloadOrError = "malformed frame: no header end within " + std::to_string(kMaxHeaderBytes) + " bytes";
            m_start = m_buffer.size() - 3; // keep a possible partial "\r\n\r" for resync
            compact();
            return Result::Error;
        }
        return Result::NeedMore;
    }

    const std::string_view header = view.substr(0, headerEnd);
    const std::size_t afterHeader = headerEnd + kHeaderEnd.size();
    std::size_t length = 0;
    bool valid = header.substr(0, kHeaderName.size()) == kHeaderName;
    if (valid) {
        std::string_view number = header.substr(kHeaderName.size());
        while (!number.empty() && number.front() == ' ')
            number.remove_prefix(1);
        const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), length);
        valid = ec == std::errc() && end == number.data() + number.size() && !number.empty();
    }
    if (!valid) {
        payloadOrError = "malformed frame header: \"" + std::string(header.substr(0, 80)) + "\"";
        m_start += afterHeader;
        compact();
        return Result::Error;
    }
    if (length > m_maxPayload) {
        payloadOrError = "oversized frame: " + std::to_string(length) + " bytes (limit "
                         + std::to_string(m_maxPayload) + ")";
        const std::size_t available = view.size() - afterHeader;
        const std::size_t dropped = std::min(available, length);
        m_bytesToSkip = length - dropped;
        m_start += afterHeader + dropped;
        compact();
        return Result::Error;
    }
    if (view.size() - afterHeader < length)
        return Result::NeedMore;

    payloadOrError.assign(view.substr(afterHeader, length));
    m_start += afterHeader + length;
    compact();
    return Result::Frame;
}

} // namespace graft::protocol
