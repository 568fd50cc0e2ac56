//===- Quiz.cpp - KGQuiz items drawn from a graph's facts -----------------===//

#include "runtime/prompts/Quiz.h"
#include "runtime/support/Json.h"
#include "runtime/support/Random.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <set>

using namespace kq::runtime;

namespace {

/// Draws items from the facts of the source splits, checking falsehood
/// against every split.
class QuizDrawer {
public:
  QuizDrawer(const QuizRequest &request, Graph &graph, const Labels &labels)
      : request(request), graph(graph), labels(labels), source(graph.index(request.splitMask)),
        everywhere(graph.index(0b111)), domain(graph.domain()), random(request.seed),
        facts(graph.facts(request.splitMask)) {}

  /// The most distinct items of `format` the facts could give: a true and a
  /// false statement a fact for tf, one item a fact for the others.
  int64_t mostItems(QuizFormat format) const {
    return int64_t(facts.size()) * (format == QuizFormat::TrueFalse ? 2 : 1);
  }

  /// One item of `format` as a JSON line, or an empty string when this
  /// attempt drew nothing usable.
  std::string draw(QuizFormat format) {
    if (facts.empty())
      return "";
    switch (format) {
    case QuizFormat::TrueFalse:
      return trueOrFalse();
    case QuizFormat::MultipleChoice:
      return multipleChoice();
    case QuizFormat::Blank:
      return blank();
    case QuizFormat::Edit:
      return edit();
    case QuizFormat::Open:
      return open();
    }
    return "";
  }

private:
  const std::string &name(EntityId id) const { return graph.entities().name(id); }
  /// How an entity reads in a prompt.
  std::string text(EntityId id) const { return labels.entity(name(id)); }
  /// How the tails of (h, r) in any split read: an entity that reads like
  /// one of them would make a false statement read true (labels repeat).
  std::set<std::string> trueTailTexts(EntityId h, RelationId r) const {
    std::set<std::string> texts;
    auto [begin, end] = everywhere.forward[r].neighbors(h);
    for (const EntityId *t = begin; t != end; ++t)
      texts.insert(text(*t));
    return texts;
  }
  std::string statement(EntityId h, RelationId r, const std::string &tail) const {
    return labels.fact(text(h), graph.relations().name(r), tail);
  }
  /// Whether a prompt shows entity `id`, by its name or its text.
  bool shows(const std::string &prompt, EntityId id) const {
    return prompt.find(name(id)) != std::string::npos || prompt.find(text(id)) != std::string::npos;
  }

  /// Whether (h, r, t) is in some split of the graph.
  bool isFact(EntityId h, RelationId r, EntityId t) const {
    auto [begin, end] = everywhere.forward[r].neighbors(h);
    return begin && std::binary_search(begin, end, t);
  }
  const Triple &anyFact() { return facts[random.below(facts.size())]; }
  EntityId anyEntity() { return domain[random.below(domain.size())]; }

  /// Whether e can stand for a false tail of (h, r): (h, r, e) is in no
  /// split, and e reads unlike every true tail and every text in `taken`.
  bool isFalseTail(EntityId h, RelationId r, EntityId e, const std::set<std::string> &trueTexts,
                   const std::set<std::string> &taken) const {
    std::string shown = text(e);
    return !isFact(h, r, e) && !trueTexts.count(shown) && !taken.count(shown);
  }

  /// A random entity that can stand for a false tail of (h, r); or nothing.
  std::optional<EntityId> nonFactTail(EntityId h, RelationId r,
                                      const std::set<std::string> &taken) {
    std::set<std::string> trueTexts = trueTailTexts(h, r);
    for (int attempt = 0; attempt < 64; ++attempt) {
      EntityId e = anyEntity();
      if (isFalseTail(h, r, e, trueTexts, taken))
        return e;
    }
    return std::nullopt;
  }

  /// `triples` as a JSON array of [head, relation, tail] names.
  void appendTriples(std::string &json, const std::vector<Triple> &triples) const {
    json.push_back('[');
    for (size_t i = 0; i < triples.size(); ++i) {
      const Triple &t = triples[i];
      json += i ? ",[" : "[";
      appendJsonString(json, name(t.head));
      json.push_back(',');
      appendJsonString(json, graph.relations().name(t.relation));
      json.push_back(',');
      appendJsonString(json, name(t.tail));
      json.push_back(']');
    }
    json.push_back(']');
  }
  void addFacts(JsonObject &record, const std::vector<Triple> &triples) const {
    appendTriples(record.rawField("facts"), triples);
  }

  std::string trueOrFalse() {
    Triple fact = anyFact();
    bool truth = random.below(2) == 0;
    if (!truth) {
      std::optional<EntityId> corrupted = nonFactTail(fact.head, fact.relation, {});
      if (!corrupted)
        return "";
      fact.tail = *corrupted;
    }
    JsonObject record;
    record.field("format", "tf")
        .field("prompt",
               "True or false: " + statement(fact.head, fact.relation, text(fact.tail)) + ".");
    record.rawField("answer") += truth ? "true" : "false";
    addFacts(record, {fact});
    return std::move(record).take();
  }

