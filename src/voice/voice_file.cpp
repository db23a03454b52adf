#include "voice/voice_file.h"

#include <cstring>
#include <fstream>
#include <map>
#include <string>
#include <type_traits>

#include "common/error.h"

namespace echoes::voice {
namespace {

constexpr char kMagic[8] = {'E', 'C', 'H', 'O', 'V', 'O', 'I', 'C'};

struct SectionEntry {
  char tag[4];
  std::uint32_t reserved;
  std::uint64_t offset;
  std::uint64_t size;
};
static_assert(sizeof(SectionEntry) == 24);
static_assert(std::is_trivially_copyable_v<Unit> && std::is_trivially_copyable_v<ProsodyModel>);
// The file stores these structs as they are: changing their layout needs a new version.
// ProsodyModel may only grow at its end: older files carry a prefix of it (kOldestProsodyBytes).
static_assert(sizeof(Unit) == 140 && sizeof(ProsodyModel) == 84 && sizeof(UtteranceSpan) == 8);
constexpr std::size_t kOldestProsodyBytes = 60;

using Bytes = std::vector<char>;

template <typename T>
Bytes bytes_of(const T* data, std::size_t count) {
  Bytes out(count * sizeof(T));
  if (count > 0) std::memcpy(out.data(), data, out.size());
  return out;
}

Bytes meta_section(const VoiceModel& voice) {
  const auto rate = static_cast<std::uint32_t>(voice.rate_hz);
  const auto len = static_cast<std::uint32_t>(voice.name.size());
  Bytes out(8 + len);
  std::memcpy(out.data(), &rate, 4);
  std::memcpy(out.data() + 4, &len, 4);
  std::memcpy(out.data() + 8, voice.name.data(), len);
  return out;
}

Bytes audio_section(const audio::SampleStore& samples) {
  const std::vector<std::uint8_t> bytes = samples.serialise();
  return Bytes(bytes.begin(), bytes.end());
}

[[noreturn]] void damaged() {
  throw Error(error_code::kInvalidArgument, "The voice file is damaged or is not an Echoes voice.");
}

template <typename T>
std::vector<T> array_of(const Bytes& file, const SectionEntry& s) {
  if (s.size % sizeof(T) != 0) damaged();
  std::vector<T> out(s.size / sizeof(T));
  if (!out.empty()) std::memcpy(out.data(), file.data() + s.offset, s.size);
  return out;
}

/// The audio section: compressed (AUDC), or raw (a version-1 AUDI, compressed here).
audio::SampleStore audio_of(const Bytes& file, const SectionEntry& s, std::uint32_t version) {
  if (version == 1) {
    audio::SampleStore store;
    store.append(std::span<const std::int16_t>(array_of<std::int16_t>(file, s)));
    return store;
  }
  try {
    return audio::SampleStore::deserialise(
        std::span(reinterpret_cast<const std::uint8_t*>(file.data()) + s.offset, std::size_t(s.size)));
  } catch (const Error&) {
    damaged();
  }
}

void check_consistent(const VoiceModel& v) {
  const auto n = static_cast<std::int64_t>(v.samples.size());
  if (v.rate_hz < 8000 || v.rate_hz > 192000 || v.marks.size() != v.mark_voiced.size()) damaged();
  for (const Unit& u : v.units) {
    if (u.phone >= kPhoneCount || u.left >= kPhoneCount || u.right >= kPhoneCount || u.half > 1) damaged();
    if (u.start_sample < 0 || u.end_sample <= u.start_sample || u.end_sample > n) damaged();
  }
  for (std::size_t i = 0; i < v.marks.size(); ++i) {
    if (v.marks[i] < 0 || v.marks[i] >= n || (i > 0 && v.marks[i] <= v.marks[i - 1])) damaged();
  }
  for (const auto& s : v.utterances) {
    if (s.start_sample < 0 || s.sample_count < 0 || std::int64_t(s.start_sample) + s.sample_count > n) damaged();
  }
}

}  // namespace

void save_voice(const VoiceModel& voice, const std::filesystem::path& path) {
  const std::vector<std::pair<std::string, Bytes>> sections = {
      {"META", meta_section(voice)},
      {"PROS", bytes_of(&voice.prosody, 1)},
      {"UTTS", bytes_of(voice.utterances.data(), voice.utterances.size())},
      {"UNIT", bytes_of(voice.units.data(), voice.units.size())},
      {"MARK", bytes_of(voice.marks.data(), voice.marks.size())},
      {"MVOI", bytes_of(voice.mark_voiced.data(), voice.mark_voiced.size())},
      {"AUDC", audio_section(voice.samples)},
  };
  const std::uint32_t count = static_cast<std::uint32_t>(sections.size());
  std::vector<SectionEntry> table(count);
  std::uint64_t offset = 16 + sizeof(SectionEntry) * count;
  for (std::uint32_t i = 0; i < count; ++i) {
    offset = (offset + 7) & ~std::uint64_t(7);
    std::memcpy(table[i].tag, sections[i].first.data(), 4);
    table[i].reserved = 0;
    table[i].offset = offset;
    table[i].size = sections[i].second.size();
    offset += table[i].size;
  }
  Bytes file(offset, 0);
  std::memcpy(file.data(), kMagic, 8);
  std::memcpy(file.data() + 8, &kVoiceFileVersion, 4);
  std::memcpy(file.data() + 12, &count, 4);
  std::memcpy(file.data() + 16, table.data(), sizeof(SectionEntry) * count);
  for (std::uint32_t i = 0; i < count; ++i) {
    if (!sections[i].second.empty()) {
      std::memcpy(file.data() + table[i].offset, sections[i].second.data(), sections[i].second.size());
    }
  }
  const auto tmp = std::filesystem::path(path.string() + ".tmp");
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(file.data(), std::streamsize(file.size()));
    if (!out) throw Error(error_code::kInternal, "The voice file could not be written.");
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) throw Error(error_code::kInternal, "The voice file could not be written.");
}

