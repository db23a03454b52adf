#include "server/json_views.h"

namespace echoes::server {
namespace {

nlohmann::json optional_number(const std::optional<double>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json user_to_json(const store::User& user) {
  return {{"id", user.id}, {"email", user.email}, {"name", user.name},
          {"role", user.role}, {"createdAt", user.created_at}};
}

nlohmann::json job_to_json(const store::Job& job) {
  nlohmann::json result = nullptr;
  if (job.result_json) result = nlohmann::json::parse(*job.result_json, nullptr, false);
  if (result.is_discarded()) result = nullptr;
  return {{"id", job.id},
          {"kind", job.kind},
          {"state", job.state},
          {"progress", job.progress},
          {"message", job.message},
          {"result", result},
          {"createdAt", job.created_at},
          {"startedAt", optional_number(job.started_at)},
          {"finishedAt", optional_number(job.finished_at)}};
}

}  // namespace echoes::server
