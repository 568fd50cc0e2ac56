//===- LanguageModel.cpp - Asking an OpenAI-compatible endpoint -----------===//

#include "runtime/llm/LanguageModel.h"
#include "runtime/core/Progress.h"
#include "runtime/core/Workers.h"
#include "runtime/support/AtomicFile.h"
#include "runtime/support/Files.h"
#include "runtime/support/Json.h"
#include "runtime/support/Sha256.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace kq::runtime;

namespace {

/// The URL requests of `model` go to.
std::string completionsUrl(const LanguageModel &model) {
  std::string url = model.endpoint;
  while (!url.empty() && url.back() == '/')
    url.pop_back();
  return url + "/chat/completions";
}

/// The body of the request for `prompt`.
std::string requestBody(const LanguageModel &model, const std::string &prompt) {
  JsonObject body;
  body.field("model", model.model);
  std::string &messages = body.rawField("messages");
  messages += "[{\"role\":\"user\",\"content\":";
  appendJsonString(messages, prompt);
  messages += "}]";
  body.field("temperature", model.temperature).field("max_tokens", (long long)model.maxTokens);
  return std::move(body).take();
}

/// What a reply depends on, written so that no two requests read the same:
/// the cache's format, the URL (which holds no newline) without its
/// credentials, and the exact body (JSON, which escapes every newline).
std::string requestIdentity(const LanguageModel &model, const std::string &prompt) {
  return "kq reply cache 2\n" + withoutCredentials(completionsUrl(model)) + "\n" +
         requestBody(model, prompt);
}

std::string cacheFile(const std::string &folder, const std::string &key) {
  return folder + "/" + key + ".json";
}

/// A cached reply, when the file is there and was written for this very
/// request (the hash could collide; the request is stored beside it).
std::optional<std::string> readCached(const std::string &path, const std::string &request) {
  std::string text, reason;
  size_t slash = path.rfind('/');
  if (slash == std::string::npos || !isPrivateFolder(path.substr(0, slash)))
    return std::nullopt; // a folder others may write: its replies could be planted
  if (!readWholeFile(path, text, reason))
    return std::nullopt;
  std::string error;
  std::optional<JsonValue> entry = parseJson(text, error);
  if (!entry)
    return std::nullopt;
  const JsonValue *stored = entry->member("request");
  const JsonValue *reply = entry->member("reply");
  if (!stored || !reply || !stored->string() || !reply->string() || *stored->string() != request)
    return std::nullopt;
  return *reply->string();
}

/// Creates `folder` and the folders above it that are missing, private to
/// this user (replies can be as sensitive as the prompts).
void makeFolders(const std::string &folder) {
  for (size_t at = folder.find('/', 1); at != std::string::npos; at = folder.find('/', at + 1))
    mkdir(folder.substr(0, at).c_str(), 0700);
  mkdir(folder.c_str(), 0700);
}

/// Writes the cache entry whole, readable by this user only.
void writeCached(const std::string &folder, const std::string &path, const std::string &request,
                 const std::string &reply) {
  makeFolders(folder);
  if (!isPrivateFolder(folder))
    return;
  JsonObject entry;
  entry.field("request", request).field("reply", reply);
  WriteOptions write;
  write.newFileMode = 0600;
  write.force = true;
  write.followSymlinks = false;
  std::string error;
  // A cache that cannot be written only costs a rerun.
  (void)writeFileAtomically(path, std::move(entry).take(), write, error);
}

/// The most a reply may hold: far more than any answer a prompt asks for,
/// and a bound on what a broken or hostile server can make us keep.
constexpr size_t kMaxReplyBytes = size_t(4) << 20;

size_t appendBody(char *data, size_t size, size_t count, void *body) {
  auto *text = static_cast<std::string *>(body);
  if (text->size() + size * count > kMaxReplyBytes)
    return 0; // curl stops with CURLE_WRITE_ERROR
  text->append(data, size * count);
  return size * count;
}

/// The outcome of one try.
struct Attempt {
  bool ok = false, retry = false;
  std::string text; // the reply, or what went wrong
};

Attempt tryOnce(const LanguageModel &model, const std::string &prompt) {
  // Checked only when a request is sent: cached replies need no key.
  if (!model.apiKeyVariable.empty() && !std::getenv(model.apiKeyVariable.c_str()))
    return {
        false, false,
        fmt::format("the environment variable {} (api_key_env) is not set", model.apiKeyVariable)};
  std::string payload = requestBody(model, prompt);
  CURL *curl = curl_easy_init();
  if (!curl)
    return {false, false, "cannot start an HTTP client"};
  std::string url = completionsUrl(model);
  curl_slist *headers = curl_slist_append(nullptr, "Content-Type: application/json");
  if (!model.apiKeyVariable.empty())
    if (const char *key = std::getenv(model.apiKeyVariable.c_str()))
      headers = curl_slist_append(headers, ("Authorization: Bearer " + std::string(key)).c_str());
  std::string response;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, payload.c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, long(payload.size()));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, appendBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response);
  // At least a millisecond: 0 would mean no limit at all.
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, std::max(1L, long(model.timeoutSeconds * 1000)));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  CURLcode code = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);

  if (code == CURLE_OPERATION_TIMEDOUT)
    return {false, true, fmt::format("no reply within {} s", model.timeoutSeconds)};
  if (code == CURLE_WRITE_ERROR)
    return {false, false,
            fmt::format("the reply is larger than {} MiB, more than any answer needs",
                        kMaxReplyBytes >> 20)};
  if (code != CURLE_OK)
    return {false, true, curl_easy_strerror(code)};
  if (status == 429 || status >= 500)
    return {false, true, fmt::format("HTTP status {}", status)};
  if (status != 200)
    return {false, false, fmt::format("HTTP status {}: {}", status, response.substr(0, 200))};
  std::string problem;
  std::optional<JsonValue> reply = parseJson(response, problem);
  const JsonValue *choices = reply ? reply->member("choices") : nullptr;
  const JsonValue *message =
      choices && !choices->elements.empty() ? choices->elements.front().member("message") : nullptr;
  const JsonValue *content = message ? message->member("content") : nullptr;
  if (!content || !content->string())
    return {false, true,
            fmt::format("the reply is not a chat completion ({})",
                        reply ? "no choices[0].message.content string" : "not JSON: " + problem)};
  return {true, false, *content->string()};
}

} // namespace

