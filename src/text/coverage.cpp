#include "text/coverage.h"

#include "text/diphone_reference.h"
#include "text/phone_set.h"

namespace echoes::text {

void add_to_inventory(const Utterance& utterance, PhoneticInventory& inventory) {
  const auto& phones = utterance.phones;
  for (std::size_t i = 0; i < phones.size(); ++i) {
    const bool pause = phones[i].name == kPausePhone;
    if (!pause) ++inventory.phone_counts[phones[i].name];
    if (i == 0) continue;
    if (pause && phones[i - 1].name == kPausePhone) continue;
    ++inventory.diphone_counts[diphone_key(phones[i - 1].name, phones[i].name)];
  }
}

PhoneticInventory inventory_of(const std::vector<Utterance>& utterances) {
  PhoneticInventory inventory;
  for (const auto& u : utterances) add_to_inventory(u, inventory);
  return inventory;
}

namespace {

double share(double part, double whole) { return whole > 0 ? part / whole : 0.0; }

}  // namespace

Coverage measure_coverage(const PhoneticInventory& inventory) {
  Coverage c;
  const auto& phones = english_phones();
  c.phones_total = static_cast<int>(phones.size());
  for (const auto& p : phones) c.phones_present += inventory.phone_counts.count(p) ? 1 : 0;
  c.phone_coverage = share(c.phones_present, c.phones_total);

  const auto& diphones = english_diphone_inventory();
  c.diphones_total = static_cast<int>(diphones.size());
  for (const auto& d : diphones) c.diphones_present += inventory.diphone_counts.count(d) ? 1 : 0;
  c.diphone_coverage = share(c.diphones_present, c.diphones_total);

  double weight_present = 0.0, weight_total = 0.0;
  for (const auto& ref : reference_diphone_counts()) {
    ++c.reference_diphones_total;
    weight_total += ref.count;
    if (inventory.diphone_counts.count(std::string(ref.diphone))) {
      ++c.reference_diphones_present;
      weight_present += ref.count;
    }
  }
  c.reference_diphone_coverage = share(c.reference_diphones_present, c.reference_diphones_total);
  c.weighted_diphone_coverage = share(weight_present, weight_total);
  return c;
}

}  // namespace echoes::text
