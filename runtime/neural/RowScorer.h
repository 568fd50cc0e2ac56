//===- RowScorer.h - Scores of heads against entities, by the rows kernel -===//
//
// The scores of (head, relation, tail) that the truth of atoms is computed
// from, always by the generated query and rows kernels: the scores of a
// block of heads against every entity (a row), or against the panels of a
// few chosen entities. A pair's score is the same bits either way, since
// the kernel accumulates each pair in the same order whatever the panel
// holds.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_RUNTIME_NEURAL_ROWSCORER_H
#define KQ_RUNTIME_NEURAL_ROWSCORER_H

#include "runtime/graph/Graph.h"
#include "runtime/linkpred/LinkPrediction.h"
#include "runtime/linkpred/Model.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace kq::runtime {

/// Heads scored by one call of the rows kernel, in register tiles: enough
/// that each panel of entities, loaded once into the first level of cache,
/// serves many tiles.
constexpr int64_t kTilesPerBlock = 32;

/// heads = the entities [first, min(first + count, end)).
inline void consecutiveHeads(int64_t first, int64_t count, int64_t end,
                             std::vector<EntityId> &heads) {
  heads.clear();
  for (int64_t e = first; e < std::min(end, first + count); ++e)
    heads.push_back(EntityId(e));
}

template <typename T> class RowScorer {
public:
  RowScorer(const Model &model, const LinkPredKernels &kernels) : model(model), kernels(kernels) {
    panels = packPanels<T>(model.entities, kernels.panelWidth, numPanels);
    parameters[0] = T(model.gamma);
    parameters[1] = T(model.embeddingRange() / 3.14159265358979323846);
  }
  const Model &modelScored() const { return model; }
  int64_t panelWidth() const { return kernels.panelWidth; }
  int64_t rowLength() const { return numPanels * kernels.panelWidth; }
  int64_t blockSize() const { return kernels.queryBlock * kTilesPerBlock; }

  /// The query vectors of (heads[i], relation) for at most blockSize()
  /// heads, zero up to a whole number of query blocks; returns that number.
  int64_t queries(RelationId relation, const EntityId *heads, int64_t count,
                  std::vector<T> &out) const {
    const int64_t dim = model.entityDim();
    const int64_t padded =
        (count + kernels.queryBlock - 1) / kernels.queryBlock * kernels.queryBlock;
    out.assign(size_t(padded * dim), T(0));
    const T *entityRows = model.entities.data<T>();
    const T *relationRow = model.relations.data<T>() + int64_t(relation) * model.relations.columns;
    for (int64_t i = 0; i < count; ++i)
      kernels.query(entityRows + int64_t(heads[i]) * dim, relationRow, out.data() + i * dim, dim,
                    /*head_side=*/0, parameters);
    return padded;
  }

  /// scores[i * numChosen * panelWidth() ..] = the scores of query i (of
  /// `padded`) against the entities packed in `chosen`.
  void scoreAgainst(const std::vector<T> &queryVectors, int64_t padded,
                    const std::vector<T> &chosen, int64_t numChosen, std::vector<T> &scores) const {
    scores.resize(size_t(padded * numChosen * kernels.panelWidth));
    kernels.rows(queryVectors.data(), padded, chosen.data(), numChosen, model.entityDim(),
                 parameters, scores.data());
  }

  /// scores[i * rowLength() ..] = the scores of (heads[i], relation, every
  /// tail), for at most blockSize() heads.
  void score(RelationId relation, const EntityId *heads, int64_t count,
             std::vector<T> &queryVectors, std::vector<T> &scores) const {
    int64_t padded = queries(relation, heads, count, queryVectors);
    scoreAgainst(queryVectors, padded, panels, numPanels, scores);
  }

private:
  const Model &model;
  LinkPredKernels kernels;
  std::vector<T> panels;
  int64_t numPanels = 0;
  T parameters[2];
};

} // namespace kq::runtime

#endif // KQ_RUNTIME_NEURAL_ROWSCORER_H
