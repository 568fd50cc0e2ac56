//===- EvalABI.cpp - `eval` and the truth-vector functions ---------------===//
//
// The functions a compiled fuzzy twin calls (neural/FuzzyWorker), the
// registration of the twins, and the two entry points of `eval`
// (neural/Evaluation).
//
//===----------------------------------------------------------------------===//

#include "runtime/abi/Adapters.h"
#include "runtime/neural/Evaluation.h"
#include "runtime/neural/FuzzyWorker.h"

using namespace kq::runtime;

extern "C" {

kq_truth *kq_rt_truth_entity(kq_eval *eval, const char *name) {
  std::optional<uint32_t> id = eval->settings.graph->entities().lookup(name);
  return id ? eval->entity(*id) : eval->empty();
}
kq_truth *kq_rt_truth_entity_id(kq_eval *eval, int32_t entity) {
  return eval->entity(EntityId(entity));
}
kq_truth *kq_rt_truth_project(kq_eval *eval, kq_truth *input, const char *relation,
                              int32_t inverse) {
  std::optional<uint32_t> id = eval->settings.graph->relations().lookup(relation);
  return id ? eval->project(input, *id, inverse != 0) : eval->empty();
}
kq_truth *kq_rt_truth_project_id(kq_eval *eval, kq_truth *input, int32_t relation,
                                 int32_t inverse) {
  return eval->project(input, RelationId(relation), inverse != 0);
}
kq_truth *kq_rt_truth_project_negated(kq_eval *eval, kq_truth *set, const char *relation) {
  // An unknown relation (no atom holds) is nullopt.
  return eval->projectNegated(set, eval->settings.graph->relations().lookup(relation));
}
kq_truth *kq_rt_truth_project_negated_id(kq_eval *eval, kq_truth *set, int32_t relation) {
  return eval->projectNegated(set, RelationId(relation));
}
kq_truth *kq_rt_truth_self_loops(kq_eval *eval, const char *relation) {
  std::optional<uint32_t> id = eval->settings.graph->relations().lookup(relation);
  return id ? eval->selfLoops(*id) : eval->empty();
}
kq_truth *kq_rt_truth_and(kq_eval *eval, kq_truth *a, kq_truth *b) {
  return eval->conjunction(a, b);
}
kq_truth *kq_rt_truth_and_not(kq_eval *eval, kq_truth *a, kq_truth *b) {
  return eval->conjunctionWithNegation(a, b);
}
kq_truth *kq_rt_truth_universe(kq_eval *eval) { return eval->universe(); }
kq_truth *kq_rt_truth_empty(kq_eval *eval) { return eval->empty(); }
int64_t kq_rt_truth_size(kq_eval *eval) { return eval->settings.truth->numEntities(); }
double *kq_rt_truth_degrees(kq_eval *eval, kq_truth *vector) {
  return eval->mutableDegreesOf(vector).data();
}
int64_t kq_rt_truth_candidates(kq_eval *eval, kq_truth *set) { return eval->numCandidates(set); }
kq_truth *kq_rt_truth_candidate(kq_eval *eval, kq_truth *set, int64_t index) {
  return eval->candidate(set, index);
}
double kq_rt_truth_candidate_degree(kq_eval *eval, kq_truth *set, int64_t index) {
  return eval->candidateDegree(set, index);
}
int64_t kq_rt_truth_checkpoint(kq_eval *eval) { return eval->checkpoint(); }
void kq_rt_truth_release(kq_eval *eval, int64_t checkpoint) { eval->release(checkpoint); }

void kq_rt_eval_template(kq_context *ctx, int32_t index, kq_truth_function function) {
  Context &context = Context::from(ctx);
  std::vector<kq_truth_function> &twins = context.evalTemplates();
  if (twins.size() <= size_t(index))
    twins.resize(size_t(index) + 1, nullptr);
  twins[size_t(index)] = function;
}

void kq_rt_eval(kq_context *ctx, const char *model, const char *bench, int32_t logic,
                double threshold, int64_t beam, int32_t ties, const char *seen, const char *ranks,
                int64_t f32_panel_width, int64_t f32_query_block, kq_query_kernel f32_query,
                kq_rows_kernel f32_rows, kq_softmax_kernel f32_softmax, int64_t f64_panel_width,
                int64_t f64_query_block, kq_query_kernel f64_query, kq_rows_kernel f64_rows,
                kq_softmax_kernel f64_softmax) {
  EvalRequest request;
  request.source = model;
  request.bench = bench;
  request.seen = seen;
  request.ranks = ranks;
  request.logic = static_cast<Logic>(logic);
  request.threshold = threshold;
  request.beam = beam;
  request.ties = static_cast<TiePolicy>(ties);
  request.f32Kernels = {f32_panel_width, f32_query_block, f32_query,  nullptr,
                        nullptr,         f32_rows,        f32_softmax};
  request.f64Kernels = {f64_panel_width, f64_query_block, f64_query,  nullptr,
                        nullptr,         f64_rows,        f64_softmax};
  evaluate(Context::from(ctx), request);
}

void kq_rt_eval_scores(kq_context *ctx, const char *scores, const char *label, const char *bench,
                       int32_t ties, const char *seen, const char *ranks) {
  EvalRequest request;
  request.source = label;
  request.scores = scores;
  request.bench = bench;
  request.seen = seen;
  request.ranks = ranks;
  request.ties = static_cast<TiePolicy>(ties);
  evaluate(Context::from(ctx), request);
}

} // extern "C"
