// Registering/deleting recordings and the crash-safety protocol: whatever
// point a failure or crash hits, the next start leaves no half-registered
// recording and no orphan file.
#include "store/recording_store.h"

#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <fstream>

#include "common/error.h"
#include "store/audit_log.h"
#include "store/cleanup.h"
#include "store/recording_repository.h"
#include "store/sanitize_filename.h"
#include "store_test_util.h"
#include "support/temp_dir.h"

namespace echoes::store {
namespace {

namespace fs = std::filesystem;
using echoes::testing::TempDir;

const std::string kOriginal(2 * (1 << 20) + 5, 'o');  // > one write chunk, so partial writes exist
const std::string kWorking(1 << 16, 'w');

RecordingInput sample_input() {
  RecordingInput in;
  in.passage_id = "rainbow-1";
  in.original_filename = "../../My Take #1.WAV";
  in.content_type = "audio/wav";
  in.original_bytes = kOriginal;
  in.working_wav_bytes = kWorking;
  in.duration_s = 12.5;
  in.analysis_json = R"({"snr_db":31.5})";
  return in;
}

class Recordings : public test::BackendTest {
 protected:
  void SetUp() override {
    test::BackendTest::SetUp();
    if (!db) return;
    alice = test::make_user(*db, "alice@example.com");
    bob = test::make_user(*db, "bob@example.com");
  }

  fs::path data = dir.path() / "data";
  FileStore files{data};
  User alice;
  User bob;

  std::vector<std::string> audio_files() { return files.list_files("audio"); }
};

ECHOES_ON_BOTH_BACKENDS(Recordings);

TEST_P(Recordings, AddStoresFilesAndRow) {
  RecordingStore store(*db, files);
  const RecordingRecord r = store.add(alice.id, sample_input());
  EXPECT_EQ(r.original_filename, "My Take _1.WAV");
  EXPECT_EQ(r.original_path, "audio/" + alice.id + "/" + r.id + ".orig.wav");
  EXPECT_EQ(r.working_path, "audio/" + alice.id + "/" + r.id + ".wav");
  EXPECT_EQ(r.sha256, sha256_hex(kOriginal));
  EXPECT_EQ(r.size_bytes, static_cast<std::int64_t>(kOriginal.size()));
  EXPECT_EQ(files.read(r.original_path), kOriginal);
  EXPECT_EQ(files.read(r.working_path), kWorking);
  const auto row = RecordingRepository(*db).get(alice.id, r.id);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->sha256, r.sha256);
  EXPECT_EQ(row->analysis_json, R"({"snr_db":31.5})");
  EXPECT_EQ(AuditLog(*db).list_for_user(alice.id).front().action, "recording.add");
}

TEST_P(Recordings, OtherUsersCannotSeeOrDelete) {
  RecordingStore store(*db, files);
  const RecordingRecord r = store.add(alice.id, sample_input());
  EXPECT_FALSE(RecordingRepository(*db).get(bob.id, r.id));
  EXPECT_FALSE(store.remove(bob.id, r.id));
  EXPECT_TRUE(files.exists(r.original_path));
  EXPECT_TRUE(files.exists(r.working_path));
  EXPECT_TRUE(store.remove(alice.id, r.id));
  EXPECT_FALSE(files.exists(r.original_path));
  EXPECT_FALSE(files.exists(r.working_path));
  EXPECT_FALSE(RecordingRepository(*db).get(alice.id, r.id));
  EXPECT_FALSE(store.remove(alice.id, r.id));
}

TEST_P(Recordings, BadInputIsRejectedWithoutFiles) {
  RecordingStore store(*db, files);
  RecordingInput empty = sample_input();
  empty.original_bytes = {};
  try {
    store.add(alice.id, empty);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), error_code::kEmptyAudio);
  }
  RecordingInput no_passage = sample_input();
  no_passage.passage_id.clear();
  EXPECT_THROW(store.add(alice.id, no_passage), Error);
  EXPECT_THROW(store.add("../../etc", sample_input()), Error);
  EXPECT_TRUE(audio_files().empty());
}

