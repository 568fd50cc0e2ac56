//===- FuzzyWorker.h - Truth vectors and the connectives on them ----------===//
//
// What a compiled fuzzy twin computes with (the kq_rt_truth_* functions): a
// truth vector holds a degree in [0, 1] for every entity; one worker (the
// kq_eval handle) answers one instance at a time and owns the vectors it
// makes, in a stack that a checkpoint and a release rewind (the iterations
// of a lowered kq.foreach), reused from instance to instance. The twin's
// own generated loops compute the dense connectives, guards and a foreach's
// maximum; here are the sparse paths: projections, an existential leaf
// asked where its conjunction is above 0, and a foreach's candidates.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_RUNTIME_NEURAL_FUZZYWORKER_H
#define KQ_RUNTIME_NEURAL_FUZZYWORKER_H

#include "ir/Connectives.h"
#include "ir/KQOptions.h"
#include "runtime/Runtime.h"
#include "runtime/graph/Graph.h"
#include "runtime/neural/AtomTruth.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

struct kq_truth {
  std::vector<double> degrees;
  /// >= 0: an existential leaf of this relation whose degrees are not yet
  /// filled in; a conjunction with a sparse vector asks it only where that
  /// vector is above 0, anything else fills it in whole.
  int64_t deferredLeaf = -1;
  /// Every degree is 1 and no search chose them: beam search keeps all.
  bool universe = false;
  /// The candidates of a kq.foreach over this vector, once asked for.
  std::vector<kq::runtime::EntityId> candidates;
  bool hasCandidates = false;
  /// A kq.foreach's iteration entity: candidate `candidateIndex` of
  /// `candidateOf`, whose projections fetch the rows of a chunk of the
  /// candidates at once.
  kq_truth *candidateOf = nullptr;
  int64_t candidateIndex = 0;
  /// For a set being iterated: the rows of candidates [first, first +
  /// rows.size()) under each relation the iterations project through.
  struct CandidateRows {
    kq::runtime::RelationId relation;
    size_t first;
    std::vector<kq::runtime::SharedRow> rows;
  };
  std::vector<CandidateRows> candidateRows;
};

namespace kq::runtime {

using Logic = options::Logic;

/// What the workers of one eval share.
struct FuzzySettings {
  const Graph *graph = nullptr;
  AtomTruth *truth = nullptr;
  Logic logic = Logic::product;
  int64_t beam = 0; // 0: exact
};

using connectives::conjoin;

} // namespace kq::runtime

struct kq_eval {
  explicit kq_eval(const kq::runtime::FuzzySettings &settings) : settings(settings) {}

  kq_truth *entity(kq::runtime::EntityId id);
  kq_truth *universe();
  kq_truth *empty() { return allocate(); }
  /// max_x T(input(x), truth(x, relation, y)); with `inverse`, over the
  /// atoms relation(y, x).
  kq_truth *project(kq_truth *input, kq::runtime::RelationId relation, bool inverse);
  /// max_x T(set(x), 1 - truth(x, relation, y)) over the candidates x of
  /// `set`: a foreach whose body negates the candidate's projection.
  /// Off its row a candidate gives its own degree, so the candidates are
  /// taken best first and an entity is done once it reaches the next one's
  /// degree: a few rows, not one a candidate. No relation: no atom holds.
  kq_truth *projectNegated(kq_truth *set, std::optional<kq::runtime::RelationId> relation);
  kq_truth *selfLoops(kq::runtime::RelationId relation);
  kq_truth *conjunction(kq_truth *a, kq_truth *b);
  kq_truth *conjunctionWithNegation(kq_truth *a, kq_truth *b);
  int64_t numCandidates(kq_truth *set);
  kq_truth *candidate(kq_truth *set, int64_t index);
  /// The degree of `set` at its candidate `index`.
  double candidateDegree(kq_truth *set, int64_t index) const {
    return set->degrees[set->candidates[size_t(index)]];
  }
  /// The degrees of `vector`, filled in first if it is a deferred leaf.
  const std::vector<double> &degreesOf(kq_truth *vector) { return filled(vector)->degrees; }
  /// The same, for a generated loop to write a new vector's degrees.
  std::vector<double> &mutableDegreesOf(kq_truth *vector) { return filled(vector)->degrees; }
  int64_t checkpoint() const { return int64_t(used); }
  void release(int64_t mark) { used = size_t(mark); }

  const kq::runtime::FuzzySettings &settings;

private:
  /// A vector of zeros.
  kq_truth *allocate();
  /// The row of (relation, the entity of `candidate`), the rows of its
  /// set's next candidates fetched with it, in one call of the kernel.
  kq::runtime::SharedRow candidateRow(kq_truth *candidate, kq::runtime::RelationId relation);
  /// `vector`, its degrees filled in if it is a deferred leaf.
  kq_truth *filled(kq_truth *vector);
  /// T(a(e), leaf(e)), or T(a(e), 1 - leaf(e)) when `negated`, at the
  /// entities where a is above 0 (0 elsewhere): the leaf asked only there.
  kq_truth *conjunctionWithLeaf(kq_truth *a, kq_truth *leaf, bool negated);
  /// The entities of `input` a projection starts from: those above 0, its
  /// `beam` best under beam search (every entity for the universe).
  const std::vector<kq::runtime::EntityId> &support(kq_truth *input);

  std::vector<std::unique_ptr<kq_truth>> vectors;
  size_t used = 0;
  std::vector<kq::runtime::EntityId> scratchSupport;
  std::vector<kq::runtime::SharedRow> scratchRows;
  std::vector<double> scratchDegrees;
};

#endif // KQ_RUNTIME_NEURAL_FUZZYWORKER_H
