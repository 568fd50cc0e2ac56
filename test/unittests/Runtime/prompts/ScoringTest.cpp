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
  EXPECT_EQ(scored(item, "I think it is false").metrics["accuracy"], 0.0); // first word only
}

TEST(ScoringTest, MultipleChoiceTakesTheFirstOptionNamed) {
  std::string item = R"({"format":"mc","prompt":"p","options":["new_york","york","paris","rome"],)"
                     R"("answer":"new_york","facts":[]})";
  EXPECT_EQ(scored(item, "New York").metrics["accuracy"], 1.0);
  EXPECT_EQ(scored(item, "York, not New York").metrics["accuracy"], 0.0);
  EXPECT_EQ(scored(item, "None of them").metrics["accuracy"], 0.0);
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
