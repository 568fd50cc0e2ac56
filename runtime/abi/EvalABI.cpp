//===- EvalABI.cpp - `eval`: neural answering of a benchmark --------------===//
//
// The truth-vector functions a compiled fuzzy twin calls (neural/FuzzyWorker)
// and the driver of `eval`: each instance of the benchmark is answered by
// its template's twin on a worker of its own, every core busy, with the
// atoms' truth from the shared row cache (neural/AtomTruth), or read from
// a .npy of scores; its hard answers are ranked (neural/HardAnswerRanks)
// and the means written as records, one a type.
//
//===----------------------------------------------------------------------===//

#include "runtime/abi/Adapters.h"
#include "runtime/core/Progress.h"
#include "runtime/core/Workers.h"
#include "runtime/linkpred/Npy.h"
#include "runtime/neural/AtomTruth.h"
#include "runtime/neural/FuzzyWorker.h"
#include "runtime/neural/HardAnswerRanks.h"
#include "runtime/support/AtomicFile.h"
#include "runtime/support/Json.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <new>
#include <set>

using namespace kq::runtime;

namespace {

/// What one instance came to.
struct InstanceResult {
  std::vector<double> ranks;                    // of its hard answers, in order
  std::vector<std::pair<EntityId, double>> top; // when `ranks` is written
};

/// Every instance's scores from its template's twin, on every core.
void answerInstances(Context &context, const Benchmark &bench, const FuzzySettings &settings,
                     const std::vector<kq_truth_function> &twins, TiePolicy ties, bool wantTop,
                     const std::string &label, std::vector<InstanceResult> &results) {
  const size_t numInstances = bench.instances.size();
  const size_t numEntities = settings.graph->entities().size();
  unsigned numWorkers = unsigned(std::min<size_t>(workerCount(context.options().work.threads),
                                                  std::max<size_t>(numInstances, 1)));
  std::vector<std::unique_ptr<kq_eval>> workers;
  for (unsigned w = 0; w < numWorkers; ++w)
    workers.push_back(std::make_unique<kq_eval>(settings));
  Progress progress(label, int64_t(numInstances), "queries", context.options().work.progress);
  forEachInParallel(numInstances, numWorkers, [&](size_t i, unsigned worker) {
    const BenchmarkInstance &instance = bench.instances[i];
    kq_eval &eval = *workers[worker];
    eval.release(0);
    kq_truth *scores = twins[instance.type](&eval, instance.arguments.data());
    results[i].ranks =
        rankHardAnswers(scores->degrees.data(), numEntities, instance.easy, instance.hard, ties);
    if (wantTop)
      results[i].top = topEntities(scores->degrees.data(), numEntities, 10);
    progress.advance(1);
  });
}

/// The instances' scores from a .npy matrix: one row an instance, one
/// column an entity.
bool answerWithScores(Context &context, const Benchmark &bench, const std::string &path,
                      TiePolicy ties, bool wantTop, std::vector<InstanceResult> &results) {
  std::string error;
  if (!context.addInputs({path}))
    return false;
  std::optional<NpyMatrix> matrix = readNpyMatrix(path, error);
  if (!matrix) {
    context.fail(error);
    return false;
  }
  const size_t numEntities = bench.graph->entities().size();
  if (matrix->rows != bench.instances.size() || matrix->columns != numEntities) {
    context.fail(fmt::format("'{}' holds a {} x {} matrix; the benchmark needs one row for each "
                             "of its {} instances and one column for each of the graph's {} "
                             "entities",
                             path, matrix->rows, matrix->columns, bench.instances.size(),
                             numEntities));
    return false;
  }
  auto rankAll = [&](auto *data) {
    for (size_t i = 0; i < bench.instances.size(); ++i) {
      const auto *row = data + i * numEntities;
      for (size_t e = 0; e < numEntities; ++e)
        if (std::isnan(double(row[e]))) {
          context.fail(fmt::format("'{}': row {} (an instance of type '{}') has a NaN score, "
                                   "which no rank can be given",
                                   path, i, bench.templates[bench.instances[i].type].name));
          return false;
        }
      const BenchmarkInstance &instance = bench.instances[i];
      results[i].ranks = rankHardAnswers(row, numEntities, instance.easy, instance.hard, ties);
      if (wantTop)
        results[i].top = topEntities(row, numEntities, 10);
    }
    return true;
  };
  return matrix->type == ElementType::Float32 ? rankAll(matrix->data<float>())
                                              : rankAll(matrix->data<double>());
}

/// The record of a group of types (one, the seen or unseen ones, all).
std::string evalRecord(const char *sourceKey, const std::string &source, const std::string &bench,
                       const std::string &type, const std::vector<const AnswerMetrics *> &types,
                       std::optional<bool> seen) {
  JsonObject record;
  record.field("kind", "eval").field(sourceKey, source).field("bench", bench).field("type", type);
  if (seen)
    record.rawField("seen") += *seen ? "true" : "false";
  int64_t instances = 0, answers = 0;
  double mrr = 0, hits1 = 0, hits3 = 0, hits10 = 0;
  for (const AnswerMetrics *metrics : types) {
    instances += metrics->instances;
    answers += metrics->answers;
    // A type's figures are means over its instances; a group's the mean
    // of its types' figures.
    double count = metrics->instances ? double(metrics->instances) : 1.0;
    mrr += metrics->mrr / count;
    hits1 += metrics->hits1 / count;
    hits3 += metrics->hits3 / count;
    hits10 += metrics->hits10 / count;
  }
  double groups = types.empty() ? 1.0 : double(types.size());
  record.field("count", static_cast<long long>(instances))
      .field("answers", static_cast<long long>(answers))
      .field("mrr", mrr / groups)
      .field("hits@1", hits1 / groups)
      .field("hits@3", hits3 / groups)
      .field("hits@10", hits10 / groups);
  return std::move(record).take();
}

/// One line an instance: its hard answers' ranks and the ten best entities.
std::string ranksLines(const Benchmark &bench, const std::vector<InstanceResult> &results) {
  const std::vector<std::string> &names = bench.graph->jsonNames();
  std::string text;
  for (size_t i = 0; i < results.size(); ++i) {
    const BenchmarkInstance &instance = bench.instances[i];
    JsonObject line;
    line.field("type", bench.templates[instance.type].name).field("query", instance.query);
    std::string &hard = line.rawField("hard");
    hard += '[';
    for (size_t h = 0; h < instance.hard.size(); ++h) {
      hard += fmt::format("{}{{\"entity\":{},\"rank\":{}}}", h ? "," : "", names[instance.hard[h]],
                          results[i].ranks[h]);
    }
    hard += ']';
    std::string &top = line.rawField("top");
    top += '[';
    for (size_t t = 0; t < results[i].top.size(); ++t) {
      auto [entity, score] = results[i].top[t];
      top += fmt::format("{}{{\"entity\":{},\"score\":{}}}", t ? "," : "", names[entity], score);
    }
    top += ']';
    text += std::move(line).take();
    text += '\n';
  }
  return text;
}

} // namespace

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
kq_truth *kq_rt_truth_self_loops(kq_eval *eval, const char *relation) {
  std::optional<uint32_t> id = eval->settings.graph->relations().lookup(relation);
  return id ? eval->selfLoops(*id) : eval->empty();
}
kq_truth *kq_rt_truth_and(kq_eval *eval, kq_truth *a, kq_truth *b) {
  return eval->conjunction(a, b);
}
kq_truth *kq_rt_truth_or(kq_eval *eval, kq_truth *a, kq_truth *b) {
  return eval->disjunction(a, b);
}
kq_truth *kq_rt_truth_and_not(kq_eval *eval, kq_truth *a, kq_truth *b) {
  return eval->conjunctionWithNegation(a, b);
}
kq_truth *kq_rt_truth_not(kq_eval *eval, kq_truth *a) { return eval->negation(a); }
kq_truth *kq_rt_truth_guard(kq_eval *eval, kq_truth *value, kq_truth *condition) {
  return eval->guard(value, condition);
}
kq_truth *kq_rt_truth_universe(kq_eval *eval) { return eval->universe(); }
kq_truth *kq_rt_truth_empty(kq_eval *eval) { return eval->empty(); }
int64_t kq_rt_truth_candidates(kq_eval *eval, kq_truth *set) { return eval->numCandidates(set); }
kq_truth *kq_rt_truth_candidate(kq_eval *eval, kq_truth *set, int64_t index) {
  return eval->candidate(set, index);
}
kq_truth *kq_rt_truth_accumulate(kq_eval *eval, kq_truth *accumulator, kq_truth *set, int64_t index,
                                 kq_truth *value) {
  return eval->accumulate(accumulator, set, index, value);
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

} // extern "C"

