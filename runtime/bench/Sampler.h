//===- Sampler.h - Benchmarks of grounded templates -----------------------===//
//
// `bench NAME = sample T, ... from G observed(...) full(...) count N seed S`
// grounds each template N times. A grounding is a random walk over the full
// graph along the template's atoms, from a random answer entity; the
// instance is then answered by the template's compiled function on the
// observed and on the full graph: easy answers are those of the observed
// graph, hard ones those of the full graph that are not easy. It is kept
// when it has a hard answer (an answer, for a training benchmark whose
// observed graph is the full one), at most `max_answers` answers in all,
// and is new (also to the benchmarks it must not overlap). The random numbers are
// the project's own (SplitMix64), so a seed gives the same bytes everywhere.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_RUNTIME_BENCH_SAMPLER_H
#define KQ_RUNTIME_BENCH_SAMPLER_H

#include "runtime/Runtime.h"
#include "runtime/graph/Graph.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace kq::runtime {

class Context;

/// A template as kq.sample hands it over (see frontend/TemplatePattern.h
/// for the pattern and text encodings).
struct SampleTemplate {
  std::string name;
  kq_template_function function = nullptr;
  std::string kinds; // 'e' or 'r' a parameter
  std::vector<std::string> pattern;
  std::string text;
  std::string structure;  // BetaE's, or empty
  std::string fitFormula; // FIT's, or empty
};

struct BenchmarkInstance {
  uint32_t type;                    // the template's index in Benchmark::templates
  std::string query;                // the grounded formula in kq syntax
  std::vector<int32_t> arguments;   // entity and relation ids
  std::vector<EntityId> easy, hard; // ids (names are written by `emit`)
};

struct Benchmark {
  const Graph *graph = nullptr;
  std::string graphName;
  unsigned fullMask = 0;                 // the splits of its full graph
  unsigned observedMask = 0;             // and of its observed graph
  bool training = false;                 // observed = full: answers, none hard
  std::vector<SampleTemplate> templates; // function pointers left null
  std::vector<BenchmarkInstance> instances;
  std::set<std::string> queries; // for `exclude`
};

struct SampleRequest {
  std::string graph;
  unsigned observedMask = 0, fullMask = 0;
  int64_t count = 0;
  uint64_t seed = 0;
  int64_t maxAnswers = 0; // 0: no limit
  std::vector<const Benchmark *> exclude;
};

class Random;
struct IncidenceIndex;

/// Every entity's edges in the union of the splits in `mask`: what random
/// walks follow, built once for all templates on that graph.
class GroundingIndex {
public:
  GroundingIndex(const Graph &graph, unsigned mask);
  ~GroundingIndex();
  /// Whether no entity has an edge: no walk can start.
  bool empty() const;

private:
  friend class TemplateGrounder;
  std::unique_ptr<IncidenceIndex> index;
};

/// Groundings of one template by random walks over a graph's `index`, as
/// `bench` draws them: what prompts draw their worked examples with.
class TemplateGrounder {
public:
  TemplateGrounder(const Graph &graph, const GroundingIndex &index, const SampleTemplate &sampled);
  ~TemplateGrounder();
  /// Empty unless the template's pattern names what the graph lacks.
  const std::string &error() const { return problem; }
  /// One walk's arguments (ids), or nothing when it came to a dead end.
  std::optional<std::vector<int32_t>> draw(Random &random);
  /// The grounded formula in kq syntax, as benchmarks write it.
  std::string text(const std::vector<int32_t> &arguments) const;

private:
  struct State;
  std::unique_ptr<State> state;
  std::string problem;
};

/// Draws the benchmark; on failure returns false with the message in `error`
/// (a template that cannot be grounded often enough, an unknown graph).
bool sampleBenchmark(Context &context, const std::vector<SampleTemplate> &templates,
                     const SampleRequest &request, const std::string &label, Benchmark &out,
                     std::string &error);

} // namespace kq::runtime

#endif // KQ_RUNTIME_BENCH_SAMPLER_H
