#include <chrono>
#include <cmath>
#include <random>

#include <gtest/gtest.h>

#include "audio/frames.h"
#include "common/error.h"
#include "support/temp_dir.h"
#include "synth/engine.h"
#include "synth/psola.h"
#include "synth/synthesizer.h"
#include "synth/targets.h"
#include "synth/unit_selection.h"
#include "synth_test_util.h"
#include "text/flite_front_end.h"
#include "voice/fill_in.h"
#include "voice/phones.h"
#include "voice/voice_file.h"

namespace echoes::synth {
namespace {

#define REQUIRE_VOICE()                                \
  ECHOES_REQUIRE_SPEECH_DATA();                        \
  const voice::VoiceModel* voice = testing::kathleen_voice(); \
  ASSERT_NE(voice, nullptr)

void expect_sane_speech(const audio::Audio& a, std::size_t words) {
  ASSERT_EQ(a.rate_hz, 22050);
  ASSERT_FALSE(a.samples.empty());
  for (float s : a.samples) ASSERT_TRUE(std::isfinite(s));
  EXPECT_LE(audio::peak_abs(a.samples), 1.0);
  // Read speech: roughly 0.15 to 0.8 s per word, plus pauses.
  EXPECT_GT(a.duration_s(), 0.15 * double(words)) << words << " words";
  EXPECT_LT(a.duration_s(), 0.8 * double(words) + 0.6) << words << " words";
  // Loud frames sit near the target speech level (-20 dBFS).
  const auto levels = audio::frame_rms_dbfs(a);
  std::vector<float> sorted = levels;
  std::sort(sorted.begin(), sorted.end());
  const float p90 = sorted[sorted.size() * 9 / 10];
  EXPECT_GT(p90, -28.0f);
  EXPECT_LT(p90, -10.0f);
}

// Held-out sentences: the voice is built from prompts 1-25, these are later prompts.
TEST(Synthesizer, SpeaksHeldOutSentences) {
  REQUIRE_VOICE();
  const std::vector<std::pair<std::string, std::size_t>> sentences = {
      {"He was an athlete and a giant.", 6},
      {"Anything unusual or abnormal was sufficient to send a fellow to Molokai.", 11},
      {"His beady black eyes saw bargains where other men saw bankruptcy.", 11}};
  for (const auto& [text, words] : sentences) expect_sane_speech(synthesize(*voice, text), words);
}

TEST(Synthesizer, PhonesTheRecordingsLackStillGetSpoken) {
  REQUIRE_VOICE();
  const std::string text = "The boy enjoyed the measure of pleasure in Asia.";
  const auto lacking = voice::phones_without_units(*voice);  // the recordings' gaps (filled in or not)
  ASSERT_TRUE(std::find(lacking.begin(), lacking.end(), voice::phone_id("zh")) != lacking.end() ||
              std::find(lacking.begin(), lacking.end(), voice::phone_id("oy")) != lacking.end())
      << "test assumes the small voice's recordings lack zh or oy";
  expect_sane_speech(synthesize(*voice, text), 9);
}

TEST(Synthesizer, SpeedAndQualityOptionsWork) {
  REQUIRE_VOICE();
  const std::string text = "The other managed to articulate, and then they all left together.";
  SynthesisOptions fast, slow, draft, high;
  fast.speed = 2.0;
  slow.speed = 0.5;
  draft.quality = Quality::draft;
  high.quality = Quality::high;
  const double normal_s = synthesize(*voice, text).duration_s();
  EXPECT_LT(synthesize(*voice, text, fast).duration_s(), 0.7 * normal_s);
  EXPECT_GT(synthesize(*voice, text, slow).duration_s(), 1.4 * normal_s);
  expect_sane_speech(synthesize(*voice, text, draft), 11);
  expect_sane_speech(synthesize(*voice, text, high), 11);
  SynthesisOptions bad;
  bad.speed = 3.0;
  EXPECT_THROW(synthesize(*voice, text, bad), Error);
  EXPECT_EQ(parse_quality("high"), Quality::high);
  EXPECT_THROW(parse_quality("best"), Error);
}

TEST(Synthesizer, StreamsSentenceBySentenceAndStopsWhenAsked) {
  REQUIRE_VOICE();
  const std::string text = "First sentence here. Second one is longer than the first. Third!";
  int chunks = 0;
  synthesize_stream(*voice, text, {}, [&](const audio::Audio& chunk) {
    EXPECT_FALSE(chunk.samples.empty());
    ++chunks;
    return true;
  });
  EXPECT_EQ(chunks, 3);
  chunks = 0;
  synthesize_stream(*voice, text, {}, [&](const audio::Audio&) { return ++chunks < 2; });
  EXPECT_EQ(chunks, 2);
}

TEST(Synthesizer, TrainingSentencesAreMostlyContiguousRecordedAudio) {
  REQUIRE_VOICE();
  const text::FliteFrontEnd fe;
  // Prompt 1 is in the voice: unit selection should find long natural stretches.
  const auto utt = fe.analyze("Author of the danger trail, Philip Steels, etc.");
  auto targets = make_targets(utt, voice->prosody);
  apply_phone_backoff(targets, *voice);
  const auto choices = select_units(*voice, targets);
  int joins = 0, contiguous = 0;
  for (std::size_t i = 1; i < choices.size(); ++i) {
    const auto a = choices[i - 1].unit, b = choices[i].unit;
    if (a == UnitChoice::kNoUnit || b == UnitChoice::kNoUnit) continue;
    ++joins;
    contiguous += voice->units[b].start_sample == voice->units[a].end_sample;
  }
  ASSERT_GT(joins, 20);
  EXPECT_GT(double(contiguous) / joins, 0.7);
}

/// Mean voiced share (percent) of the sonorant units chosen for `sentences`.
double mean_sonorant_voicing(const voice::VoiceModel& v, const std::vector<std::string>& sentences,
                             const SelectionOptions& options) {
  const text::FliteFrontEnd fe;
  double sum = 0.0;
  int count = 0;
  for (const auto& sentence : sentences) {
    auto targets = make_targets(fe.analyze(sentence), v.prosody);
    apply_phone_backoff(targets, v);
    for (const UnitChoice& c : select_units(v, targets, options)) {
      if (c.unit == UnitChoice::kNoUnit) continue;
      const auto cls = voice::phone_class(v.units[c.unit].phone);
      if (cls != voice::PhoneClass::vowel && cls != voice::PhoneClass::nasal) continue;
      sum += v.unit_voiced_percent[c.unit];
      ++count;
    }
  }
  return count ? sum / count : 0.0;
}

// Vowels and nasals that were not voiced through in their recording break the voiced
// stretches of whatever they are put into: selection passes them over.
TEST(Synthesizer, SonorantsThatWereNotVoicedInTheirRecordingArePassedOver) {
  REQUIRE_VOICE();
  const std::vector<std::string> sentences = {"Nobody will ever know where the money came from.",
                                              "We remember the morning we moved in, many years ago.",
                                              "Her grandmother loved the long evenings by the river."};
  SelectionOptions ignore;
  ignore.broken_voicing = 0.0;
  const double with_default = mean_sonorant_voicing(*voice, sentences, {});
  const double ignoring = mean_sonorant_voicing(*voice, sentences, ignore);
  EXPECT_GT(with_default, ignoring + 5.0) << "default " << with_default << "% voiced, ignoring " << ignoring << "%";
}

std::string error_code_of(const voice::VoiceModel& v, const std::string& text) {
  try {
    const auto a = synthesize(v, text);
    for (float s : a.samples) {
      if (!std::isfinite(s)) return "nan";
    }
    return a.samples.empty() ? "empty" : "";
  } catch (const Error& e) {
    return e.code();
  }
}

// The voice's audio is compressed; PSOLA decodes only what each run of units reads. For
// the units chosen for real sentences the result must equal plain indexing of the raw audio.
TEST(Synthesizer, SelectedUnitsRenderExactlyAsFromRawStorage) {
  REQUIRE_VOICE();
  const text::FliteFrontEnd fe;
  const auto raw = voice->samples.read_all();
  int runs = 0;
  for (const char* text : {"He was an athlete and a giant.", "Anything unusual or abnormal was sufficient.",
                           "Is it here, or over there?"}) {
    auto targets = make_targets(fe.analyze(text), voice->prosody);
    apply_phone_backoff(targets, *voice);
    std::vector<PsolaSegment> run;
    const auto compare = [&] {
      if (run.empty()) return;
      ++runs;
      const auto compressed = psola_render(*voice, run);
      const auto reference = psola_render(*voice, raw, run);
      ASSERT_EQ(compressed.size(), reference.size()) << text;
      for (std::size_t i = 0; i < compressed.size(); ++i) ASSERT_EQ(compressed[i], reference[i]) << text << " @" << i;
      run.clear();
    };
    for (const UnitChoice& c : select_units(*voice, targets)) {
      if (c.unit == UnitChoice::kNoUnit) {
        compare();
        continue;
      }
      const voice::Unit& u = voice->units[c.unit];
      const double varied = double(run.size() % 3);  // stretch and shift, as rendering does
      run.push_back({u.start_sample, u.end_sample, 0.8 + 0.2 * varied, 0.05 * (varied - 1.0)});
    }
    compare();
  }
  EXPECT_GE(runs, 3);
}

TEST(Synthesizer, ASavedAndLoadedVoiceSpeaksIdentically) {
  REQUIRE_VOICE();
  echoes::testing::TempDir dir;
  const auto path = dir.path() / voice::kVoiceFileName;
  voice::save_voice(*voice, path);
  const voice::VoiceModel loaded = voice::load_voice(path);
  ASSERT_EQ(loaded.samples.read_all(), voice->samples.read_all());
  const std::string text = "His beady black eyes saw bargains where other men saw bankruptcy.";
  EXPECT_EQ(synthesize(loaded, text).samples, synthesize(*voice, text).samples);
}

TEST(Synthesizer, HostileTextGivesAClearErrorOrSpeechNeverACrash) {
  REQUIRE_VOICE();
  EXPECT_EQ(error_code_of(*voice, ""), "invalid_argument");
  EXPECT_EQ(error_code_of(*voice, "   \n\t "), "invalid_argument");
  EXPECT_EQ(error_code_of(*voice, "\xF0\x9F\x98\x80\xF0\x9F\x8E\x89"), "invalid_argument");  // emoji only
  EXPECT_EQ(error_code_of(*voice, "I owe you 123456789012345678901234567890123 dollars."), "");
  EXPECT_EQ(error_code_of(*voice, "Call 555-0100 at 3:45pm on 12/25/2024 \xF0\x9F\x98\x80 ok."), "");
  const std::string word(5000, 'x');
  const std::string code = error_code_of(*voice, word);
  EXPECT_TRUE(code.empty() || code == "too_long" || code == "invalid_argument") << code;
  EXPECT_EQ(error_code_of(*voice, std::string(30000, 'a')), "too_long");
  std::mt19937 rng(42);
  for (int round = 0; round < 20; ++round) {
    std::string text;
    const int n = int(rng() % 200);
    for (int i = 0; i < n; ++i) {
      const auto kind = rng() % 4;
      if (kind == 0) text += char(rng() % 256);                // raw bytes, invalid UTF-8 included
      else if (kind == 1) text += char('a' + rng() % 26);
      else if (kind == 2) text += " .,!?0123456789"[rng() % 15];
      else text += "\xE4\xB8\xAD\xF0\x9F\x98\x80\xC3\xA9"[rng() % 9];
    }
    const std::string c = error_code_of(*voice, text);
    EXPECT_TRUE(c.empty() || c == "invalid_argument") << "round " << round << " gave " << c;
  }
}

TEST(EmbeddedEngine, LoadsVoiceFoldersOnceAndSpeaks) {
  REQUIRE_VOICE();
  echoes::testing::TempDir dir;
  voice::save_voice(*voice, dir.path() / voice::kVoiceFileName);
  EmbeddedEngine engine;
  EXPECT_EQ(engine.name(), "embedded");
  const auto first = engine.voice(dir.path().string());
  EXPECT_EQ(engine.voice(dir.path().string()), first) << "cached";
  const auto a = engine.synthesize(dir.path().string(), "He was an athlete and a giant.", {});
  expect_sane_speech(a, 6);
  int chunks = 0;
  engine.synthesize_stream(dir.path().string(), "One. Two.", {}, [&](const audio::Audio&) { return ++chunks > 0; });
  EXPECT_EQ(chunks, 2);
  try {
    engine.synthesize((dir.path() / "nope").string(), "hello", {});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "not_found");
  }
}

}  // namespace
}  // namespace echoes::synth
