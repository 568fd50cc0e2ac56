//===- LinkPredRecords.cpp - The records `linkpred` writes ----------------===//

#include "runtime/linkpred/LinkPredRecords.h"
#include "runtime/support/Json.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <map>

using namespace kq::runtime;

std::vector<std::string> kq::runtime::linkPredRecords(const std::string &modelName,
                                                      const std::string &graphName,
                                                      const Graph &graph, Split split,
                                                      TiePolicy ties, LinkPredGrouping grouping,
                                                      const std::vector<RankCounts> &counts) {
  // The group of ranking i is its triple's relation and its side.
  static const char *const policyNames[] = {"optimistic", "pessimistic", "realistic"};
  const std::vector<Triple> &triples = graph.triples(split);
  RankMetrics overall;
  std::map<std::pair<uint32_t, int>, RankMetrics> groups;
  for (size_t i = 0; i < counts.size(); ++i) {
    double rank = counts[i].rank(ties);
    overall.add(rank);
    if (grouping.byRelation || grouping.byDirection)
      groups[{grouping.byRelation ? triples[i / 2].relation : 0,
              grouping.byDirection ? int(i % 2) : 0}]
          .add(rank);
  }
  std::vector<std::string> records;
  auto write = [&](const RankMetrics &metrics, const uint32_t *relation, const int *side) {
    JsonObject record;
    record.field("kind", "linkpred")
        .field("model", modelName)
        .field("graph", graphName)
        .field("split", kSplitNames[unsigned(split)]);
    if (ties != TiePolicy::Optimistic)
      record.field("ties", policyNames[unsigned(ties)]);
    if (relation)
      record.field("relation", graph.relations().name(*relation));
    if (side)
      record.field("direction", *side == 0 ? "tail" : "head");
    record.field("count", static_cast<long long>(metrics.count));
    // No rankings (an empty split): no metrics, rather than zeros that
    // read as a model that ranks nothing right.
    if (metrics.count == 0) {
      records.push_back(record.str());
      return;
    }
    double count = double(metrics.count);
    record.field("mrr", metrics.reciprocalSum / count)
        .field("mr", metrics.rankSum / count)
        .field("hits@1", double(metrics.hits1) / count)
        .field("hits@3", double(metrics.hits3) / count)
        .field("hits@10", double(metrics.hits10) / count);
    records.push_back(record.str());
  };
  write(overall, nullptr, nullptr);
  for (auto &[key, metrics] : groups)
    write(metrics, grouping.byRelation ? &key.first : nullptr,
          grouping.byDirection ? &key.second : nullptr);
  return records;
}

/// Scores of
/// the bilinear families are dot products of entity_dim multiply-adds,
/// 2 * entity_dim floating-point operations, as a GEMM counts them.
void kq::runtime::reportRankingStatistics(const char *name, const Model &model,
                                          const RankingStatistics &statistics) {
  double scores = double(statistics.rankings) * double(statistics.candidates);
  std::string rate = fmt::format("{:.3g} scores/s", scores / statistics.kernelSeconds);
  if (model.family == ModelFamily::ComplEx || model.family == ModelFamily::DistMult)
    rate += fmt::format(", {:.1f} GFLOP/s",
                        2.0 * double(model.entityDim()) * scores / statistics.kernelSeconds / 1e9);
  std::fprintf(stderr,
               "kq stats: linkpred %s: %lld rankings x %lld candidates (%s, dim %llu): "
               "rank kernel %.3f s (%s), ranking %.3f s\n",
               name, static_cast<long long>(statistics.rankings),
               static_cast<long long>(statistics.candidates), modelFamilyName(model.family),
               static_cast<unsigned long long>(model.entityDim()), statistics.kernelSeconds,
               rate.c_str(), statistics.seconds);
}
