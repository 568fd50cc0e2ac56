//===- Scoring.cpp - Scoring a language model's replies against the keys --===//

#include "runtime/prompts/Scoring.h"
#include "runtime/support/Json.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
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

/// Where `needle`'s normalised words first appear, in order and adjacent,
/// in `haystack`'s (in words), or npos.
size_t firstMention(const std::vector<std::string> &haystack, const std::string &needle) {
  std::vector<std::string> target = words(needle);
  if (target.empty())
    return std::string::npos;
  auto at = std::search(haystack.begin(), haystack.end(), target.begin(), target.end());
  return at == haystack.end() ? std::string::npos : size_t(at - haystack.begin());
}

bool mentions(const std::vector<std::string> &haystack, const std::string &needle) {
  return firstMention(haystack, needle) != std::string::npos;
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

/// The text after a reply's last "Answer:" (any case, on its line), or the
/// whole reply when it has none: models often reason first.
std::string answerPart(const std::string &reply) {
  std::string lower = reply;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return char(std::tolower(c)); });
  size_t at = lower.rfind("answer:");
  if (at == std::string::npos)
    return reply;
  std::string line = reply.substr(at + 7);
  return line.substr(0, line.find('\n'));
}

/// Whether the word before position `at` negates what follows ("not
/// jordan", "isn't true").
bool negatedAt(const std::vector<std::string> &replyWords, size_t at) {
  static const std::set<std::string> negators{"not",    "isnt",  "arent", "wasnt",
                                              "doesnt", "never", "nor"};
  if (at == 0)
    return false;
  const std::string &before = replyWords[at - 1];
  // "isn't" may have been split at its apostrophe: "isn" "t".
  bool splitNt =
      before == "t" && at > 1 && !replyWords[at - 2].empty() && replyWords[at - 2].back() == 'n';
  return negators.count(before) || splitNt;
}

/// The answers a query prompt's reply lists: its last "Answer:" line.
std::vector<std::string> listedAnswers(const std::string &reply) {
  std::string line = answerPart(reply);
  if (line.size() != reply.size())
    line = line.substr(0, line.find('\n'));
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

const JsonValue *arrayMember(const JsonValue &item, const char *key) {
  const JsonValue *member = item.member(key);
  return member && member->kind == JsonValue::Kind::Array ? member : nullptr;
}

using Metrics = std::map<std::string, double>;

} // namespace

std::optional<bool> kq::runtime::readVerdict(const std::string &reply) {
  // Words that say it, anywhere; "yes" and "no" only as the first word
  // (elsewhere they are too often something else: "no doubt").
  static const std::set<std::string> yes{"true", "correct", "right", "accurate", "valid"};
  static const std::set<std::string> no{"false",  "incorrect",  "wrong",
                                        "untrue", "inaccurate", "invalid"};
  std::vector<std::string> replyWords = words(answerPart(reply));
  if (!replyWords.empty() && (replyWords.front() == "yes" || replyWords.front() == "no"))
    return replyWords.front() == "yes";
  for (size_t i = 0; i < replyWords.size(); ++i) {
    bool positive = yes.count(replyWords[i]), negative = no.count(replyWords[i]);
    if (positive || negative)
      return positive != negatedAt(replyWords, i); // "not true" is false
  }
  return std::nullopt;
}

