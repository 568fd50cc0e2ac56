//===- Model.h - Trained link predictors ----------------------------------===//
//
// A model is the entity and relation embeddings of one of the families of
// the public RotatE code base (KnowledgeGraphEmbedding), with its config.json:
// TransE, DistMult, ComplEx, RotatE. Its rows are the entities and relations
// of a graph in the graph's id order; loading checks that they agree.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_RUNTIME_LINKPRED_MODEL_H
#define KQ_RUNTIME_LINKPRED_MODEL_H

#include "ir/KQOptions.h"
#include "runtime/graph/Graph.h"
#include "runtime/linkpred/Npy.h"

#include <memory>
#include <optional>
#include <string>

namespace kq::runtime {

/// The families of ir/KQOptions.td, by the codes programs pass.
using ModelFamily = options::ModelFamily;

/// The family spelt as config.json does (`TransE`, ...).
const char *modelFamilyName(ModelFamily family);

struct Model {
  ModelFamily family;
  uint64_t hiddenDim = 0;
  double gamma = 0;    // the margin of the distance families
  NpyMatrix entities;  // [entities, entityDim]
  NpyMatrix relations; // [relations, relationDim]

  ElementType elementType() const { return entities.type; }
  uint64_t entityDim() const { return entities.columns; }
  /// The RotatE code base's embedding range, (gamma + 2) / hidden_dim: the
  /// scale that turns a relation row into phases.
  double embeddingRange() const { return (gamma + 2.0) / double(hiddenDim); }

  /// Reads the model of `family` in `folder` for `graph`. On failure
  /// returns null and sets `error` to one message naming the file.
  static std::unique_ptr<Model> load(const std::string &folder, ModelFamily family,
                                     const Graph &graph, std::string &error);
};

} // namespace kq::runtime

#endif // KQ_RUNTIME_LINKPRED_MODEL_H