VoiceModel load_voice(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw Error(error_code::kNotFound, "The voice was not found.");
  const std::streamsize size = in.tellg();
  if (size < 16) damaged();
  Bytes file(static_cast<std::size_t>(size));
  in.seekg(0);
  if (!in.read(file.data(), size)) throw Error(error_code::kNotFound, "The voice file cannot be read.");
  if (std::memcmp(file.data(), kMagic, 8) != 0) damaged();
  std::uint32_t version = 0, count = 0;
  std::memcpy(&version, file.data() + 8, 4);
  std::memcpy(&count, file.data() + 12, 4);
  if (version < kOldestVoiceFileVersion || version > kVoiceFileVersion) {
    throw Error(error_code::kUnsupportedFormat,
                "The voice was built by another version of Echoes; build it again from its recordings.");
  }
  if (count > 64 || 16 + sizeof(SectionEntry) * count > file.size()) damaged();
  std::map<std::string, SectionEntry> table;
  for (std::uint32_t i = 0; i < count; ++i) {
    SectionEntry e;
    std::memcpy(&e, file.data() + 16 + sizeof(SectionEntry) * i, sizeof(e));
    if (e.offset > file.size() || e.size > file.size() - e.offset) damaged();
    table[std::string(e.tag, 4)] = e;
  }
  const char* audio_tag = version == 1 ? "AUDI" : "AUDC";
  for (const char* tag : {"META", "PROS", "UTTS", "UNIT", "MARK", "MVOI", audio_tag}) {
    if (!table.count(tag)) damaged();
  }
  VoiceModel voice;
  const auto& meta = table["META"];
  if (meta.size < 8) damaged();
  std::uint32_t rate = 0, name_len = 0;
  std::memcpy(&rate, file.data() + meta.offset, 4);
  std::memcpy(&name_len, file.data() + meta.offset + 4, 4);
  if (name_len > meta.size - 8) damaged();
  voice.rate_hz = static_cast<int>(rate);
  voice.name.assign(file.data() + meta.offset + 8, name_len);
  // A file from before the intonation fields holds a prefix; the rest keep their defaults.
  const auto& pros = table["PROS"];
  if (pros.size < kOldestProsodyBytes || pros.size > sizeof(ProsodyModel)) damaged();
  std::memcpy(&voice.prosody, file.data() + pros.offset, pros.size);
  voice.utterances = array_of<UtteranceSpan>(file, table["UTTS"]);
  voice.units = array_of<Unit>(file, table["UNIT"]);
  if (version == 1) {
    // Version 1 had a zero in place of the unit's intonation context: unknown, not "at the mean".
    for (Unit& u : voice.units) u.context_log_f0_milli = kNoIntonationContext;
  }
  voice.marks = array_of<std::int32_t>(file, table["MARK"]);
  voice.mark_voiced = array_of<std::uint8_t>(file, table["MVOI"]);
  voice.samples = audio_of(file, table[audio_tag], version);
  check_consistent(voice);
  index_units(voice);
  return voice;
}

std::filesystem::path voice_file_in(const std::filesystem::path& voice_dir_or_file) {
  std::error_code ec;
  if (std::filesystem::is_directory(voice_dir_or_file, ec)) return voice_dir_or_file / kVoiceFileName;
  return voice_dir_or_file;
}

}  // namespace echoes::voice