namespace {

/// What one `eval` statement asks for.
struct EvalRequest {
  std::string source; // the model's name, or the scores file as written
  std::string scores; // the scores file, resolved; empty for a model
  std::string bench, seen, ranks;
  Logic logic = Logic::product;
  double threshold = 0;
  int64_t beam = 0;
  TiePolicy ties = TiePolicy::Realistic;
  RowKernels f32Kernels, f64Kernels;
};

/// Answers with the model: the atoms' truth from the shared rows, every
/// instance by its template's twin.
bool answerWithModel(Context &context, const EvalRequest &request, const Benchmark &bench,
                     std::vector<kq_truth_function> &twins, const std::string &label,
                     std::vector<InstanceResult> &results) {
  Model *model = context.findModel(request.source);
  Graph *graph = context.findGraph(bench.graphName);
  if (!model || !graph) {
    context.fail(fmt::format("{}: model '{}' is not loaded", label, request.source));
    return false;
  }
  if (twins.size() != bench.templates.size() ||
      std::find(twins.begin(), twins.end(), nullptr) != twins.end()) {
    context.fail(fmt::format("{}: the program gave no fuzzy twin for some template", label));
    return false;
  }
  bool f32 = model->elementType() == ElementType::Float32;
  // The packed entity table and each worker's truth vectors and block of
  // rows; the cache of rows takes half of what the budget leaves, at most
  // 1 GiB.
  const RunOptions &options = context.options();
  uint64_t entities = model->entities.rows, element = f32 ? 4 : 8;
  uint64_t workers = workerCount(options.work.threads);
  uint64_t need = entities * model->entityDim() * element +
                  workers * (64 * entities * 8 + 48 * entities * element);
  std::string tooMuch;
  if (!options.memory.allows(need, label, tooMuch)) {
    context.fail(tooMuch);
    return false;
  }
  uint64_t cacheBytes = uint64_t(1) << 30;
  if (options.memory.limit)
    cacheBytes = std::min(cacheBytes, (options.memory.limit - need) / 2);
  const GraphIndex &observed = graph->index(bench.observedMask);
  AtomTruth truth(*model, observed, request.threshold,
                  f32 ? request.f32Kernels : request.f64Kernels, cacheBytes, options.work.threads);
  FuzzySettings settings{graph, &truth, request.logic, request.beam};
  answerInstances(context, bench, settings, twins, request.ties, !request.ranks.empty(), label,
                  results);
  if (options.statistics)
    std::fprintf(stderr, "kq: %s: %lld rows computed, %lld reused\n", label.c_str(),
                 static_cast<long long>(truth.statistics().computed.load()),
                 static_cast<long long>(truth.statistics().reused.load()));
  return true;
}

void evaluate(Context &context, const EvalRequest &request) {
  std::vector<kq_truth_function> twins = std::move(context.evalTemplates());
  context.evalTemplates().clear();
  if (context.failed())
    return;
  const bool external = !request.scores.empty();
  const std::string label = fmt::format("eval {} on {}", request.source, request.bench);
  auto found = context.benchmarks().find(request.bench);
  if (found == context.benchmarks().end()) {
    context.fail(fmt::format("{}: benchmark '{}' is not drawn", label, request.bench));
    return;
  }
  const Benchmark &bench = found->second;
  std::set<std::string> seenTypes;
  if (!request.seen.empty()) {
    auto seen = context.benchmarks().find(request.seen);
    if (seen == context.benchmarks().end()) {
      context.fail(fmt::format("{}: benchmark '{}' is not drawn", label, request.seen));
      return;
    }
    for (const SampleTemplate &sampled : seen->second.templates)
      seenTypes.insert(sampled.name);
  }
  const bool wantTop = !request.ranks.empty();
  std::vector<InstanceResult> results(bench.instances.size());
  try {
    bool answered =
        external ? answerWithScores(context, bench, request.scores, request.ties, wantTop, results)
                 : answerWithModel(context, request, bench, twins, label, results);
    if (!answered)
      return;
  } catch (const std::bad_alloc &) {
    context.fail(fmt::format("{}: out of memory", label));
    return;
  }
  if (wantTop) {
    std::string error;
    if (!writeFileAtomically(request.ranks, ranksLines(bench, results), context.writeOptions(),
                             error)) {
      context.fail(error);
      return;
    }
  }
  // One record a type, in the benchmark's order; then the seen and unseen
  // types' means and the mean of all.
  std::vector<AnswerMetrics> perType(bench.templates.size());
  for (size_t i = 0; i < results.size(); ++i)
    perType[bench.instances[i].type].addInstance(results[i].ranks);
  const char *sourceKey = external ? "scores" : "model";
  const bool marksSeen = !request.seen.empty();
  std::vector<const AnswerMetrics *> all, seenGroup, unseenGroup;
  for (size_t t = 0; t < perType.size(); ++t) {
    const std::string &type = bench.templates[t].name;
    std::optional<bool> seen;
    if (marksSeen) {
      seen = seenTypes.count(type) != 0;
      (*seen ? seenGroup : unseenGroup).push_back(&perType[t]);
    }
    all.push_back(&perType[t]);
    context.writeRecord(
        evalRecord(sourceKey, request.source, request.bench, type, {&perType[t]}, seen));
  }
  if (marksSeen) {
    context.writeRecord(
        evalRecord(sourceKey, request.source, request.bench, "seen", seenGroup, std::nullopt));
    context.writeRecord(
        evalRecord(sourceKey, request.source, request.bench, "unseen", unseenGroup, std::nullopt));
  }
  context.writeRecord(
      evalRecord(sourceKey, request.source, request.bench, "all", all, std::nullopt));
}

} // namespace

extern "C" {

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
  request.f32Kernels = {f32_panel_width, f32_query_block, f32_query, f32_rows, f32_softmax};
  request.f64Kernels = {f64_panel_width, f64_query_block, f64_query, f64_rows, f64_softmax};
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
