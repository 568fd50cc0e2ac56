//===- LanguageModel.h - Asking an OpenAI-compatible endpoint -------------===//
//
// `llm m = openai "http://HOST:PORT/v1" model "NAME";` and `ask m on Z;`
// send each prompt as one chat completion (POST ENDPOINT/chat/completions,
// one user message), at most `concurrency` at a time. A try that times out,
// fails to connect, gets status 429 or 5xx, or gets a reply that is not a
// chat completion is tried again after a back-off that doubles (0.25 s,
// 0.5 s, ... at most 8 s), `retries` times. Replies are kept in an on-disk
// cache keyed by endpoint, model, parameters and prompt, so a rerun asks
// nothing; only well-formed replies are kept, each file written whole.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_RUNTIME_LLM_LANGUAGEMODEL_H
#define KQ_RUNTIME_LLM_LANGUAGEMODEL_H

#include "runtime/core/Workers.h"

#include <cstdint>
#include <string>
#include <vector>

namespace kq::runtime {

struct LanguageModel {
  std::string name, endpoint, model;
  double temperature = 0;
  int64_t maxTokens = 256, concurrency = 4, retries = 3;
  double timeoutSeconds = 60;
  std::string apiKeyVariable; // empty: no Authorization header
};

struct AskStatistics {
  int64_t requests = 0, cached = 0, retried = 0;
};

/// The replies to `prompts`, in order, through the reply cache in
/// `cacheFolder` (RunOptions::replyCacheFolder; none when empty). Folders
/// are created 0700 and entries written 0600. On a prompt that could not be answered
/// returns false and sets `error`; the replies got until then stay cached.
bool askAll(const LanguageModel &model, const std::vector<std::string> &prompts,
            const std::string &cacheFolder, const WorkOptions &work,
            std::vector<std::string> &replies, AskStatistics &statistics, std::string &error);

/// The cache file of a request: the SHA-256 of everything the reply
/// depends on (the stored request is compared on read as well).
std::string replyCacheKey(const LanguageModel &model, const std::string &prompt);

/// `url` without the `user:password@` of its authority: what may be
/// cached or printed.
std::string withoutCredentials(const std::string &url);

} // namespace kq::runtime

#endif // KQ_RUNTIME_LLM_LANGUAGEMODEL_H
