//===- OrderIntersections.cpp - kq-order-intersections ----------------------===//
//
// Sorts the inputs of every intersection by estimated size, smallest first,
// since the lowering folds intersections from the left. Estimates use the
// graph statistics of a kq.evaluate's graph when kqc attached them, and the
// shape of the expression otherwise (see Passes.td).
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/DenseMap.h"

#include <algorithm>

namespace mlir::kq {
#define GEN_PASS_DEF_KQORDERINTERSECTIONS
#include "passes/Passes.h.inc"
} // namespace mlir::kq

using namespace mlir;
using namespace mlir::kq;

namespace {

/// Estimates how many entities a set value holds.
class CardinalityEstimator {
public:
  /// `statistics` is a kq.graph's statistics attribute, or null.
  explicit CardinalityEstimator(DictionaryAttr statistics) : statistics(statistics) {
    if (statistics)
      if (auto entities = statistics.getAs<IntegerAttr>("entities"))
        numEntities = std::max<double>(1, entities.getInt());
  }

  double estimate(Value value) {
    auto known = cache.find(value);
    if (known != cache.end())
      return known->second;
    double size = compute(value);
    cache[value] = size;
    return size;
  }

private:
  /// Edges, distinct sources and distinct targets of a relation, if known.
  std::optional<std::array<double, 3>> relationCounts(StringRef relation) const {
    if (!statistics)
      return std::nullopt;
    auto relations = statistics.getAs<DictionaryAttr>("relations");
    auto counts = relations ? relations.getAs<DenseI64ArrayAttr>(relation) : nullptr;
    if (!counts || counts.size() != 3)
      return std::nullopt;
    return std::array<double, 3>{double(counts[0]), double(counts[1]), double(counts[2])};
  }

  /// The size of a projection of `input` entities by `relation`.
  double projected(double input, StringRef relation, bool inverse) const {
    if (auto counts = relationCounts(relation)) {
      auto [edges, sources, targets] = *counts;
      // Each entity reached contributes the relation's mean degree on its
      // side, up to every entity the relation can reach.
      double degree = inverse ? edges / std::max(1.0, targets) : edges / std::max(1.0, sources);
      return std::min(inverse ? sources : targets, input * degree);
    }
    return std::min(numEntities, input * kTypicalDegree);
  }

  double compute(Value value) {
    Operation *op = value.getDefiningOp();
    if (!op)
      return 1; // a kq.foreach binding: one entity
    if (isa<EntityOp, ElementOp>(op))
      return 1;
    if (isa<EmptyOp>(op))
      return 0;
    if (isa<UniverseOp>(op))
      return numEntities;
    if (auto project = dyn_cast<ProjectOp>(op))
      return projected(estimate(project.getInput()), project.getRelation(), project.getInverse());
    if (auto path = dyn_cast<PathOp>(op)) {
      double size = estimate(path.getInput());
      for (auto [relation, inverse] : llvm::zip(path.getRelations(), path.getInverse()))
        size = projected(size, cast<StringAttr>(relation).getValue(), inverse);
      return size;
    }
    if (auto loops = dyn_cast<SelfLoopsOp>(op)) {
      if (auto counts = relationCounts(loops.getRelation()))
        return std::min((*counts)[1], (*counts)[2]) / kTypicalDegree;
      return numEntities / kTypicalDegree;
    }
    if (auto intersect = dyn_cast<IntersectOp>(op)) {
      double smallest = numEntities;
      for (Value input : intersect.getInputs())
        smallest = std::min(smallest, estimate(input));
      return smallest;
    }
    if (auto unite = dyn_cast<UnionOp>(op)) {
      double total = 0;
      for (Value input : unite.getInputs())
        total += estimate(input);
      return std::min(numEntities, total);
    }
    if (auto guard = dyn_cast<GuardOp>(op))
      return estimate(guard.getValue());
    if (auto difference = dyn_cast<DifferenceOp>(op))
      return estimate(difference.getLhs());
    if (auto complement = dyn_cast<ComplementOp>(op))
      return std::max(0.0, numEntities - estimate(complement.getInput()));
    if (auto forEach = dyn_cast<ForEachOp>(op)) {
      auto yield = cast<YieldOp>(forEach.getBody().front().getTerminator());
      return std::min(numEntities, estimate(forEach.getCandidates()) * estimate(yield.getResult()));
    }
    return numEntities;
  }

  static constexpr double kTypicalDegree = 10;
  DictionaryAttr statistics;
  double numEntities = 100000;
  llvm::DenseMap<Value, double> cache;
};

void orderIntersections(Operation *root, CardinalityEstimator &estimator) {
  root->walk([&](IntersectOp intersect) {
    SmallVector<Value> inputs(intersect.getInputs());
    SmallVector<std::pair<double, size_t>> keyed;
    for (size_t i = 0; i < inputs.size(); ++i)
      keyed.push_back({estimator.estimate(inputs[i]), i});
    std::stable_sort(keyed.begin(), keyed.end(),
                     [](auto &a, auto &b) { return a.first < b.first; });
    SmallVector<Value> ordered;
    for (auto &[size, index] : keyed)
      ordered.push_back(inputs[index]);
    if (ordered != inputs)
      intersect->setOperands(ordered);
  });
}

struct OrderIntersectionsPass
    : public mlir::kq::impl::KQOrderIntersectionsBase<OrderIntersectionsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    for (Operation &op : module.getBody()->getOperations()) {
      if (auto evaluate = dyn_cast<EvaluateOp>(op)) {
        auto graph =
            SymbolTable::lookupNearestSymbolFrom<GraphOp>(evaluate, evaluate.getGraphAttr());
        CardinalityEstimator estimator(graph ? graph.getStatisticsAttr() : DictionaryAttr());
        orderIntersections(evaluate, estimator);
      } else if (auto query = dyn_cast<QueryOp>(op)) {
        CardinalityEstimator estimator(nullptr);
        orderIntersections(query, estimator);
      }
    }
  }
};

} // namespace
