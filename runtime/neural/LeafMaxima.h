//===- LeafMaxima.h - An existential leaf's truth at chosen tails ---------===//
//
// `exists ?x . r(?x, ?y)` is true at y to the degree max_x truth(x, r, y),
// a maximum over every head. Where the leaf is conjoined with something
// sparse, only the tails the other side leaves above 0 matter, and at each
// of them only a few heads come near the maximum: this finds them without
// the row of every head. For each head of r it keeps, once, a lower bound
// of its row's denominator (the normaliser, or the observed tails' mass):
// the exact exponentials of r's most frequent tails plus Jensen's bound,
// n * exp(mean score), for the rest, with the rounding of the kernel's
// scores allowed for. One pass of the rows kernel over the chosen tails'
// panels then bounds every head's truth at each tail from above, and the
// rows of the heads whose bounds beat the best found so far are computed
// (and cached) in decreasing order of their bounds until none can. The
// maxima are therefore those of the rows themselves: the same values
// AtomTruth::maxOverHeads finds from every row.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_RUNTIME_NEURAL_LEAFMAXIMA_H
#define KQ_RUNTIME_NEURAL_LEAFMAXIMA_H

#include "runtime/graph/Graph.h"
#include "runtime/neural/RowScorer.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace kq::runtime {

class AtomTruth;

template <typename T> class LeafMaxima {
public:
  LeafMaxima(AtomTruth &truth, const RowScorer<T> &scorer, const GraphIndex &observed,
             double threshold);
  ~LeafMaxima();

  /// out[i] = max over every head x of truth(x, relation, tails[i]). Safe
  /// to call from several workers at once. Throws std::bad_alloc.
  void at(RelationId relation, const std::vector<EntityId> &tails, std::vector<double> &out);

  /// Tails answered from their bounds and rows, and the rows that took.
  std::atomic<int64_t> tailsBounded{0}, rowsNeeded{0};

private:
  struct Relation;
  Relation &relationOf(RelationId relation);
  void computeBounds(RelationId relation, Relation &bounds);
  /// best[j] = the maximum at openTails[j], none of them observed or known.
  void maximaAt(RelationId relation, Relation &bounds, const std::vector<EntityId> &openTails,
                std::vector<double> &best);
  /// A lower bound of the mean score of `query` over the `count`
  /// entities whose embeddings sum to `sum` (and whose distances to their
  /// centroid average `spread`, for the distance families).
  double meanScoreBound(const T *query, const std::vector<double> &sum, int64_t count,
                        double spread) const;

  AtomTruth &truth;
  const RowScorer<T> &scorer;
  const GraphIndex &observed;
  double threshold;
  double largestNorm = 0; // of an entity row: L2 for the dot families, L1 otherwise
  std::mutex lock;
  std::unordered_map<RelationId, std::unique_ptr<Relation>> relations;
};

} // namespace kq::runtime

#endif // KQ_RUNTIME_NEURAL_LEAFMAXIMA_H
