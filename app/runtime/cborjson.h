// SPDX-License-Identifier: MIT
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <vector>

namespace graft::runtime {

// Decodes the CBOR that V8's inspector serializes its protocol objects to
// (crdtp: envelopes, indefinite-length maps and arrays, UTF-8 or UTF-16LE
// strings), as JSON. nullopt for anything outside that subset.
std::optional<nlohmann::json> cborToJson(const std::vector<std::uint8_t> &cbor);

} // namespace graft::runtime
