//===- Evaluation.cpp - `eval`: answering a benchmark with a link predictor ===//

#include "runtime/neural/Evaluation.h"
#include "runtime/core/Progress.h"
#include "runtime/core/Workers.h"
#include "runtime/linkpred/Npy.h"
#include "runtime/neural/HardAnswerRanks.h"
#include "runtime/neural/RowScorer.h"
#include "runtime/support/AtomicFile.h"
#include "runtime/support/Json.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <new>
#include <optional>
#include <set>

using namespace kq::runtime;

namespace {

/// What one instance came to.
struct InstanceResult {
  std::vector<double> ranks;                    // of its hard answers, in order
  std::vector<std::pair<EntityId, double>> top; // when `ranks` is written
};

/// Every instance's scores from its template's twin, on every core.
/// With KQ_STATS, each type's time summed over its instances goes to
/// standard error.
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
  std::vector<std::atomic<int64_t>> typeNanoseconds(bench.templates.size());
  forEachInParallel(numInstances, numWorkers, [&](size_t i, unsigned worker) {
    auto start = std::chrono::steady_clock::now();
    const BenchmarkInstance &instance = bench.instances[i];
    kq_eval &eval = *workers[worker];
    eval.release(0);
    const std::vector<double> &scores =
        eval.degreesOf(twins[instance.type](&eval, instance.arguments.data()));
    results[i].ranks =
        rankHardAnswers(scores.data(), numEntities, instance.easy, instance.hard, ties);
    if (wantTop)
      results[i].top = topEntities(scores.data(), numEntities, 10);
    typeNanoseconds[instance.type] += std::chrono::duration_cast<std::chrono::nanoseconds>(
                                          std::chrono::steady_clock::now() - start)
                                          .count();
    progress.advance(1);
  });
  if (context.options().statistics)
    for (size_t t = 0; t < bench.templates.size(); ++t)
      std::fprintf(stderr, "kq: %s: type %s took %.3f s on its workers\n", label.c_str(),
                   bench.templates[t].name.c_str(), double(typeNanoseconds[t].load()) * 1e-9);
}

/// The instances' scores from a .npy matrix: one row an instance, one
/// column an entity.
bool answerWithScores(Context &context, const Benchmark &bench, const std::string &path,
                      TiePolicy ties, bool wantTop, std::vector<InstanceResult> &results) {
  std::string error;
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
  const LinkPredKernels &kernels = f32 ? request.f32Kernels : request.f64Kernels;
  uint64_t entities = model->entities.rows, element = f32 ? 4 : 8;
  uint64_t workers = workerCount(options.work.threads);
  uint64_t rowsABlock = uint64_t(kernels.queryBlock * kTilesPerBlock);
  uint64_t need = entities * model->entityDim() * element +
                  workers * (64 * entities * 8 + rowsABlock * entities * element);
  std::string tooMuch;
  if (!options.memory.allows(need, label, tooMuch)) {
    context.fail(tooMuch);
    return false;
  }
  uint64_t cacheBytes = uint64_t(1) << 30;
  if (options.memory.limit)
    cacheBytes = std::min(cacheBytes, (options.memory.limit - need) / 2);
  const GraphIndex &observed = graph->index(bench.observedMask);
  AtomTruth truth(*model, observed, request.threshold, kernels, cacheBytes, options.work.threads);
  FuzzySettings settings{graph, &truth, request.logic, request.beam};
  answerInstances(context, bench, settings, twins, request.ties, !request.ranks.empty(), label,
                  results);
  if (options.statistics)
    std::fprintf(stderr,
                 "kq: %s: %lld rows computed, %lld reused; existential leaves at %lld tails "
                 "needed %lld rows\n",
                 label.c_str(), static_cast<long long>(truth.statistics().computed.load()),
                 static_cast<long long>(truth.statistics().reused.load()),
                 static_cast<long long>(truth.leafStatistics().tails),
                 static_cast<long long>(truth.leafStatistics().rows));
  return true;
}

} // namespace

void kq::runtime::evaluate(Context &context, const EvalRequest &request) {
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
