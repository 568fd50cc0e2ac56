//===- RunOptions.cpp - How a host runs a compiled program ----------------===//

#include "runtime/core/RunOptions.h"

#include <cctype>
#include <cstdlib>
#include <cstring>

std::string kq::runtime::applyEnvironment(RunOptions &options) {
  if (const char *folder = std::getenv("KQ_CACHE_DIR"))
    options.graphCache.folder = folder;
  if (const char *key = std::getenv("KQ_CACHE_KEY")) {
    if (std::strcmp(key, "content") != 0 && std::strcmp(key, "stat") != 0)
      return std::string("KQ_CACHE_KEY: '") + key + "' is neither stat nor content";
    options.graphCache.byContent = std::strcmp(key, "content") == 0;
  }
  if (const char *folder = std::getenv("KQ_REPLY_CACHE_DIR"); folder && *folder)
    options.replyCacheFolder = folder;
  if (const char *threads = std::getenv("KQ_THREADS")) {
    std::optional<uint64_t> count = parseMemorySize(threads);
    if (!count || !std::isdigit(static_cast<unsigned char>(std::string_view(threads).back())) ||
        *count > 4096)
      return std::string("KQ_THREADS: '") + threads + "' is not a number of threads (1 to 4096)";
    options.work.threads = unsigned(*count);
  }
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
      return std::string("KQ_MEMORY_LIMIT: '") + limit + "' is not a size";
    options.memory.limit = *bytes;
  }
  return "";
}
