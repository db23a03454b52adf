#include <algorithm>
#include <functional>
#include <cmath>
#include <random>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "align/aligner.h"
#include "align/grammar.h"
#include "align/transcript.h"
#include "common/error.h"
#include "speech_files.h"
#include "support/test_data.h"

namespace echoes::align {
namespace {

// One aligner for the whole binary: loading the model takes ~0.1 s.
ForcedAligner& shared_aligner() {
  static ForcedAligner aligner;
  return aligner;
}

audio::Audio noise(double duration_s, double rms, int rate_hz = 16000, unsigned seed = 1) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> gauss(0.0f, static_cast<float>(rms));
  audio::Audio out;
  out.rate_hz = rate_hz;
  out.samples.resize(static_cast<std::size_t>(duration_s * rate_hz));
  for (float& s : out.samples) s = gauss(rng);
  return out;
}

std::string error_code_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    EXPECT_FALSE(std::string(e.what()).empty());
    EXPECT_EQ(std::string(e.what()).find('/'), std::string::npos) << "no paths in messages";
    return e.code();
  }
  return "no error";
}

// Structural checks every successful alignment must pass.
void expect_well_formed(const Alignment& a, std::size_t word_count) {
  ASSERT_EQ(a.words.size(), word_count);
  const auto& phones = model_phones();
  double previous_end = 0.0;
  for (std::size_t i = 0; i < a.phones.size(); ++i) {
    const AlignedPhone& p = a.phones[i];
    EXPECT_NE(std::find(phones.begin(), phones.end(), p.phone), phones.end()) << p.phone;
    EXPECT_GT(p.end_s, p.start_s);
    EXPECT_NEAR(p.start_s, previous_end, 1e-9) << "phones tile the audio";
    EXPECT_LE(p.end_s, a.duration_s + 0.011);
    EXPECT_EQ(p.word_index < 0, p.phone == kSilencePhone);
    previous_end = p.end_s;
  }
  double word_end = 0.0;
  for (std::size_t w = 0; w < a.words.size(); ++w) {
    const AlignedWord& word = a.words[w];
    EXPECT_GE(word.start_s, word_end) << "words in order";
    EXPECT_GT(word.end_s, word.start_s) << word.word;
    EXPECT_GE(word.phone_count, 1);
    for (int i = word.first_phone; i < word.first_phone + word.phone_count; ++i) {
      EXPECT_EQ(a.phones[i].word_index, static_cast<int>(w));
    }
    word_end = word.end_s;
  }
}

TEST(ForcedAligner, EmptyTranscriptIsInvalidArgument) {
  const audio::Audio a = noise(1.0, 0.05);
  EXPECT_EQ(error_code_of([&] { shared_aligner().align(a, ""); }), error_code::kInvalidArgument);
  EXPECT_EQ(error_code_of([&] { shared_aligner().align(a, " .,;-- !? '' "); }), error_code::kInvalidArgument);
}

TEST(ForcedAligner, BadAudioIsRefusedClearly) {
  audio::Audio empty;
  EXPECT_EQ(error_code_of([&] { shared_aligner().align(empty, "hello"); }), error_code::kEmptyAudio);
  audio::Audio silence;
  silence.rate_hz = 22050;
  silence.samples.assign(22050 * 2, 0.0f);
  EXPECT_EQ(error_code_of([&] { shared_aligner().align(silence, "hello world"); }), error_code::kNoSpeech);
  EXPECT_EQ(error_code_of([&] { shared_aligner().align(noise(2.0, 1e-5), "hello world"); }), error_code::kNoSpeech);
  audio::Audio bad_rate = noise(1.0, 0.05);
  bad_rate.rate_hz = 0;
  EXPECT_EQ(error_code_of([&] { shared_aligner().align(bad_rate, "hello"); }), error_code::kInvalidArgument);
}

TEST(ForcedAligner, ThousandWordsForOneSecondIsNotAMatch) {
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "word number ";
  const Alignment a = shared_aligner().align(noise(1.0, 0.05), text);
  EXPECT_FALSE(a.matches);
  EXPECT_NE(a.reason.find("too long"), std::string::npos) << a.reason;
}

TEST(ForcedAligner, TooManyWordsIsInvalidArgument) {
  AlignerOptions options;
  options.max_words = 10;
  ForcedAligner aligner(options);
  EXPECT_EQ(error_code_of([&] { aligner.align(noise(5.0, 0.05), "one two three four five six seven eight nine ten eleven"); }),
            error_code::kInvalidArgument);
}

TEST(ForcedAligner, NoiseDoesNotMatchAText) {
  const Alignment a = shared_aligner().align(noise(3.0, 0.03), "Will we ever forget it.");
  EXPECT_FALSE(a.matches);
  EXPECT_FALSE(a.reason.empty());
}

TEST(ForcedAligner, MissingModelIsUnavailable) {
  AlignerOptions options;
  options.model_dir = "/nonexistent-model-dir";
  EXPECT_EQ(error_code_of([&] { ForcedAligner aligner(options); }), error_code::kUnavailable);
}

