//===- SetStoreTest.cpp - The sets a running statement allocates ----------===//

#include "runtime/core/SetStore.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

using namespace kq::runtime;

namespace {

std::vector<EntityId> idsOf(const kq_set *set) {
  return std::vector<EntityId>(set->ids, set->ids + set->size);
}

TEST(SetStoreTest, SetsKeepTheirIdsWhileOthersAreAllocated) {
  SetStore store;
  const EntityId first[] = {1, 5, 9};
  kq_set *a = store.copyOf(first, 3);
  std::vector<kq_set *> more;
  // Past a chunk's worth of ids, so a second chunk is needed.
  for (int i = 0; i < 40; ++i) {
    kq_set *set = store.allocate(50000);
    set->ids[0] = EntityId(i);
    set->ids[49999] = EntityId(i + 1);
    more.push_back(set);
  }
  EXPECT_EQ(idsOf(a), (std::vector<EntityId>{1, 5, 9}));
  for (int i = 0; i < 40; ++i) {
    EXPECT_EQ(more[i]->ids[0], EntityId(i));
    EXPECT_EQ(more[i]->ids[49999], EntityId(i + 1));
  }
  EXPECT_EQ(store.count(), 41u);
}

TEST(SetStoreTest, ReleasingRewindsAndReusesTheSpace) {
  SetStore store;
  const EntityId kept[] = {2, 3};
  kq_set *a = store.copyOf(kept, 2);
  size_t mark = store.count();
  EntityId *firstIds = store.allocate(1000)->ids;
  store.allocate(10);
  store.releaseAfter(mark);
  EXPECT_EQ(store.count(), 1u);
  // The released ids are handed out again, from where they began.
  EXPECT_EQ(store.allocate(1000)->ids, firstIds);
  EXPECT_EQ(idsOf(a), (std::vector<EntityId>{2, 3}));
}

TEST(SetStoreTest, AnAccumulatorOutlivesTheRelease) {
  SetStore store;
  kq_set *accumulator = store.allocate(0);
  accumulator->size = 0;
  // Iterations whose answers overlap and come in no order.
  const std::vector<std::vector<EntityId>> iterations{{30, 70}, {}, {5, 30, 64}, {129, 5}};
  for (const std::vector<EntityId> &answers : iterations) {
    size_t mark = store.count();
    kq_set *iteration = store.allocate(answers.size());
    std::copy(answers.begin(), answers.end(), iteration->ids);
    store.append(accumulator, iteration->ids, answers.size());
    store.releaseAfter(mark);
    store.allocate(4)->ids[0] = 99; // reuses the iteration's space
  }
  std::vector<uint64_t> bitmap(3, 0);
  store.makeSet(accumulator, bitmap.data());
  EXPECT_EQ(idsOf(accumulator), (std::vector<EntityId>{5, 30, 64, 70, 129}));
  EXPECT_EQ(bitmap, (std::vector<uint64_t>(3, 0))); // left as it was found
}

TEST(SetStoreTest, AnAccumulatorNeverAddedToStaysEmpty) {
  SetStore store;
  kq_set *accumulator = store.allocate(0);
  accumulator->size = 0;
  std::vector<uint64_t> bitmap(1, 0);
  store.makeSet(accumulator, bitmap.data());
  EXPECT_EQ(accumulator->size, 0);
}

TEST(SetStoreTest, BorrowedIdsAreNotCopied) {
  SetStore store;
  std::vector<EntityId> domain{0, 1, 2, 7};
  kq_set *set = store.borrow(domain.data(), domain.size());
  EXPECT_EQ(set->ids, domain.data());
  EXPECT_EQ(set->size, 4);
}

} // namespace
