// The voice file format: older files (from before the intonation fields of ProsodyModel)
// still load, with default intonation; a PROS section of the wrong size is refused;
// version-1 files (raw audio) load into compressed audio; a damaged audio section is refused.
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

#include "common/error.h"
#include "support/temp_dir.h"
#include "voice/voice_file.h"

namespace echoes::voice {
namespace {

using Pcm = std::vector<std::int16_t>;

VoiceModel tiny_voice() {
  VoiceModel v;
  v.name = "tiny";
  v.samples.append(std::vector<std::int16_t>(2000, 100));
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

std::vector<char> file_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<char>((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void write_bytes(const std::filesystem::path& path, const std::vector<char>& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(bytes.data(), long(bytes.size()));
}

/// {offset, size} of section `tag` in a voice file's bytes.
std::pair<std::uint64_t, std::uint64_t> section(const std::vector<char>& bytes, const char* tag) {
  std::uint32_t count = 0;
  std::memcpy(&count, bytes.data() + 12, 4);
  for (std::uint32_t i = 0; i < count; ++i) {
    const char* entry = bytes.data() + 16 + 24 * i;
    if (std::memcmp(entry, tag, 4) != 0) continue;
    std::uint64_t offset = 0, size = 0;
    std::memcpy(&offset, entry + 8, 8);
    std::memcpy(&size, entry + 16, 8);
    return {offset, size};
  }
  return {0, 0};
}

template <typename T>
std::vector<char> raw_bytes(const T* data, std::size_t count) {
  std::vector<char> out(count * sizeof(T));
  if (count > 0) std::memcpy(out.data(), data, out.size());
  return out;
}

/// A version-1 voice file as the first releases wrote it: the audio raw in AUDI.
void save_version_1(const VoiceModel& v, const Pcm& audio, const std::filesystem::path& path) {
  std::vector<char> meta(8 + v.name.size());
  const std::uint32_t rate = std::uint32_t(v.rate_hz), len = std::uint32_t(v.name.size());
  std::memcpy(meta.data(), &rate, 4);
  std::memcpy(meta.data() + 4, &len, 4);
  std::memcpy(meta.data() + 8, v.name.data(), len);
  const std::vector<std::pair<const char*, std::vector<char>>> sections = {
      {"META", meta},
      {"PROS", raw_bytes(&v.prosody, 1)},
      {"UTTS", raw_bytes(v.utterances.data(), v.utterances.size())},
      {"UNIT", raw_bytes(v.units.data(), v.units.size())},
      {"MARK", raw_bytes(v.marks.data(), v.marks.size())},
      {"MVOI", raw_bytes(v.mark_voiced.data(), v.mark_voiced.size())},
      {"AUDI", raw_bytes(audio.data(), audio.size())}};
  const std::uint32_t version = 1, count = std::uint32_t(sections.size());
  std::vector<char> file(16 + 24 * sections.size());
  std::memcpy(file.data(), "ECHOVOIC", 8);
  std::memcpy(file.data() + 8, &version, 4);
  std::memcpy(file.data() + 12, &count, 4);
  for (std::size_t i = 0; i < sections.size(); ++i) {
    file.resize((file.size() + 7) & ~std::size_t(7));
    const std::uint64_t offset = file.size(), size = sections[i].second.size();
    char* entry = file.data() + 16 + 24 * i;
    std::memcpy(entry, sections[i].first, 4);
    std::memcpy(entry + 8, &offset, 8);
    std::memcpy(entry + 16, &size, 8);
    file.insert(file.end(), sections[i].second.begin(), sections[i].second.end());
  }
  write_bytes(path, file);
}

TEST(VoiceFile, AVersion1FileWithRawAudioStillLoads) {
  echoes::testing::TempDir dir;
  const auto path = dir.path() / "v1.echoes-voice";
  VoiceModel v = tiny_voice();
  for (Unit& u : v.units) u.context_log_f0_milli = 0;  // version 1 wrote a reserved zero there
  Pcm audio(10000);  // several coded blocks and a partial one
  for (std::size_t i = 0; i < audio.size(); ++i) audio[i] = std::int16_t(std::lround(8000 * std::sin(0.05 * double(i))));
  save_version_1(v, audio, path);
  const VoiceModel loaded = load_voice(path);
  EXPECT_EQ(loaded.samples.read_all(), audio);
  EXPECT_EQ(loaded.units.size(), v.units.size());
  EXPECT_EQ(loaded.marks, v.marks);
  EXPECT_FLOAT_EQ(loaded.prosody.final_log_f0, -0.3f);
  for (const Unit& u : loaded.units) EXPECT_EQ(u.context_log_f0_milli, kNoIntonationContext);  // unknown, not 0
  EXPECT_LT(loaded.samples.coded_bytes(), 2 * audio.size());  // compressed while loading
  // Saved again, it is a version-2 file with the same audio.
  save_voice(loaded, path);
  const auto bytes = file_bytes(path);
  std::uint32_t version = 0;
  std::memcpy(&version, bytes.data() + 8, 4);
  EXPECT_EQ(version, kVoiceFileVersion);
  EXPECT_EQ(section(bytes, "AUDI").second, 0u);
  EXPECT_EQ(load_voice(path).samples.read_all(), audio);
}

TEST(VoiceFile, ADamagedAudioSectionIsRefused) {
  echoes::testing::TempDir dir;
  const auto path = dir.path() / "v.echoes-voice";
  save_voice(tiny_voice(), path);
  const auto good = file_bytes(path);
  const auto [offset, size] = section(good, "AUDC");
  ASSERT_GT(size, 40u);
  const auto expect_refused = [&](const std::string& what) {
    try {
      load_voice(path);
      ADD_FAILURE() << what << " loaded";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), error_code::kInvalidArgument) << what;
      EXPECT_NE(std::string(e.what()).find("damaged"), std::string::npos) << what;
    }
  };
  for (std::uint64_t at = 0; at < size; ++at) {
    auto bad = good;
    bad[offset + at] = char(bad[offset + at] ^ (1 << (at % 8)));
    write_bytes(path, bad);
    expect_refused("flip at " + std::to_string(at));
  }
  for (std::uint64_t keep : {std::uint64_t(0), std::uint64_t(20), size / 2, size - 1}) {
    write_bytes(path, good);
    set_section_size(path, "AUDC", keep);
    expect_refused("truncated to " + std::to_string(keep));
  }
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
