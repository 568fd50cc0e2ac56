//===- GraphTest.cpp - Loading graphs and their CSR indexes ---------------===//

#include "runtime/graph/Graph.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace kq::runtime;

namespace {

/// A fresh folder for one test's graph files, removed afterwards.
class GraphFolder : public ::testing::Test {
protected:
  void SetUp() override {
    char pattern[] = "/tmp/kq-graph-test-XXXXXX";
    folder = mkdtemp(pattern);
  }
  void TearDown() override { std::filesystem::remove_all(folder); }
  void write(const std::string &name, const std::string &contents) {
    std::ofstream(folder + "/" + name) << contents;
  }
  std::string folder;
};

std::vector<std::string> names(const Graph &graph, const EntityId *begin, const EntityId *end) {
  std::vector<std::string> result;
  for (; begin != end; ++begin)
    result.push_back(graph.entities().name(*begin));
  return result;
}

TEST_F(GraphFolder, LoadsSplitsAndIndexesBothDirections) {
  write("train.txt", "ann\tparent\tbob\r\nann\tparent\tcid\n\nbob\tparent\tdee\n");
  write("valid.txt", "cid\tparent\teve\n");
  write("test.txt", "ann\tparent\tbob\n");
  std::string error;
  auto graph = Graph::load(folder, error);
  ASSERT_TRUE(graph) << error;
  EXPECT_EQ(graph->entities().size(), 5u); // first appearance: ann bob cid dee eve
  EXPECT_EQ(graph->entities().name(0), "ann");
  EXPECT_EQ(graph->triples(Split::Train).size(), 3u);

  RelationId parent = *graph->relations().lookup("parent");
  EntityId ann = *graph->entities().lookup("ann");
  EntityId eve = *graph->entities().lookup("eve");
  const GraphIndex &train = graph->index(1);
  auto [begin, end] = train.forward[parent].neighbors(ann);
  EXPECT_EQ(names(*graph, begin, end), (std::vector<std::string>{"bob", "cid"}));
  // eve's parent is only known in valid.
  auto [noBegin, noEnd] = train.backward[parent].neighbors(eve);
  EXPECT_EQ(noBegin, noEnd);
  const GraphIndex &all = graph->index(7);
  auto [pBegin, pEnd] = all.backward[parent].neighbors(eve);
  EXPECT_EQ(names(*graph, pBegin, pEnd), (std::vector<std::string>{"cid"}));
  // The triple repeated in train and test is one edge.
  EXPECT_EQ(all.forward[parent].numEdges(), 4u);
}

TEST_F(GraphFolder, DictionariesFixTheIds) {
  write("entities.dict", "1\tbob\n0\tann\n");
  write("relations.dict", "0\tparent\n");
  write("train.txt", "bob\tparent\tann\n");
  write("valid.txt", "");
  write("test.txt", "");
  std::string error;
  auto graph = Graph::load(folder, error);
  ASSERT_TRUE(graph) << error;
  EXPECT_EQ(graph->entities().name(0), "ann");
  EXPECT_EQ(graph->entities().name(1), "bob");
}

TEST_F(GraphFolder, ReportsMalformedLineWithFileAndLine) {
  write("train.txt", "ann\tparent\tbob\nann parent cid\n");
  write("valid.txt", "");
  write("test.txt", "");
  std::string error;
  EXPECT_FALSE(Graph::load(folder, error));
  EXPECT_EQ(error, folder + "/train.txt:2: expected 'head<TAB>relation<TAB>tail', found 1 field");
}

TEST_F(GraphFolder, ReportsMissingSplitFile) {
  write("train.txt", "ann\tparent\tbob\n");
  std::string error;
  EXPECT_FALSE(Graph::load(folder, error));
  EXPECT_NE(error.find("valid.txt"), std::string::npos) << error;
}

TEST_F(GraphFolder, ReportsNameMissingFromDictionary) {
  write("entities.dict", "0\tann\n");
  write("relations.dict", "0\tparent\n");
  write("train.txt", "ann\tparent\tzed\n");
  write("valid.txt", "");
  write("test.txt", "");
  std::string error;
  EXPECT_FALSE(Graph::load(folder, error));
  EXPECT_EQ(error, folder + "/train.txt:1: entity 'zed' is not in the graph's entities.dict");
}

} // namespace