std::string kq::runtime::withoutCredentials(const std::string &url) {
  size_t scheme = url.find("://");
  size_t start = scheme == std::string::npos ? 0 : scheme + 3;
  size_t end = url.find_first_of("/?#", start);
  size_t at = url.rfind('@', end == std::string::npos ? url.size() : end);
  if (at == std::string::npos || at < start)
    return url;
  return url.substr(0, start) + url.substr(at + 1);
}

std::string kq::runtime::replyCacheKey(const LanguageModel &model, const std::string &prompt) {
  return sha256Hex(requestIdentity(model, prompt));
}

bool kq::runtime::askAll(const LanguageModel &model, const std::vector<std::string> &prompts,
                         const std::string &cacheFolder, const WorkOptions &work,
                         std::vector<std::string> &replies, AskStatistics &statistics,
                         std::string &error) {
  static std::once_flag curlReady;
  std::call_once(curlReady, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  replies.assign(prompts.size(), std::string());
  const std::string &folder = cacheFolder;
  std::mutex lock;
  std::atomic<bool> failed{false};
  std::string firstError;
  std::atomic<int64_t> requests{0}, cached{0}, retried{0};
  Progress progress("ask " + model.name, int64_t(prompts.size()), "prompts", work.progress);
  forEachInParallel(prompts.size(), unsigned(model.concurrency), [&](size_t i, unsigned) {
    if (failed.load())
      return;
    std::string request = requestIdentity(model, prompts[i]);
    std::string path = folder.empty() ? "" : cacheFile(folder, replyCacheKey(model, prompts[i]));
    if (!path.empty())
      if (std::optional<std::string> hit = readCached(path, request)) {
        replies[i] = std::move(*hit);
        ++cached;
        progress.advance(1);
        return;
      }
    Attempt attempt;
    int64_t made = 0;
    for (int64_t tries = 0; tries <= model.retries && !failed.load(); ++tries) {
      if (tries > 0) {
        ++retried;
        double wait = std::min(8.0, 0.25 * double(int64_t(1) << std::min<int64_t>(tries - 1, 5)));
        std::this_thread::sleep_for(std::chrono::duration<double>(wait));
      }
      ++requests;
      ++made;
      attempt = tryOnce(model, prompts[i]);
      if (attempt.ok || !attempt.retry)
        break;
    }
    if (!attempt.ok) {
      std::lock_guard<std::mutex> guard(lock);
      if (!failed.exchange(true))
        firstError =
            fmt::format("ask {}: prompt {} of {}: {} ({} at {}, {} {})", model.name, i + 1,
                        prompts.size(), attempt.text, model.model,
                        withoutCredentials(model.endpoint), made, made == 1 ? "try" : "tries");
      return;
    }
    replies[i] = attempt.text;
    if (!path.empty())
      writeCached(folder, path, request, attempt.text);
    progress.advance(1);
  });
  statistics.requests = requests;
  statistics.cached = cached;
  statistics.retried = retried;
  if (failed) {
    error = firstError;
    return false;
  }
  return true;
}
