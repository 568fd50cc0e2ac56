//===- GraphCache.h - Binary caches of loaded graphs -----------------------===//
//
// Parsing the TSV files of a large graph costs far more than reading the
// result back. After a graph is loaded from text it is written, in binary,
// to the cache folder; later loads map that file with mmap when the input
// files still have the sizes and modification times it was made from (the
// default: checking costs one stat a file), or, with `byContent`, the same
// SHA-256 digests (reading every input again, but blind to edits that keep
// a file's size and time, e.g. `cp -p`). The cache holds the SHA-256 of its
// own bytes and is rebuilt when they do not match. The folder is created
// private (0700), the files 0600; a cache file that is not a regular file
// of this user's, writable by no one else, is ignored. Caching is best
// effort: a cache that cannot be written or read is skipped.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_RUNTIME_GRAPH_GRAPHCACHE_H
#define KQ_RUNTIME_GRAPH_GRAPHCACHE_H

#include "runtime/graph/Graph.h"

#include <memory>
#include <string>

namespace kq::runtime {

/// Where caches go and how they are keyed.
struct GraphCacheOptions {
  /// The folder; empty when caching is off.
  std::string folder;
  /// Key caches by the inputs' SHA-256 rather than their sizes and times.
  bool byContent = false;
};

/// What the cache of `folder` must match, taken before its files are read
/// (so a file rewritten while it is parsed is not cached under its new
/// key); empty when caching is off or an input cannot be read.
std::string graphCacheKey(const std::string &folder, const GraphCacheOptions &options);

/// The graph of `folder` from its cache made under `key`, or null when
/// there is no such cache.
std::unique_ptr<Graph> readGraphCache(const std::string &folder, const std::string &key,
                                      const GraphCacheOptions &options);

/// Caches `graph`, just loaded from `folder` whose files had `key`.
void writeGraphCache(const std::string &folder, const std::string &key, const Graph &graph,
                     const GraphCacheOptions &options);

} // namespace kq::runtime

#endif // KQ_RUNTIME_GRAPH_GRAPHCACHE_H
