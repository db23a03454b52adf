// GET /healthz: the process is up and its database answers.
#include "server/context.h"
#include "server/http_util.h"

namespace echoes::server {

void register_health_routes(RouteTable& http, ServerContext& context) {
  http.Get("/healthz", guarded("/healthz", [&context](const httplib::Request&, httplib::Response& res) {
             send_json(res, 200, {{"status", "ok"}, {"version", "0.1.0"},
                                  {"schemaVersion", context.db.schema_version()}});
           }));
}

}  // namespace echoes::server
