//===- Json.h - Writing JSON Lines records --------------------------------===//
#ifndef KQ_RUNTIME_JSON_H
#define KQ_RUNTIME_JSON_H

#include <string>
#include <string_view>
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
  /// The object, closed, without a newline.
  std::string str() const { return text + "}"; }

private:
  void key(std::string_view name);
  std::string text = "{";
};

} // namespace kq::runtime

#endif // KQ_RUNTIME_JSON_H
