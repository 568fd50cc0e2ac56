//===- SetStore.cpp - The sets a running statement allocates --------------===//

#include "runtime/core/SetStore.h"

#include <algorithm>
#include <cstring>
#include <type_traits>

using namespace kq::runtime;

namespace {
/// Ids a chunk holds at least: 4 MiB, so a statement rarely needs a second.
constexpr size_t kChunkIds = size_t(1) << 20;
} // namespace

SetStore::Record &SetStore::newRecord(EntityId *ids, size_t size, Position start) {
  static_assert(std::is_standard_layout_v<Record>, "a kq_set * must be its record's address");
  records.push_back(Record{kq_set{ids, int64_t(size)}, start, {}});
  return records.back();
}

kq_set *SetStore::allocate(size_t capacity) {
  Position start = top;
  // The first chunk from the top on with room; a new one past the last.
  while (top.chunk < chunks.size() && chunks[top.chunk].size - top.offset < capacity) {
    ++top.chunk;
    top.offset = 0;
  }
  if (top.chunk == chunks.size()) {
    size_t size = std::max(kChunkIds, capacity);
    chunks.push_back({std::unique_ptr<EntityId[]>(new EntityId[size]), size});
  }
  EntityId *ids = chunks[top.chunk].ids.get() + top.offset;
  top.offset += capacity;
  // The record remembers where the top was, to rewind to on release.
  return &newRecord(ids, capacity, start).set;
}

kq_set *SetStore::copyOf(const EntityId *ids, size_t count) {
  kq_set *set = allocate(count);
  if (count)
    std::memcpy(set->ids, ids, count * sizeof(EntityId));
  return set;
}

kq_set *SetStore::borrow(const EntityId *ids, size_t count) {
  return &newRecord(const_cast<EntityId *>(ids), count, top).set;
}

void SetStore::append(kq_set *set, const EntityId *ids, size_t count) {
  Record &record = *reinterpret_cast<Record *>(set);
  if (record.owned.empty())
    record.owned.assign(set->ids, set->ids + set->size);
  record.owned.insert(record.owned.end(), ids, ids + count);
  set->ids = record.owned.data();
  set->size = int64_t(record.owned.size());
}

void SetStore::makeSet(kq_set *set, uint64_t *bitmap) {
  Record &record = *reinterpret_cast<Record *>(set);
  if (record.owned.empty())
    return; // never appended to: sorted and distinct already
  // One bit an id, then the marked words in order: linear in the ids and
  // in the span of words they mark, where a sort would be n log n.
  size_t first = SIZE_MAX, last = 0;
  for (EntityId id : record.owned) {
    bitmap[id / 64] |= uint64_t(1) << (id % 64);
    first = std::min<size_t>(first, id / 64);
    last = std::max<size_t>(last, id / 64);
  }
  size_t size = 0;
  for (size_t word = first; word <= last; ++word) {
    for (uint64_t bits = bitmap[word]; bits; bits &= bits - 1)
      record.owned[size++] = EntityId(word * 64 + size_t(__builtin_ctzll(bits)));
    bitmap[word] = 0;
  }
  record.owned.resize(size);
  record.owned.shrink_to_fit();
  set->ids = record.owned.data();
  set->size = int64_t(size);
}

void SetStore::releaseAfter(size_t count) {
  if (count >= records.size())
    return;
  top = records[count].start;
  records.resize(count);
}
