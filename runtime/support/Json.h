//===- Json.h - Writing JSON Lines records, reading JSON objects ----------===//
#ifndef KQ_RUNTIME_SUPPORT_JSON_H
#define KQ_RUNTIME_SUPPORT_JSON_H

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace kq::runtime {

/// Appends `text` as a JSON string literal (quotes, escapes) to `out`.
void appendJsonString(std::string &out, std::string_view text);

/// Builds one JSON object a field at a time, in the order fields are added.
class JsonObject {
public:
  JsonObject &field(std::string_view key, std::string_view value);
  JsonObject &field(std::string_view key, const char *value) {
    return field(key, std::string_view(value));
  }
  JsonObject &field(std::string_view key, long long value);
  JsonObject &field(std::string_view key, double value);
  JsonObject &field(std::string_view key, const std::vector<std::string> &values);
  JsonObject &field(std::string_view key, const std::vector<std::string_view> &values);
  /// Starts a field whose value the caller appends, as JSON text, to the
  /// string returned (before adding another field).
  std::string &rawField(std::string_view key);
  /// The object, closed, without a newline.
  std::string str() const { return text + "}"; }
  /// The same, without a copy; the builder is left empty.
  std::string take() && {
    text.push_back('}');
    return std::move(text);
  }

private:
  void key(std::string_view name);
  std::string text = "{";
};

/// A scalar member of a JSON object read back: a string, a number, a
/// Boolean, or null (std::monostate).
using JsonScalar = std::variant<std::monostate, bool, double, std::string>;

/// A JSON value read back: a scalar, an array or an object (its members in
/// the order written).
struct JsonValue {
  enum class Kind { Scalar, Array, Object } kind = Kind::Scalar;
  JsonScalar value;
  std::vector<JsonValue> elements;
  std::vector<std::pair<std::string, JsonValue>> members;
  /// The member `key` of an object, or null.
  const JsonValue *member(std::string_view key) const;
  /// The string this scalar is, or null.
  const std::string *string() const;
};

/// Reads one JSON document, strings decoded to UTF-8; on malformed input
/// returns nothing and sets `error` (with a byte offset).
std::optional<JsonValue> parseJson(std::string_view text, std::string &error);

/// Reads one JSON object (a model's config.json), keeping its members whose
/// values are scalars; nested arrays and objects are checked and skipped.
/// On malformed input returns nothing and sets `error` (with a byte offset).
std::optional<std::map<std::string, JsonScalar>> parseJsonObject(std::string_view text,
                                                                 std::string &error);

} // namespace kq::runtime

#endif // KQ_RUNTIME_SUPPORT_JSON_H
