//===- Scoring.h - Scoring a language model's replies against the keys ----===//
//
// Each item (a JSON line of a quiz or a prompt set) is scored by its
// format, after normalising texts as SQuAD does (lower case, punctuation
// and the articles a/an/the dropped, spaces collapsed):
//   tf     correct when the reply's first word is the key (true/yes,
//          false/no)
//   mc     correct when the option the reply names first is the key
//   blank, edit
//          exact match and token F1 of the reply against the key's text
//          (its label) or its name, the better of the two
//   open   recall: the key's facts whose other entity the reply names;
//          precision: the reply's lines or ';'-separated parts that name
//          the other entity of some fact of the key
//   query  (skic prompts) the reply's "Answer:" line, split at ';', as a
//          ranked list: Hits@1/3/10 (a gold answer among the first k) and
//          exact set match
// Entities are compared by the text a prompt shows them as (their labels).
//
//===----------------------------------------------------------------------===//
#ifndef KQ_RUNTIME_PROMPTS_SCORING_H
#define KQ_RUNTIME_PROMPTS_SCORING_H

#include "runtime/graph/Labels.h"
#include "runtime/support/Json.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kq::runtime {

/// An item's scores, by metric name (accuracy, exact_match, f1, precision,
/// recall, hits@1, hits@3, hits@10, exact), and its format.
struct ItemScore {
  std::string format; // tf, mc, blank, edit, open, query
  std::map<std::string, double> metrics;
};

/// Scores `reply` to the item `line`; on an item that cannot be read,
/// returns false and sets `error`.
/// What a reply says of a true-or-false statement: its "Answer:" part (or
/// the whole reply), read for "yes"/"no" as its first word or the first of
/// true, correct, false, incorrect, ... anywhere, a "not" before it turning
/// it round; nothing when it says neither.
std::optional<bool> readVerdict(const std::string &reply);

bool scoreReply(const std::string &line, const std::string &reply, const Labels &labels,
                ItemScore &out, std::string &error);

/// Reads the JSON lines of a quiz or prompt set, and their prompts.
bool readItems(const std::vector<std::string> &lines, std::vector<JsonValue> &items,
               std::vector<std::string> &prompts, std::string &error);

/// Scores the replies to `items`: a line a reply in `scored` (index,
/// format, reply and its metrics), and a field a format in `record`
/// holding the count and each metric's mean (tf, mc, blank, edit, open,
/// query, in that order, those that occur).
bool scoreReplies(const std::vector<JsonValue> &items, const std::vector<std::string> &replies,
                  const Labels &labels, JsonObject &record, std::vector<std::string> &scored,
                  std::string &error);

/// SQuAD's normalisation, and the token F1 of two texts after it.
std::string normalizeAnswer(const std::string &text);
double tokenF1(const std::string &prediction, const std::string &truth);

} // namespace kq::runtime

#endif // KQ_RUNTIME_PROMPTS_SCORING_H
