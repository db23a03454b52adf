#pragma once
// Public JSON views of stored rows (camelCase, no paths, no secrets).
#include <nlohmann/json.hpp>

#include "store/records.h"

namespace echoes::server {

nlohmann::json user_to_json(const store::User& user);
nlohmann::json job_to_json(const store::Job& job);

}  // namespace echoes::server
