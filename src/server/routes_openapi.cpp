// GET /api/openapi.json: the OpenAPI 3 description of this API. The document is
// docs/openapi.json, embedded at configure time (src/server/CMakeLists.txt), so the program
// serves it the same from a checkout and when installed; tests/server/test_api_openapi.cpp
// checks it against the routes the server registers.
#include "server/context.h"
#include "server/http_util.h"
#include "server/openapi_document.h"

namespace echoes::server {

void register_openapi_routes(RouteTable& http) {
  http.Get("/api/openapi.json", guarded("/api/openapi.json", [](const httplib::Request&, httplib::Response& res) {
             res.status = 200;
             res.set_content(kOpenApiJson.data(), kOpenApiJson.size(), "application/json");
           }));
}

}  // namespace echoes::server
