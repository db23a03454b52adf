// The voice file format: older files (from before the intonation fields of ProsodyModel)
// still load, with default intonation; a PROS section of the wrong size is refused.
#include <cstring>
#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

#include "common/error.h"
#include "support/temp_dir.h"
#include "voice/voice_file.h"

namespace echoes::voice {
namespace {

VoiceModel tiny_voice() {
  VoiceModel v;
  v.name = "tiny";
  v.samples.assign(2000, 100);
  v.marks = {100, 300, 500};
  v.mark_voiced = {1, 1, 0};
  v.utterances = {{0, 2000}};
  Unit u;
  u.phone = phone_id("aa");
  u.start_sample = 0;
  u.end_sample = 1000;
  v.units.push_back(u);
  u.half = 1;
  u.start_sample = 1000;
  u.end_sample = 2000;
  v.units.push_back(u);
  v.prosody.mean_log_f0 = 4.9f;
  v.prosody.final_log_f0 = -0.3f;
  v.prosody.declination_per_s = -0.2f;
  index_units(v);
  return v;
}

/// Rewrites the size of section `tag` in the file's table.
void set_section_size(const std::filesystem::path& path, const char* tag, std::uint64_t size) {
  std::ifstream in(path, std::ios::binary);
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  in.close();
  std::uint32_t count = 0;
  std::memcpy(&count, bytes.data() + 12, 4);
  for (std::uint32_t i = 0; i < count; ++i) {
    char* entry = bytes.data() + 16 + 24 * i;
    if (std::memcmp(entry, tag, 4) == 0) std::memcpy(entry + 16, &size, 8);
  }
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(bytes.data(), long(bytes.size()));
}

TEST(VoiceFile, RoundTripsTheIntonationModel) {
  echoes::testing::TempDir dir;
  const auto path = dir.path() / "v.echoes-voice";
  save_voice(tiny_voice(), path);
  const VoiceModel loaded = load_voice(path);
  EXPECT_FLOAT_EQ(loaded.prosody.final_log_f0, -0.3f);
  EXPECT_FLOAT_EQ(loaded.prosody.declination_per_s, -0.2f);
  EXPECT_TRUE(loaded.has_phone(phone_id("aa")));
}

TEST(VoiceFile, AFileFromBeforeTheIntonationFieldsLoadsWithDefaults) {
  echoes::testing::TempDir dir;
  const auto path = dir.path() / "v.echoes-voice";
  save_voice(tiny_voice(), path);
  set_section_size(path, "PROS", 60);  // the ProsodyModel of the first release
  const VoiceModel loaded = load_voice(path);
  EXPECT_FLOAT_EQ(loaded.prosody.mean_log_f0, 4.9f);  // the old part is read
  EXPECT_FLOAT_EQ(loaded.prosody.final_log_f0, ProsodyModel{}.final_log_f0);
  EXPECT_FLOAT_EQ(loaded.prosody.declination_per_s, ProsodyModel{}.declination_per_s);
}

TEST(VoiceFile, AProsodySectionOfAnImpossibleSizeIsRefused) {
  echoes::testing::TempDir dir;
  const auto path = dir.path() / "v.echoes-voice";
  for (std::uint64_t size : {std::uint64_t(40), std::uint64_t(sizeof(ProsodyModel) + 4)}) {
    save_voice(tiny_voice(), path);
    set_section_size(path, "PROS", size);
    try {
      load_voice(path);
      ADD_FAILURE() << "loaded a PROS section of " << size << " bytes";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), error_code::kInvalidArgument);
    }
  }
}

}  // namespace
}  // namespace echoes::voice
