//===- LinkPrediction.h - Filtered link-prediction evaluation -------------===//
//
// The driver of `linkpred`: it packs the entity embeddings into the panels
// the generated kernels read, prepares batches of queries (both directions
// of every triple of a split) with their filters, runs the compiler's rank
// kernels on every core, and turns the counts into ranks and metrics. The
// scoring arithmetic is all in the generated kernels.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_RUNTIME_LINKPRED_LINKPREDICTION_H
#define KQ_RUNTIME_LINKPRED_LINKPREDICTION_H

#include "ir/KQOptions.h"
#include "runtime/Runtime.h"
#include "runtime/core/Workers.h"
#include "runtime/graph/Graph.h"
#include "runtime/linkpred/Model.h"

#include <string>
#include <vector>

namespace kq::runtime {

/// The generated kernels of one model family and element type, as the
/// compiler passes them: `linkpred` gets query, score and rank, `eval`
/// query, rows and softmax; the others are null.
struct LinkPredKernels {
  int64_t panelWidth = 0, queryBlock = 0;
  kq_query_kernel query = nullptr;
  kq_score_kernel score = nullptr;
  kq_rank_kernel rank = nullptr;
  kq_rows_kernel rows = nullptr;
  kq_softmax_kernel softmax = nullptr;
};

/// The entity rows (those of `chosen`, in its order, when given),
/// transposed into the panels of `width` entities the kernels read (zero
/// past the last entity).
template <typename T>
std::vector<T> packPanels(const NpyMatrix &entities, int64_t width, int64_t &numPanels,
                          const std::vector<EntityId> *chosen = nullptr) {
  int64_t rows = chosen ? int64_t(chosen->size()) : entities.rows, dim = entities.columns;
  numPanels = (rows + width - 1) / width;
  std::vector<T> panels(size_t(numPanels) * dim * width, T(0));
  const T *source = entities.data<T>();
  for (int64_t e = 0; e < rows; ++e) {
    T *panel = panels.data() + size_t(e / width) * dim * width + e % width;
    const T *row = source + (chosen ? int64_t((*chosen)[size_t(e)]) : e) * dim;
    for (int64_t k = 0; k < dim; ++k)
      panel[k * width] = row[k];
  }
  return panels;
}

/// The tie policies of ir/KQOptions.td.
using TiePolicy = options::TiePolicy;

/// For one ranking: the candidates left after filtering that score higher
/// than the true entity, and those that score the same.
struct RankCounts {
  int64_t greater = 0, equal = 0;
  double rank(TiePolicy ties) const {
    switch (ties) {
    case TiePolicy::Optimistic:
      return 1.0 + double(greater);
    case TiePolicy::Pessimistic:
      return 1.0 + double(greater + equal);
    case TiePolicy::Realistic:
      return 1.0 + double(greater) + double(equal) / 2.0;
    }
    return 0;
  }
};

/// Where the time of a ranking went, for KQ_STATS.
struct RankingStatistics {
  int64_t rankings = 0, candidates = 0;
  double seconds = 0;       // the whole ranking, packing and filters included
  double kernelSeconds = 0; // the rank kernel (the slowest thread's share)
};

/// Ranks both directions of every triple of `split`: element 2i is the
/// ranking of the tail of triple i among candidates for (head, relation, ?),
/// element 2i + 1 that of its head for (?, relation, tail). Filtered by
/// every split of the graph. `kernels` matches the model's element type.
/// Throws std::bad_alloc when memory runs out.
std::vector<RankCounts> rankTriples(const Model &model, Graph &graph, Split split,
                                    const LinkPredKernels &kernels, const std::string &label,
                                    const WorkOptions &work, RankingStatistics &statistics);

/// Running sums of the metrics over ranks.
struct RankMetrics {
  int64_t count = 0;
  double reciprocalSum = 0, rankSum = 0;
  int64_t hits1 = 0, hits3 = 0, hits10 = 0;
  void add(double rank) {
    ++count;
    reciprocalSum += 1.0 / rank;
    rankSum += rank;
    hits1 += rank <= 1.0;
    hits3 += rank <= 3.0;
    hits10 += rank <= 10.0;
  }
};

} // namespace kq::runtime

#endif // KQ_RUNTIME_LINKPRED_LINKPREDICTION_H