namespace {

/// tf: what the reply says of the statement (readVerdict) is the key.
bool scoreTrueOrFalse(const JsonValue &item, const std::string &reply, Metrics &metrics,
                      std::string &error) {
  const JsonValue *answer = item.member("answer");
  const bool *truth = answer ? std::get_if<bool>(&answer->value) : nullptr;
  if (!truth) {
    error = "a tf item without a true or false answer";
    return false;
  }
  std::optional<bool> says = readVerdict(reply);
  metrics["accuracy"] = says && *says == *truth ? 1 : 0;
  return true;
}

/// mc: the option the reply names first (the longest where two start at
/// the same word) is the key.
bool scoreChoice(const JsonValue &item, const std::string &reply, const Labels &labels,
                 Metrics &metrics, std::string &error) {
  const JsonValue *options = arrayMember(item, "options");
  const std::string *answer = stringMember(item, "answer");
  if (!options || !answer) {
    error = "an mc item without options or an answer";
    return false;
  }
  std::vector<std::string> replyWords = words(answerPart(reply));
  const std::string *chosen = nullptr;
  size_t best = std::string::npos, bestLength = 0;
  for (const JsonValue &option : options->elements) {
    if (!option.string())
      continue;
    std::string text = labels.entity(*option.string());
    size_t length = words(text).size();
    // The first mention that is not negated ("not jordan, but egypt").
    size_t at = std::string::npos;
    std::vector<std::string> target = words(text);
    for (auto it = replyWords.begin(); !target.empty();) {
      it = std::search(it, replyWords.end(), target.begin(), target.end());
      if (it == replyWords.end())
        break;
      size_t position = size_t(it - replyWords.begin());
      if (!negatedAt(replyWords, position)) {
        at = position;
        break;
      }
      ++it;
    }
    if (at != std::string::npos && (at < best || (at == best && length > bestLength))) {
      best = at;
      bestLength = length;
      chosen = option.string();
    }
  }
  metrics["accuracy"] = chosen && *chosen == *answer ? 1 : 0;
  return true;
}

/// blank, edit: exact match and token F1 against the key's text or name,
/// the better of the two.
bool scoreEntity(const JsonValue &item, const std::string &reply, const Labels &labels,
                 Metrics &metrics, std::string &error) {
  const std::string *answer = stringMember(item, "answer");
  if (!answer) {
    error = "a blank or edit item without an answer";
    return false;
  }
  // Any of the item's right answers (its key among them), by label or
  // name: the best match counts.
  std::vector<std::string> right{*answer};
  if (const JsonValue *answers = arrayMember(item, "answers"))
    for (const JsonValue &other : answers->elements)
      if (other.string())
        right.push_back(*other.string());
  std::string said = answerPart(reply);
  std::string normal = normalizeAnswer(said);
  double exact = 0, f1 = 0;
  for (const std::string &name : right)
    for (const std::string &truth : {labels.entity(name), name}) {
      exact = std::max(exact, normal == normalizeAnswer(truth) ? 1.0 : 0.0);
      f1 = std::max(f1, tokenF1(said, truth));
    }
  metrics["exact_match"] = exact;
  metrics["f1"] = f1;
  return true;
}

/// open: the entity asked about is the head of every fact of the key; the
/// reply should name their tails, in parts that each name one.
bool scoreFacts(const JsonValue &item, const std::string &reply, const Labels &labels,
                Metrics &metrics, std::string &error) {
  const JsonValue *facts = arrayMember(item, "answer");
  if (!facts) {
    error = "an open item without a list of facts";
    return false;
  }
  std::vector<std::string> tails;
  for (const JsonValue &fact : facts->elements)
    if (fact.elements.size() == 3 && fact.elements[2].string())
      tails.push_back(labels.entity(*fact.elements[2].string()));
  // A claim is supported when it names any entity the graph relates the
  // asked-about one to ("answers"), not only the listed facts' tails.
  std::vector<std::string> supporting = tails;
  if (const JsonValue *answers = arrayMember(item, "answers"))
    for (const JsonValue &other : answers->elements)
      if (other.string())
        supporting.push_back(labels.entity(*other.string()));
  std::vector<std::string> replyWords = words(reply), claims = parts(reply);
  double named = 0, supported = 0;
  for (const std::string &tail : tails)
    named += mentions(replyWords, tail) ? 1 : 0;
  for (const std::string &claim : claims) {
    std::vector<std::string> claimWords = words(claim);
    supported += std::any_of(supporting.begin(), supporting.end(),
                             [&](const std::string &tail) { return mentions(claimWords, tail); })
                     ? 1
                     : 0;
  }
  metrics["recall"] = tails.empty() ? 0 : named / double(tails.size());
  metrics["precision"] = claims.empty() ? 0 : supported / double(claims.size());
  return true;
}

/// query (skic prompts): the reply's Answer line as a ranked list.
bool scoreAnswerList(const JsonValue &item, const std::string &reply, const Labels &labels,
                     Metrics &metrics, std::string &error) {
  const JsonValue *answers = arrayMember(item, "answers");
  if (!answers) {
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
    metrics["hits@" + std::to_string(k)] = hit ? 1 : 0;
  }
  metrics["exact"] = std::set<std::string>(listed.begin(), listed.end()) == gold ? 1 : 0;
  return true;
}

/// The format an item is scored by: its own, or `query` for a prompt set's.
std::string formatOf(const JsonValue &item) {
  const std::string *format = stringMember(item, "format");
  return format ? *format : item.member("answers") ? "query" : "";
}

bool scoreItem(const JsonValue &item, const std::string &reply, const Labels &labels,
               ItemScore &out, std::string &error) {
  out.format = formatOf(item);
  out.metrics.clear();
  if (out.format == "tf")
    return scoreTrueOrFalse(item, reply, out.metrics, error);
  if (out.format == "mc")
    return scoreChoice(item, reply, labels, out.metrics, error);
  if (out.format == "blank" || out.format == "edit")
    return scoreEntity(item, reply, labels, out.metrics, error);
  if (out.format == "open")
    return scoreFacts(item, reply, labels, out.metrics, error);
  if (out.format == "query")
    return scoreAnswerList(item, reply, labels, out.metrics, error);
  error = "an item of no known format";
  return false;
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
  return item && scoreItem(*item, reply, labels, out, error);
}

bool kq::runtime::readItems(const std::vector<std::string> &lines, std::vector<JsonValue> &items,
                            std::vector<std::string> &prompts, std::string &error) {
  for (size_t i = 0; i < lines.size(); ++i) {
    std::optional<JsonValue> item = parseJson(lines[i], error);
    const std::string *prompt = item ? stringMember(*item, "prompt") : nullptr;
    if (!prompt) {
      error = fmt::format("item {} has no prompt{}", i + 1, item ? "" : ": " + error);
      return false;
    }
    prompts.push_back(*prompt);
    items.push_back(std::move(*item));
  }
  return true;
}

bool kq::runtime::scoreReplies(const std::vector<JsonValue> &items,
                               const std::vector<std::string> &replies, const Labels &labels,
                               JsonObject &record, std::vector<std::string> &scored,
                               std::string &error) {
  // Sums of each metric, by format; the means go to `record` in this order.
  static const char *const formats[] = {"tf", "mc", "blank", "edit", "open", "query"};
  std::map<std::string, std::pair<int64_t, Metrics>> totals;
  for (size_t i = 0; i < items.size(); ++i) {
    ItemScore score;
    if (!scoreItem(items[i], replies[i], labels, score, error)) {
      error = fmt::format("item {}: {}", i + 1, error);
      return false;
    }
    auto &[count, sums] = totals[score.format];
    ++count;
    JsonObject line;
    line.field("index", (long long)i).field("format", score.format).field("reply", replies[i]);
    for (auto &[metric, value] : score.metrics) {
      sums[metric] += value;
      line.field(metric, value);
    }
    scored.push_back(std::move(line).take());
  }
  for (const char *format : formats) {
    auto found = totals.find(format);
    if (found == totals.end())
      continue;
    auto &[count, sums] = found->second;
    JsonObject means;
    means.field("count", (long long)count);
    for (auto &[metric, sum] : sums)
      means.field(metric, sum / double(count));
    record.rawField(format) += std::move(means).take();
  }
  return true;
}
