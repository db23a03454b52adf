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
  std::size_t stretch = 0;  ///< marks of one stretch come from one continuous piece of a recording
};

/// Decoded voice audio: samples [start, start + samples.size()).
struct Source {
  long start = 0;
  std::span<const std::int16_t> samples;

  /// Sample n of the voice audio, 0 outside what was decoded.
  double at(long n) const {
    const long k = n - start;
    return k >= 0 && k < long(samples.size()) ? double(samples[std::size_t(k)]) : 0.0;
  }
};

/// The gap (output samples from mark `a_mark` of source `a` to mark `b_mark` of source `b`)
/// at which the speech after a's mark and the speech before b's mark line up best: the
/// highest normalised correlation over one period, within +-25 % of `period`. Joins of
/// voiced units then overlap-add cycles in phase, whatever the marks' placement.
double aligned_gap(const Source& a, long a_mark, const Source& b, long b_mark, double period) {
  const long length = std::max(8L, std::lround(period));
  const long lo = std::max(2L, std::lround(0.75 * period)), hi = std::max(lo, std::lround(1.25 * period));
  double a_energy = 0.0;
  for (long k = 0; k < length; ++k) a_energy += a.at(a_mark + k) * a.at(a_mark + k);
  double best_score = -2.0;
  long best_gap = std::lround(period);
  for (long gap = lo; gap <= hi; ++gap) {
    double dot = 0.0, b_energy = 0.0;
    for (long k = 0; k < length; ++k) {
      const double y = b.at(b_mark - gap + k);
      dot += a.at(a_mark + k) * y;
      b_energy += y * y;
    }
    const double score = dot / std::sqrt(std::max(a_energy * b_energy, 1e-9));
    if (score > best_score) {
      best_score = score;
      best_gap = gap;
    }
  }
  return double(best_gap);
}

double source_spacing(const voice::VoiceModel& v, std::size_t i, int direction, double fallback) {
  if (direction > 0) return i + 1 < v.marks.size() ? double(v.marks[i + 1] - v.marks[i]) : fallback;
  return i > 0 ? double(v.marks[i] - v.marks[i - 1]) : fallback;
}

