//===- Scoring.cpp - Scoring a language model's replies against the keys --===//

#include "runtime/Scoring.h"
#include "runtime/Json.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>

using namespace kq::runtime;

namespace {

std::vector<std::string> words(const std::string &text) {
  std::vector<std::string> tokens;
  std::istringstream in(normalizeAnswer(text));
  for (std::string token; in >> token;)
    tokens.push_back(token);
  return tokens;
}

/// Whether `needle`'s normalised words appear, in order and adjacent, in
/// `haystack`'s.
bool mentions(const std::vector<std::string> &haystack, const std::string &needle) {
  std::vector<std::string> target = words(needle);
  if (target.empty())
    return false;
  return std::search(haystack.begin(), haystack.end(), target.begin(), target.end()) !=
         haystack.end();
}

/// Where `needle` first appears in `haystack` (in words), or npos.
size_t firstMention(const std::vector<std::string> &haystack, const std::string &needle) {
  std::vector<std::string> target = words(needle);
  if (target.empty())
    return std::string::npos;
  auto at = std::search(haystack.begin(), haystack.end(), target.begin(), target.end());
  return at == haystack.end() ? std::string::npos : size_t(at - haystack.begin());
}

/// The parts of a reply: its lines, each split at ';'.
std::vector<std::string> parts(const std::string &reply) {
  std::vector<std::string> pieces;
  std::string current;
  for (char c : reply + "\n") {
    if (c == '\n' || c == ';') {
      if (!words(current).empty())
        pieces.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  return pieces;
}

/// The answers a query prompt's reply lists: its last "Answer:" line.
std::vector<std::string> listedAnswers(const std::string &reply) {
  std::string line = reply;
  size_t at = std::string::npos;
  for (size_t found = reply.find("Answer:"); found != std::string::npos;
       found = reply.find("Answer:", found + 1))
    at = found;
  if (at != std::string::npos) {
    line = reply.substr(at + 7);
    line = line.substr(0, line.find('\n'));
  }
  std::vector<std::string> answers;
  std::stringstream in(line);
  for (std::string item; std::getline(in, item, ';');)
    if (!words(item).empty())
      answers.push_back(normalizeAnswer(item));
  return answers;
}

const std::string *stringMember(const JsonValue &item, const char *key) {
  const JsonValue *member = item.member(key);
  return member ? member->string() : nullptr;
}

} // namespace

std::string kq::runtime::normalizeAnswer(const std::string &text) {
  std::string lowered;
  for (unsigned char c : text)
    lowered += std::ispunct(c) ? ' ' : char(std::tolower(c));
  std::istringstream in(lowered);
  std::string normal;
  for (std::string token; in >> token;)
    if (token != "a" && token != "an" && token != "the")
      normal += (normal.empty() ? "" : " ") + token;
  return normal;
}

double kq::runtime::tokenF1(const std::string &prediction, const std::string &truth) {
  std::vector<std::string> predicted = words(prediction), expected = words(truth);
  if (predicted.empty() || expected.empty())
    return predicted == expected ? 1.0 : 0.0;
  std::multiset<std::string> remaining(expected.begin(), expected.end());
  double common = 0;
  for (const std::string &token : predicted)
    if (auto found = remaining.find(token); found != remaining.end()) {
      remaining.erase(found);
      ++common;
    }
  if (common == 0)
    return 0;
  double precision = common / double(predicted.size()), recall = common / double(expected.size());
  return 2 * precision * recall / (precision + recall);
}

bool kq::runtime::scoreReply(const std::string &line, const std::string &reply,
                             const Labels &labels, ItemScore &out, std::string &error) {
  std::optional<JsonValue> item = parseJson(line, error);
  if (!item)
    return false;
  const std::string *format = stringMember(*item, "format");
  out.format = format ? *format : item->member("answers") ? "query" : "";
  out.metrics.clear();
  std::vector<std::string> replyWords = words(reply);
  if (out.format == "tf") {
    const JsonValue *answer = item->member("answer");
    const bool *truth = answer ? std::get_if<bool>(&answer->value) : nullptr;
    if (!truth) {
      error = "a tf item without a true or false answer";
      return false;
    }
    std::string first = replyWords.empty() ? "" : replyWords.front();
    bool saysTrue = first == "true" || first == "yes";
    bool saysFalse = first == "false" || first == "no";
    out.metrics["accuracy"] = (*truth ? saysTrue : saysFalse) ? 1 : 0;
  } else if (out.format == "mc") {
    const JsonValue *options = item->member("options");
    const std::string *answer = stringMember(*item, "answer");
    if (!options || !answer) {
      error = "an mc item without options or an answer";
      return false;
    }
    // The option the reply names first (the longest one where two start
    // at the same word).
    std::string chosen;
    size_t best = std::string::npos, bestLength = 0;
    for (const JsonValue &option : options->elements) {
      if (!option.string())
        continue;
      std::string text = labels.entity(*option.string());
      size_t at = firstMention(replyWords, text);
      size_t length = words(text).size();
      if (at != std::string::npos && (at < best || (at == best && length > bestLength))) {
        best = at;
        bestLength = length;
        chosen = *option.string();
      }
    }
    out.metrics["accuracy"] = !chosen.empty() && chosen == *answer ? 1 : 0;
  } else if (out.format == "blank" || out.format == "edit") {
    const std::string *answer = stringMember(*item, "answer");
    if (!answer) {
      error = "a " + out.format + " item without an answer";
      return false;
    }
    std::string normal = normalizeAnswer(reply);
    double exact = 0, f1 = 0;
    for (const std::string &truth : {labels.entity(*answer), *answer}) {
      exact = std::max(exact, normal == normalizeAnswer(truth) ? 1.0 : 0.0);
      f1 = std::max(f1, tokenF1(reply, truth));
    }
    out.metrics["exact_match"] = exact;
    out.metrics["f1"] = f1;
  } else if (out.format == "open") {
    const JsonValue *facts = item->member("answer");
    if (!facts || facts->kind != JsonValue::Kind::Array) {
      error = "an open item without a list of facts";
      return false;
    }
    // The entity asked about is the head of every fact; the reply should
    // name their tails.
    std::vector<std::string> tails;
    for (const JsonValue &fact : facts->elements)
      if (fact.elements.size() == 3 && fact.elements[2].string())
        tails.push_back(labels.entity(*fact.elements[2].string()));
    double named = 0;
    for (const std::string &tail : tails)
      named += mentions(replyWords, tail) ? 1 : 0;
    std::vector<std::string> claims = parts(reply);
    double supported = 0;
    for (const std::string &claim : claims) {
      std::vector<std::string> claimWords = words(claim);
      supported += std::any_of(tails.begin(), tails.end(),
                               [&](const std::string &tail) { return mentions(claimWords, tail); })
                       ? 1
                       : 0;
    }
    out.metrics["recall"] = tails.empty() ? 0 : named / double(tails.size());
    out.metrics["precision"] = claims.empty() ? 0 : supported / double(claims.size());
  } else if (out.format == "query") {
    const JsonValue *answers = item->member("answers");
    if (!answers || answers->kind != JsonValue::Kind::Array) {
      error = "a query prompt without a list of answers";
      return false;
    }
    std::set<std::string> gold;
    for (const JsonValue &answer : answers->elements)
      if (answer.string())
        gold.insert(normalizeAnswer(labels.entity(*answer.string())));
    std::vector<std::string> listed = listedAnswers(reply);
    for (size_t k : {1, 3, 10}) {
      bool hit = false;
      for (size_t i = 0; i < listed.size() && i < k; ++i)
        hit |= gold.count(listed[i]) > 0;
      out.metrics["hits@" + std::to_string(k)] = hit ? 1 : 0;
    }
    out.metrics["exact"] = std::set<std::string>(listed.begin(), listed.end()) == gold ? 1 : 0;
  } else {
    error = "an item of no known format";
    return false;
  }
  return true;
}
