//===- RuntimeABI.cpp - The C functions that generated code calls ---------===//
//
// Thin adapters from the C ABI of Runtime.h to the C++ runtime. Each checks
// the sticky error first, so a failed run does no further work.
//
//===----------------------------------------------------------------------===//

#include "runtime/BenchmarkFiles.h"
#include "runtime/Context.h"
#include "runtime/GraphCache.h"
#include "runtime/Json.h"
#include "runtime/LinkPrediction.h"
#include "runtime/Progress.h"
#include "runtime/Sampler.h"
#include "runtime/Scoring.h"
#include "runtime/Workers.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <map>
#include <new>

using namespace kq::runtime;

namespace {

bool usable(kq_view *view) { return view && !view->context->failed(); }

/// Looks a name up in a view's graph, failing the run when it is unknown.
std::optional<uint32_t> lookupName(kq_view *view, const Dictionary &dictionary,
                                   std::string_view name, const char *what) {
  if (auto id = dictionary.lookup(name))
    return id;
  view->context->fail(fmt::format("graph '{}' has no {} named '{}'", view->graphName, what, name));
  return std::nullopt;
}

/// KQ_STATS: where a linkpred's time went, on standard error. Scores of
/// the bilinear families are dot products of entity_dim multiply-adds,
/// 2 * entity_dim floating-point operations, as a GEMM counts them.
void reportRankingStatistics(const char *name, const Model &model,
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

/// `count` names, each ended by a NUL byte; views of `packed`.
std::vector<std::string_view> unpackNames(int32_t count, const char *packed) {
  std::vector<std::string_view> names;
  for (int32_t i = 0; i < count; ++i) {
    names.emplace_back(packed);
    packed += names.back().size() + 1;
  }
  return names;
}

/// An `answer` record, without its newline: the answers' names sorted by
/// UTF-8 bytes.
std::string answerRecord(const kq_view &view, const char *query,
                         const std::vector<std::string_view> &arguments, const kq_set &answers) {
  std::vector<std::string_view> splits;
  for (unsigned split = 0; split < 3; ++split)
    if (view.splitMask & (1u << split))
      splits.push_back(kSplitNames[split]);

  JsonObject record;
  record.field("kind", "answer").field("query", query);
  if (!arguments.empty())
    record.field("arguments", arguments);
  record.field("graph", view.graphName)
      .field("splits", splits)
      .field("count", static_cast<long long>(answers.size));
  appendJsonNameArray(record.rawField("answers"), *view.graph, answers.ids, size_t(answers.size));
  return std::move(record).take();
}

} // namespace

extern "C" {

void kq_rt_load_graph(kq_context *ctx, const char *name, const char *path) {
  Context &context = Context::from(ctx);
  if (!context.failed())
    context.loadGraph(name, path);
}

void kq_rt_load_labels(kq_context *ctx, const char *name, const char *path) {
  Context &context = Context::from(ctx);
  if (!context.failed())
    context.loadLabels(name, path);
}

kq_view *kq_rt_graph_view(kq_context *ctx, const char *name, int32_t split_mask) {
  Context &context = Context::from(ctx);
  if (context.failed())
    return context.failedView();
  return context.newView(name, static_cast<unsigned>(split_mask));
}

kq_set *kq_rt_new_set(kq_view *view, int64_t capacity) {
  // Allocated even after a failure: the caller writes up to `capacity` ids.
  if (!view || capacity < 0)
    capacity = 0;
  return view ? view->sets->allocate(size_t(capacity)) : nullptr;
}

kq_set *kq_rt_entity(kq_view *view, const char *name) {
  if (!usable(view))
    return view ? view->context->emptySet() : nullptr;
  auto id = lookupName(view, view->graph->entities(), name, "entity");
  if (!id)
    return view->context->emptySet();
  EntityId entity = *id;
  return view->sets->copyOf(&entity, 1);
}

kq_set *kq_rt_universe(kq_view *view) {
  if (!usable(view))
    return view ? view->context->emptySet() : nullptr;
  const std::vector<EntityId> &domain = view->graph->domain();
  return view->sets->borrow(domain.data(), domain.size());
}

kq_set *kq_rt_empty(kq_view *view) {
  return view ? view->sets->allocate(0) : nullptr;
}

kq_set *kq_rt_keep(kq_view *view, kq_set *accumulator, kq_set *value) {
  if (!usable(view) || !accumulator || !value || accumulator == view->context->emptySet())
    return accumulator;
  view->sets->assign(accumulator, std::vector<EntityId>(value->ids, value->ids + value->size));
  return accumulator;
}

/// The adjacency of relation `id` in `view`, or an empty one.
static const kq_adjacency *adjacencyOf(kq_view *view, std::optional<uint32_t> id,
                                       int32_t inverse) {
  static const kq_adjacency none{nullptr, nullptr, nullptr, 0};
  if (!id)
    return &none;
  const std::vector<kq_adjacency> &table =
      inverse ? view->index->backwardTable : view->index->forwardTable;
  return &table[*id];
}

const kq_adjacency *kq_rt_adjacency(kq_view *view, const char *relation, int32_t inverse) {
  if (!usable(view))
    return adjacencyOf(view, std::nullopt, inverse);
  return adjacencyOf(view, lookupName(view, view->graph->relations(), relation, "relation"),
                     inverse);
}

const kq_adjacency *kq_rt_adjacency_id(kq_view *view, int32_t relation, int32_t inverse) {
  if (!usable(view))
    return adjacencyOf(view, std::nullopt, inverse);
  if (relation < 0 || size_t(relation) >= view->graph->relations().size()) {
    view->context->fail(
        fmt::format("graph '{}' has no relation with id {}", view->graphName, relation));
    return adjacencyOf(view, std::nullopt, inverse);
  }
  return adjacencyOf(view, uint32_t(relation), inverse);
}

uint64_t *kq_rt_bitmap(kq_view *view) {
  if (!view)
    return nullptr;
  // A word past the graph's entities, so even the failed view's bitmap
  // (no graph) is not empty and is allocated only once.
  if (view->bitmap.empty())
    view->bitmap.assign((view->graph ? view->graph->entities().size() + 63 : 0) / 64 + 1, 0);
  return view->bitmap.data();
}

int64_t kq_rt_checkpoint(kq_view *view) {
  return view ? static_cast<int64_t>(view->sets->count()) : 0;
}

void kq_rt_release(kq_view *view, int64_t checkpoint) {
  if (view)
    view->sets->releaseAfter(static_cast<size_t>(checkpoint));
}

int64_t kq_rt_set_size(kq_set *set) { return set ? set->size : 0; }

kq_set *kq_rt_set_element(kq_view *view, kq_set *set, int64_t index) {
  if (!usable(view) || !set || index < 0 || index >= set->size)
    return view ? view->context->emptySet() : nullptr;
  return view->sets->copyOf(set->ids + index, 1);
}

void kq_rt_emit_answer(kq_context *ctx, kq_view *view, const char *query,
                       int32_t num_arguments, const char *arguments, kq_set *answers) {
  Context &context = Context::from(ctx);
  if (context.failed() || !view || !answers)
    return;
  context.writeRecord(answerRecord(*view, query, unpackNames(num_arguments, arguments), *answers));
}

void kq_rt_batch_template(kq_context *ctx, int32_t index, const char *query,
                          kq_template_function function, const char *kinds) {
  Context &context = Context::from(ctx);
  std::vector<BatchTemplate> &batch = context.batchTemplates();
  if (batch.size() <= size_t(index))
    batch.resize(index + 1);
  batch[index] = {query, function, kinds};
}

void kq_rt_answer_batch(kq_context *ctx, kq_view *view, int32_t num_rows, const char *rows) {
  Context &context = Context::from(ctx);
  std::vector<BatchTemplate> templates = std::move(context.batchTemplates());
  context.batchTemplates().clear();
  if (context.failed() || !view)
    return;
  // Every row's arguments are resolved first, here: an unknown name stops
  // the batch before anything is computed.
  struct Row {
    const BatchTemplate *instanceOf;
    std::vector<std::string_view> names;
    std::vector<int32_t> ids;
  };
  std::vector<Row> parsed(size_t(std::max(num_rows, 0)));
  for (Row &row : parsed) {
    row.instanceOf = &templates[std::strtoul(rows, nullptr, 10)];
    rows += std::strlen(rows) + 1;
    size_t numParameters = row.instanceOf->kinds.size();
    row.names = unpackNames(int32_t(numParameters), rows);
    for (std::string_view name : row.names)
      rows += name.size() + 1;
    for (size_t i = 0; i < numParameters; ++i) {
      bool relation = row.instanceOf->kinds[i] == 'r';
      auto id = lookupName(view, relation ? view->graph->relations() : view->graph->entities(),
                           row.names[i], relation ? "relation" : "entity");
      if (!id)
        return;
      row.ids.push_back(int32_t(*id));
    }
  }
  // The rows are independent: they are answered in tasks of consecutive
  // rows on every core, each worker with a view of its own (its sets, its
  // bitmap), and the records written in row order. What the graph builds
  // on first use is built now, before the workers read it.
  view->graph->domain();
  view->graph->jsonNames();
  view->graph->entitiesByName();
  constexpr size_t kRowsPerTask = 128, kTasksPerRound = 256;
  size_t numTasks = (parsed.size() + kRowsPerTask - 1) / kRowsPerTask;
  unsigned numWorkers = unsigned(std::min<size_t>(workerCount(), std::max<size_t>(numTasks, 1)));
  std::vector<SetStore> stores(numWorkers);
  std::vector<kq_view> views(numWorkers, *view);
  for (unsigned worker = 0; worker < numWorkers; ++worker) {
    views[worker].sets = &stores[worker];
    views[worker].bitmap.clear();
  }
  Progress progress("answer", int64_t(parsed.size()), "instances");
  for (size_t first = 0; first < numTasks && !context.failed(); first += kTasksPerRound) {
    size_t roundTasks = std::min(kTasksPerRound, numTasks - first);
    std::vector<std::string> output(roundTasks);
    // Exceptions must not unwind into the generated code that called us.
    try {
      forEachInParallel(roundTasks, numWorkers, [&](size_t task, unsigned worker) {
        size_t begin = (first + task) * kRowsPerTask;
        size_t end = std::min(parsed.size(), begin + kRowsPerTask);
        for (size_t i = begin; i < end && !context.failed(); ++i) {
          const Row &row = parsed[i];
          kq_set *answers = row.instanceOf->function(&views[worker], row.ids.data());
          if (!answers)
            return;
          output[task] += answerRecord(*view, row.instanceOf->query.c_str(), row.names, *answers);
          output[task].push_back('\n');
          stores[worker].clear();
          progress.advance(1);
        }
      });
    } catch (const std::bad_alloc &) {
      context.fail("out of memory answering the instances of a batch");
    } catch (const std::exception &failure) {
      context.fail(fmt::format("answering the instances of a batch failed: {}", failure.what()));
    }
    if (context.failed())
      return;
    for (const std::string &records : output)
      context.writeText(records);
  }
}

void kq_rt_end_statement(kq_context *ctx) { Context::from(ctx).endStatement(); }

kq_set *kq_rt_entity_id(kq_view *view, int32_t id) {
  if (!usable(view))
    return view ? view->context->emptySet() : nullptr;
  if (id < 0 || size_t(id) >= view->graph->entities().size()) {
    view->context->fail(fmt::format("graph '{}' has no entity with id {}", view->graphName, id));
    return view->context->emptySet();
  }
  EntityId entity = EntityId(id);
  return view->sets->copyOf(&entity, 1);
}

void kq_rt_sample_template(kq_context *ctx, const char *bench, const char *name,
                           kq_template_function function, const char *kinds, int32_t num_atoms,
                           const char *pattern, const char *text, const char *structure,
                           const char *fit_formula) {
  Context &context = Context::from(ctx);
  if (context.failed())
    return;
  SampleTemplate sampled{name, function, kinds, {}, text, structure, fit_formula};
  for (int32_t i = 0; i < num_atoms; ++i) {
    sampled.pattern.emplace_back(pattern);
    pattern += sampled.pattern.back().size() + 1;
  }
  context.templatesOf(bench).push_back(std::move(sampled));
}

void kq_rt_sample(kq_context *ctx, const char *bench, const char *graph, int32_t observed,
                  int32_t full, int64_t count, int64_t seed, int64_t max_answers,
                  int32_t num_exclude, const char *exclude) {
  Context &context = Context::from(ctx);
  if (context.failed())
    return;
  SampleRequest request{graph, unsigned(observed), unsigned(full), count, uint64_t(seed),
                        max_answers, {}};
  for (int32_t i = 0; i < num_exclude; ++i) {
    std::string other(exclude);
    exclude += other.size() + 1;
    auto found = context.benchmarks().find(other);
    if (found == context.benchmarks().end()) {
      context.fail(fmt::format("bench {}: benchmark '{}' to exclude is not drawn", bench, other));
      return;
    }
    request.exclude.push_back(&found->second);
  }
  Benchmark drawn;
  std::string error;
  std::vector<SampleTemplate> templates = std::move(context.templatesOf(bench));
  if (!sampleBenchmark(context, templates, request, bench, drawn, error)) {
    context.fail(error);
    return;
  }
  context.benchmarks()[bench] = std::move(drawn);
}

void kq_rt_emit(kq_context *ctx, const char *source, const char *path, int32_t format) {
  Context &context = Context::from(ctx);
  if (context.failed())
    return;
  std::string error;
  for (std::map<std::string, Quiz> *items : {&context.quizzes(), &context.promptSets()})
    if (auto found = items->find(source); found != items->end()) {
      if (!writeQuizLines(found->second, path, error))
        context.fail(error);
      return;
    }
  auto found = context.benchmarks().find(source);
  if (found == context.benchmarks().end()) {
    context.fail(fmt::format("emit: benchmark '{}' is not drawn", source));
    return;
  }
  bool written = format == KQ_EMIT_BETAE ? writeBetaEBenchmark(found->second, source, path, error)
                 : format == KQ_EMIT_FIT ? writeFitBenchmark(found->second, source, path, error)
                                         : writeBenchmarkLines(found->second, path, error);
  if (!written)
    context.fail(error);
}

void kq_rt_quiz(kq_context *ctx, const char *name, const char *graph_name, int32_t split_mask,
                int32_t num_formats, const char *formats, int64_t count, int64_t seed,
                int32_t distractors) {
  Context &context = Context::from(ctx);
  if (context.failed())
    return;
  Graph *graph = context.findGraph(graph_name);
  if (!graph) {
    context.fail(fmt::format("graph '{}' is not loaded", graph_name));
    return;
  }
  QuizRequest request;
  request.name = name;
  request.splitMask = unsigned(split_mask);
  for (std::string_view format : unpackNames(num_formats, formats))
    request.formats.emplace_back(format);
  request.count = count;
  request.seed = uint64_t(seed);
  request.distractors = distractors == KQ_DISTRACTORS_RANGE ? Distractors::Range
                        : distractors == KQ_DISTRACTORS_NEIGHBOURHOOD
                            ? Distractors::Neighbourhood
                            : Distractors::Random;
  Quiz quiz;
  std::string error;
  if (!drawQuiz(request, *graph, context.labelsOf(graph_name), quiz, error)) {
    context.fail(error);
    return;
  }
  quiz.graphName = graph_name;
  context.quizzes()[name] = std::move(quiz);
}

void kq_rt_trace(kq_trace *trace, int32_t step, kq_set *set) {
  if (trace && step >= 0 && size_t(step) < trace->steps.size())
    trace->steps[size_t(step)] = set;
}

void kq_rt_skill(kq_context *ctx, const char *name, const char *teaches, const char *step,
                 const char *example) {
  Context &context = Context::from(ctx);
  if (!context.failed())
    context.skills()[name] = Skill{name, teaches, step, example};
}

void kq_rt_skill_block(kq_context *ctx, const char *name, const char *skill_name,
                       const char *graph_name, int32_t split_mask, int64_t seed,
                       int64_t max_shown) {
  Context &context = Context::from(ctx);
  if (context.failed())
    return;
  Graph *graph = context.findGraph(graph_name);
  auto skill = context.skills().find(skill_name);
  if (!graph || skill == context.skills().end()) {
    context.fail(fmt::format("skill block {}: graph '{}' or skill '{}' is not declared", name,
                             graph_name, skill_name));
    return;
  }
  context.skillBlocks()[name] =
      drawSkillExample(skill->second, *graph, context.labelsOf(graph_name), unsigned(split_mask),
                       uint64_t(seed), size_t(std::max<int64_t>(max_shown, 1)));
}

void kq_rt_prompt_case(kq_context *ctx, const char *prompt, const char *template_name,
                       kq_traced_function traced, int32_t num_steps, const char *steps,
                       const char *question, int32_t num_pieces, const char *pieces,
                       const char *skills) {
  Context &context = Context::from(ctx);
  if (context.failed())
    return;
  PromptCase promptCase;
  promptCase.templateName = template_name;
  promptCase.traced = traced;
  promptCase.question = question;
  for (std::string_view packed : unpackNames(num_steps, steps))
    promptCase.steps.push_back(TraceStep::decode(packed));
  for (std::string_view packed : unpackNames(num_pieces, pieces))
    if (!packed.empty())
      promptCase.pieces.push_back({packed[0], std::string(packed.substr(1))});
  for (std::string_view skill : unpackNames(5, skills))
    promptCase.skills.emplace_back(skill);
  context.casesOf(prompt).push_back(std::move(promptCase));
}

void kq_rt_prompt(kq_context *ctx, const char *prompt, const char *bench, int64_t examples,
                  int64_t seed, int64_t max_shown) {
  Context &context = Context::from(ctx);
  if (context.failed())
    return;
  auto found = context.benchmarks().find(bench);
  if (found == context.benchmarks().end()) {
    context.fail(fmt::format("prompt {}: benchmark '{}' is not drawn", prompt, bench));
    return;
  }
  PromptRequest request{prompt, examples, uint64_t(seed), size_t(std::max<int64_t>(max_shown, 1))};
  std::vector<PromptCase> cases = std::move(context.casesOf(prompt));
  Quiz rendered;
  std::string error;
  if (!renderPrompts(context, request, found->second, cases, context.skills(),
                     context.skillBlocks(), rendered, error)) {
    context.fail(error);
    return;
  }
  rendered.graphName = found->second.graphName;
  context.promptSets()[prompt] = std::move(rendered);
}

void kq_rt_llm(kq_context *ctx, const char *name, const char *endpoint, const char *model,
               double temperature, int64_t max_tokens, int64_t concurrency, double timeout,
               int64_t retries, const char *api_key_env) {
  Context &context = Context::from(ctx);
  if (!context.failed())
    context.languageModels()[name] = LanguageModel{
        name, endpoint, model, temperature, max_tokens, std::max<int64_t>(concurrency, 1),
        std::max<int64_t>(retries, 0), timeout, api_key_env};
}

void kq_rt_ask(kq_context *ctx, const char *llm, const char *source, const char *replies_path) {
  Context &context = Context::from(ctx);
  if (context.failed())
    return;
  auto model = context.languageModels().find(llm);
  const Quiz *items = nullptr;
  for (std::map<std::string, Quiz> *sets : {&context.quizzes(), &context.promptSets()})
    if (auto found = sets->find(source); found != sets->end())
      items = &found->second;
  if (model == context.languageModels().end() || !items) {
    context.fail(fmt::format("ask: llm '{}' or prompts '{}' are not declared", llm, source));
    return;
  }
  std::vector<JsonValue> parsed;
  std::vector<std::string> prompts;
  std::string error;
  if (!readItems(items->lines, parsed, prompts, error)) {
    context.fail(fmt::format("ask {}: {} of {}", llm, error, source));
    return;
  }
  std::vector<std::string> replies;
  AskStatistics statistics;
  if (!askAll(model->second, prompts, graphCacheDirectory(), replies, statistics, error)) {
    context.fail(error);
    return;
  }
  JsonObject record;
  record.field("kind", "score").field("llm", llm).field("model", model->second.model)
      .field("source", source).field("count", (long long)replies.size())
      .field("asked", (long long)statistics.requests)
      .field("cached", (long long)statistics.cached);
  Quiz scored;
  if (!scoreReplies(parsed, replies, context.labelsOf(items->graphName), record, scored.lines,
                    error)) {
    context.fail(fmt::format("ask {}: {} of {}", llm, error, source));
    return;
  }
  if (*replies_path && !writeQuizLines(scored, replies_path, error)) {
    context.fail(error);
    return;
  }
  context.writeRecord(std::move(record).take());
}

void kq_rt_load_model(kq_context *ctx, const char *name, const char *family, const char *path,
                      const char *graph) {
  Context &context = Context::from(ctx);
  if (!context.failed())
    context.loadModel(name, family, path, graph);
}

void kq_rt_linkpred(kq_context *ctx, const char *model_name, const char *graph_name,
                    int32_t split, int32_t ties, int32_t per, int64_t f32_panel_width,
                    int64_t f32_query_block, kq_query_kernel f32_query, kq_score_kernel f32_score,
                    kq_rank_kernel f32_rank, int64_t f64_panel_width, int64_t f64_query_block,
                    kq_query_kernel f64_query, kq_score_kernel f64_score,
                    kq_rank_kernel f64_rank) {
  Context &context = Context::from(ctx);
  if (context.failed())
    return;
  Model *model = context.findModel(model_name);
  Graph *graph = context.findGraph(graph_name);
  if (!model || !graph) {
    context.fail(fmt::format("linkpred: model '{}' or graph '{}' is not loaded", model_name,
                             graph_name));
    return;
  }
  unsigned splitIndex = split == KQ_SPLIT_TRAIN ? 0 : split == KQ_SPLIT_VALID ? 1 : 2;
  LinkPredKernels kernels =
      model->elementType() == ElementType::Float32
          ? LinkPredKernels{f32_panel_width, f32_query_block, f32_query, f32_score, f32_rank}
          : LinkPredKernels{f64_panel_width, f64_query_block, f64_query, f64_score, f64_rank};
  RankingStatistics statistics;
  std::vector<RankCounts> counts;
  try {
    counts = rankTriples(*model, *graph, static_cast<Split>(splitIndex), kernels,
                         fmt::format("linkpred {}", model_name), statistics);
  } catch (const std::bad_alloc &) {
    context.fail(fmt::format("linkpred {}: out of memory", model_name));
    return;
  }
  if (std::getenv("KQ_STATS"))
    reportRankingStatistics(model_name, *model, statistics);

  // Metrics over all rankings, then per group when asked: by relation,
  // direction, or both (the group of ranking i is its triple's relation
  // and its side).
  TiePolicy policy = static_cast<TiePolicy>(ties);
  static const char *const policyNames[] = {"optimistic", "pessimistic", "realistic"};
  bool byRelation = per & KQ_PER_RELATION, byDirection = per & KQ_PER_DIRECTION;
  const std::vector<Triple> &triples = graph->triples(static_cast<Split>(splitIndex));
  RankMetrics overall;
  std::map<std::pair<uint32_t, int>, RankMetrics> groups;
  for (size_t i = 0; i < counts.size(); ++i) {
    double rank = counts[i].rank(policy);
    overall.add(rank);
    if (byRelation || byDirection)
      groups[{byRelation ? triples[i / 2].relation : 0, byDirection ? int(i % 2) : 0}].add(rank);
  }
  auto write = [&](const RankMetrics &metrics, const uint32_t *relation, const int *side) {
    JsonObject record;
    record.field("kind", "linkpred")
        .field("model", model_name)
        .field("graph", graph_name)
        .field("split", kSplitNames[splitIndex]);
    if (policy != TiePolicy::Optimistic)
      record.field("ties", policyNames[ties]);
    if (relation)
      record.field("relation", graph->relations().name(*relation));
    if (side)
      record.field("direction", *side == 0 ? "tail" : "head");
    double count = double(std::max<int64_t>(metrics.count, 1));
    record.field("count", static_cast<long long>(metrics.count))
        .field("mrr", metrics.reciprocalSum / count)
        .field("mr", metrics.rankSum / count)
        .field("hits@1", double(metrics.hits1) / count)
        .field("hits@3", double(metrics.hits3) / count)
        .field("hits@10", double(metrics.hits10) / count);
    context.writeRecord(record.str());
  };
  write(overall, nullptr, nullptr);
  for (auto &[key, metrics] : groups)
    write(metrics, byRelation ? &key.first : nullptr, byDirection ? &key.second : nullptr);
}

} // extern "C"

std::vector<std::pair<const char *, void *>> kq::runtime::runtimeSymbols() {
  return {
      {"kq_rt_load_graph", reinterpret_cast<void *>(&kq_rt_load_graph)},
      {"kq_rt_graph_view", reinterpret_cast<void *>(&kq_rt_graph_view)},
      {"kq_rt_entity", reinterpret_cast<void *>(&kq_rt_entity)},
      {"kq_rt_universe", reinterpret_cast<void *>(&kq_rt_universe)},
      {"kq_rt_new_set", reinterpret_cast<void *>(&kq_rt_new_set)},
      {"kq_rt_adjacency", reinterpret_cast<void *>(&kq_rt_adjacency)},
      {"kq_rt_adjacency_id", reinterpret_cast<void *>(&kq_rt_adjacency_id)},
      {"kq_rt_bitmap", reinterpret_cast<void *>(&kq_rt_bitmap)},
      {"kq_rt_keep", reinterpret_cast<void *>(&kq_rt_keep)},
      {"kq_rt_checkpoint", reinterpret_cast<void *>(&kq_rt_checkpoint)},
      {"kq_rt_release", reinterpret_cast<void *>(&kq_rt_release)},
      {"kq_rt_empty", reinterpret_cast<void *>(&kq_rt_empty)},
      {"kq_rt_set_size", reinterpret_cast<void *>(&kq_rt_set_size)},
      {"kq_rt_set_element", reinterpret_cast<void *>(&kq_rt_set_element)},
      {"kq_rt_emit_answer", reinterpret_cast<void *>(&kq_rt_emit_answer)},
      {"kq_rt_batch_template", reinterpret_cast<void *>(&kq_rt_batch_template)},
      {"kq_rt_answer_batch", reinterpret_cast<void *>(&kq_rt_answer_batch)},
      {"kq_rt_end_statement", reinterpret_cast<void *>(&kq_rt_end_statement)},
      {"kq_rt_load_model", reinterpret_cast<void *>(&kq_rt_load_model)},
      {"kq_rt_entity_id", reinterpret_cast<void *>(&kq_rt_entity_id)},
      {"kq_rt_sample_template", reinterpret_cast<void *>(&kq_rt_sample_template)},
      {"kq_rt_sample", reinterpret_cast<void *>(&kq_rt_sample)},
      {"kq_rt_emit", reinterpret_cast<void *>(&kq_rt_emit)},
      {"kq_rt_quiz", reinterpret_cast<void *>(&kq_rt_quiz)},
      {"kq_rt_trace", reinterpret_cast<void *>(&kq_rt_trace)},
      {"kq_rt_skill", reinterpret_cast<void *>(&kq_rt_skill)},
      {"kq_rt_skill_block", reinterpret_cast<void *>(&kq_rt_skill_block)},
      {"kq_rt_prompt_case", reinterpret_cast<void *>(&kq_rt_prompt_case)},
      {"kq_rt_prompt", reinterpret_cast<void *>(&kq_rt_prompt)},
      {"kq_rt_llm", reinterpret_cast<void *>(&kq_rt_llm)},
      {"kq_rt_ask", reinterpret_cast<void *>(&kq_rt_ask)},
      {"kq_rt_load_labels", reinterpret_cast<void *>(&kq_rt_load_labels)},
      {"kq_rt_linkpred", reinterpret_cast<void *>(&kq_rt_linkpred)},
  };
}