template <typename SourceOf>
std::vector<Mark> collect_marks(const voice::VoiceModel& v, std::span<const PsolaSegment> segments,
                                SourceOf&& source_of) {
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
    const std::size_t stretch = marks.empty() ? 0 : marks.back().stretch + (contiguous ? 0 : 1);
    for (std::size_t k = 0; k < here.size(); ++k) {
      Mark m = here[k];
      m.log_f0_shift = seg.log_f0_shift;
      m.wide_f0_range = seg.wide_f0_range;
      m.segment = g;
      m.stretch = stretch;
      if (marks.empty()) {
        m.virt = 0.0;
        m.out = 0.0;
      } else {
        const Mark& p = marks.back();
        double gap = double(m.src - p.src);
        if (k == 0 && !contiguous) {
          const double period = 0.5 * (p.right + m.left);
          if (p.voiced && m.voiced) {
            gap = aligned_gap(source_of(p.segment), p.src, source_of(g), m.src, period);
          } else {  // natural distance across the join, kept within the periods on both sides
            const double natural = double((previous_end - p.src) + (m.src - seg.start_sample));
            gap = std::clamp(natural, 0.6 * period, 1.4 * period);
          }
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

/// Triangular-window mean of `values` over the voiced marks [first, last) that `same` accepts,
/// by output position; `half_window` samples (<= 0: the value itself).
template <typename Same>
double smoothed_at(const std::vector<Mark>& marks, const std::vector<double>& values, std::size_t i,
                   std::size_t first, std::size_t last, double half_window, Same&& same) {
  if (half_window <= 0.0) return values[i];
  double sum = 0.0, weight = 0.0;
  const auto add = [&](std::size_t k) {  // false once k is outside the window (marks are in output order)
    const double d = std::abs(marks[k].out - marks[i].out);
    if (d >= half_window) return false;
    if (same(k)) {
      const double w = 1.0 - d / half_window;
      sum += w * values[k];
      weight += w;
    }
    return true;
  };
  for (std::size_t k = i; k < last && add(k); ++k) {}
  for (std::size_t k = i; k-- > first && add(k);) {}
  return weight > 0 ? sum / weight : values[i];
}

/// Plans each voiced mark's F0 ratio (output F0 / source F0). The source contour is read from
/// the mark spacing, which carries the marks' placement errors, so it is first smoothed
/// within each continuous stretch of a recording: inside a stretch the ratio is then the
/// stretch's own smooth shift, and a stretch asked for no change is copied cycle for cycle
/// (its natural jitter and shimmer kept, not replaced by the marks' errors). The wanted contour
/// (smooth source + the segment's shift) is smoothed across joins, so F0 steps between units
/// spread over f0_smoothing_s.
void plan_f0(std::vector<Mark>& marks, int rate_hz, const PsolaOptions& o) {
  const double half_window = 0.5 * o.f0_smoothing_s * rate_hz;
  std::vector<double> log_f0(marks.size(), 0.0);
  for (std::size_t i = 0; i < marks.size(); ++i) {
    if (marks[i].voiced) log_f0[i] = std::log(rate_hz / std::max(1.0, marks[i].period));
  }
  std::vector<double> source(marks.size(), 0.0), wanted(marks.size(), 0.0);
  std::size_t run_start = 0;
  while (run_start < marks.size()) {
    if (!marks[run_start].voiced) { ++run_start; continue; }
    std::size_t run_end = run_start;
    while (run_end < marks.size() && marks[run_end].voiced) ++run_end;
    for (std::size_t i = run_start; i < run_end; ++i) {
      source[i] = smoothed_at(marks, log_f0, i, run_start, run_end, half_window,
                              [&](std::size_t k) { return marks[k].stretch == marks[i].stretch; });
      wanted[i] = source[i] + marks[i].log_f0_shift;
    }
    for (std::size_t i = run_start; i < run_end; ++i) {
      const double target = smoothed_at(marks, wanted, i, run_start, run_end, half_window, [](std::size_t) { return true; });
      double ratio = std::exp(target - source[i]) * o.f0_scale;
      if (std::abs(std::log(ratio)) < o.unchanged_log_f0) ratio = 1.0;
      const bool wide = marks[i].wide_f0_range;
      marks[i].f0_ratio = std::clamp(ratio, wide ? o.wide_min_f0_ratio : o.min_f0_ratio,
                                     wide ? o.wide_max_f0_ratio : o.max_f0_ratio);
    }
    run_start = run_end;
  }
}


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

/// Per segment, the stretch of the voice's audio its grains and join alignment read, decoded
/// once: from three mark spacings before its first mark to three after its last (a grain
/// reaches one spacing, the join alignment up to 2.25 periods; SampleReader decodes blocks
/// shared by neighbouring segments once).
struct DecodedSources {
  std::vector<std::vector<std::int16_t>> buffers;  ///< the decoded samples
  std::vector<Source> sources;                     ///< per segment, viewing buffers
};

DecodedSources decode_sources(const voice::VoiceModel& voice, std::span<const PsolaSegment> segments) {
  const long n = long(voice.samples.size());
  const double min_len = voice.rate_hz / 1000.0, max_len = voice.rate_hz / 40.0;
  const auto spacing = [&](std::size_t i, int direction) {
    return std::clamp(source_spacing(voice, i, direction, max_len), min_len, max_len);
  };
  audio::SampleReader reader(voice.samples);
  DecodedSources out{std::vector<std::vector<std::int16_t>>(segments.size()), std::vector<Source>(segments.size())};
  for (std::size_t g = 0; g < segments.size(); ++g) {
    const auto& seg = segments[g];
    long first = long(seg.start_sample) - long(max_len), last = long(seg.end_sample) + long(max_len);
    const auto lo = std::lower_bound(voice.marks.begin(), voice.marks.end(), seg.start_sample);
    const auto hi = std::lower_bound(voice.marks.begin(), voice.marks.end(), seg.end_sample);
    if (lo != hi) {
      const auto i0 = std::size_t(lo - voice.marks.begin()), i1 = std::size_t(hi - voice.marks.begin()) - 1;
      first = std::min(long(seg.start_sample), long(voice.marks[i0] - 3.0 * spacing(i0, -1)));
      last = std::max(long(seg.end_sample), long(voice.marks[i1] + 3.0 * spacing(i1, +1)));
    }
    first = std::max(0L, first);
    last = std::min(n - 1, last);
    if (last < first) continue;
    auto& buffer = out.buffers[g];
    buffer.resize(std::size_t(last - first + 1));
    reader.read(std::size_t(first), buffer);
    out.sources[g] = {first, buffer};
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

template <typename SourceOf>
std::vector<float> render_segments(const voice::VoiceModel& voice, std::span<const PsolaSegment> segments,
                                   const PsolaOptions& options, SourceOf&& source_of) {
  std::vector<Mark> marks = collect_marks(voice, segments, source_of);
  if (marks.empty()) return {};
  plan_f0(marks, voice.rate_hz, options);
  return render_marks(marks, [&](const Mark& m) -> const Source& { return source_of(m.segment); });
}

}  // namespace

std::vector<float> psola_render(const voice::VoiceModel& voice, std::span<const PsolaSegment> segments,
                                const PsolaOptions& options) {
  const DecodedSources decoded = decode_sources(voice, segments);
  return render_segments(voice, segments, options,
                         [&](std::size_t segment) -> const Source& { return decoded.sources[segment]; });
}

std::vector<float> psola_render(const voice::VoiceModel& voice, std::span<const std::int16_t> decoded,
                                std::span<const PsolaSegment> segments, const PsolaOptions& options) {
  const Source all{0, decoded};
  return render_segments(voice, segments, options, [&](std::size_t) -> const Source& { return all; });
}

}  // namespace echoes::synth
