#include <chrono>
#include <cmath>
#include <cstring>
#include <fstream>
#include <memory>

#include <gtest/gtest.h>

#include "common/error.h"
#include "support/temp_dir.h"
#include "support/test_data.h"
#include "voice/build.h"
#include "voice/voice_file.h"
#include "voice_test_util.h"

namespace echoes::voice {
namespace {

/// One voice from 40 Kathleen prompts (about 2 minutes) plus a recording whose transcript is
/// another prompt's, built once for all tests here (the build takes a few seconds).
class BuiltVoice : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!echoes::testing::speech_data_available()) return;
    auto entries = testing::kathleen_entries(0, 40);
    auto wrong = testing::kathleen_entries(40, 2);
    entries.push_back({wrong[0].audio_path, wrong[1].transcript});  // audio says another sentence
    auto utterances = load_training_utterances(entries);
    // A recording that says its text and then another sentence: used in part.
    auto extra = load_training_utterances(testing::kathleen_entries(42, 2));
    extra[0].id = "says_more";
    extra[0].audio.samples.insert(extra[0].audio.samples.end(), extra[1].audio.samples.begin(),
                                  extra[1].audio.samples.end());
    utterances.push_back(extra[0]);
    report_ = std::make_unique<BuildReport>();
    progress_ = std::make_unique<std::vector<double>>();
    voice_ = std::make_unique<VoiceModel>(build_voice(
        utterances, BuildOptions{}, [](double f, const std::string&) { progress_->push_back(f); }, report_.get()));
  }
  static void TearDownTestSuite() {
    voice_.reset();
    report_.reset();
    progress_.reset();
  }
  static std::unique_ptr<VoiceModel> voice_;
  static std::unique_ptr<BuildReport> report_;
  static std::unique_ptr<std::vector<double>> progress_;
};
std::unique_ptr<VoiceModel> BuiltVoice::voice_;
std::unique_ptr<BuildReport> BuiltVoice::report_;
std::unique_ptr<std::vector<double>> BuiltVoice::progress_;

TEST_F(BuiltVoice, UsesMatchingRecordingsAndExcludesTheMismatchedOne) {
  ECHOES_REQUIRE_SPEECH_DATA();
  EXPECT_EQ(report_->utterances_offered, 42);
  EXPECT_GE(report_->utterances_used, 39);
  ASSERT_EQ(report_->excluded.size(), std::size_t(42 - report_->utterances_used));
  bool mismatch_excluded = false;
  for (const auto& e : report_->excluded) {
    EXPECT_FALSE(e.reason.empty());
    if (e.id == "arctic_a0041") mismatch_excluded = true;
  }
  EXPECT_TRUE(mismatch_excluded) << "the recording of another sentence must not be used";
  EXPECT_GT(report_->used_audio_s, 100.0);
  EXPECT_LE(report_->stored_audio_s, report_->used_audio_s + 1e-6);
  EXPECT_GT(report_->stored_audio_s, 0.8 * report_->used_audio_s);
}

TEST_F(BuiltVoice, ARecordingWithExtraSpeechIsUsedOnlyInPartAndReported) {
  ECHOES_REQUIRE_SPEECH_DATA();
  ASSERT_EQ(report_->partly_used.size(), 1u);
  EXPECT_EQ(report_->partly_used[0].id, "says_more");
  EXPECT_FALSE(report_->partly_used[0].reason.empty());
  // Its units cover at most the transcript's words: the second sentence adds none.
  const auto last = voice_->utterances.size() - 1;
  std::size_t units = 0;
  for (const auto& u : voice_->units) units += std::size_t(u.utterance) == last;
  EXPECT_GT(units, 10u);
  EXPECT_LT(units, 2u * 60u);
}

