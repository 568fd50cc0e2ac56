//===- GraphCache.h - Binary caches of loaded graphs -----------------------===//
//
// Parsing the TSV files of a large graph costs far more than reading the
// result back. After a graph is loaded from text it is written, in binary,
// to the cache folder; later loads map that file with mmap when the input
// files still have the sizes and modification times it was made from.
// Caching is best effort: a cache that cannot be written or read is skipped.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_RUNTIME_GRAPHCACHE_H
#define KQ_RUNTIME_GRAPHCACHE_H

#include "runtime/Graph.h"

#include <memory>
#include <string>

namespace kq::runtime {

/// The folder caches go to: $KQ_CACHE_DIR when set, else the folder the host
/// chose (kqc: `cache/` beside its `bin/`); empty when caching is off.
std::string graphCacheDirectory();
void setGraphCacheDirectory(std::string folder);

/// The graph of `folder` from its cache, or null when there is no current one.
std::unique_ptr<Graph> readGraphCache(const std::string &folder);

/// Caches `graph`, just loaded from `folder`.
void writeGraphCache(const std::string &folder, const Graph &graph);

} // namespace kq::runtime

#endif // KQ_RUNTIME_GRAPHCACHE_H