TEST_P(Recordings, FailedInsertRemovesTheFiles) {
  RecordingStore store(*db, files);
  RecordingInput bad_json = sample_input();
  bad_json.analysis_json = "{oops";
  EXPECT_THROW(store.add(alice.id, bad_json), Error);
  const std::string ghost = "0123456789abcdef0123456789abcdef";  // well-formed id, no such user
  try {
    store.add(ghost, sample_input());
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), error_code::kNotFound);
  }
  EXPECT_TRUE(audio_files().empty());
  EXPECT_EQ(test::count_rows(*db, "recordings"), 0);
}

TEST_P(Recordings, InjectedFailureBeforeInsertLeavesNoRowAndNoFiles) {
  RecordingStore store(*db, files, {.fault_hook = [](std::string_view p) {
                         if (p == "recording.files_written") throw std::runtime_error("injected");
                       }});
  EXPECT_THROW(store.add(alice.id, sample_input()), std::runtime_error);
  EXPECT_EQ(test::count_rows(*db, "recordings"), 0);
  EXPECT_TRUE(audio_files().empty());
  EXPECT_EQ(cleanup_orphans(*db, files).orphan_files_removed, 0);
}

TEST_P(Recordings, CleanupRemovesOrphansAndTempFilesButKeepsRegisteredFiles) {
  RecordingStore store(*db, files);
  const RecordingRecord kept = store.add(alice.id, sample_input());
  // What a crash between "files written" and "row inserted" leaves behind:
  files.write_atomic("audio/" + alice.id + "/orphan.orig.wav", "o");
  files.write_atomic("audio/" + bob.id + "/orphan.wav", "w");
  std::ofstream(files.data_dir() / "audio" / alice.id / ".tmp-0123") << "partial";

  const CleanupReport report = cleanup_orphans(*db, files);
  EXPECT_EQ(report.temp_files_removed, 1);
  EXPECT_EQ(report.orphan_files_removed, 2);
  EXPECT_EQ(audio_files(), (std::vector<std::string>{kept.original_path, kept.working_path}));
  EXPECT_EQ(AuditLog(*db).list_by_action("store.cleanup").size(), 1u);
  // A second run finds nothing to do.
  const CleanupReport again = cleanup_orphans(*db, files);
  EXPECT_EQ(again.temp_files_removed + again.orphan_files_removed, 0);
}

TEST_P(Recordings, CrashBetweenRowDeleteAndFileRemovalIsCleaned) {
  RecordingStore store(*db, files);
  const RecordingRecord r = store.add(alice.id, sample_input());
  ASSERT_TRUE(RecordingRepository(*db).remove(alice.id, r.id));  // first half of remove(), then "crash"
  EXPECT_EQ(cleanup_orphans(*db, files).orphan_files_removed, 2);
  EXPECT_TRUE(audio_files().empty());
}

TEST_P(Recordings, MissingFilesAreFlaggedNotDeletedAndUnflaggedWhenBack) {
  RecordingStore store(*db, files);
  const RecordingRecord r = store.add(alice.id, sample_input());
  const fs::path working = files.resolve(r.working_path);
  fs::rename(working, dir.path() / "aside.wav");
  CleanupReport report = cleanup_orphans(*db, files);
  EXPECT_EQ(report.recordings_marked_missing, 1);
  auto row = RecordingRepository(*db).get(alice.id, r.id);
  ASSERT_TRUE(row);
  EXPECT_TRUE(row->files_missing);
  EXPECT_EQ(AuditLog(*db).list_by_action("recording.files_missing").size(), 1u);

  fs::rename(dir.path() / "aside.wav", working);
  report = cleanup_orphans(*db, files);
  EXPECT_EQ(report.recordings_restored, 1);
  EXPECT_FALSE(RecordingRepository(*db).get(alice.id, r.id)->files_missing);
}