TEST_F(BuiltVoice, CoversMostPhonesWithHalfPhoneUnits) {
  ECHOES_REQUIRE_SPEECH_DATA();
  EXPECT_GE(report_->phones_covered, 35);
  EXPECT_EQ(report_->phones_covered + int(report_->missing_phones.size()), 39);
  EXPECT_GT(report_->diphones_covered, 300);
  ASSERT_GT(voice_->units.size(), 2000u);
  EXPECT_EQ(report_->units, int(voice_->units.size()));
  // Units come in left/right pairs that meet mid-phone, in recording order.
  for (std::size_t i = 0; i + 1 < voice_->units.size(); i += 2) {
    const Unit& l = voice_->units[i];
    const Unit& r = voice_->units[i + 1];
    ASSERT_EQ(l.half, 0);
    ASSERT_EQ(r.half, 1);
    ASSERT_EQ(l.phone, r.phone);
    ASSERT_EQ(l.end_sample, r.start_sample);
    ASSERT_LT(l.start_sample, l.end_sample);
  }
  std::size_t indexed = 0;
  for (const auto& list : voice_->units_by_phone) indexed += list.size();
  EXPECT_EQ(indexed, voice_->units.size());
}

TEST_F(BuiltVoice, ProsodyModelDescribesThisSpeaker) {
  ECHOES_REQUIRE_SPEECH_DATA();
  const auto& p = voice_->prosody;
  const double mean_f0 = std::exp(p.mean_log_f0);
  EXPECT_GT(mean_f0, 120.0);  // an adult female voice
  EXPECT_LT(mean_f0, 300.0);
  EXPECT_LT(p.f0_low_hz, mean_f0);
  EXPECT_GT(p.f0_high_hz, mean_f0);
  for (int c = 1; c < kPhoneClassCount; ++c) {
    EXPECT_GE(p.duration_ratio[c], 0.5f);
    EXPECT_LE(p.duration_ratio[c], 2.0f);
  }
  EXPECT_GT(p.phones_per_s, 6.0f);
  EXPECT_LT(p.phones_per_s, 20.0f);
  EXPECT_FALSE(progress_->empty());
  EXPECT_DOUBLE_EQ(progress_->back(), 1.0);
}

TEST_F(BuiltVoice, RecordedUnitsKnowTheIntonationOfTheirPlace) {
  ECHOES_REQUIRE_SPEECH_DATA();
  const auto& p = voice_->prosody;
  std::size_t placed = 0, recorded = 0, phrase_final_vowels = 0, inner_vowels = 0;
  double final_sum = 0.0, inner_sum = 0.0;
  for (const Unit& u : voice_->units) {
    if (u.flags & unit_flags::kFillIn) {
      EXPECT_EQ(u.context_log_f0_milli, kNoIntonationContext);  // no phrase to come from
      continue;
    }
    ++recorded;
    if (u.context_log_f0_milli == kNoIntonationContext) continue;
    ++placed;
    EXPECT_GT(u.context_log_f0_milli, -700);  // within the model's clamped ranges
    EXPECT_LT(u.context_log_f0_milli, 700);
    if (!is_vowel_id(u.phone)) continue;
    const bool phrase_final = u.flags & unit_flags::kPhraseFinal;
    (phrase_final ? final_sum : inner_sum) += u.context_log_f0_milli / 1000.0;
    ++(phrase_final ? phrase_final_vowels : inner_vowels);
  }
  EXPECT_EQ(placed, recorded);
  ASSERT_GT(phrase_final_vowels, 0u);
  ASSERT_GT(inner_vowels, 0u);
  // Kathleen's statements end below her mean, so vowels before a pause were modelled lower
  // than vowels inside phrases (measured -0.060 vs about +0.05).
  EXPECT_LT(p.final_log_f0, 0.0f);
  EXPECT_LT(final_sum / phrase_final_vowels, inner_sum / inner_vowels - 0.05);
}