  /// The distractor pool of the request's strategy for (h, r, ?).
  std::vector<EntityId> distractorPool(EntityId h, RelationId r) {
    std::vector<EntityId> pool;
    if (request.distractors == Distractors::Range) {
      const Adjacency &tails = source.backward[r];
      pool.assign(tails.sources.begin(), tails.sources.end());
    } else if (request.distractors == Distractors::Neighbourhood) {
      std::set<EntityId> near;
      constexpr size_t kMostNear = 4096;
      auto expand = [&](EntityId e, int depth, auto &self) -> void {
        for (const std::vector<Adjacency> *direction : {&source.forward, &source.backward})
          for (const Adjacency &adjacency : *direction) {
            if (near.size() >= kMostNear)
              return;
            auto [begin, end] = adjacency.neighbors(e);
            for (const EntityId *n = begin; n != end && near.size() < kMostNear; ++n)
              if (near.insert(*n).second && depth > 1)
                self(*n, depth - 1, self);
          }
      };
      expand(h, 2, expand);
      near.erase(h);
      pool.assign(near.begin(), near.end());
    }
    return pool;
  }

  std::string multipleChoice() {
    const Triple &fact = anyFact();
    std::set<std::string> trueTexts = trueTailTexts(fact.head, fact.relation);
    std::set<std::string> taken{text(fact.tail)}; // the options' texts: all differ
    std::vector<EntityId> options{fact.tail};
    // The strategy's entities that make no fact, three of them at random;
    // as many as there are, the rest from all entities, when fewer.
    std::vector<EntityId> valid;
    for (EntityId e : distractorPool(fact.head, fact.relation))
      if (isFalseTail(fact.head, fact.relation, e, trueTexts, {}))
        valid.push_back(e);
    for (size_t i = 0; i < valid.size() && options.size() < 4; ++i) {
      std::swap(valid[i], valid[i + random.below(valid.size() - i)]);
      if (taken.insert(text(valid[i])).second)
        options.push_back(valid[i]);
    }
    while (options.size() < 4) {
      std::optional<EntityId> e = nonFactTail(fact.head, fact.relation, taken);
      if (!e)
        return "";
      taken.insert(text(*e));
      options.push_back(*e);
    }
    for (size_t i = options.size() - 1; i > 0; --i) // Fisher-Yates
      std::swap(options[i], options[random.below(i + 1)]);
    std::vector<std::string> optionNames;
    std::string listed;
    for (EntityId e : options) {
      optionNames.push_back(name(e));
      listed += (listed.empty() ? "" : "; ") + text(e);
    }
    JsonObject record;
    record.field("format", "mc")
        .field("prompt", "Which of these completes the fact \"" +
                             statement(fact.head, fact.relation, "___") + "\"? Options: " + listed +
                             ".")
        .field("options", optionNames)
        .field("answer", name(fact.tail));
    addFacts(record, {fact});
    return std::move(record).take();
  }

  std::string blank() {
    const Triple &fact = anyFact();
    std::string prompt = "Fill in the blank: " + statement(fact.head, fact.relation, "___") + ".";
    if (shows(prompt, fact.tail))
      return ""; // the prompt must not show the answer
    // Every tail the graph (any split) has for the blank: all are right.
    std::vector<EntityId> right;
    auto [tails, tailsEnd] = everywhere.forward[fact.relation].neighbors(fact.head);
    right.assign(tails, tailsEnd);
    if (request.keys == kq::options::QuizKeys::Unique && right.size() != 1)
      return ""; // asked for facts with one answer only
    JsonObject record;
    record.field("format", "blank").field("prompt", prompt).field("answer", name(fact.tail));
    addAnswers(record, right);
    addFacts(record, {fact});
    return std::move(record).take();
  }

  /// `answers`: the names of every entity that makes the item right, in
  /// name order, so scoring accepts any of them.
  void addAnswers(JsonObject &record, const std::vector<EntityId> &right) const {
    std::vector<std::string_view> names;
    for (EntityId e : right)
      names.push_back(name(e));
    std::sort(names.begin(), names.end());
    record.field("answers", names);
  }

