//===- RunOptions.h - How a host runs a compiled program ------------------===//
//
// Everything a run needs from its host, given to runProgram: no part of
// the runtime reads a process-global setting, so two programs can run in
// one process, each with options of its own.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_RUNTIME_CORE_RUNOPTIONS_H
#define KQ_RUNTIME_CORE_RUNOPTIONS_H

#include "runtime/core/MemoryBudget.h"
#include "runtime/core/Workers.h"
#include "runtime/graph/Graph.h"
#include "runtime/graph/GraphCache.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace kq::runtime {

struct RunOptions {
  /// Where the records go: a file, or "-" for standard output.
  std::string outputPath = "-";
  /// Replace read-only output files.
  bool force = false;
  /// Files the run reads and must never write (the program's source and
  /// its imports); the runtime adds those of graphs, labels and models.
  std::vector<std::string> inputs;
  /// Where parsed graphs are cached, and how caches are keyed.
  GraphCacheOptions graphCache;
  /// Where language models' replies are cached; empty: nowhere.
  std::string replyCacheFolder;
  /// Graphs the host loaded already, by the name the program gives them
  /// (kqc loads them to check names): a `kq.graph` of that name takes its
  /// graph from here rather than loading its folder again.
  std::map<std::string, std::shared_ptr<Graph>> preloadedGraphs;
  /// How many threads answer batches, rank and draw (0: one a core), and
  /// whether long work shows progress on a terminal.
  WorkOptions work;
  /// Report where link prediction's time went on standard error.
  bool statistics = false;
  /// What the big statements may allocate.
  MemoryBudget memory;
};

/// What the environment says of the options a host leaves open:
/// KQ_CACHE_DIR (the graph cache's folder), KQ_CACHE_KEY=content (caches
/// keyed by content), KQ_REPLY_CACHE_DIR (the reply cache's folder),
/// KQ_THREADS (how many threads work), KQ_STATS (statistics),
/// KQ_MEMORY_LIMIT (the memory budget); the reply
/// cache defaults to $XDG_CACHE_HOME/kq/llm or ~/.cache/kq/llm when the host
/// chose no folder. Hosts
/// call it; the runtime itself reads no environment.
/// Returns what is wrong with a variable that is set (KQ_THREADS not a
/// positive number, KQ_MEMORY_LIMIT not a size, KQ_CACHE_KEY neither stat
/// nor content), or "".
std::string applyEnvironment(RunOptions &options);

} // namespace kq::runtime

#endif // KQ_RUNTIME_CORE_RUNOPTIONS_H
