//===- Pickle.cpp - Writing Python pickles --------------------------------===//

#include "runtime/bench/Pickle.h"

using namespace kq::runtime;

namespace {
// Opcodes of pickle protocol 4 (Lib/pickle.py).
constexpr char kProto = '\x80', kStop = '.', kMark = '(', kTuple = 't', kEmptyDict = '}',
               kSetItems = 'u', kEmptySet = '\x8f', kAddItems = '\x90', kBinInt = 'J',
               kLong1 = '\x8a', kBinUnicode = 'X';
} // namespace

PickleWriter::PickleWriter() {
  bytes += kProto;
  bytes += '\x04';
}

void PickleWriter::integer(int64_t value) {
  if (value >= INT32_MIN && value <= INT32_MAX) {
    bytes += kBinInt;
    uint32_t word = uint32_t(int32_t(value));
    for (int i = 0; i < 4; ++i)
      bytes += char((word >> (8 * i)) & 0xff);
    return;
  }
  // Little-endian two's complement in 8 bytes.
  bytes += kLong1;
  bytes += '\x08';
  for (int i = 0; i < 8; ++i)
    bytes += char((uint64_t(value) >> (8 * i)) & 0xff);
}

void PickleWriter::string(std::string_view value) {
  bytes += kBinUnicode;
  uint32_t length = uint32_t(value.size());
  for (int i = 0; i < 4; ++i)
    bytes += char((length >> (8 * i)) & 0xff);
  bytes += value;
}

void PickleWriter::beginTuple() { bytes += kMark; }
void PickleWriter::endTuple() { bytes += kTuple; }
void PickleWriter::beginSet() {
  bytes += kEmptySet;
  bytes += kMark;
}
void PickleWriter::endSet() { bytes += kAddItems; }
void PickleWriter::beginDict() {
  bytes += kEmptyDict;
  bytes += kMark;
}
void PickleWriter::endDict() { bytes += kSetItems; }

std::string PickleWriter::finish() {
  bytes += kStop;
  return std::move(bytes);
}

namespace {

/// Walks a structure string, pickling each leaf with `leaf`.
template <typename Leaf>
bool pickleTuples(PickleWriter &out, std::string_view structure, Leaf leaf) {
  int depth = 0;
  for (char c : structure) {
    switch (c) {
    case '(':
      out.beginTuple();
      ++depth;
      break;
    case ')':
      if (--depth < 0)
        return false;
      out.endTuple();
      break;
    case ',':
    case ' ':
      break;
    default:
      if (!leaf(c))
        return false;
    }
  }
  return depth == 0;
}

} // namespace

bool kq::runtime::pickleStructure(PickleWriter &out, std::string_view structure) {
  return pickleTuples(out, structure, [&](char c) {
    if (c != 'e' && c != 'r' && c != 'n' && c != 'u')
      return false;
    out.string(std::string_view(&c, 1));
    return true;
  });
}

bool kq::runtime::pickleQuery(PickleWriter &out, std::string_view structure,
                              const int64_t *entities, const int64_t *relations) {
  size_t nextEntity = 0, nextRelation = 0;
  return pickleTuples(out, structure, [&](char c) {
    switch (c) {
    case 'e':
      out.integer(entities[nextEntity++]);
      return true;
    case 'r':
      out.integer(relations[nextRelation++]);
      return true;
    case 'n':
      out.integer(-2);
      return true;
    case 'u':
      out.integer(-1);
      return true;
    default:
      return false;
    }
  });
}
