//===- Graph.h - Knowledge graphs: dictionaries, splits, CSR --------------===//
//
// A graph is its entity and relation dictionaries plus the triples of each
// split. For a union of splits it builds, on first use, an index with two
// doubly compressed sparse row structures per relation (forward: head to
// tails; backward: tail to heads), so a projection touches only the rows of
// the entities it starts from.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_RUNTIME_GRAPH_GRAPH_H
#define KQ_RUNTIME_GRAPH_GRAPH_H

#include "runtime/Runtime.h"

#include <array>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kq::runtime {

struct GraphCacheOptions;

using EntityId = uint32_t;
using RelationId = uint32_t;

/// Names to dense ids and back. Lookups allocate nothing: the map's keys
/// view the names, which a deque never moves.
class Dictionary {
public:
  Dictionary() = default;
  Dictionary(Dictionary &&) = default;
  Dictionary &operator=(Dictionary &&) = default;
  Dictionary(const Dictionary &) = delete;

  /// The id of `name`, adding it when new.
  uint32_t intern(std::string_view name);
  std::optional<uint32_t> lookup(std::string_view name) const;
  const std::string &name(uint32_t id) const { return names[id]; }
  size_t size() const { return names.size(); }

private:
  std::deque<std::string> names;
  std::unordered_map<std::string_view, uint32_t> ids;
};

struct Triple {
  EntityId head;
  RelationId relation;
  EntityId tail;
  bool operator<(const Triple &other) const {
    return std::tie(relation, head, tail) < std::tie(other.relation, other.head, other.tail);
  }
  bool operator==(const Triple &other) const {
    return head == other.head && relation == other.relation && tail == other.tail;
  }
};

/// One direction of one relation: the rows of the entities that have edges.
struct Adjacency {
  std::vector<EntityId> sources; // sorted, distinct
  std::vector<uint32_t> offsets; // sources.size() + 1 entries
  std::vector<EntityId> targets; // sorted within each row

  /// The targets of `source`, as [begin, end).
  std::pair<const EntityId *, const EntityId *> neighbors(EntityId source) const;
  size_t numEdges() const { return targets.size(); }
};

/// The adjacency of every relation in both directions for a union of splits,
/// and the same as the C structs the generated kernels read.
struct GraphIndex {
  std::vector<Adjacency> forward;  // by relation: head -> tails
  std::vector<Adjacency> backward; // by relation: tail -> heads
  std::vector<kq_adjacency> forwardTable, backwardTable;
};

enum class Split : unsigned { Train = 0, Valid = 1, Test = 2 };
constexpr std::array<const char *, 3> kSplitFileNames = {"train.txt", "valid.txt", "test.txt"};
constexpr std::array<const char *, 3> kSplitNames = {"train", "valid", "test"};

class Graph {
public:
  /// Loads the three split files of `folder`, from the graph cache when it
  /// is current (runtime/graph/GraphCache.h). On failure returns null and sets
  /// `error` to one message naming the file (and line).
  static std::unique_ptr<Graph> load(const std::string &folder, std::string &error,
                                     const GraphCacheOptions *cache = nullptr);
  /// About how much memory loading the graph in `folder` takes from text:
  /// its files, their triples and the names, and the indexes built on use.
  static uint64_t bytesToLoad(const std::string &folder);

  /// A graph from dictionaries and triples already resolved to their ids
  /// (the graph cache's).
  static std::unique_ptr<Graph> assemble(Dictionary entities, Dictionary relations,
                                         std::array<std::vector<Triple>, 3> splits);

  const Dictionary &entities() const { return entityNames; }
  const Dictionary &relations() const { return relationNames; }
  const std::vector<Triple> &triples(Split split) const {
    return splitTriples[static_cast<unsigned>(split)];
  }

  /// The distinct triples of the union of the splits in `splitMask`, sorted.
  std::vector<Triple> facts(unsigned splitMask) const;

  /// The index of the union of the splits in `splitMask` (bit i = split i).
  const GraphIndex &index(unsigned splitMask);

  /// The domain of the graph's first-order semantics: every entity named in
  /// some split, sorted (an entity listed only in entities.dict is not in it).
  const std::vector<EntityId> &domain();

  /// Each entity's position among all entity names in UTF-8 byte order, so
  /// answers sort by name with integer comparisons, and the entity at each
  /// position.
  const std::vector<uint32_t> &nameOrder() const;
  const std::vector<EntityId> &entitiesByName() const;

  /// Each entity's name as a JSON string literal, quoted and escaped once.
  const std::vector<std::string> &jsonNames() const;

private:
  Dictionary entityNames;
  Dictionary relationNames;
  std::array<std::vector<Triple>, 3> splitTriples;
  std::map<unsigned, std::unique_ptr<GraphIndex>> indexes;
  std::optional<std::vector<EntityId>> domainIds;
  // Built on first use (logically part of the graph; warm them up before
  // threads read them).
  mutable std::optional<std::vector<uint32_t>> namePositions;
  mutable std::vector<EntityId> byName;
  mutable std::optional<std::vector<std::string>> quotedNames;
};

/// Appends the names of the `count` entities at `ids` (distinct) to `json`
/// as a JSON array, sorted by their UTF-8 bytes.
void appendJsonNameArray(std::string &json, const Graph &graph, const EntityId *ids, size_t count);

} // namespace kq::runtime

#endif // KQ_RUNTIME_GRAPH_GRAPH_H
