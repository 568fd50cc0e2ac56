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

void SetStore::assign(kq_set *set, std::vector<EntityId> ids) {
  Record &record = *reinterpret_cast<Record *>(set);
  record.owned = std::move(ids);
  set->ids = record.owned.data();
  set->size = int64_t(record.owned.size());
}

void SetStore::releaseAfter(size_t count) {
  if (count >= records.size())
    return;
  top = records[count].start;
  records.resize(count);
}
