//===- AtomTruth.h - The calibrated truth of atoms, row by row ------------===//
//
// The truth of an atom r(a, b) under a link predictor (LANGUAGE.md, "Neural
// query answering"): 1 when the triple is observed; otherwise p(b) * c with
// p the softmax over all tails t of score(a, r, t) and c = n / sum of p over
// the n observed tails of (a, r) (1 when there are none), 0 at or below the
// threshold and at most 1 - 0.001. It depends on (r, a) through one row, so
// a row is computed whole, by the generated rows kernel a block of heads at
// a time, calibrated, and kept sparse: what is left above the threshold.
// Rows are cached by (relation, head) under a bound in bytes, shared by
// every worker, instance and template of one `eval`; no relation's N x N
// matrix is ever stored.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_RUNTIME_NEURAL_ATOMTRUTH_H
#define KQ_RUNTIME_NEURAL_ATOMTRUTH_H

#include "runtime/Runtime.h"
#include "runtime/graph/Graph.h"
#include "runtime/linkpred/LinkPrediction.h"
#include "runtime/linkpred/Model.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace kq::runtime {

/// The most a degree computed from the model may be: an atom the graph
/// does not state is never quite certain.
constexpr double kMostUncertainTruth = 1.0 - 0.001;

/// The degrees above 0 of one row, in increasing tail order. Kept compact,
/// so that the cache holds as many rows as its bound allows: each tail with
/// the exponential its truth comes from, in the model's precision, and the
/// row's calibration scale; a tail's truth is min(exponential * scale, the
/// cap), computed when asked, the same bits as computing it at once, or 1
/// for an observed tail.
class TruthRow {
public:
  TruthRow(bool singlePrecision, double scale) : single(singlePrecision), scale(scale) {}

  void addObserved(EntityId tail) { add(tail, -1.0); }
  /// A tail that is not observed, with its exponential.
  template <typename T> void add(EntityId tail, T exponential) {
    tails.push_back(tail);
    if (single)
      singles.push_back(float(exponential));
    else
      doubles.push_back(double(exponential));
  }
  void shrinkToFit() {
    tails.shrink_to_fit();
    singles.shrink_to_fit();
    doubles.shrink_to_fit();
  }

  size_t size() const { return tails.size(); }
  const std::vector<EntityId> &tailIds() const { return tails; }
  double truth(size_t i) const { return decode(single ? double(singles[i]) : doubles[i]); }
  /// The truth at `tail`, 0 when the row does not keep it.
  double truthAt(EntityId tail) const {
    auto entry = std::lower_bound(tails.begin(), tails.end(), tail);
    return entry != tails.end() && *entry == tail ? truth(size_t(entry - tails.begin())) : 0.0;
  }
  /// visit(tail, truth) for every entry, in tail order.
  template <typename Visit> void forEach(Visit &&visit) const {
    if (single)
      for (size_t i = 0; i < tails.size(); ++i)
        visit(tails[i], decode(double(singles[i])));
    else
      for (size_t i = 0; i < tails.size(); ++i)
        visit(tails[i], decode(doubles[i]));
  }
  /// What the row occupies, its bookkeeping included.
  uint64_t bytes() const {
    return tails.capacity() * sizeof(EntityId) + singles.capacity() * sizeof(float) +
           doubles.capacity() * sizeof(double) + sizeof(TruthRow) + 32;
  }

private:
  double decode(double exponential) const {
    return exponential < 0 ? 1.0 : std::min(exponential * scale, kMostUncertainTruth);
  }

  bool single;
  double scale;
  std::vector<EntityId> tails;
  std::vector<float> singles;  // float32 models; -1 marks an observed tail
  std::vector<double> doubles; // float64 models
};
using SharedRow = std::shared_ptr<const TruthRow>;

/// How many rows were computed and how many came from the cache.
struct AtomTruthStatistics {
  std::atomic<int64_t> computed{0}, reused{0};
  /// Existential leaves asked at chosen tails: how many tails, and how
  /// many rows their maxima needed.
  struct Leaves {
    int64_t tails = 0, rows = 0;
  };
};

class AtomTruth {
public:
  /// Truth of `model`'s atoms with facts from `observed` (the benchmark's
  /// observed graph); rows cached up to `cacheBytes`.
  AtomTruth(const Model &model, const GraphIndex &observed, double threshold,
            const LinkPredKernels &kernels, uint64_t cacheBytes, unsigned threads);
  ~AtomTruth();
  int64_t numEntities() const { return entities; }

  /// The rows of (relation, heads[i]) for every i, in `out`. Safe to call
  /// from several workers at once. Throws std::bad_alloc.
  void rows(RelationId relation, const std::vector<EntityId> &heads, std::vector<SharedRow> &out);

  /// Calls `visit(head, row)` for every head of `relation`, in order, a
  /// chunk of rows at a time (cached ones from the cache): what inverse
  /// projections and self-loops need, without holding every row at once.
  void forEachRow(RelationId relation,
                  const std::function<void(EntityId, const TruthRow &)> &visit);

  /// max over every head x of truth(x, relation, y), for every y: what an
  /// existential leaf (`exists ?x . r(?x, ?y)`) needs. Computed once for
  /// the eval from every row, streamed (the rows themselves are not kept),
  /// and kept: one degree an entity.
  std::shared_ptr<const std::vector<double>> maxOverHeads(RelationId relation);

  /// maxOverHeads(relation) at `tails` only, the same values, from the
  /// rows of the few heads that can reach each maximum (LeafMaxima.h): what
  /// a leaf conjoined with a sparse vector needs.
  void maxOverHeadsAt(RelationId relation, const std::vector<EntityId> &tails,
                      std::vector<double> &out);

  const AtomTruthStatistics &statistics() const { return counts; }
  AtomTruthStatistics::Leaves leafStatistics() const;

private:
  struct Implementation;
  std::unique_ptr<Implementation> impl;
  int64_t entities;
  unsigned threads; // for the rows of a whole relation (0: one a core)
  AtomTruthStatistics counts;
};

} // namespace kq::runtime

#endif // KQ_RUNTIME_NEURAL_ATOMTRUTH_H