  std::string edit() {
    const Triple &first = anyFact();
    // A second fact from the first one's tail, in the source splits.
    std::vector<Triple> next;
    for (RelationId r = 0; r < source.forward.size(); ++r) {
      auto [tails, tailsEnd] = source.forward[r].neighbors(first.tail);
      for (const EntityId *t = tails; t != tailsEnd; ++t)
        if (*t != first.head && *t != first.tail)
          next.push_back({first.tail, r, *t});
    }
    if (next.empty() || first.head == first.tail)
      return "";
    const Triple second = next[random.below(next.size())];
    EntityId middle = first.tail;
    // The first fact must read false with the wrong entity, whatever
    // entity its text might be taken for.
    std::set<std::string> trueTexts = trueTailTexts(first.head, first.relation);
    for (int attempt = 0; attempt < 64; ++attempt) {
      EntityId wrong = anyEntity();
      if (wrong == middle || wrong == first.head || wrong == second.tail ||
          !isFalseTail(first.head, first.relation, wrong, trueTexts, {}) ||
          isFact(wrong, second.relation, second.tail))
        continue;
      std::string prompt = "One entity in these facts is wrong: " +
                           statement(first.head, first.relation, text(wrong)) + "; " +
                           statement(wrong, second.relation, text(second.tail)) +
                           ". Which entity should replace " + text(wrong) + "?";
      if (shows(prompt, middle))
        return "";
      // Every entity that makes both facts true (in any split) is right.
      std::vector<EntityId> right;
      auto [middles, middlesEnd] = everywhere.forward[first.relation].neighbors(first.head);
      for (const EntityId *m = middles; m != middlesEnd; ++m)
        if (*m != wrong && isFact(*m, second.relation, second.tail))
          right.push_back(*m);
      if (request.keys == kq::options::QuizKeys::Unique && right.size() != 1)
        return ""; // asked for paths with one answer only
      JsonObject record;
      record.field("format", "edit")
          .field("prompt", prompt)
          .field("wrong", name(wrong))
          .field("answer", name(middle));
      addAnswers(record, right);
      addFacts(record, {first, second});
      return std::move(record).take();
    }
    return "";
  }

  std::string open() {
    EntityId entity = anyFact().head;
    std::vector<Triple> about;
    for (RelationId r = 0; r < source.forward.size(); ++r) {
      auto [begin, end] = source.forward[r].neighbors(entity);
      for (const EntityId *t = begin; t != end; ++t)
        about.push_back({entity, r, *t});
    }
    // At most ten of them, drawn at random, in the graph's order.
    for (size_t i = 0; i < about.size() && i < 10; ++i)
      std::swap(about[i], about[i + random.below(about.size() - i)]);
    if (about.size() > 10)
      about.resize(10);
    std::sort(about.begin(), about.end());
    // Any true fact about the entity is a right claim, not only the ten
    // listed: every tail it has in the graph (any split, any relation).
    std::vector<EntityId> right;
    for (RelationId r = 0; r < everywhere.forward.size(); ++r) {
      auto [begin, end] = everywhere.forward[r].neighbors(entity);
      right.insert(right.end(), begin, end);
    }
    std::sort(right.begin(), right.end());
    right.erase(std::unique(right.begin(), right.end()), right.end());
    JsonObject record;
    record.field("format", "open").field("prompt", "List true facts about " + text(entity) + ".");
    appendTriples(record.rawField("answer"), about);
    addAnswers(record, right);
    addFacts(record, about);
    return std::move(record).take();
  }

  const QuizRequest &request;
  Graph &graph;
  const Labels &labels;
  const GraphIndex &source, &everywhere;
  const std::vector<EntityId> &domain;
  Random random;
  std::vector<Triple> facts;
};

} // namespace

namespace {

/// The prompt of an item's JSON line.
std::string promptOf(const std::string &line) {
  std::string problem;
  std::optional<JsonValue> item = parseJson(line, problem);
  const JsonValue *prompt = item ? item->member("prompt") : nullptr;
  return prompt && prompt->string() ? *prompt->string() : line;
}

} // namespace

bool kq::runtime::drawQuiz(const QuizRequest &request, Graph &graph, const Labels &labels,
                           Quiz &out, std::string &error) {
  QuizDrawer drawer(request, graph, labels);
  // A count the facts cannot give is said at once, not after every attempt.
  for (QuizFormat format : request.formats)
    if (request.count > drawer.mostItems(format)) {
      error = fmt::format("quiz {}: {} '{}' items asked for, but the facts of its splits can "
                          "give at most {}",
                          request.name, request.count, kq::options::nameOf(format),
                          drawer.mostItems(format));
      return false;
    }
  for (QuizFormat format : request.formats) {
    // One item a prompt: the same question twice, with two keys, would
    // score one right reply wrong.
    std::set<std::string> seen;
    int64_t kept = 0, attempts = 0;
    const int64_t maxAttempts = 1000 + 100 * request.count;
    for (; kept < request.count && attempts < maxAttempts; ++attempts) {
      std::string line = drawer.draw(format);
      if (line.empty() || !seen.insert(promptOf(line)).second)
        continue;
      out.lines.push_back(std::move(line));
      ++kept;
    }
    if (kept < request.count) {
      error = fmt::format("quiz {}: only {} of {} '{}' items could be drawn from the facts "
                          "of its splits ({} attempts)",
                          request.name, kept, request.count, kq::options::nameOf(format), attempts);
      return false;
    }
  }
  return true;
}
