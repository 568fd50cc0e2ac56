//===- BenchABI.cpp - `bench` and `emit` --------------------------------===//
//
// Templates added to a benchmark, the drawing of its instances (bench/Sampler),
// and the files `emit` writes (bench/BenchmarkFiles).
//
//===----------------------------------------------------------------------===//

#include "runtime/abi/Adapters.h"
#include "runtime/bench/BenchmarkFiles.h"
#include "runtime/bench/Sampler.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <map>

using namespace kq::runtime;

extern "C" {

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
  SampleRequest request{
      graph, unsigned(observed), unsigned(full), count, uint64_t(seed), max_answers, {}};
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
      if (!writeQuizLines(found->second, path, context.writeOptions(), error))
        context.fail(error);
      return;
    }
  auto found = context.benchmarks().find(source);
  if (found == context.benchmarks().end()) {
    context.fail(fmt::format("emit: benchmark '{}' is not drawn", source));
    return;
  }
  WriteOptions write = context.writeOptions();
  bool written =
      format == KQ_EMIT_BETAE ? writeBetaEBenchmark(found->second, source, path, write, error)
      : format == KQ_EMIT_FIT ? writeFitBenchmark(found->second, source, path, write, error)
                              : writeBenchmarkLines(found->second, path, write, error);
  if (!written)
    context.fail(error);
}

} // extern "C"
