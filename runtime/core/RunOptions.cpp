//===- RunOptions.cpp - How a host runs a compiled program ----------------===//

#include "runtime/core/RunOptions.h"

#include <cstdlib>
#include <cstring>

bool kq::runtime::applyEnvironment(RunOptions &options) {
  if (const char *folder = std::getenv("KQ_CACHE_DIR"))
    options.graphCache.folder = folder;
  if (const char *key = std::getenv("KQ_CACHE_KEY"))
    options.graphCache.byContent = std::strcmp(key, "content") == 0;
  if (const char *folder = std::getenv("KQ_REPLY_CACHE_DIR"); folder && *folder)
    options.replyCacheFolder = folder;
  if (const char *threads = std::getenv("KQ_THREADS"); threads && std::atoi(threads) > 0)
    options.work.threads = unsigned(std::atoi(threads));
  if (std::getenv("KQ_STATS"))
    options.statistics = true;
  if (options.replyCacheFolder.empty()) {
    if (const char *xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
      options.replyCacheFolder = std::string(xdg) + "/kq/llm";
    else if (const char *home = std::getenv("HOME"); home && *home)
      options.replyCacheFolder = std::string(home) + "/.cache/kq/llm";
  }
  if (const char *limit = std::getenv("KQ_MEMORY_LIMIT"); limit && *limit) {
    std::optional<uint64_t> bytes = parseMemorySize(limit);
    if (!bytes)
      return false;
    options.memory.limit = *bytes;
  }
  return true;
}
