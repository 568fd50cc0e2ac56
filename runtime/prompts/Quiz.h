//===- Quiz.h - KGQuiz items drawn from a graph's facts -------------------===//
//
// `quiz NAME = kgquiz from G(SPLITS) formats ... count N seed S;` draws N
// items of each format from the facts of the named splits, each with an
// answer key the graph guarantees (LANGUAGE.md, Prompt programs):
//   tf     a fact of the splits (true) or a corrupted one in no split (false)
//   mc     a fact's missing tail among distractors that make no fact
//   blank  a fact with its tail hidden
//   edit   a two-fact path whose middle entity was replaced by a wrong one
//   open   facts about an entity
// Items are JSON lines, the same bytes for the same seed.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_RUNTIME_PROMPTS_QUIZ_H
#define KQ_RUNTIME_PROMPTS_QUIZ_H

#include "ir/KQOptions.h"
#include "runtime/graph/Graph.h"
#include "runtime/graph/Labels.h"

#include <cstdint>
#include <string>
#include <vector>

namespace kq::runtime {

/// How multiple-choice distractors are chosen: any entity; entities the
/// relation has as tails elsewhere (of the right type); entities within
/// two edges of the fact's head.
/// The distractor strategies and item formats of ir/KQOptions.td.
using Distractors = options::Distractors;
using QuizFormat = options::QuizFormat;

struct QuizRequest {
  std::string name;
  unsigned splitMask = 0;
  std::vector<QuizFormat> formats;
  int64_t count = 0;
  uint64_t seed = 0;
  Distractors distractors = Distractors::Random;
  /// Unique: blank and edit items only ask about facts with one answer.
  options::QuizKeys keys = options::QuizKeys::All;
};

/// Items for a language model: a quiz's, or a prompt set's.
struct Quiz {
  std::vector<std::string> lines; // JSON objects, in format order
  std::string graphName;          // whose labels word them
};

/// Draws the items of `request` from `graph`, its prompts worded by
/// `labels`. On failure (a format with too few facts to draw from) returns
/// false and sets `error`.
bool drawQuiz(const QuizRequest &request, Graph &graph, const Labels &labels, Quiz &out,
              std::string &error);

} // namespace kq::runtime

#endif // KQ_RUNTIME_PROMPTS_QUIZ_H
