//===- EntitySet.cpp - Set operations over sorted id vectors --------------===//

#include "runtime/EntitySet.h"

#include <algorithm>
#include <iterator>

using namespace kq::runtime;

EntitySet kq::runtime::project(const Adjacency &adjacency, const EntitySet &input,
                               size_t numEntities) {
  EntitySet result;
  for (EntityId source : input) {
    auto [begin, end] = adjacency.neighbors(source);
    result.insert(result.end(), begin, end);
  }
  // Few candidates: sort them. Many: a bitmap costs less than the sort.
  if (result.size() * 16 < numEntities) {
    std::sort(result.begin(), result.end());
    result.erase(std::unique(result.begin(), result.end()), result.end());
    return result;
  }
  std::vector<bool> seen(numEntities);
  for (EntityId id : result)
    seen[id] = true;
  result.clear();
  for (size_t id = 0; id < numEntities; ++id)
    if (seen[id])
      result.push_back(static_cast<EntityId>(id));
  return result;
}

EntitySet kq::runtime::projectPath(const std::vector<const Adjacency *> &steps,
                                   const EntitySet &input, size_t numEntities) {
  std::vector<EntityId> frontier(input), next;
  std::vector<bool> reached(numEntities);
  for (const Adjacency *step : steps) {
    next.clear();
    for (EntityId source : frontier) {
      auto [begin, end] = step->neighbors(source);
      for (const EntityId *target = begin; target != end; ++target)
        if (!reached[*target]) {
          reached[*target] = true;
          next.push_back(*target);
        }
    }
    for (EntityId id : next)
      reached[id] = false;
    frontier.swap(next);
  }
  std::sort(frontier.begin(), frontier.end());
  return frontier;
}

EntitySet kq::runtime::intersect(const EntitySet &lhs, const EntitySet &rhs) {
  EntitySet result;
  std::set_intersection(lhs.begin(), lhs.end(), rhs.begin(), rhs.end(),
                        std::back_inserter(result));
  return result;
}

EntitySet kq::runtime::unite(const EntitySet &lhs, const EntitySet &rhs) {
  EntitySet result;
  std::set_union(lhs.begin(), lhs.end(), rhs.begin(), rhs.end(), std::back_inserter(result));
  return result;
}

EntitySet kq::runtime::difference(const EntitySet &lhs, const EntitySet &rhs) {
  EntitySet result;
  std::set_difference(lhs.begin(), lhs.end(), rhs.begin(), rhs.end(),
                      std::back_inserter(result));
  return result;
}

EntitySet kq::runtime::selfLoops(const Adjacency &adjacency) {
  EntitySet result;
  for (size_t row = 0; row < adjacency.sources.size(); ++row) {
    EntityId source = adjacency.sources[row];
    const EntityId *begin = adjacency.targets.data() + adjacency.offsets[row];
    const EntityId *end = adjacency.targets.data() + adjacency.offsets[row + 1];
    if (std::binary_search(begin, end, source))
      result.push_back(source);
  }
  return result;
}

