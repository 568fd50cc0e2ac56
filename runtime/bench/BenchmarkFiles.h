//===- BenchmarkFiles.h - Writing sampled benchmarks ----------------------===//
//
// What `emit` writes: kq's JSON lines, BetaE's pickles, or FIT's qaa.json,
// each appearing complete or not at all (runtime/support/AtomicFile.h).
//
//===----------------------------------------------------------------------===//
#ifndef KQ_RUNTIME_BENCH_BENCHMARKFILES_H
#define KQ_RUNTIME_BENCH_BENCHMARKFILES_H

#include "runtime/bench/Sampler.h"
#include "runtime/prompts/Quiz.h"
#include "runtime/support/AtomicFile.h"

#include <string>

namespace kq::runtime {

/// A quiz's items, one JSON object a line.
bool writeQuizLines(const Quiz &quiz, const std::string &path, const WriteOptions &options,
                    std::string &error);

/// One JSON object a line: type, query (kq syntax), easy, hard (names).
bool writeBenchmarkLines(const Benchmark &benchmark, const std::string &path,
                         const WriteOptions &options, std::string &error);

/// BetaE's files in `folder`: NAME-queries.pkl ({structure: {query}}),
/// NAME-easy-answers.pkl and NAME-hard-answers.pkl ({query: {entity id}}),
/// or NAME-answers.pkl for a training benchmark, with the id maps.
bool writeBetaEBenchmark(const Benchmark &benchmark, const std::string &name,
                         const std::string &folder, const WriteOptions &options,
                         std::string &error);

/// FIT's NAME-qaa.json in `folder` ({formula: [[grounding, {"f": easy},
/// {"f": hard}], ...]}) with the id maps.
bool writeFitBenchmark(const Benchmark &benchmark, const std::string &name,
                       const std::string &folder, const WriteOptions &options, std::string &error);

} // namespace kq::runtime

#endif // KQ_RUNTIME_BENCH_BENCHMARKFILES_H
