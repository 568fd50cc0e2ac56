//===- JsonTest.cpp - JSON Lines records ----------------------------------===//

#include "runtime/support/Json.h"

#include <gtest/gtest.h>

using namespace kq::runtime;

TEST(JsonTest, EscapesStrings) {
  std::string out;
  appendJsonString(out, "a\"b\\c\nd\te\x01 /m/027rn \xC3\xA9");
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\nd\\te\\u0001 /m/027rn \xC3\xA9\"");
}

TEST(JsonTest, ObjectKeepsFieldOrderAndFullPrecision) {
  JsonObject object;
  object.field("kind", "answer")
      .field("count", 2LL)
      .field("mrr", 0.1 + 0.2)
      .field("answers", std::vector<std::string>{"ann", "bob"});
  EXPECT_EQ(object.str(), "{\"kind\":\"answer\",\"count\":2,\"mrr\":0.30000000000000004,"
                          "\"answers\":[\"ann\",\"bob\"]}");
}

TEST(JsonTest, ReadsScalarMembersAndSkipsNested) {
  std::string error;
  auto object = parseJsonObject(
      R"( {"model": "RotatE", "hidden_dim": 500, "gamma": 12.0, "double_entity_embedding": true,
          "regions": null, "nested": {"a": [1, 2, {"b": "c"}]}, "path": "a\"b\\c\u00e9"} )",
      error);
  ASSERT_TRUE(object) << error;
  EXPECT_EQ(std::get<std::string>(object->at("model")), "RotatE");
  EXPECT_EQ(std::get<double>(object->at("hidden_dim")), 500.0);
  EXPECT_EQ(std::get<double>(object->at("gamma")), 12.0);
  EXPECT_TRUE(std::get<bool>(object->at("double_entity_embedding")));
  EXPECT_TRUE(std::holds_alternative<std::monostate>(object->at("regions")));
  EXPECT_EQ(std::get<std::string>(object->at("path")), "a\"b\\c\xC3\xA9");
}

TEST(JsonTest, RejectsMalformedObjects) {
  std::string error;
  EXPECT_FALSE(parseJsonObject(R"({"a": 1,})", error));
  EXPECT_EQ(error, "expected a member name at byte 8");
  EXPECT_FALSE(parseJsonObject(R"({"a": tru})", error));
  EXPECT_FALSE(parseJsonObject(R"({"a": 1} x)", error));
  EXPECT_EQ(error, "text after the JSON value at byte 9");
  EXPECT_FALSE(parseJsonObject(R"([1, 2])", error));
  EXPECT_FALSE(parseJsonObject(std::string(200, '['), error));
}

TEST(JsonTest, ReadsNestedDocuments) {
  std::string error;
  auto reply = parseJson(
      R"({"id": "x", "choices": [{"index": 0, "message": {"role": "assistant",
          "content": "Answer: caf\u00e9; \ud83d\ude00 \ud800!"}}], "usage": {"total": 3}})",
      error);
  ASSERT_TRUE(reply) << error;
  const JsonValue *choices = reply->member("choices");
  ASSERT_TRUE(choices && choices->kind == JsonValue::Kind::Array);
  ASSERT_EQ(choices->elements.size(), 1u);
  const JsonValue *content = choices->elements[0].member("message")->member("content");
  ASSERT_TRUE(content && content->string());
  // A surrogate pair is one code point; a lone surrogate becomes U+FFFD.
  EXPECT_EQ(*content->string(), "Answer: caf\xC3\xA9; \xF0\x9F\x98\x80 \xEF\xBF\xBD!");
  EXPECT_EQ(reply->member("missing"), nullptr);
  EXPECT_EQ(reply->member("id")->member("x"), nullptr);
  EXPECT_EQ(std::get<double>(reply->member("usage")->member("total")->value), 3.0);
}

TEST(JsonTest, RejectsMalformedDocuments) {
  std::string error;
  EXPECT_FALSE(parseJson("<html>not JSON</html>", error));
  EXPECT_EQ(error, "malformed value at byte 0");
  EXPECT_FALSE(parseJson(R"({"a": "\u12"})", error));
  EXPECT_FALSE(parseJson("\"a\nb\"", error));
  EXPECT_FALSE(parseJson(std::string(100, '[') + std::string(100, ']'), error));
  EXPECT_TRUE(parseJson(std::string(60, '[') + std::string(60, ']'), error)) << error;
}
