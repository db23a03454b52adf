// Text front end speed: milliseconds per sentence of ordinary English.
#include "bench.h"
#include "text/flite_front_end.h"
#include "text/passages.h"
#include "text/sentences.h"

ECHOES_BENCH("text_front_end") {
  const echoes::text::FliteFrontEnd front_end;
  std::vector<std::string> sentences;
  for (const auto& p : echoes::text::passages()) {
    for (auto& s : echoes::text::split_sentences(p.text)) sentences.push_back(std::move(s));
  }
  front_end.analyze("Warm up.");
  const int rounds = 20;
  std::size_t phones = 0;
  const double t0 = echoes::bench::now_s();
  for (int r = 0; r < rounds; ++r) {
    for (const auto& s : sentences) phones += front_end.analyze(s).phones.size();
  }
  const double elapsed_s = echoes::bench::now_s() - t0;
  const double n = static_cast<double>(rounds * sentences.size());
  echoes::bench::report("ms_per_sentence", 1000.0 * elapsed_s / n, "ms");
  echoes::bench::report("phones_per_sentence", phones / n, "phones");
  const double t1 = echoes::bench::now_s();
  for (int r = 0; r < rounds; ++r) {
    for (const auto& p : echoes::text::passages()) front_end.analyze(p.text);
  }
  echoes::bench::report("ms_per_passage", 1000.0 * (echoes::bench::now_s() - t1) / (rounds * 4.0), "ms");
}
