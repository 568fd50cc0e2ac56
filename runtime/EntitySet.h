//===- EntitySet.h - Sets of entities and the operations on them ----------===//
//
// A set is a sorted vector of distinct entity ids. Projection expands a
// frontier over the CSR rows of its members; when the expansion is large
// compared with the graph it deduplicates through a bitmap instead of a sort.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_RUNTIME_ENTITYSET_H
#define KQ_RUNTIME_ENTITYSET_H

#include "runtime/Graph.h"

#include <vector>

namespace kq::runtime {

using EntitySet = std::vector<EntityId>; // sorted, distinct

EntitySet project(const Adjacency &adjacency, const EntitySet &input, size_t numEntities);
/// Follows `steps` adjacencies in turn with one frontier, deduplicated by a
/// bitmap at each step; only the final set is sorted.
EntitySet projectPath(const std::vector<const Adjacency *> &steps, const EntitySet &input,
                      size_t numEntities);
EntitySet intersect(const EntitySet &lhs, const EntitySet &rhs);
EntitySet unite(const EntitySet &lhs, const EntitySet &rhs);
EntitySet difference(const EntitySet &lhs, const EntitySet &rhs);
/// The sources of the relation whose own row holds them.
EntitySet selfLoops(const Adjacency &adjacency);

} // namespace kq::runtime

#endif // KQ_RUNTIME_ENTITYSET_H
