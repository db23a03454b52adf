#include "synth/psola.h"

#include <algorithm>
#include <cmath>

namespace echoes::synth {
namespace {

/// A pitch mark on the virtual time line.
struct Mark {
  std::int32_t src = 0;   ///< sample index in the voice audio
  double virt = 0.0;      ///< position on the concatenated (unscaled) time line, samples
  double out = 0.0;       ///< position in the output at natural pitch, samples
  double left = 0.0;      ///< window half-length before the mark, samples
  double right = 0.0;     ///< window half-length after the mark (= step to the next mark)
  double period = 0.0;    ///< source period around the mark, samples (voiced marks)
  bool voiced = false;
  double log_f0_shift = 0.0;  ///< the segment's requested F0 change, natural log
  bool wide_f0_range = false;
  double f0_ratio = 1.0;
  std::size_t segment = 0;  ///< index of the segment the mark comes from
};

/// Decoded voice audio: samples [start, start + samples.size()).
struct Source {
  long start = 0;
  std::span<const std::int16_t> samples;
};

double source_spacing(const voice::VoiceModel& v, std::size_t i, int direction, double fallback) {
  if (direction > 0) return i + 1 < v.marks.size() ? double(v.marks[i + 1] - v.marks[i]) : fallback;
  return i > 0 ? double(v.marks[i] - v.marks[i - 1]) : fallback;
}

std::vector<Mark> collect_marks(const voice::VoiceModel& v, std::span<const PsolaSegment> segments) {
  std::vector<Mark> marks;
  const double min_len = v.rate_hz / 1000.0, max_len = v.rate_hz / 40.0;
  const double fallback = v.rate_hz * 0.005;
  std::int32_t previous_end = -1;
  for (std::size_t g = 0; g < segments.size(); ++g) {
    const PsolaSegment& seg = segments[g];
    if (seg.end_sample <= seg.start_sample) continue;
    auto it = std::lower_bound(v.marks.begin(), v.marks.end(), seg.start_sample);
    std::vector<Mark> here;
    for (; it != v.marks.end() && *it < seg.end_sample; ++it) {
      const auto i = std::size_t(it - v.marks.begin());
      Mark m;
      m.src = *it;
      m.voiced = v.mark_voiced[i] != 0;
      const double l = source_spacing(v, i, -1, fallback), r = source_spacing(v, i, +1, fallback);
      m.period = 0.5 * (l + r);
      m.left = l;
      m.right = r;
      here.push_back(m);
    }
    if (here.empty()) {  // a segment shorter than a mark spacing still contributes a grain
      Mark m;
      m.src = (seg.start_sample + seg.end_sample) / 2;
      m.left = m.right = m.period = std::max(min_len, double(seg.end_sample - seg.start_sample));
      here.push_back(m);
    }
    const bool contiguous = seg.start_sample == previous_end;
    for (std::size_t k = 0; k < here.size(); ++k) {
      Mark m = here[k];
      m.log_f0_shift = seg.log_f0_shift;
      m.wide_f0_range = seg.wide_f0_range;
      m.segment = g;
      if (marks.empty()) {
        m.virt = 0.0;
        m.out = 0.0;
      } else {
        const Mark& p = marks.back();
        double gap = double(m.src - p.src);
        if (k == 0 && !contiguous) {
          // Natural distance across the join, kept within the periods on both sides.
          const double natural = double((previous_end - p.src) + (m.src - seg.start_sample));
          const double period = 0.5 * (p.right + m.left);
          gap = std::clamp(natural, 0.6 * period, 1.4 * period);
        }
        m.virt = p.virt + gap;
        m.out = p.out + gap * seg.time_scale;
        marks.back().right = gap;
        m.left = gap;
      }
      marks.push_back(m);
    }
    previous_end = seg.end_sample;
  }
  for (Mark& m : marks) {
    m.left = std::clamp(m.left, min_len, max_len);
    m.right = std::clamp(m.right, min_len, max_len);
  }
  return marks;
}

/// Smooths the wanted log F0 (natural + the segment's shift) over voiced runs (on the output
/// time line) and stores the ratio smoothed / natural in each voiced mark.
void plan_f0(std::vector<Mark>& marks, int rate_hz, const PsolaOptions& o) {
  const double half_window = 0.5 * o.f0_smoothing_s * rate_hz;
  std::vector<double> log_f0(marks.size(), 0.0);
  for (std::size_t i = 0; i < marks.size(); ++i) {
    if (marks[i].voiced) log_f0[i] = std::log(rate_hz / std::max(1.0, marks[i].period));
  }
  std::vector<double> wanted(marks.size());
  for (std::size_t i = 0; i < marks.size(); ++i) wanted[i] = log_f0[i] + marks[i].log_f0_shift;
  std::size_t run_start = 0;
  while (run_start < marks.size()) {
    if (!marks[run_start].voiced) { ++run_start; continue; }
    std::size_t run_end = run_start;
    while (run_end < marks.size() && marks[run_end].voiced) ++run_end;
    for (std::size_t i = run_start; i < run_end; ++i) {
      double sum = 0.0, weight = 0.0;
      for (std::size_t k = run_start; k < run_end; ++k) {
        const double d = std::abs(marks[k].out - marks[i].out);
        if (half_window <= 0.0 ? k != i : d >= half_window) continue;
        const double w = half_window > 0.0 ? 1.0 - d / half_window : 1.0;
        sum += w * wanted[k];
        weight += w;
      }
      const double target = weight > 0 ? sum / weight : wanted[i];
      const bool wide = marks[i].wide_f0_range;
      marks[i].f0_ratio = std::clamp(std::exp(target - log_f0[i]) * o.f0_scale, wide ? o.wide_min_f0_ratio : o.min_f0_ratio,
                                     wide ? o.wide_max_f0_ratio : o.max_f0_ratio);
    }
    run_start = run_end;
  }
}

/// The source samples a mark's grain reads: [src - left, src + right], rounded as add_grain does.
long grain_first(const Mark& m) { return m.src - std::lround(m.left); }
long grain_last(const Mark& m) { return m.src + std::lround(m.right); }

void add_grain(const Source& source, const Mark& m, long at, std::vector<float>& out) {
  const long left = std::lround(m.left), right = std::lround(m.right);
  const long src_end = source.start + long(source.samples.size());
  const double inv = 1.0 / 32768.0;
  for (long k = -left; k <= right; ++k) {
    const long s = m.src + k, o = at + k;
    if (s < source.start || s >= src_end || o < 0 || o >= long(out.size())) continue;
    const double w = k < 0 ? 0.5 * (1.0 + std::cos(M_PI * double(k) / double(left)))
                           : 0.5 * (1.0 + std::cos(M_PI * double(k) / double(std::max(1L, right))));
    out[std::size_t(o)] += float(w * source.samples[std::size_t(s - source.start)] * inv);
  }
}

/// Per segment, the stretch of the voice's audio its marks' grains read (within the audio),
/// decoded once: a render touches a few dozen stretches, and blocks shared by neighbouring
/// segments are decoded once (SampleReader).
struct DecodedSources {
  std::vector<std::vector<std::int16_t>> buffers;  ///< the decoded samples
  std::vector<Source> sources;                     ///< per segment, viewing buffers
};

DecodedSources decode_sources(const voice::VoiceModel& voice, const std::vector<Mark>& marks, std::size_t segment_count) {
  const long n = long(voice.samples.size());
  std::vector<long> first(segment_count, n), last(segment_count, -1);
  for (const Mark& m : marks) {
    first[m.segment] = std::min(first[m.segment], std::max(0L, grain_first(m)));
    last[m.segment] = std::max(last[m.segment], std::min(n - 1, grain_last(m)));
  }
  audio::SampleReader reader(voice.samples);
  DecodedSources out{std::vector<std::vector<std::int16_t>>(segment_count), std::vector<Source>(segment_count)};
  for (std::size_t g = 0; g < segment_count; ++g) {
    if (last[g] < first[g]) continue;
    auto& buffer = out.buffers[g];
    buffer.resize(std::size_t(last[g] - first[g] + 1));
    reader.read(std::size_t(first[g]), buffer);
    out.sources[g] = {first[g], buffer};
  }
  return out;
}

/// Overlap-adds the grains of `marks` (collected and planned), reading each mark's source
/// from source_of(mark).
template <typename SourceOf>
std::vector<float> render_marks(const std::vector<Mark>& marks, SourceOf&& source_of) {
  const double offset = marks.front().left;  // the first grain's window starts at sample 0
  const double last = marks.back().out;
  std::vector<float> out(std::size_t(std::ceil(offset + last + marks.back().right)) + 1, 0.0f);
  std::size_t j = 0;
  double t = 0.0;
  while (t <= last + 0.5) {
    while (j + 1 < marks.size() && std::abs(marks[j + 1].out - t) <= std::abs(marks[j].out - t)) ++j;
    const Mark& m = marks[j];
    add_grain(source_of(m), m, std::lround(offset + t), out);
    const double step = m.voiced ? m.right / m.f0_ratio : m.right;
    t += std::max(1.0, step);
  }
  return out;
}

std::vector<Mark> planned_marks(const voice::VoiceModel& voice, std::span<const PsolaSegment> segments,
                                const PsolaOptions& options) {
  std::vector<Mark> marks = collect_marks(voice, segments);
  if (!marks.empty()) plan_f0(marks, voice.rate_hz, options);
  return marks;
}

}  // namespace

std::vector<float> psola_render(const voice::VoiceModel& voice, std::span<const PsolaSegment> segments,
                                const PsolaOptions& options) {
  const std::vector<Mark> marks = planned_marks(voice, segments, options);
  if (marks.empty()) return {};
  const DecodedSources decoded = decode_sources(voice, marks, segments.size());
  return render_marks(marks, [&](const Mark& m) -> const Source& { return decoded.sources[m.segment]; });
}

std::vector<float> psola_render(const voice::VoiceModel& voice, std::span<const std::int16_t> decoded,
                                std::span<const PsolaSegment> segments, const PsolaOptions& options) {
  const std::vector<Mark> marks = planned_marks(voice, segments, options);
  if (marks.empty()) return {};
  const Source all{0, decoded};
  return render_marks(marks, [&](const Mark&) -> const Source& { return all; });
}

}  // namespace echoes::synth
