//===- Labels.cpp - How a graph's names read in prompts -------------------===//

#include "runtime/graph/Labels.h"
#include "runtime/support/Files.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <string_view>
#include <vector>

using namespace kq::runtime;

std::string kq::runtime::relationPhrase(const std::string &relation) {
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (!word.empty() && (words.empty() || words.back() != word))
      words.push_back(word);
    word.clear();
  };
  for (char c : relation) {
    if (c == '/' || c == '.' || c == '_' || c == ' ')
      flush();
    else
      word.push_back(c);
  }
  flush();
  std::string phrase;
  for (const std::string &w : words)
    phrase += (phrase.empty() ? "" : " ") + w;
  return phrase.empty() ? relation : phrase;
}

bool Labels::read(const std::string &path, Labels &out, std::string &error) {
  std::string contents;
  std::string reason;
  if (!readWholeFile(path, contents, reason)) {
    error = fmt::format("cannot read the labels file '{}': {}", path, reason);
    return false;
  }
  std::map<std::string, size_t> firstLine;
  return forEachLine(contents, [&](size_t line, const std::vector<std::string_view> &fields) {
    if (fields.size() != 2 || fields[0].empty() || fields[1].empty()) {
      error = fmt::format("{}:{}: expected name<TAB>text", path, line);
      return false;
    }
    std::string name(fields[0]);
    auto [it, inserted] = firstLine.emplace(name, line);
    if (!inserted) {
      error = fmt::format("{}:{}: '{}' is labelled twice (first on line {})", path, line, name,
                          it->second);
      return false;
    }
    out.texts.emplace(std::move(name), std::string(fields[1]));
    return true;
  });
}

std::string Labels::entity(const std::string &name) const {
  auto it = texts.find(name);
  return it == texts.end() ? name : it->second;
}

std::string Labels::fact(const std::string &head, const std::string &relation,
                         const std::string &tail) const {
  auto it = texts.find(relation);
  if (it == texts.end())
    return head + " " + relationPhrase(relation) + " " + tail;
  const std::string &text = it->second;
  size_t h = text.find("{h}"), t = text.find("{t}");
  if (h == std::string::npos || t == std::string::npos)
    return head + " " + text + " " + tail;
  std::string filled;
  for (size_t i = 0; i < text.size();) {
    if (text.compare(i, 3, "{h}") == 0) {
      filled += head;
      i += 3;
    } else if (text.compare(i, 3, "{t}") == 0) {
      filled += tail;
      i += 3;
    } else {
      filled.push_back(text[i++]);
    }
  }
  return filled;
}
