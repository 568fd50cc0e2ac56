//===- Sha256.cpp - SHA-256 digests, from OpenSSL's libcrypto -------------===//

#include "runtime/support/Sha256.h"

#include <openssl/evp.h>

#include <stdexcept>

using namespace kq::runtime;

Sha256Digest kq::runtime::sha256(std::string_view data) {
  Sha256Digest digest{};
  unsigned int length = 0;
  if (!EVP_Digest(data.data(), data.size(), digest.data(), &length, EVP_sha256(), nullptr) ||
      length != digest.size())
    throw std::runtime_error("SHA-256 is not available from libcrypto");
  return digest;
}

std::string kq::runtime::sha256Hex(std::string_view data) {
  static const char digits[] = "0123456789abcdef";
  std::string hex;
  for (uint8_t byte : sha256(data)) {
    hex.push_back(digits[byte >> 4]);
    hex.push_back(digits[byte & 15]);
  }
  return hex;
}