TEST_F(BuiltVoice, PitchMarksAreSortedAndInsideTheAudio) {
  ECHOES_REQUIRE_SPEECH_DATA();
  ASSERT_EQ(voice_->marks.size(), voice_->mark_voiced.size());
  std::size_t voiced = 0;
  for (std::size_t i = 0; i < voice_->marks.size(); ++i) {
    ASSERT_GE(voice_->marks[i], 0);
    ASSERT_LT(std::size_t(voice_->marks[i]), voice_->samples.size());
    if (i > 0) {
      ASSERT_GT(voice_->marks[i], voice_->marks[i - 1]);
    }
    voiced += voice_->mark_voiced[i];
  }
  // Marks every 5 ms or every period: between 150 and 400 per second of audio.
  const double per_s = voice_->marks.size() / voice_->audio_duration_s();
  EXPECT_GT(per_s, 150.0);
  EXPECT_LT(per_s, 400.0);
  EXPECT_GT(voiced, voice_->marks.size() / 3);
}

TEST_F(BuiltVoice, SaveLoadRoundTripIsExact) {
  ECHOES_REQUIRE_SPEECH_DATA();
  echoes::testing::TempDir dir;
  const auto path = dir.path() / kVoiceFileName;
  save_voice(*voice_, path);
  const VoiceModel loaded = load_voice(voice_file_in(dir.path()));
  EXPECT_EQ(loaded.name, voice_->name);
  EXPECT_EQ(loaded.rate_hz, voice_->rate_hz);
  EXPECT_EQ(loaded.samples.read_all(), voice_->samples.read_all());
  EXPECT_EQ(loaded.marks, voice_->marks);
  EXPECT_EQ(loaded.mark_voiced, voice_->mark_voiced);
  ASSERT_EQ(loaded.units.size(), voice_->units.size());
  EXPECT_EQ(std::memcmp(loaded.units.data(), voice_->units.data(), loaded.units.size() * sizeof(Unit)), 0);
  EXPECT_EQ(std::memcmp(&loaded.prosody, &voice_->prosody, sizeof(ProsodyModel)), 0);
  EXPECT_EQ(loaded.units_by_phone, voice_->units_by_phone);
  EXPECT_LT(loaded.memory_bytes(), std::size_t(20) << 20);
}

std::string load_error_code(const std::filesystem::path& path) {
  try {
    load_voice(path);
  } catch (const Error& e) {
    return e.code();
  }
  return "";
}

TEST_F(BuiltVoice, DamagedOrForeignFilesAreRefusedClearly) {
  ECHOES_REQUIRE_SPEECH_DATA();
  echoes::testing::TempDir dir;
  const auto path = dir.path() / kVoiceFileName;
  save_voice(*voice_, path);
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  const auto write = [&](const std::string& content) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << content;
  };
  write(bytes.substr(0, bytes.size() / 2));
  EXPECT_EQ(load_error_code(path), "invalid_argument");
  write("RIFF....WAVEfmt not a voice");
  EXPECT_EQ(load_error_code(path), "invalid_argument");
  std::string other_version = bytes;
  other_version[8] = 99;
  write(other_version);
  EXPECT_EQ(load_error_code(path), "unsupported_format");
  std::string bad_unit = bytes;  // a section offset pointing past the end
  bad_unit[16 + 24 * 3 + 8] = char(0xFF);
  bad_unit[16 + 24 * 3 + 15] = char(0x7F);
  write(bad_unit);
  EXPECT_EQ(load_error_code(path), "invalid_argument");
  EXPECT_EQ(load_error_code(dir.path() / "missing"), "not_found");
}

TEST(BuildVoice, NothingUsableIsAClearError) {
  echoes::testing::TempDir dir;
  std::vector<TrainingUtterance> utts(2);
  utts[0].id = "a";
  utts[0].transcript = "hello";
  utts[0].load_error = "The audio file could not be decoded.";
  utts[1].id = "b";
  utts[1].transcript = "hello world";
  utts[1].audio.samples.assign(22050, 0.0f);  // silence
  BuildReport report;
  try {
    build_voice(utts, BuildOptions{}, {}, &report);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "invalid_argument");
  }
}

}  // namespace
}  // namespace echoes::voice
