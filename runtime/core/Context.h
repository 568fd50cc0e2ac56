//===- Context.h - The state of one run of a compiled program -------------===//
//
// What the C ABI handles point to. A Context owns the loaded graphs, the
// output stream, the first error, and the sets and views that the running
// statement allocates (released by kq_rt_end_statement). Hosts (kqc, an
// embedding tool, an AOT executable) create one, run the program's entry
// point with it, then check `failed()`.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_RUNTIME_CORE_CONTEXT_H
#define KQ_RUNTIME_CORE_CONTEXT_H

#include "runtime/Runtime.h"
#include "runtime/bench/Sampler.h"
#include "runtime/core/RunOptions.h"
#include "runtime/core/SetStore.h"
#include "runtime/graph/Graph.h"
#include "runtime/linkpred/Model.h"
#include "runtime/llm/LanguageModel.h"
#include "runtime/prompts/Prompts.h"
#include "runtime/prompts/Quiz.h"
#include "runtime/support/AtomicFile.h"
#include "runtime/support/FileGuard.h"

#include <atomic>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace kq::runtime {
class Context;
} // namespace kq::runtime

struct kq_view {
  kq::runtime::Context *context;
  std::string graphName;
  kq::runtime::Graph *graph;
  const kq::runtime::GraphIndex *index;
  unsigned splitMask;
  std::vector<uint64_t> bitmap; // the projection kernels' scratch, all zero
  kq::runtime::SetStore *sets;  // where the sets computed on it go
};

namespace kq::runtime {

/// A template of a batch of answers: its records' name, its function, and
/// its parameters' kinds ('e' or 'r').
struct BatchTemplate {
  std::string query;
  kq_template_function function = nullptr;
  std::string kinds;
};

class Context {
public:
  /// A run writing records to `output`, its files checked by `guard`.
  Context(std::FILE *output, RunOptions options, FileGuard &guard)
      : output(output), runOptions(std::move(options)), guard(guard) {}

  const RunOptions &options() const { return runOptions; }
  /// How the files the run writes (`emit`, replies) are written.
  WriteOptions writeOptions() {
    WriteOptions write;
    write.force = runOptions.force;
    write.guard = &guard;
    return write;
  }

  kq_context *handle() { return reinterpret_cast<kq_context *>(this); }
  static Context &from(kq_context *ctx) { return *reinterpret_cast<Context *>(ctx); }

  /// Records a run-time failure; the first one is kept and reported. Safe
  /// to call from the workers of a batch.
  void fail(std::string message);
  bool failed() const { return hasFailed.load(std::memory_order_relaxed); }
  const std::string &error() const { return errorMessage; }

  /// The files a graph folder or a model folder is read from.
  static std::vector<std::string> graphFiles(const std::string &folder);
  static std::vector<std::string> modelFiles(const std::string &folder);

  /// Records the files of an input (a graph's splits, a labels file, a
  /// model's files) with the guard; false, failing the run, when one of
  /// them is the run's output.
  bool addInputs(const std::vector<std::string> &paths);

  /// Binds `name` to the graph in folder `path`: the one the host preloaded
  /// under that name, else one from that folder loaded already, else the
  /// folder's, loaded now.
  bool loadGraph(const std::string &name, const std::string &path);
  Graph *findGraph(const std::string &name);

  /// Binds `name` to the model of `family` in folder `path`, for the graph
  /// bound to `graphName`.
  bool loadModel(const std::string &name, ModelFamily family, const std::string &path,
                 const std::string &graphName);
  Model *findModel(const std::string &name);

  /// The templates kq_rt_sample_template added to a benchmark to be drawn,
  /// and the benchmarks drawn, by name.
  std::vector<SampleTemplate> &templatesOf(const std::string &bench) {
    return pendingTemplates[bench];
  }
  std::map<std::string, Benchmark> &benchmarks() { return drawnBenchmarks; }
  std::map<std::string, Quiz> &quizzes() { return drawnQuizzes; }
  /// Skills, their blocks (rendered worked examples) and the cases of the
  /// prompt sets to be rendered, by name; the rendered prompt sets.
  std::map<std::string, Skill> &skills() { return declaredSkills; }
  std::map<std::string, std::string> &skillBlocks() { return renderedBlocks; }
  std::vector<PromptCase> &casesOf(const std::string &prompt) { return pendingCases[prompt]; }
  std::map<std::string, Quiz> &promptSets() { return renderedPrompts; }
  std::map<std::string, LanguageModel> &languageModels() { return declaredModels; }
  /// Reads the labels of the graph bound to `name` from `path`.
  bool loadLabels(const std::string &name, const std::string &path);
  /// The labels of graph `name`; empty ones when it has none.
  const Labels &labelsOf(const std::string &name) const;
  /// The templates of the kq_rt_answer_batch that comes next, by index.
  std::vector<BatchTemplate> &batchTemplates() { return pendingBatch; }
  /// The fuzzy twins of the templates of the kq_rt_eval that comes next.
  std::vector<kq_truth_function> &evalTemplates() { return pendingEval; }

  kq_view *newView(const std::string &graphName, unsigned splitMask);
  /// How many sets the running statement holds, and the release of those
  /// allocated after the first `count` (the sets of a finished iteration).
  size_t numSets() const { return statementSets.count(); }
  void releaseSetsAfter(size_t count) { statementSets.releaseAfter(count); }
  /// An empty set and a view of no graph: what failed calls return, so
  /// generated code goes on (the run has failed; nothing is written).
  kq_set *emptySet() { return &noEntities; }
  kq_view *failedView() { return &noGraph; }
  void endStatement();

  /// Writes one JSON Lines record.
  void writeRecord(std::string_view json);
  /// Writes records that end in newlines already.
  void writeText(std::string_view lines);

private:
  std::FILE *output;
  RunOptions runOptions;
  FileGuard &guard;
  std::string errorMessage;
  std::mutex errorLock;
  std::atomic<bool> hasFailed{false};
  std::map<std::string, std::shared_ptr<Graph>> graphsByPath;
  std::map<std::string, Graph *> graphs;                // by the program's name
  std::map<std::string, std::unique_ptr<Model>> models; // by the program's name
  std::map<std::string, std::vector<SampleTemplate>> pendingTemplates;
  std::map<std::string, Benchmark> drawnBenchmarks;
  std::map<std::string, Quiz> drawnQuizzes;
  std::map<std::string, Skill> declaredSkills;
  std::map<std::string, std::string> renderedBlocks;
  std::map<std::string, std::vector<PromptCase>> pendingCases;
  std::map<std::string, Quiz> renderedPrompts;
  std::map<std::string, LanguageModel> declaredModels;
  std::map<std::string, Labels> labels; // by the program's graph name
  Labels noLabels;
  std::vector<BatchTemplate> pendingBatch;
  std::vector<kq_truth_function> pendingEval;
  SetStore statementSets;
  kq_set noEntities{nullptr, 0};
  kq_view noGraph{this, "", nullptr, nullptr, 0, {}, &statementSets};
  std::vector<std::unique_ptr<kq_view>> statementViews;
};

/// The runtime's C entry points by name, for a JIT to resolve against.
std::vector<std::pair<const char *, void *>> runtimeSymbols();

} // namespace kq::runtime

#endif // KQ_RUNTIME_CORE_CONTEXT_H