TEST(ForcedAligner, KathleenMatchesHerTranscriptsAndNotOthers) {
  ECHOES_REQUIRE_SPEECH_DATA();
  const auto corpus = corpus::read_corpus(echoes::testing::speech_dir() / "kathleen");
  ASSERT_EQ(corpus.size(), 593u);
  int matched = 0;
  int wrong_flagged = 0;
  const int pairs = 20;
  for (int i = 0; i < pairs; ++i) {
    const auto& item = corpus[static_cast<std::size_t>(i) * 29];
    const auto& other = corpus[(static_cast<std::size_t>(i) * 29 + 101) % corpus.size()];
    const audio::Audio audio = corpus::load_audio(item.audio_path);
    const Alignment good = shared_aligner().align(audio, item.text);
    SCOPED_TRACE(item.id);
    expect_well_formed(good, normalize_transcript(item.text).size());
    EXPECT_TRUE(good.matches) << good.reason;
    EXPECT_TRUE(good.reason.empty());
    EXPECT_NEAR(good.duration_s, audio.duration_s(), 1e-9);
    matched += good.matches ? 1 : 0;
    const Alignment wrong = shared_aligner().align(audio, other.text);
    EXPECT_FALSE(wrong.matches) << "aligned to " << other.id << ": score " << wrong.match_score;
    EXPECT_FALSE(wrong.reason.empty());
    EXPECT_LT(wrong.match_score, good.match_score);
    wrong_flagged += wrong.matches ? 0 : 1;
  }
  std::printf("kathleen: %d/%d own transcripts match, %d/%d wrong transcripts flagged\n", matched, pairs,
              wrong_flagged, pairs);
  EXPECT_EQ(matched, pairs);
  EXPECT_EQ(wrong_flagged, pairs);
}

TEST(ForcedAligner, ResultsDoNotDependOnInputRate) {
  ECHOES_REQUIRE_SPEECH_DATA();
  const auto dir = echoes::testing::speech_dir() / "kathleen";
  const audio::Audio flac = corpus::load_audio(dir / "audio" / "arctic_a0004.flac");   // 22,050 Hz
  const audio::Audio wav = corpus::load_audio(dir / "original" / "arctic_a0004.wav");  // 48 kHz stereo
  const std::string text = "Lord, but I'm glad to see you again, Phil.";
  const Alignment a = shared_aligner().align(flac, text);
  const Alignment b = shared_aligner().align(wav, text);
  ASSERT_EQ(a.words.size(), b.words.size());
  for (std::size_t w = 0; w < a.words.size(); ++w) {
    EXPECT_NEAR(a.words[w].start_s, b.words[w].start_s, 0.021) << a.words[w].word;
    EXPECT_NEAR(a.words[w].end_s, b.words[w].end_s, 0.021) << a.words[w].word;
  }
  EXPECT_TRUE(a.matches);
  EXPECT_TRUE(b.matches);
}

TEST(ForcedAligner, ReuseGivesIdenticalResults) {
  ECHOES_REQUIRE_SPEECH_DATA();
  const audio::Audio audio =
      corpus::load_audio(echoes::testing::speech_dir() / "kathleen" / "audio" / "arctic_a0005.flac");
  const Alignment first = shared_aligner().align(audio, "Will we ever forget it.");
  shared_aligner().align(audio, "Something else entirely, said twice over.");
  const Alignment again = shared_aligner().align(audio, "Will we ever forget it.");
  ASSERT_EQ(first.phones.size(), again.phones.size());
  for (std::size_t i = 0; i < first.phones.size(); ++i) {
    EXPECT_EQ(first.phones[i].phone, again.phones[i].phone);
    EXPECT_EQ(first.phones[i].start_s, again.phones[i].start_s);
  }
  EXPECT_EQ(first.match_score, again.match_score);
}

TEST(ForcedAligner, UnknownWordsUseLetterToSoundAndAreListed) {
  ECHOES_REQUIRE_SPEECH_DATA();
  const audio::Audio audio =
      corpus::load_audio(echoes::testing::speech_dir() / "kathleen" / "audio" / "arctic_a0005.flac");
  // "forgetz" is not in cmudict; the recording says "forget": still close enough to align.
  const Alignment a = shared_aligner().align(audio, "Will we ever forgetz it.");
  ASSERT_EQ(a.unknown_words, std::vector<std::string>{"forgetz"});
  ASSERT_EQ(a.words.size(), 5u);
  EXPECT_FALSE(a.words[3].in_dictionary);
  EXPECT_TRUE(a.words[0].in_dictionary);
}

}  // namespace
}  // namespace echoes::align

namespace echoes::align {
namespace {

// Mandarin-L1 learners reading prompts: accents, hesitations and repeats make this much
// harder than native speech, so the thresholds here are "mostly", not "all".
TEST(ForcedAligner, SpeechoceanLearnersMostlyAlign) {
  ECHOES_REQUIRE_SPEECH_DATA();
  int total = 0;
  int matched = 0;
  int wrong_flagged = 0;
  for (const char* speaker : {"9600", "9614", "9616", "9649", "8002", "9628"}) {
    const auto corpus = corpus::read_corpus(echoes::testing::speech_dir() / "speechocean" / speaker);
    ASSERT_EQ(corpus.size(), 20u) << speaker;
    for (std::size_t i = 0; i < corpus.size(); i += 2) {
      const audio::Audio audio = corpus::load_audio(corpus[i].audio_path);
      const Alignment own = shared_aligner().align(audio, corpus[i].text);
      SCOPED_TRACE(corpus[i].id);
      expect_well_formed(own, normalize_transcript(corpus[i].text).size());
      const Alignment wrong = shared_aligner().align(audio, corpus[(i + 5) % corpus.size()].text);
      ++total;
      matched += own.matches ? 1 : 0;
      wrong_flagged += wrong.matches ? 0 : 1;
    }
  }
  std::printf("speechocean: %d/%d own transcripts match, %d/%d wrong transcripts flagged\n", matched, total,
              wrong_flagged, total);
  EXPECT_GE(matched, total * 7 / 10);
  EXPECT_GE(wrong_flagged, total * 7 / 10);
}

}  // namespace
}  // namespace echoes::align
