// POST /api/voice/train, GET /api/voice/train/{jobId}: voice builds as background jobs.
#include "common/error.h"
#include "server/body_limits.h"
#include "server/context.h"
#include "server/http_util.h"
#include "server/json_views.h"
#include "store/clock.h"
#include "studio/training_worker.h"

namespace echoes::server {
namespace {

nlohmann::json training_job_json(ServerContext& context, const store::Job& job) {
  nlohmann::json view = job_to_json(job);
  // Polled every second by the UI: a sum of durations, not a whole status/assessment.
  const double queued_estimate_s = context.studio.estimated_training_time_s(job.user_id);
  view["etaSec"] = studio::estimate_remaining_s(job, store::unix_now_s(), queued_estimate_s);
  view["messages"] = job.message.empty() ? nlohmann::json::array() : nlohmann::json::array({job.message});
  return view;
}

}  // namespace

void register_train_routes(RouteTable& http, ServerContext& context) {
  http.Post("/api/voice/train",
            capped_body(kSmallBodyBytes, signed_in(context, "/api/voice/train",
                      [&context](const store::User& user, const httplib::Request&, httplib::Response& res) {
                        const store::Job job = context.studio.start_training(user.id);
                        context.training.notify();
                        send_json(res, 202, {{"job", training_job_json(context, job)}});
                      })));
  http.Get("/api/voice/train/([0-9a-f]{32})",
           signed_in(context, "/api/voice/train/{jobId}",
                     [&context](const store::User& user, const httplib::Request& req, httplib::Response& res) {
                       const auto job = context.studio.training_job(user.id, req.matches[1]);
                       if (!job) throw Error(error_code::kNotFound, "That training job does not exist.");
                       send_json(res, 200, {{"job", training_job_json(context, *job)}});
                     }));
}

}  // namespace echoes::server
