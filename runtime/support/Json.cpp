//===- Json.cpp - Writing JSON Lines records, reading JSON objects --------===//

#include "runtime/support/Json.h"

#include <fmt/format.h>

#include <cctype>
#include <cstdlib>

using namespace kq::runtime;

void kq::runtime::appendJsonString(std::string &out, std::string_view text) {
  out.push_back('"');
  for (char c : text) {
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\t':
      out += "\\t";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\b':
      out += "\\b";
      break;
    case '\f':
      out += "\\f";
      break;
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

JsonObject &JsonObject::field(std::string_view name, const std::vector<std::string_view> &values) {
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

/// A recursive-descent reader of one JSON value (RFC 8259), strings decoded
/// to UTF-8. Nesting is bounded, so no input exhausts the stack.
class JsonReader {
public:
  explicit JsonReader(std::string_view text) : text(text) {}

  std::optional<JsonValue> document(std::string &error) {
    JsonValue result;
    if (!value(result, 0))
      return fail(error, why);
    skipSpace();
    if (at != text.size())
      return fail(error, "text after the JSON value");
    return result;
  }

private:
  std::nullopt_t fail(std::string &error, const char *what) {
    error = fmt::format("{} at byte {}", what, std::min(at, text.size()));
    return std::nullopt;
  }
  void skipSpace() {
    while (at < text.size() &&
           (text[at] == ' ' || text[at] == '\t' || text[at] == '\n' || text[at] == '\r'))
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
  bool hex4(uint32_t &out) {
    if (at + 4 > text.size())
      return false;
    out = 0;
    for (int i = 0; i < 4; ++i) {
      char c = text[at++];
      out <<= 4;
      if (c >= '0' && c <= '9')
        out |= uint32_t(c - '0');
      else if (c >= 'a' && c <= 'f')
        out |= uint32_t(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        out |= uint32_t(c - 'A' + 10);
      else
        return false;
    }
    return true;
  }
  static void appendUtf8(std::string &out, uint32_t code) {
    if (code < 0x80) {
      out += char(code);
    } else if (code < 0x800) {
      out += char(0xC0 | (code >> 6));
      out += char(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
      out += char(0xE0 | (code >> 12));
      out += char(0x80 | ((code >> 6) & 0x3F));
      out += char(0x80 | (code & 0x3F));
    } else {
      out += char(0xF0 | (code >> 18));
      out += char(0x80 | ((code >> 12) & 0x3F));
      out += char(0x80 | ((code >> 6) & 0x3F));
      out += char(0x80 | (code & 0x3F));
    }
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
      case '"':
      case '\\':
      case '/':
        out += escape;
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'u': {
        uint32_t code;
        if (!hex4(code))
          return false;
        // A surrogate pair stands for one code point; a lone one for U+FFFD.
        if (code >= 0xD800 && code < 0xDC00 && text.substr(at, 2) == "\\u") {
          size_t mark = at;
          at += 2;
          uint32_t low;
          if (hex4(low) && low >= 0xDC00 && low < 0xE000)
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
          else
            at = mark, code = 0xFFFD;
        } else if (code >= 0xD800 && code < 0xE000) {
          code = 0xFFFD;
        }
        appendUtf8(out, code);
        break;
      }
      default:
        return false;
      }
    }
    return consume('"');
  }
  bool number(double &out) {
    size_t begin = at;
    consume('-');
    if (at >= text.size() || !std::isdigit(static_cast<unsigned char>(text[at])))
      return false;
    while (at < text.size() &&
           (std::isdigit(static_cast<unsigned char>(text[at])) || text[at] == '.' ||
            text[at] == 'e' || text[at] == 'E' || text[at] == '+' || text[at] == '-'))
      ++at;
    std::string digits(text.substr(begin, at - begin));
    char *end = nullptr;
    out = std::strtod(digits.c_str(), &end);
    return end == digits.c_str() + digits.size();
  }
  bool value(JsonValue &out, int depth) {
    if (depth > 64)
      return expected("nested too deeply");
    skipSpace();
    if (at >= text.size())
      return expected("expected a value");
    char c = text[at];
    if (c == '"') {
      std::string s;
      if (!string(s))
        return expected("malformed string");
      out.value = std::move(s);
      return true;
    }
    if (c == '[') {
      ++at;
      out.kind = JsonValue::Kind::Array;
      skipSpace();
      if (consume(']'))
        return true;
      do {
        out.elements.emplace_back();
        if (!value(out.elements.back(), depth + 1))
          return false;
        skipSpace();
      } while (consume(','));
      return consume(']') || expected("expected ',' or ']'");
    }
    if (c == '{') {
      ++at;
      out.kind = JsonValue::Kind::Object;
      skipSpace();
      if (consume('}'))
        return true;
      do {
        skipSpace();
        std::string key;
        if (at >= text.size() || text[at] != '"')
          return expected("expected a member name");
        if (!string(key))
          return expected("malformed string");
        skipSpace();
        if (!consume(':'))
          return expected("expected ':'");
        JsonValue member;
        if (!value(member, depth + 1))
          return false;
        out.members.emplace_back(std::move(key), std::move(member));
        skipSpace();
      } while (consume(','));
      return consume('}') || expected("expected ',' or '}'");
    }
    if (literal("true")) {
      out.value = true;
      return true;
    }
    if (literal("false")) {
      out.value = false;
      return true;
    }
    if (literal("null"))
      return true;
    double d;
    if (!number(d))
      return expected("malformed value");
    out.value = d;
    return true;
  }

  /// Fails, saying why (where the reading stopped is `at`).
  bool expected(const char *what) {
    why = what;
    return false;
  }

  std::string_view text;
  size_t at = 0;
  const char *why = "malformed JSON";
};

} // namespace

const JsonValue *JsonValue::member(std::string_view key) const {
  for (auto &[name, value] : members)
    if (name == key)
      return &value;
  return nullptr;
}

const std::string *JsonValue::string() const {
  return kind == Kind::Scalar ? std::get_if<std::string>(&value) : nullptr;
}

std::optional<JsonValue> kq::runtime::parseJson(std::string_view text, std::string &error) {
  return JsonReader(text).document(error);
}

std::optional<std::map<std::string, JsonScalar>> kq::runtime::parseJsonObject(std::string_view text,
                                                                              std::string &error) {
  std::optional<JsonValue> document = parseJson(text, error);
  if (!document)
    return std::nullopt;
  if (document->kind != JsonValue::Kind::Object) {
    error = "expected a JSON object at byte 0";
    return std::nullopt;
  }
  std::map<std::string, JsonScalar> scalars;
  for (auto &[key, value] : document->members)
    if (value.kind == JsonValue::Kind::Scalar)
      scalars[key] = value.value;
  return scalars;
}
