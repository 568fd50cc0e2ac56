//===- HardAnswerRanks.h - Ranks of hard answers and their means ----------===//
//
// The metrics of the KGReasoning code base: each hard answer h of an
// instance is ranked among the entities that are no answer of it (its easy
// and its other hard answers are left out), rank = 1 + those scoring higher
// + a share of those scoring the same (none, all, or half: the tie policy).
// Computed in one pass over the entities with a binary search among the
// hard answers' scores, without sorting the entities.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_RUNTIME_NEURAL_HARDANSWERRANKS_H
#define KQ_RUNTIME_NEURAL_HARDANSWERRANKS_H

#include "runtime/graph/Graph.h"
#include "runtime/linkpred/LinkPrediction.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace kq::runtime {

/// The rank of each of `hard` (in its order) under `scores` (one an entity).
template <typename T>
std::vector<double> rankHardAnswers(const T *scores, size_t numEntities,
                                    const std::vector<EntityId> &easy,
                                    const std::vector<EntityId> &hard, TiePolicy ties);

/// The `count` entities of highest score, best first (lower id among equals).
template <typename T>
std::vector<std::pair<EntityId, double>> topEntities(const T *scores, size_t numEntities,
                                                     size_t count);

/// Means over an instance's ranks, then over instances.
struct AnswerMetrics {
  int64_t instances = 0, answers = 0;
  double mrr = 0, hits1 = 0, hits3 = 0, hits10 = 0; // sums of the instance means
  void addInstance(const std::vector<double> &ranks);
};

} // namespace kq::runtime

#endif // KQ_RUNTIME_NEURAL_HARDANSWERRANKS_H
