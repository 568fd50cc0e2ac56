//===- TruthRowTest.cpp - Compact rows of calibrated truth ----------------===//

#include "runtime/neural/AtomTruth.h"

#include <gtest/gtest.h>

#include <vector>

using namespace kq::runtime;

namespace {

std::vector<std::pair<EntityId, double>> entries(const TruthRow &row) {
  std::vector<std::pair<EntityId, double>> out;
  row.forEach([&](EntityId tail, double truth) { out.emplace_back(tail, truth); });
  return out;
}

TEST(TruthRowTest, SinglePrecisionGivesTheBitsOfTheDirectProduct) {
  const double scale = 3.0 / 0.7316; // n / observed mass, as calibrate makes it
  const float exps[] = {0.0123f, 0.2417f, 0.2499f};
  TruthRow row(/*singlePrecision=*/true, scale);
  row.add(EntityId(2), exps[0]);
  row.addObserved(EntityId(5));
  row.add(EntityId(9), exps[1]);
  row.add(EntityId(11), exps[2]);
  ASSERT_EQ(row.size(), 4u);
  EXPECT_EQ(row.tailIds(), (std::vector<EntityId>{2, 5, 9, 11}));
  // The same double product the calibration would have stored.
  EXPECT_EQ(row.truth(0), double(exps[0]) * scale);
  EXPECT_EQ(row.truth(1), 1.0);
  EXPECT_EQ(row.truth(2), std::min(double(exps[1]) * scale, kMostUncertainTruth));
  // Above 1 - 0.001 after scaling: capped.
  EXPECT_EQ(row.truth(3), kMostUncertainTruth);
  auto visited = entries(row);
  ASSERT_EQ(visited.size(), 4u);
  for (size_t i = 0; i < visited.size(); ++i) {
    EXPECT_EQ(visited[i].first, row.tailIds()[i]);
    EXPECT_EQ(visited[i].second, row.truth(i));
  }
}

TEST(TruthRowTest, DoublePrecisionKeepsEveryBit) {
  const double scale = 1.0 / 7.25;
  const double exponential = 0.1234567890123456789;
  TruthRow row(/*singlePrecision=*/false, scale);
  row.add(EntityId(0), exponential);
  row.addObserved(EntityId(1));
  EXPECT_EQ(row.truth(0), exponential * scale);
  EXPECT_NE(row.truth(0), double(float(exponential)) * scale);
  EXPECT_EQ(row.truth(1), 1.0);
}

TEST(TruthRowTest, SinglePrecisionRowsTakeHalfTheBytesOfDoubleOnes) {
  TruthRow single(true, 1.0), wide(false, 1.0);
  for (EntityId e = 0; e < 1000; ++e) {
    single.add(e, 0.5f);
    wide.add(e, 0.5);
  }
  single.shrinkToFit();
  wide.shrinkToFit();
  EXPECT_GE(single.bytes(), 1000 * (sizeof(EntityId) + sizeof(float)));
  EXPECT_LT(single.bytes(), 1000 * (sizeof(EntityId) + sizeof(float)) + 256);
  EXPECT_GT(wide.bytes(), single.bytes() + 1000 * 3);
}

TEST(TruthRowTest, AnEmptyRowVisitsNothing) {
  TruthRow row(true, 0.0);
  EXPECT_EQ(row.size(), 0u);
  EXPECT_TRUE(entries(row).empty());
}

} // namespace
