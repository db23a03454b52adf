#include "voice/phone_labels.h"

#include <algorithm>

#include "voice/phones.h"

namespace echoes::voice {
namespace {

double substitution_cost(PhoneId a, PhoneId b) {
  if (a == b) return 0.0;
  return phone_class(a) == phone_class(b) ? 0.6 : 1.5;
}

}  // namespace

std::vector<PhoneLabel> label_aligned_phones(const align::Alignment& aligned,
                                             const text::Utterance& analysed) {
  std::vector<PhoneLabel> labels(aligned.phones.size());
  std::vector<int> a_idx, f_idx;  // speech phones only
  std::vector<PhoneId> a_ph, f_ph;
  for (std::size_t i = 0; i < aligned.phones.size(); ++i) {
    const PhoneId id = phone_id(aligned.phones[i].phone);
    if (id == kPause || id == kUnknownPhone) continue;
    a_idx.push_back(int(i));
    a_ph.push_back(id);
  }
  for (std::size_t i = 0; i < analysed.phones.size(); ++i) {
    const PhoneId id = phone_id(analysed.phones[i].name);
    if (id == kPause || id == kUnknownPhone) continue;
    f_idx.push_back(int(i));
    f_ph.push_back(id);
  }
  const std::size_t n = a_ph.size(), m = f_ph.size();
  if (n == 0 || m == 0) return labels;
  // Edit distance with back-pointers (0 diag, 1 up = skip aligned, 2 left = skip flite).
  const double gap = 1.0;
  std::vector<double> cost((n + 1) * (m + 1));
  std::vector<char> from((n + 1) * (m + 1), 0);
  auto at = [m](std::size_t i, std::size_t j) { return i * (m + 1) + j; };
  for (std::size_t i = 0; i <= n; ++i) { cost[at(i, 0)] = gap * i; from[at(i, 0)] = 1; }
  for (std::size_t j = 0; j <= m; ++j) { cost[at(0, j)] = gap * j; from[at(0, j)] = 2; }
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const double diag = cost[at(i - 1, j - 1)] + substitution_cost(a_ph[i - 1], f_ph[j - 1]);
      const double up = cost[at(i - 1, j)] + gap;
      const double left = cost[at(i, j - 1)] + gap;
      double best = diag;
      char dir = 0;
      if (up < best) { best = up; dir = 1; }
      if (left < best) { best = left; dir = 2; }
      cost[at(i, j)] = best;
      from[at(i, j)] = dir;
    }
  }
  std::size_t i = n, j = m;
  while (i > 0 && j > 0) {
    const char dir = from[at(i, j)];
    if (dir == 0) {
      const auto& fp = analysed.phones[f_idx[j - 1]];
      PhoneLabel& label = labels[a_idx[i - 1]];
      label.matched = phone_class(a_ph[i - 1]) == phone_class(f_ph[j - 1]);
      label.stress = fp.stress > 0 ? 1 : 0;
      label.syllable_initial = fp.syllable_start;
      label.flite_duration_s = fp.flite_duration_s;
      --i;
      --j;
    } else if (dir == 1) {
      --i;
    } else {
      --j;
    }
  }
  return labels;
}

}  // namespace echoes::voice
