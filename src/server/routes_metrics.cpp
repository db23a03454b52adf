// GET /metrics: Prometheus text format. Counts and timings only — no user data.
#include "metrics/registry.h"
#include "server/context.h"
#include "server/http_util.h"

namespace echoes::server {
namespace {

double queued_training_jobs(store::Database& db) {
  auto statement = db.connection().prepare("SELECT COUNT(*) FROM jobs WHERE kind = 'train_voice' AND state = 'queued'");
  return statement.step() ? static_cast<double>(statement.column_int64(0)) : 0.0;
}

void describe_metrics(ServerContext& context) {
  auto& registry = metrics::Registry::global();
  registry.describe("echoes_http_requests_total", "HTTP requests by method, route and status.", "counter");
  registry.describe("echoes_http_request_duration_seconds", "HTTP request latency by route.", "histogram");
  registry.describe("echoes_upload_rejections_total", "Rejected recording uploads by reason.", "counter");
  registry.describe("echoes_synthesis_time_to_first_audio_seconds", "Request to first synthesized audio.", "histogram");
  registry.describe("echoes_synthesis_real_time_factor", "Synthesis time divided by audio duration.", "histogram",
                    {0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0});
  registry.describe("echoes_training_duration_seconds", "Voice build duration.", "histogram",
                    {1, 2, 5, 10, 20, 30, 60, 120, 300, 600});
  registry.describe("echoes_chat_reply_seconds", "AI Echo reply time (text model or fallback).", "histogram");
  registry.describe("echoes_chat_replies_total",
                    "AI Echo replies by fallback level (0 model, 1 memories, 2 no memory) and text model state.",
                    "counter");
  registry.gauge("echoes_training_queue_depth", "Voice builds waiting in the queue.",
                 [&context] { return queued_training_jobs(context.db); });
  registry.gauge("echoes_process_resident_memory_bytes", "Resident memory of the server process.",
                 [] { return metrics::process_resident_bytes(); });
}

}  // namespace

void register_metrics_routes(RouteTable& http, ServerContext& context) {
  describe_metrics(context);
  http.Get("/metrics", guarded("/metrics", [](const httplib::Request&, httplib::Response& res) {
             res.status = 200;
             res.set_content(metrics::Registry::global().render(), "text/plain; version=0.0.4; charset=utf-8");
           }));
}

}  // namespace echoes::server
