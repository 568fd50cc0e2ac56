//===- Json.cpp - Writing JSON Lines records ------------------------------===//

#include "runtime/Json.h"

#include <fmt/format.h>

using namespace kq::runtime;

void kq::runtime::appendJsonString(std::string &out, std::string_view text) {
  out.push_back('"');
  for (char c : text) {
    switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\n': out += "\\n"; break;
    case '\t': out += "\\t"; break;
    case '\r': out += "\\r"; break;
    case '\b': out += "\\b"; break;
    case '\f': out += "\\f"; break;
    default:
      if (static_cast<unsigned char>(c) < 0x20)
        out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
      else
        out.push_back(c);
    }
  }
  out.push_back('"');
}

void JsonObject::key(std::string_view name) {
  if (text.size() > 1)
    text.push_back(',');
  appendJsonString(text, name);
  text.push_back(':');
}

JsonObject &JsonObject::field(std::string_view name, std::string_view value) {
  key(name);
  appendJsonString(text, value);
  return *this;
}

JsonObject &JsonObject::field(std::string_view name, long long value) {
  key(name);
  text += fmt::format("{}", value);
  return *this;
}

JsonObject &JsonObject::field(std::string_view name, double value) {
  key(name);
  // The shortest text that reads back as the same double: full precision.
  text += fmt::format("{}", value);
  return *this;
}

JsonObject &JsonObject::field(std::string_view name, const std::vector<std::string> &values) {
  key(name);
  text.push_back('[');
  for (size_t i = 0; i < values.size(); ++i) {
    if (i)
      text.push_back(',');
    appendJsonString(text, values[i]);
  }
  text.push_back(']');
  return *this;
}
