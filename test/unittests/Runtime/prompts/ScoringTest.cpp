//===- ScoringTest.cpp - Scoring replies against answer keys --------------===//
//
// The expected figures are worked out by hand from the metrics' definitions
// (SQuAD's normalisation and token F1, Hits@k over a ranked list).
//
//===----------------------------------------------------------------------===//

#include "runtime/prompts/Scoring.h"

#include <gtest/gtest.h>

using namespace kq::runtime;

namespace {

ItemScore scored(const std::string &item, const std::string &reply) {
  Labels labels;
  ItemScore score;
  std::string error;
  EXPECT_TRUE(scoreReply(item, reply, labels, score, error)) << error;
  return score;
}

} // namespace

TEST(ScoringTest, NormalisesAsSquadDoes) {
  EXPECT_EQ(normalizeAnswer("  The  Eiffel-Tower, an icon! "), "eiffel tower icon");
  EXPECT_EQ(normalizeAnswer("new_york"), "new york");
  EXPECT_EQ(normalizeAnswer("A"), "");
}

TEST(ScoringTest, TokenF1) {
  // prediction {paris, france}, truth {paris}: precision 1/2, recall 1.
  EXPECT_DOUBLE_EQ(tokenF1("Paris, France", "paris"), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(tokenF1("the city of light", "city light paris"),
                   2 * (2.0 / 3) * (2.0 / 3) / (4.0 / 3));
  EXPECT_DOUBLE_EQ(tokenF1("berlin", "paris"), 0.0);
  EXPECT_DOUBLE_EQ(tokenF1("", ""), 1.0);
}

TEST(ScoringTest, TrueOrFalse) {
  std::string item = R"({"format":"tf","prompt":"p","answer":false,"facts":[]})";
  EXPECT_EQ(scored(item, "False. It is not.").metrics["accuracy"], 1.0);
  EXPECT_EQ(scored(item, "no").metrics["accuracy"], 1.0);
  EXPECT_EQ(scored(item, "True").metrics["accuracy"], 0.0);
  EXPECT_EQ(scored(item, "I think it is false").metrics["accuracy"], 1.0);
  EXPECT_EQ(scored(item, "It is not true.").metrics["accuracy"], 1.0);
  EXPECT_EQ(scored(item, "I cannot tell.").metrics["accuracy"], 0.0);
}

/// Replies as models write them, each with the reading a person gives it:
/// true, false, or neither (-1).
TEST(ScoringTest, ReadsVerdictsAsPeopleWriteThem) {
  const std::pair<const char *, int> table[] = {
      {"True", 1},
      {"true.", 1},
      {"TRUE", 1},
      {"Yes", 1},
      {"yes, it is", 1},
      {"It is true", 1},
      {"It is true.", 1},
      {"The statement is true.", 1},
      {"This statement is correct.", 1},
      {"I believe this is accurate.", 1},
      {"Answer: True", 1},
      {"Let me think. Paris is the capital of France.\nAnswer: true", 1},
      {"The statement is not false.", 1},
      {"That's right.", 1},
      {"Yes. Paris is in France.", 1},
      {"False", 0},
      {"false.", 0},
      {"No", 0},
      {"no, it is not", 0},
      {"It is false", 0},
      {"The statement is false.", 0},
      {"This is incorrect.", 0},
      {"That is wrong: Berlin is in Germany.", 0},
      {"The claim is untrue.", 0},
      {"It is not true.", 0},
      {"It isn't true.", 0},
      {"Not correct.", 0},
      {"Answer: False", 0},
      {"Reasoning: Paris is not in Spain, so the fact is wrong.\nAnswer: false", 0},
      {"No. Paris is in France.", 0},
      {"I'm not sure.", -1},
      {"", -1},
      {"Maybe.", -1},
      {"It depends on the year.", -1},
      {"Paris.", -1},
      {"I cannot answer that.", -1},
  };
  for (const auto &[reply, expected] : table) {
    std::optional<bool> verdict = readVerdict(reply);
    int read = verdict ? int(*verdict) : -1;
    EXPECT_EQ(read, expected) << "reply: " << reply;
  }
}

TEST(ScoringTest, ReadsChoicesAsPeopleWriteThem) {
  std::string item =
      R"({"format":"mc","prompt":"p","options":["egypt","jordan","burma","new_york"],)"
      R"("answer":"egypt","facts":[]})";
  const std::pair<const char *, double> table[] = {
      {"Egypt", 1},
      {"egypt.", 1},
      {"The answer is Egypt.", 1},
      {"Answer: Egypt", 1},
      {"Not Jordan but Egypt.", 1},
      {"It is not jordan; it is egypt.", 1},
      {"Jordan? No: egypt.\nAnswer: Egypt", 1},
      {"Jordan", 0},
      {"not egypt, jordan", 0},
      {"Burma, I think", 0},
      {"None of them", 0},
      {"Answer: New York", 0},
  };
  for (const auto &[reply, expected] : table)
    EXPECT_EQ(scored(item, reply).metrics["accuracy"], expected) << "reply: " << reply;
}

TEST(ScoringTest, MultipleChoiceTakesTheFirstOptionNamed) {
  std::string item = R"({"format":"mc","prompt":"p","options":["new_york","york","paris","rome"],)"
                     R"("answer":"new_york","facts":[]})";
  EXPECT_EQ(scored(item, "New York").metrics["accuracy"], 1.0);
  EXPECT_EQ(scored(item, "York, not New York").metrics["accuracy"], 0.0);
  EXPECT_EQ(scored(item, "None of them").metrics["accuracy"], 0.0);
}

TEST(ScoringTest, BlankAcceptsEveryRightAnswer) {
  // A blank with two tails in the graph: either is right, nothing else is.
  std::string item = R"({"format":"blank","prompt":"p","answer":"lyon",)"
                     R"("answers":["lyon","paris"],"facts":[]})";
  EXPECT_EQ(scored(item, "Paris").metrics["exact_match"], 1.0);
  EXPECT_EQ(scored(item, "lyon.").metrics["exact_match"], 1.0);
  EXPECT_EQ(scored(item, "I think so.\nAnswer: Paris").metrics["exact_match"], 1.0);
  EXPECT_EQ(scored(item, "Berlin").metrics["exact_match"], 0.0);
  EXPECT_EQ(scored(item, "Berlin").metrics["f1"], 0.0);
}

TEST(ScoringTest, BlankExactMatchAndF1) {
  std::string item = R"({"format":"blank","prompt":"p","answer":"new_york","facts":[]})";
  ItemScore exact = scored(item, "New York.");
  EXPECT_EQ(exact.metrics["exact_match"], 1.0);
  EXPECT_EQ(exact.metrics["f1"], 1.0);
  ItemScore partial = scored(item, "york city");
  EXPECT_EQ(partial.metrics["exact_match"], 0.0);
  EXPECT_DOUBLE_EQ(partial.metrics["f1"], 0.5);
}

TEST(ScoringTest, OpenPrecisionAndRecall) {
  std::string item = R"({"format":"open","prompt":"p","answer":[["ann","speaks","french"],)"
                     R"(["ann","lives_in","berlin"],["ann","born_in","lyon"]],"facts":[]})";
  // Two of three tails named; of three claims, two name a tail.
  ItemScore score = scored(item, "Ann speaks French.\nShe lives in Berlin; she likes tea");
  EXPECT_DOUBLE_EQ(score.metrics["recall"], 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(score.metrics["precision"], 2.0 / 3.0);
}

TEST(ScoringTest, OpenAcceptsAnyTrueFactAsAClaim) {
  // The key lists one fact; the graph knows two more tails of ann, which
  // support claims too; recall stays over the listed facts.
  std::string item = R"({"format":"open","prompt":"p","answer":[["ann","speaks","french"]],)"
                     R"("answers":["berlin","french","tea"],"facts":[]})";
  ItemScore score = scored(item, "Ann speaks French; she lives in Berlin; she likes rome");
  EXPECT_DOUBLE_EQ(score.metrics["recall"], 1.0);
  EXPECT_DOUBLE_EQ(score.metrics["precision"], 2.0 / 3.0);
}

TEST(ScoringTest, QueryPromptsRankTheAnswerLine) {
  std::string item = R"({"type":"2p","query":"q","prompt":"p","answers":["lyon","paris"]})";
  ItemScore score = scored(item, "Step 1 ...\nAnswer: Rome; Lyon; Nice; Oslo\n");
  EXPECT_EQ(score.format, "query");
  EXPECT_EQ(score.metrics["hits@1"], 0.0);
  EXPECT_EQ(score.metrics["hits@3"], 1.0);
  EXPECT_EQ(score.metrics["hits@10"], 1.0);
  EXPECT_EQ(score.metrics["exact"], 0.0);
  EXPECT_EQ(scored(item, "Answer: paris; lyon").metrics["exact"], 1.0);
}

TEST(ScoringTest, RejectsUnreadableItems) {
  Labels labels;
  ItemScore score;
  std::string error;
  EXPECT_FALSE(scoreReply("{not json", "x", labels, score, error));
  EXPECT_FALSE(scoreReply(R"({"format":"tf","answer":"yes"})", "x", labels, score, error));
  EXPECT_EQ(error, "a tf item without a true or false answer");
}
