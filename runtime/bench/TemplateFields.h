//===- TemplateFields.h - Fields of template patterns, questions, steps ---===//
//
// The compiler hands templates to the runtime as strings of fields: a
// pattern's atoms (frontend/TemplatePattern.h), a question's marked atoms,
// a traced template's steps (backend/KQToRuntime/TraceTemplates.h). Fields
// are separated by '\x1f', atoms of a question marked by '\x1e'. A constant
// is "c" and its name, with '\\', '\x1f' and '\x1e' escaped as "\\\\",
// "\\u" and "\\r", so that any name survives; the two sides share these.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_RUNTIME_BENCH_TEMPLATEFIELDS_H
#define KQ_RUNTIME_BENCH_TEMPLATEFIELDS_H

#include <string>
#include <string_view>
#include <vector>

namespace kq::runtime {

constexpr char kFieldSeparator = '\x1f';
constexpr char kAtomMark = '\x1e';

/// The field of a constant named `name`.
inline std::string encodeConstant(std::string_view name) {
  std::string field = "c";
  for (char c : name) {
    if (c == '\\')
      field += "\\\\";
    else if (c == kFieldSeparator)
      field += "\\u";
    else if (c == kAtomMark)
      field += "\\r";
    else
      field += c;
  }
  return field;
}

/// The name of a constant's field (its leading "c" included).
inline std::string decodeConstant(std::string_view field) {
  std::string name;
  for (size_t i = 1; i < field.size(); ++i) {
    if (field[i] == '\\' && i + 1 < field.size()) {
      char escaped = field[++i];
      name += escaped == 'u' ? kFieldSeparator : escaped == 'r' ? kAtomMark : escaped;
    } else {
      name += field[i];
    }
  }
  return name;
}

/// `text` split at every `separator`.
inline std::vector<std::string> splitFields(std::string_view text,
                                            char separator = kFieldSeparator) {
  std::vector<std::string> fields;
  size_t start = 0;
  for (size_t at; (at = text.find(separator, start)) != std::string_view::npos; start = at + 1)
    fields.emplace_back(text.substr(start, at - start));
  fields.emplace_back(text.substr(start));
  return fields;
}

} // namespace kq::runtime

#endif // KQ_RUNTIME_BENCH_TEMPLATEFIELDS_H
