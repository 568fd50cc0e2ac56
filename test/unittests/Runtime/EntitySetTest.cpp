//===- EntitySetTest.cpp - Set operations of the runtime ------------------===//

#include "runtime/EntitySet.h"

#include <gtest/gtest.h>

using namespace kq::runtime;

namespace {

/// A relation over 6 entities: 0->1, 0->2, 1->2, 3->2, 4->5.
Adjacency forwardEdges() {
  Adjacency adjacency;
  adjacency.sources = {0, 1, 3, 4};
  adjacency.offsets = {0, 2, 3, 4, 5};
  adjacency.targets = {1, 2, 2, 2, 5};
  return adjacency;
}

TEST(EntitySetTest, NeighborsOfEntitiesWithAndWithoutEdges) {
  Adjacency adjacency = forwardEdges();
  auto [begin, end] = adjacency.neighbors(0);
  EXPECT_EQ(std::vector<EntityId>(begin, end), (std::vector<EntityId>{1, 2}));
  auto [noBegin, noEnd] = adjacency.neighbors(2);
  EXPECT_EQ(noBegin, noEnd);
}

TEST(EntitySetTest, ProjectionDeduplicatesTargets) {
  // 0, 1 and 3 all reach 2: it appears once. Small universe: bitmap path.
  EXPECT_EQ(project(forwardEdges(), {0, 1, 3}, 6), (EntitySet{1, 2}));
  // A large universe takes the sorting path and must agree.
  EXPECT_EQ(project(forwardEdges(), {0, 1, 3}, 1000), (EntitySet{1, 2}));
  EXPECT_EQ(project(forwardEdges(), {2, 5}, 6), EntitySet{});
}

TEST(EntitySetTest, BooleanOperations) {
  EntitySet a{1, 3, 5, 7}, b{3, 4, 5};
  EXPECT_EQ(intersect(a, b), (EntitySet{3, 5}));
  EXPECT_EQ(unite(a, b), (EntitySet{1, 3, 4, 5, 7}));
  EXPECT_EQ(difference(a, b), (EntitySet{1, 7}));
}

} // namespace
