// A loaded voice's memory (docs/voice-engine.md, "Limits"): the compressed audio's size and
// speed for each block / partition length over 10 minutes of Kathleen, then a real voice
// built from those 10 minutes (memory, load time, synthesis speed), one thread.
#include <malloc.h>

#include <cstdio>
#include <string>
#include <vector>

#include "audio/sample_store.h"
#include "bench.h"
#include "kathleen_set.h"
#include "support/test_data.h"
#include "synth/synthesizer.h"
#include "voice/build.h"

namespace {

using namespace echoes;

constexpr double kVoiceAudioS = 600.0;

void report_codec(const std::vector<voice::TrainingUtterance>& utterances) {
  for (int block : {1024, 2048, 4096, 8192}) {
    for (int partition : {128, 256, 512}) {
      audio::SampleStoreOptions o;
      o.block_samples = block;
      o.codec.partition_samples = partition;
      audio::SampleStore store(o);
      double t0 = bench::now_s();
      for (const auto& u : utterances) store.append(std::span<const float>(u.audio.samples));
      const double encode_s = bench::now_s() - t0;
      t0 = bench::now_s();
      const auto all = store.read_all();
      const double decode_s = bench::now_s() - t0;
      const std::string name = "block " + std::to_string(block) + " partition " + std::to_string(partition);
      bench::report(name + " compressed / raw", double(store.coded_bytes()) / (2.0 * double(all.size())), "");
      bench::report(name + " encode", encode_s * 1e9 / double(all.size()), "ns/sample");
      bench::report(name + " decode", decode_s * 1e9 / double(all.size()), "ns/sample");
    }
  }
}

std::size_t heap_in_use_bytes() {
  const struct mallinfo2 info = mallinfo2();
  return info.uordblks + info.hblkhd;
}

}  // namespace

ECHOES_BENCH("voice-memory") {
  if (!echoes::testing::speech_data_available()) {
    std::printf("voice-memory: shared speech data missing, skipped\n");
    return;
  }
  const auto prompts = bench::kathleen_prompts();
  const auto utterances = bench::kathleen_build_set(prompts, kVoiceAudioS);
  report_codec(utterances);

  double t0 = bench::now_s();
  const voice::VoiceModel built = voice::build_voice(utterances, {});
  bench::report("10-min voice build", bench::now_s() - t0, "s");
  // Heap actually held by the loaded voice (glibc's count of bytes in use, mmapped blocks
  // included), next to the voice's own estimate: every byte of it is written, so resident.
  const std::size_t heap_before = heap_in_use_bytes();
  const voice::VoiceModel loaded = bench::save_and_time_loading(built, "10-min voice");
  const std::size_t heap_after = heap_in_use_bytes();
  bench::report("10-min voice kept audio", loaded.audio_duration_s(), "s");
  bench::report("10-min voice memory", double(loaded.memory_bytes()) / 1e6, "MB");
  bench::report("10-min voice heap held after load", double(heap_after - heap_before) / 1e6, "MB");
  bench::report("10-min voice audio compressed / raw",
                double(loaded.samples.coded_bytes()) / (2.0 * double(loaded.samples.size())), "");

  std::vector<std::string> texts;
  for (std::size_t i = 499; i < prompts.size() && texts.size() < 20; ++i) texts.push_back(prompts[i].text);
  synth::synthesize(loaded, texts.front());  // warm the front end
  double spoken_s = 0.0;
  t0 = bench::now_s();
  for (const auto& text : texts) spoken_s += synth::synthesize(loaded, text).duration_s();
  bench::report("10-min voice synthesis (standard)", spoken_s / (bench::now_s() - t0), "x real time");
}
