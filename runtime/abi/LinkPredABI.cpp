//===- LinkPredABI.cpp - `model` and `linkpred` -------------------------===//
//
// Loading a link predictor, and filtered link prediction with the kernels
// the compiler generated for its family (linkpred/LinkPrediction), written
// as records by linkpred/LinkPredRecords.
//
//===----------------------------------------------------------------------===//

#include "runtime/abi/Adapters.h"
#include "runtime/core/Workers.h"
#include "runtime/linkpred/LinkPredRecords.h"
#include "runtime/linkpred/LinkPrediction.h"

#include <fmt/format.h>

#include <cstdlib>
#include <new>

using namespace kq::runtime;

extern "C" {

void kq_rt_load_model(kq_context *ctx, const char *name, int32_t family, const char *path,
                      const char *graph) {
  Context &context = Context::from(ctx);
  if (!context.failed())
    context.loadModel(name, static_cast<ModelFamily>(family), path, graph);
}

void kq_rt_linkpred(kq_context *ctx, const char *model_name, const char *graph_name, int32_t split,
                    int32_t ties, int32_t per, int64_t f32_panel_width, int64_t f32_query_block,
                    kq_query_kernel f32_query, kq_score_kernel f32_score, kq_rank_kernel f32_rank,
                    int64_t f64_panel_width, int64_t f64_query_block, kq_query_kernel f64_query,
                    kq_score_kernel f64_score, kq_rank_kernel f64_rank) {
  Context &context = Context::from(ctx);
  if (context.failed())
    return;
  Model *model = context.findModel(model_name);
  Graph *graph = context.findGraph(graph_name);
  if (!model || !graph) {
    context.fail(
        fmt::format("linkpred: model '{}' or graph '{}' is not loaded", model_name, graph_name));
    return;
  }
  unsigned splitIndex = split == KQ_SPLIT_TRAIN ? 0 : split == KQ_SPLIT_VALID ? 1 : 2;
  LinkPredKernels kernels =
      model->elementType() == ElementType::Float32
          ? LinkPredKernels{f32_panel_width, f32_query_block, f32_query, f32_score, f32_rank}
          : LinkPredKernels{f64_panel_width, f64_query_block, f64_query, f64_score, f64_rank};
  // The panels the kernels read (a copy of the entity table), the counts
  // of every ranking, and each worker's batch of queries and filter rows.
  const RunOptions &options = context.options();
  uint64_t element = model->elementType() == ElementType::Float32 ? 4 : 8;
  uint64_t entities = model->entities.rows, dim = model->entityDim();
  uint64_t rankings = 2 * graph->triples(static_cast<Split>(splitIndex)).size();
  uint64_t need = entities * dim * element + rankings * 16 +
                  uint64_t(workerCount(options.work.threads)) * 96 * (entities + dim * element);
  std::string tooMuch;
  if (!options.memory.allows(need, fmt::format("linkpred {}", model_name), tooMuch)) {
    context.fail(tooMuch);
    return;
  }
  RankingStatistics statistics;
  std::vector<RankCounts> counts;
  try {
    counts =
        rankTriples(*model, *graph, static_cast<Split>(splitIndex), kernels,
                    fmt::format("linkpred {}", model_name), context.options().work, statistics);
  } catch (const std::bad_alloc &) {
    context.fail(fmt::format("linkpred {}: out of memory", model_name));
    return;
  }
  if (context.options().statistics)
    reportRankingStatistics(model_name, *model, statistics);
  LinkPredGrouping grouping{(per & KQ_PER_RELATION) != 0, (per & KQ_PER_DIRECTION) != 0};
  for (const std::string &record :
       linkPredRecords(model_name, graph_name, *graph, static_cast<Split>(splitIndex),
                       static_cast<TiePolicy>(ties), grouping, counts))
    context.writeRecord(record);
}

} // extern "C"
