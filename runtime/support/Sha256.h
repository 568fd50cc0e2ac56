//===- Sha256.h - SHA-256 digests, from OpenSSL's libcrypto ---------------===//
#ifndef KQ_RUNTIME_SUPPORT_SHA256_H
#define KQ_RUNTIME_SUPPORT_SHA256_H

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace kq::runtime {

using Sha256Digest = std::array<uint8_t, 32>;

/// The SHA-256 digest of `data`.
Sha256Digest sha256(std::string_view data);

/// The digest in 64 lowercase hexadecimal digits.
std::string sha256Hex(std::string_view data);

} // namespace kq::runtime

#endif // KQ_RUNTIME_SUPPORT_SHA256_H
