//===- JsonTest.cpp - JSON Lines records ----------------------------------===//

#include "runtime/Json.h"

#include <gtest/gtest.h>

using namespace kq::runtime;

TEST(JsonTest, EscapesStrings) {
  std::string out;
  appendJsonString(out, "a\"b\\c\nd\te\x01 /m/027rn \xC3\xA9");
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\nd\\te\\u0001 /m/027rn \xC3\xA9\"");
}

TEST(JsonTest, ObjectKeepsFieldOrderAndFullPrecision) {
  JsonObject object;
  object.field("kind", "answer").field("count", 2LL).field("mrr", 0.1 + 0.2).field(
      "answers", std::vector<std::string>{"ann", "bob"});
  EXPECT_EQ(object.str(),
            "{\"kind\":\"answer\",\"count\":2,\"mrr\":0.30000000000000004,"
            "\"answers\":[\"ann\",\"bob\"]}");
}
