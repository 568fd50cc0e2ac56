//===- LlmABI.cpp - `llm` and `ask` -------------------------------------===//
//
// Language models declared by a program, and asking one every item of a
// quiz or prompt set (llm/LanguageModel), scored by prompts/Scoring.
//
//===----------------------------------------------------------------------===//

#include "runtime/abi/Adapters.h"
#include "runtime/bench/BenchmarkFiles.h"
#include "runtime/prompts/Scoring.h"
#include "runtime/support/Json.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <map>

using namespace kq::runtime;

extern "C" {

void kq_rt_llm(kq_context *ctx, const char *name, const char *endpoint, const char *model,
               double temperature, int64_t max_tokens, int64_t concurrency, double timeout,
               int64_t retries, const char *api_key_env) {
  Context &context = Context::from(ctx);
  if (!context.failed())
    context.languageModels()[name] = LanguageModel{name,
                                                   endpoint,
                                                   model,
                                                   temperature,
                                                   max_tokens,
                                                   std::max<int64_t>(concurrency, 1),
                                                   std::max<int64_t>(retries, 0),
                                                   timeout,
                                                   api_key_env};
}

void kq_rt_ask(kq_context *ctx, const char *llm, const char *source, const char *replies_path) {
  Context &context = Context::from(ctx);
  if (context.failed())
    return;
  auto model = context.languageModels().find(llm);
  const Quiz *items = nullptr;
  for (std::map<std::string, Quiz> *sets : {&context.quizzes(), &context.promptSets()})
    if (auto found = sets->find(source); found != sets->end())
      items = &found->second;
  if (model == context.languageModels().end() || !items) {
    context.fail(fmt::format("ask: llm '{}' or prompts '{}' are not declared", llm, source));
    return;
  }
  std::vector<JsonValue> parsed;
  std::vector<std::string> prompts;
  std::string error;
  if (!readItems(items->lines, parsed, prompts, error)) {
    context.fail(fmt::format("ask {}: {} of {}", llm, error, source));
    return;
  }
  std::vector<std::string> replies;
  AskStatistics statistics;
  if (!askAll(model->second, prompts, context.options().replyCacheFolder, context.options().work,
              replies, statistics, error)) {
    context.fail(error);
    return;
  }
  JsonObject record;
  record.field("kind", "score")
      .field("llm", llm)
      .field("model", model->second.model)
      .field("source", source)
      .field("count", (long long)replies.size())
      .field("asked", (long long)statistics.requests)
      .field("cached", (long long)statistics.cached);
  Quiz scored;
  if (!scoreReplies(parsed, replies, context.labelsOf(items->graphName), record, scored.lines,
                    error)) {
    context.fail(fmt::format("ask {}: {} of {}", llm, error, source));
    return;
  }
  if (*replies_path && !writeQuizLines(scored, replies_path, context.writeOptions(), error)) {
    context.fail(error);
    return;
  }
  context.writeRecord(std::move(record).take());
}

} // extern "C"
