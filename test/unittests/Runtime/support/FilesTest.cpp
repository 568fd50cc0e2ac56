//===- FilesTest.cpp - The one reader, the one writer, the run's guard ----===//

#include "runtime/support/Files.h"
#include "runtime/support/AtomicFile.h"
#include "runtime/support/FileGuard.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <dirent.h>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

using namespace kq::runtime;

namespace {

/// A fresh folder under the system's temporary folder, removed with what
/// the test left in it.
class FilesTest : public ::testing::Test {
protected:
  void SetUp() override {
    char name[] = "/tmp/kq-files-test-XXXXXX";
    ASSERT_NE(mkdtemp(name), nullptr);
    folder = name;
  }
  void TearDown() override {
    for (const std::string &entry : entries())
      std::remove((folder + "/" + entry).c_str());
    rmdir(folder.c_str());
  }
  std::string at(const std::string &name) const { return folder + "/" + name; }
  void write(const std::string &name, const std::string &text) const {
    std::ofstream(at(name)) << text;
  }
  std::vector<std::string> entries() const {
    std::vector<std::string> names;
    if (DIR *dir = opendir(folder.c_str())) {
      while (dirent *entry = readdir(dir))
        if (std::string(entry->d_name) != "." && std::string(entry->d_name) != "..")
          names.push_back(entry->d_name);
      closedir(dir);
    }
    return names;
  }
  std::string folder;
};

TEST_F(FilesTest, ReadsARegularFileWhole) {
  write("a.txt", "one\ttwo\n");
  std::string contents, reason;
  ASSERT_TRUE(readWholeFile(at("a.txt"), contents, reason)) << reason;
  EXPECT_EQ(contents, "one\ttwo\n");
}

TEST_F(FilesTest, RefusesWhatIsNotARegularFileAtOnce) {
  ASSERT_EQ(mkfifo(at("fifo").c_str(), 0600), 0);
  std::string contents, reason;
  // A FIFO with no writer would block an open(); the reader must not.
  EXPECT_FALSE(readWholeFile(at("fifo"), contents, reason));
  EXPECT_EQ(reason, "it is a FIFO, not a regular file");
  EXPECT_FALSE(readWholeFile(folder, contents, reason));
  EXPECT_EQ(reason, "Is a directory");
  EXPECT_FALSE(readWholeFile("/dev/zero", contents, reason));
  EXPECT_EQ(reason, "it is a character device, not a regular file");
  EXPECT_FALSE(readWholeFile(at("missing"), contents, reason));
  EXPECT_EQ(reason, "No such file or directory");
  ASSERT_EQ(symlink(at("loop").c_str(), at("loop").c_str()), 0);
  EXPECT_FALSE(readWholeFile(at("loop"), contents, reason));
  EXPECT_EQ(reason, "Too many levels of symbolic links");
}

TEST_F(FilesTest, ACommittedFileAppearsWholeAndADiscardedOneNotAtAll) {
  std::string error;
  {
    AtomicFile file;
    std::FILE *out = file.open(at("out.jsonl"), WriteOptions(), error);
    ASSERT_NE(out, nullptr) << error;
    std::fputs("{}\n", out);
    // Only the hidden temporary exists until the commit.
    EXPECT_EQ(entries().size(), 1u);
    EXPECT_NE(entries().front(), "out.jsonl");
    ASSERT_TRUE(file.commit(error)) << error;
  }
  EXPECT_EQ(entries(), std::vector<std::string>{"out.jsonl"});
  {
    AtomicFile file;
    std::FILE *out = file.open(at("gone.jsonl"), WriteOptions(), error);
    ASSERT_NE(out, nullptr) << error;
    std::fputs("half", out);
  } // destroyed without a commit
  EXPECT_EQ(entries(), std::vector<std::string>{"out.jsonl"});
}

TEST_F(FilesTest, WritesOnlyOverRegularFiles) {
  ASSERT_EQ(mkfifo(at("fifo").c_str(), 0600), 0);
  AtomicFile file;
  std::string error;
  EXPECT_EQ(file.open(at("fifo"), WriteOptions(), error), nullptr);
  EXPECT_NE(error.find("it is a FIFO, not a regular file"), std::string::npos) << error;
  struct stat info;
  ASSERT_EQ(lstat(at("fifo").c_str(), &info), 0);
  EXPECT_TRUE(S_ISFIFO(info.st_mode)); // still the FIFO it was
}

TEST_F(FilesTest, ReadOnlyFilesNeedForce) {
  write("kept.txt", "mine");
  ASSERT_EQ(chmod(at("kept.txt").c_str(), 0444), 0);
  WriteOptions options;
  std::string error;
  // Refused even for root, who could write it: its mode says read-only.
  EXPECT_FALSE(writeFileAtomically(at("kept.txt"), "new", options, error));
  EXPECT_NE(error.find("read-only (--force replaces it)"), std::string::npos) << error;
  options.force = true;
  EXPECT_TRUE(writeFileAtomically(at("kept.txt"), "new", options, error)) << error;
  std::string contents, reason;
  ASSERT_TRUE(readWholeFile(at("kept.txt"), contents, reason));
  EXPECT_EQ(contents, "new");
}

TEST_F(FilesTest, TheGuardKeepsInputsAndOutputsApart) {
  write("train.txt", "a\tr\tb\n");
  FileGuard guard;
  ASSERT_TRUE(guard.addInput(at("train.txt")));
  WriteOptions options;
  options.guard = &guard;
  std::string error;
  EXPECT_FALSE(writeFileAtomically(at("train.txt"), "x", options, error));
  EXPECT_NE(error.find("it is an input of this program"), std::string::npos) << error;
  EXPECT_TRUE(writeFileAtomically(at("out.jsonl"), "1", options, error)) << error;
  EXPECT_FALSE(writeFileAtomically(at("out.jsonl"), "2", options, error));
  EXPECT_NE(error.find("another output of this run writes it"), std::string::npos) << error;
  // Shared outputs (a BetaE folder's id maps) may be written by several.
  options.sharedWithinRun = true;
  EXPECT_TRUE(writeFileAtomically(at("ids.pkl"), "1", options, error)) << error;
  EXPECT_TRUE(writeFileAtomically(at("ids.pkl"), "1", options, error)) << error;
}

} // namespace