// A child process registers a recording and dies with _exit() at the n-th time
// it reaches `point`. The parent then runs the start-up cleanup and checks the
// invariant: no row and no file, temp or not.
struct CrashCase {
  const char* point;
  int occurrence;
};

void PrintTo(const CrashCase& c, std::ostream* os) { *os << c.point << " #" << c.occurrence; }

class CrashDuringAdd : public ::testing::TestWithParam<CrashCase> {};

TEST_P(CrashDuringAdd, LeavesNothingAfterCleanup) {
  TempDir dir;
  const fs::path data = dir.path() / "data";
  std::string user_id;
  fs::create_directories(data);
  {
    Database db(data / "echoes.db");
    user_id = test::make_user(db, "alice@example.com").id;
  }  // closed before fork: the child opens its own connection, like a fresh process

  const CrashCase c = GetParam();
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    int seen = 0;
    const FaultHook crash = [&](std::string_view p) {
      if (p == c.point && ++seen == c.occurrence) _exit(42);
    };
    try {
      Database db(data / "echoes.db");
      FileStore files(data, {.fault_hook = crash});
      RecordingStore(db, files, {.fault_hook = crash}).add(user_id, sample_input());
    } catch (...) {
      _exit(2);
    }
    _exit(3);  // the crash point was never reached
  }
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 42);

  Database db(data / "echoes.db");
  FileStore files(data);
  EXPECT_EQ(test::count_rows(db, "recordings"), 0);
  if (c.occurrence == 2) {
    EXPECT_FALSE(files.list_files("audio").empty());  // the first file was complete
  }
  cleanup_orphans(db, files);
  EXPECT_TRUE(files.list_files("audio").empty());
  for (const auto& e : fs::recursive_directory_iterator(data)) {
    EXPECT_FALSE(FileStore::is_temp_name(e.path().filename().string())) << e.path();
  }
  // And the store still works afterwards.
  RecordingStore store(db, files);
  const RecordingRecord r = store.add(user_id, sample_input());
  EXPECT_EQ(files.read(r.working_path), kWorking);
}

INSTANTIATE_TEST_SUITE_P(Points, CrashDuringAdd,
                         ::testing::Values(CrashCase{"file.partial_write", 1}, CrashCase{"file.written", 1},
                                           CrashCase{"file.renamed", 1}, CrashCase{"file.partial_write", 2},
                                           CrashCase{"file.renamed", 2}, CrashCase{"recording.files_written", 1}),
                         [](const auto& info) {
                           std::string name = std::string(info.param.point) + "_" +
                                              std::to_string(info.param.occurrence);
                           for (char& ch : name) ch = std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
                           return name;
                         });

TEST(SanitizeFilename, KeepsSafeNamesAndCleansTheRest) {
  EXPECT_EQ(sanitize_filename("take-1.wav"), "take-1.wav");
  EXPECT_EQ(sanitize_filename("C:\\Users\\me\\take.wav"), "take.wav");
  EXPECT_EQ(sanitize_filename("../../etc/passwd"), "passwd");
  EXPECT_EQ(sanitize_filename(".."), "recording");
  EXPECT_EQ(sanitize_filename(""), "recording");
  EXPECT_EQ(sanitize_filename("...hidden"), "hidden");
  EXPECT_EQ(sanitize_filename("a\nb<c>.wav"), "a_b_c_.wav");
  EXPECT_EQ(sanitize_filename("caf\xc3\xa9.wav"), "caf__.wav");
  const std::string longer = sanitize_filename(std::string(300, 'x') + ".flac");
  EXPECT_EQ(longer.size(), 100u);
  EXPECT_TRUE(longer.ends_with(".flac"));
  EXPECT_EQ(filename_extension("a.WAV"), "wav");
  EXPECT_EQ(filename_extension("a"), "");
  EXPECT_EQ(filename_extension("a.toolongext"), "");
}

}  // namespace
}  // namespace echoes::store
