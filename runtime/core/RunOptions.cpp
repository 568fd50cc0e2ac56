//===- RunOptions.cpp - How a host runs a compiled program ----------------===//

#include "runtime/core/RunOptions.h"

#include <cstdlib>
#include <cstring>

void kq::runtime::applyEnvironment(RunOptions &options) {
  if (const char *folder = std::getenv("KQ_CACHE_DIR"))
    options.graphCache.folder = folder;
  if (const char *key = std::getenv("KQ_CACHE_KEY"))
    options.graphCache.byContent = std::strcmp(key, "content") == 0;
  if (const char *folder = std::getenv("KQ_REPLY_CACHE_DIR"); folder && *folder)
    options.replyCacheFolder = folder;
}
