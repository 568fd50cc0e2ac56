//===- Labels.h - How a graph's names read in prompts ---------------------===//
//
// `graph g = load "DIR" labels "FILE";`: FILE holds `name<TAB>text` lines.
// An entity reads as its text; a relation as its text, or, when the text
// has `{h}` and `{t}`, as that template with the head and tail put in
// ("{h} was born in {t}"). Names without a line read as themselves, and a
// relation's name is made readable ("/film/film/genre" reads "film genre").
//
//===----------------------------------------------------------------------===//
#ifndef KQ_RUNTIME_GRAPH_LABELS_H
#define KQ_RUNTIME_GRAPH_LABELS_H

#include <string>
#include <unordered_map>

namespace kq::runtime {

class Labels {
public:
  /// Reads a labels file; on a malformed line (no tab, an empty name or
  /// text, a name given twice) or an unreadable file, returns false and sets
  /// `error` to one message naming the file and line.
  static bool read(const std::string &path, Labels &out, std::string &error);

  /// How entity `name` reads.
  std::string entity(const std::string &name) const;
  /// The fact (head, relation, tail) as a sentence fragment, the head and
  /// tail given as text already.
  std::string fact(const std::string &head, const std::string &relation,
                   const std::string &tail) const;

  /// Whether no name has a text of its own.
  bool empty() const { return texts.empty(); }

private:
  std::unordered_map<std::string, std::string> texts;
};

/// The text a relation reads as without a label: its name's words, without
/// the path separators of Freebase-style names.
std::string relationPhrase(const std::string &relation);

} // namespace kq::runtime

#endif // KQ_RUNTIME_GRAPH_LABELS_H
