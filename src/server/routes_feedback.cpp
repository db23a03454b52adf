// POST /api/voice/feedback {synthesisId, rating 1-5, comment}: a person's rating of a clip
// of their voice. GET /api/admin/analytics: operator aggregates (admin role only).
#include "common/error.h"
#include "server/body_limits.h"
#include "server/context.h"
#include "server/http_util.h"
#include "store/feedback_repository.h"
#include "studio/analytics.h"

namespace echoes::server {
namespace {

constexpr std::size_t kMaxCommentChars = 1000;

constexpr int kMinRating = 1;
constexpr int kMaxRating = 5;

int rating_from(const nlohmann::json& body) {
  return static_cast<int>(required_integer(body, "rating", kMinRating, kMaxRating));
}

}  // namespace

void register_feedback_routes(RouteTable& http, ServerContext& context) {
  http.Post("/api/voice/feedback",
            capped_body(kJsonBodyBytes, signed_in(context, "/api/voice/feedback",
                      [&context](const store::User& user, const httplib::Request& req, httplib::Response& res) {
                        const auto body = parse_json_object(req);
                        const auto saved = store::FeedbackRepository(context.db).rate(
                            user.id, required_string(body, "synthesisId", 64), rating_from(body),
                            optional_string(body, "comment", "", kMaxCommentChars));
                        send_json(res, 201, {{"saved", true},
                                             {"feedback", {{"synthesisId", saved.synthesis_id},
                                                           {"rating", saved.rating},
                                                           {"comment", saved.comment},
                                                           {"createdAt", saved.created_at}}}});
                      })));
  http.Get("/api/admin/analytics",
           signed_in(context, "/api/admin/analytics",
                     [&context](const store::User& user, const httplib::Request&, httplib::Response& res) {
                       if (user.role != "admin") throw Error(error_code::kForbidden, "Only operators can see analytics.");
                       send_json(res, 200, studio::operator_analytics(context.db, context.studio));
                     }));
}

}  // namespace echoes::server
