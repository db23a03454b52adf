// GET /api/openapi.json: an OpenAPI 3 description served by the real binary, checked against
// the routes a server really registers (server::RouteTable, read from an in-process Server
// over a fresh data folder): every route is documented and every documented operation exists.
#include <set>

#include "api_fixture.h"
#include "server/route_table.h"
#include "server/server.h"

namespace echoes::testing {
namespace {

using nlohmann::json;

const std::set<std::string> kHttpMethods = {"get", "put", "post", "delete", "patch", "head", "options", "trace"};

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

// "GET /api/voice/{}" for each operation of the document.
std::set<std::string> documented_operations(const json& document) {
  std::set<std::string> operations;
  for (const auto& [path, item] : document.at("paths").items()) {
    for (const auto& [method, operation] : item.items()) {
      if (kHttpMethods.count(method)) operations.insert(upper(method) + " " + server::path_shape(path));
    }
  }
  return operations;
}

std::set<std::string> registered_operations(const std::filesystem::path& data_dir) {
  Config config;
  config.data_dir = data_dir;
  config.log_level = "off";
  const server::Server server(config);
  std::set<std::string> operations;
  for (const auto& route : server.routes()) operations.insert(route.method + " " + server::path_shape(route.pattern));
  return operations;
}

std::string missing_from(const std::set<std::string>& from, const std::set<std::string>& wanted) {
  std::string missing;
  for (const auto& operation : wanted) {
    if (!from.count(operation)) missing += "\n  " + operation;
  }
  return missing;
}

class OpenApiDocument : public ApiTest {
 protected:
  json served_document() {
    auto result = http_->Get("/api/openapi.json");  // no bearer: the description is public
    EXPECT_TRUE(result);
    EXPECT_EQ(result->status, 200);
    EXPECT_EQ(result->get_header_value("Content-Type"), "application/json");
    return json::parse(result->body);
  }
};

TEST(PathShape, RegexGroupsAndTemplateParametersBothBlank) {
  EXPECT_EQ(server::path_shape("/api/voice/([0-9a-f]{32})"), "/api/voice/{}");
  EXPECT_EQ(server::path_shape("/api/voice/{voiceId}"), "/api/voice/{}");
  EXPECT_EQ(server::path_shape("/api/voice/recordings/([0-9a-f]{32})/audio"), "/api/voice/recordings/{}/audio");
  EXPECT_EQ(server::path_shape("/api/voice/recordings/{id}/audio"), "/api/voice/recordings/{}/audio");
  EXPECT_EQ(server::path_shape("/v1/models"), "/v1/models");
}

TEST_F(OpenApiDocument, IsAnOpenApi3DocumentWithResponsesForEveryOperation) {
  const json document = served_document();
  EXPECT_EQ(document.at("openapi").get<std::string>().substr(0, 2), "3.");
  EXPECT_FALSE(document.at("info").at("title").get<std::string>().empty());
  EXPECT_FALSE(document.at("info").at("version").get<std::string>().empty());
  ASSERT_TRUE(document.at("components").at("securitySchemes").contains("bearer"));
  for (const auto& [path, item] : document.at("paths").items()) {
    EXPECT_EQ(path.front(), '/') << path;
    for (const auto& [method, operation] : item.items()) {
      EXPECT_TRUE(kHttpMethods.count(method)) << path << " " << method;
      EXPECT_FALSE(operation.at("responses").empty()) << method << " " << path;
    }
  }
}

TEST_F(OpenApiDocument, DescribesExactlyTheRoutesTheServerRegisters) {
  const auto documented = documented_operations(served_document());
  TempDir other_data;
  const auto registered = registered_operations(other_data.path());
  EXPECT_GE(registered.size(), 30u);  // the table sees every route file
  EXPECT_TRUE(registered.count("GET /api/openapi.json"));
  EXPECT_EQ(missing_from(documented, registered), "") << "registered but not in docs/openapi.json";
  EXPECT_EQ(missing_from(registered, documented), "") << "in docs/openapi.json but not registered";
}

TEST_F(OpenApiDocument, SpeechFormatsMatchWhatTheRouteAccepts) {
  const json speech = served_document()["paths"]["/v1/audio/speech"]["post"];
  const json format = speech["requestBody"]["content"]["application/json"]["schema"]["properties"]["response_format"];
  EXPECT_EQ(format["default"], "mp3");
  EXPECT_EQ(format["enum"], json({"mp3", "opus", "wav", "flac", "pcm"}));
  EXPECT_TRUE(speech["responses"].contains("415"));
}

}  // namespace
}  // namespace echoes::testing
