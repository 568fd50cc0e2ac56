//===- SetStore.h - The sets a running statement allocates ----------------===//
//
// Generated code asks for a set of some capacity, writes its ids and sets
// its size (Runtime.h). The store hands out headers at stable addresses and
// ids from large chunks in order, so allocating is a pointer bump, and
// taking back the sets of a finished iteration or instance is a rewind.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_RUNTIME_CORE_SETSTORE_H
#define KQ_RUNTIME_CORE_SETSTORE_H

#include "runtime/Runtime.h"
#include "runtime/graph/Graph.h"

#include <deque>
#include <memory>
#include <vector>

namespace kq::runtime {

class SetStore {
public:
  /// A set with room for `capacity` ids, its size `capacity` until the
  /// caller writes the ids and the size.
  kq_set *allocate(size_t capacity);
  /// A set of the `count` ids at `ids`, copied.
  kq_set *copyOf(const EntityId *ids, size_t count);
  /// A set that reads `ids`, which outlive the statement, without a copy.
  kq_set *borrow(const EntityId *ids, size_t count);
  /// Appends `count` ids to `set` (one of this store's) in storage of its
  /// own, in no order: how an accumulator grows past its capacity.
  void append(kq_set *set, const EntityId *ids, size_t count);
  /// Sorts the ids of `set` and keeps one of each, through `bitmap` (one
  /// bit an entity, all zero, left all zero).
  void makeSet(kq_set *set, uint64_t *bitmap);

  /// How many sets the store holds, and the release of all but the first
  /// `count` of them, with their ids.
  size_t count() const { return records.size(); }
  void releaseAfter(size_t count);
  void clear() { releaseAfter(0); }

private:
  struct Position {
    size_t chunk = 0;
    size_t offset = 0;
  };
  struct Record {
    kq_set set; // first: a kq_set * is the address of its record
    Position start;
    std::vector<EntityId> owned;
  };
  struct Chunk {
    std::unique_ptr<EntityId[]> ids;
    size_t size;
  };

  /// A record of `size` ids at `ids`; releasing it rewinds the top to `start`.
  Record &newRecord(EntityId *ids, size_t size, Position start);

  std::deque<Record> records;
  std::vector<Chunk> chunks;
  Position top;
};

} // namespace kq::runtime

#endif // KQ_RUNTIME_CORE_SETSTORE_H
