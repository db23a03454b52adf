#pragma once
// Known devices: clients that signed in to an account before, keyed by sha256(device token).
#include <optional>
#include <string>

#include "store/database.h"

namespace echoes::store {

class KnownDeviceRepository {
 public:
  explicit KnownDeviceRepository(Database& db) : db_(db) {}

  /// Records (or refreshes) the device for the user at `now_s`, then keeps only the user's
  /// `keep_per_user` most recently seen devices.
  void remember(const std::string& token_hash, const std::string& user_id, double now_s, int keep_per_user);
  /// The user the device signed in to, if it was seen at or after `seen_since_s`.
  std::optional<std::string> owner(const std::string& token_hash, double seen_since_s);

 private:
  Database& db_;
};

}  // namespace echoes::store
