//===- LinkPredRecords.h - The records `linkpred` writes ------------------===//
//
// Ranks turned into metrics (MRR, MR, Hits@1/3/10) over all rankings of a
// split, then per relation, per direction, or both when asked, each as one
// `linkpred` record; and the KQ_STATS report of where the time went.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_RUNTIME_LINKPRED_LINKPREDRECORDS_H
#define KQ_RUNTIME_LINKPRED_LINKPREDRECORDS_H

#include "runtime/linkpred/LinkPrediction.h"

#include <string>
#include <vector>

namespace kq::runtime {

/// The breakdowns of `linkpred ... per relation, direction`.
struct LinkPredGrouping {
  bool byRelation = false, byDirection = false;
};

/// The records of the rankings `counts` of split `split` of `graph`, as
/// rankTriples orders them: the overall record, then one a group in
/// (relation id, direction) order.
std::vector<std::string> linkPredRecords(const std::string &modelName, const std::string &graphName,
                                         const Graph &graph, Split split, TiePolicy ties,
                                         LinkPredGrouping grouping,
                                         const std::vector<RankCounts> &counts);

/// KQ_STATS: where a linkpred's time went, on standard error.
void reportRankingStatistics(const char *name, const Model &model,
                             const RankingStatistics &statistics);

} // namespace kq::runtime

#endif // KQ_RUNTIME_LINKPRED_LINKPREDRECORDS_H
