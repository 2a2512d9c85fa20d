// SPDX-License-Identifier: MIT
#include "cborjson.h"

#include "utf8.h"

#include <cstring>
#include <string>

namespace graft::runtime {

namespace {

constexpr std::uint8_t kStop = 0xff;
constexpr int kMaxDepth = 300; // as crdtp's own parser

class Decoder
{
public:
    explicit Decoder(const std::vector<std::uint8_t> &bytes)
        : m_bytes(bytes)
    {
    }

    std::optional<nlohmann::json> value(int depth = 0)
    {
        if (depth > kMaxDepth || m_at >= m_bytes.size())
            return std::nullopt;
        const std::uint8_t initial = m_bytes[m_at++];
        const int major = initial >> 5;
        const int info = initial & 0x1f;
        // An envelope: 0xd8, then (in V8 10.2 without a tag byte, later with 24)
        // a byte string with a 4-byte length that holds one encoded value.
        if (initial == 0xd8 && m_at < m_bytes.size() && (m_bytes[m_at] == 0x5a || m_bytes[m_at] == 24)) {
            if (m_bytes[m_at] == 24)
                ++m_at;
            std::uint64_t length = 0;
            if (m_at >= m_bytes.size() || m_bytes[m_at++] != 0x5a || !fixed(4, &length))
                return std::nullopt;
            return value(depth + 1);
        }
        switch (initial) {
        case 0xf4:
            return false;
        case 0xf5:
            return true;
        case 0xf6:
            return nullptr;
        case 0xf7:
            return nullptr; // undefined
        case 0xfb: {
            std::uint64_t bits = 0;
            if (!fixed(8, &bits))
                return std::nullopt;
            double d;
            std::memcpy(&d, &bits, sizeof d);
            return d;
        }
        case 0xbf:
            return map(depth);
        case 0x9f:
            return array(depth);
        default:
            break;
        }
        std::uint64_t argument = 0;
        if (!readArgument(info, &argument))
            return std::nullopt;
        switch (major) {
        case 0:
            return argument;
        case 1:
            return -1 - static_cast<std::int64_t>(argument);
        case 2: { // UTF-16LE in crdtp (a tag 22 before it would mean binary)
            std::string bytes;
            if (!take(argument, &bytes))
                return std::nullopt;
            return m_binaryNext ? (m_binaryNext = false, nlohmann::json(std::string()))
                                : nlohmann::json(utf16ToUtf8(bytes));
        }
        case 3: {
            std::string text;
            if (!take(argument, &text))
                return std::nullopt;
            return text;
        }
        case 6:
            if (argument == 22)
                m_binaryNext = true;
            return value(depth + 1);
        default:
            return std::nullopt;
        }
    }

private:
    std::optional<nlohmann::json> map(int depth)
    {
        nlohmann::json object = nlohmann::json::object();
        while (m_at < m_bytes.size() && m_bytes[m_at] != kStop) {
            std::optional<nlohmann::json> key = value(depth + 1);
            if (!key || !key->is_string())
                return std::nullopt;
            std::optional<nlohmann::json> item = value(depth + 1);
            if (!item)
                return std::nullopt;
            object[key->get<std::string>()] = std::move(*item);
        }
        if (m_at >= m_bytes.size())
            return std::nullopt;
        ++m_at;
        return object;
    }

    std::optional<nlohmann::json> array(int depth)
    {
        nlohmann::json items = nlohmann::json::array();
        while (m_at < m_bytes.size() && m_bytes[m_at] != kStop) {
            std::optional<nlohmann::json> item = value(depth + 1);
            if (!item)
                return std::nullopt;
            items.push_back(std::move(*item));
        }
        if (m_at >= m_bytes.size())
            return std::nullopt;
        ++m_at;
        return items;
    }

    bool readArgument(int info, std::uint64_t *argument)
    {
        if (info < 24) {
            *argument = static_cast<std::uint64_t>(info);
            return true;
        }
        if (info > 27)
            return false;
        return fixed(std::size_t(1) << (info - 24), argument);
    }

    bool fixed(std::size_t size, std::uint64_t *out)
    {
        if (m_bytes.size() - m_at < size)
            return false;
        std::uint64_t v = 0;
        for (std::size_t i = 0; i < size; ++i)
            v = (v << 8) | m_bytes[m_at++];
        *out = v;
        return true;
    }

    bool take(std::uint64_t size, std::string *out)
    {
        if (m_bytes.size() - m_at < size)
            return false;
        out->assign(reinterpret_cast<const char *>(m_bytes.data() + m_at), static_cast<std::size_t>(size));
        m_at += static_cast<std::size_t>(size);
        return true;
    }

    static std::string utf16ToUtf8(const std::string &bytes)
    {
        return graft::runtime::utf16ToUtf8(bytes.size() / 2, [&](std::size_t i) {
            return static_cast<std::uint32_t>(static_cast<std::uint8_t>(bytes[2 * i]))
                | (static_cast<std::uint32_t>(static_cast<std::uint8_t>(bytes[2 * i + 1])) << 8);
        });
    }

    const std::vector<std::uint8_t> &m_bytes;
    std::size_t m_at = 0;
    bool m_binaryNext = false;
};

} // namespace

std::optional<nlohmann::json> cborToJson(const std::vector<std::uint8_t> &cbor)
{
    Decoder decoder(cbor);
    return decoder.value();
}

} // namespace graft::runtime
