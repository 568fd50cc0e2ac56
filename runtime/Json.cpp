//===- Json.cpp - Writing JSON Lines records, reading JSON objects --------===//

#include "runtime/Json.h"

#include <fmt/format.h>

#include <cctype>
#include <cstdlib>

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

std::string &JsonObject::rawField(std::string_view name) {
  key(name);
  return text;
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
  return field(name, std::vector<std::string_view>(values.begin(), values.end()));
}

JsonObject &JsonObject::field(std::string_view name,
                              const std::vector<std::string_view> &values) {
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

namespace {

/// A recursive-descent reader of RFC 8259 JSON, enough for configuration
/// files: values are parsed exactly, members that are not scalars skipped.
class JsonReader {
public:
  explicit JsonReader(std::string_view text) : text(text) {}

  std::optional<std::map<std::string, JsonScalar>> object(std::string &error) {
    std::map<std::string, JsonScalar> members;
    skipSpace();
    if (!consume('{'))
      return fail(error, "expected '{'");
    skipSpace();
    if (!consume('}')) {
      do {
        skipSpace();
        std::string key;
        if (!string(key))
          return fail(error, "expected a member name");
        skipSpace();
        if (!consume(':'))
          return fail(error, "expected ':'");
        JsonScalar value;
        if (!this->value(value, 0))
          return fail(error, "malformed value");
        members[key] = std::move(value);
        skipSpace();
      } while (consume(','));
      if (!consume('}'))
        return fail(error, "expected ',' or '}'");
    }
    skipSpace();
    if (at != text.size())
      return fail(error, "text after the object");
    return members;
  }

private:
  std::nullopt_t fail(std::string &error, const char *what) {
    error = fmt::format("{} at byte {}", what, at);
    return std::nullopt;
  }
  void skipSpace() {
    while (at < text.size() && (text[at] == ' ' || text[at] == '\t' || text[at] == '\n' ||
                                text[at] == '\r'))
      ++at;
  }
  bool consume(char c) {
    if (at < text.size() && text[at] == c) {
      ++at;
      return true;
    }
    return false;
  }
  bool literal(std::string_view word) {
    if (text.substr(at, word.size()) != word)
      return false;
    at += word.size();
    return true;
  }
  bool string(std::string &out) {
    if (!consume('"'))
      return false;
    while (at < text.size() && text[at] != '"') {
      char c = text[at++];
      if (static_cast<unsigned char>(c) < 0x20)
        return false;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (at >= text.size())
        return false;
      char escape = text[at++];
      switch (escape) {
      case '"': case '\\': case '/': out += escape; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'u': {
        // Configuration keys and values are ASCII; other code points are
        // kept as their escape rather than decoded.
        if (at + 4 > text.size())
          return false;
        out += "\\u";
        out += text.substr(at, 4);
        at += 4;
        break;
      }
      default: return false;
      }
    }
    return consume('"');
  }
  bool number(double &out) {
    size_t begin = at;
    consume('-');
    if (at >= text.size() || !std::isdigit(static_cast<unsigned char>(text[at])))
      return false;
    while (at < text.size() && (std::isdigit(static_cast<unsigned char>(text[at])) ||
                                text[at] == '.' || text[at] == 'e' || text[at] == 'E' ||
                                text[at] == '+' || text[at] == '-'))
      ++at;
    std::string digits(text.substr(begin, at - begin));
    char *end = nullptr;
    out = std::strtod(digits.c_str(), &end);
    return end == digits.c_str() + digits.size();
  }
  bool value(JsonScalar &out, int depth) {
    if (depth > 64)
      return false;
    skipSpace();
    if (at >= text.size())
      return false;
    char c = text[at];
    if (c == '"') {
      std::string s;
      if (!string(s))
        return false;
      out = std::move(s);
      return true;
    }
    if (c == '{' || c == '[') {
      char close = c == '{' ? '}' : ']';
      ++at;
      skipSpace();
      if (consume(close))
        return true;
      do {
        skipSpace();
        JsonScalar ignored;
        if (c == '{') {
          std::string key;
          if (!string(key))
            return false;
          skipSpace();
          if (!consume(':'))
            return false;
        }
        if (!value(ignored, depth + 1))
          return false;
        skipSpace();
      } while (consume(','));
      return consume(close);
    }
    if (literal("true")) {
      out = true;
      return true;
    }
    if (literal("false")) {
      out = false;
      return true;
    }
    if (literal("null")) {
      out = std::monostate();
      return true;
    }
    double d;
    if (!number(d))
      return false;
    out = d;
    return true;
  }

  std::string_view text;
  size_t at = 0;
};

} // namespace

std::optional<std::map<std::string, JsonScalar>>
kq::runtime::parseJsonObject(std::string_view text, std::string &error) {
  return JsonReader(text).object(error);
}
