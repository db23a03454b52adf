// POST /api/auth/register, /api/auth/login, /api/auth/logout; GET /api/auth/me.
#include <cctype>

#include "server/body_limits.h"
#include "server/context.h"
#include "server/http_util.h"
#include "server/json_views.h"
#include "store/user_repository.h"

namespace echoes::server {
namespace {

// Bounds on what we even look at; the account service applies the real rules.
constexpr std::size_t kMaxEmailChars = 254;
constexpr std::size_t kMaxPasswordChars = 1024;
constexpr std::size_t kMaxNameChars = 100;

// A client that has signed in to an account successfully keeps a device token in this
// cookie (sent only to /api/auth, never to scripts).
constexpr const char* kDeviceCookie = "echoes_device";
constexpr long long kDeviceCookieMaxAgeS = 365LL * 24 * 3600;

nlohmann::json auth_result_to_json(const auth::AuthResult& result) {
  return {{"token", result.token}, {"expiresAt", result.expires_at}, {"user", user_to_json(result.user)}};
}

std::string account_key(const std::string& email) {
  std::string key;
  for (char ch : email) {
    if (!std::isspace(static_cast<unsigned char>(ch))) key += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  }
  return key;
}

// Guessing is throttled per account and per client address, before any password work. A
// client that signed in to this account before has a bucket of its own instead, so
// guessing by others cannot lock the owner out (and a stolen device cookie still cannot
// guess faster than the limit).
void throttle_login(ServerContext& context, const httplib::Request& req, const std::string& email) {
  if (const auto device = cookie_value(req, kDeviceCookie); device && context.accounts.is_known_device(*device, email)) {
    enforce(context.limits.logins, "device:" + auth::hash_token(*device), "sign-in attempts from this device");
    return;
  }
  enforce(context.limits.logins, "login:" + account_key(email), "sign-in attempts for this account");
  enforce(context.limits.logins, "client:" + req.remote_addr, "sign-in attempts");
}

// After a successful sign-in (or registration): the client is a known device of the account.
void remember_device(ServerContext& context, const httplib::Request& req, httplib::Response& res,
                     const std::string& user_id) {
  const std::string token = context.accounts.remember_device(user_id, cookie_value(req, kDeviceCookie));
  res.set_header("Set-Cookie", std::string(kDeviceCookie) + "=" + token + "; Path=/api/auth; Max-Age=" +
                                   std::to_string(kDeviceCookieMaxAgeS) + "; HttpOnly; SameSite=Strict");
}

}  // namespace

void apply_admin_emails(ServerContext& context) {
  std::string list = context.config.admin_emails + ",";
  store::UserRepository users(context.db);
  std::string email;
  for (char ch : list) {
    if (ch != ',') {
      if (!std::isspace(static_cast<unsigned char>(ch))) email += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      continue;
    }
    if (auto user = email.empty() ? std::nullopt : users.find_by_email(email); user && user->role != "admin") {
      users.set_role(user->id, "admin");
    }
    email.clear();
  }
}

void register_auth_routes(RouteTable& http, ServerContext& context) {
  http.Post("/api/auth/register",
            capped_body(kSmallBodyBytes,
                        guarded("/api/auth/register", [&context](const httplib::Request& req, httplib::Response& res) {
              const auto body = parse_json_object(req);
              enforce(context.limits.logins, "register:" + req.remote_addr, "new accounts");
              const auto result = context.accounts.register_user(required_string(body, "email", kMaxEmailChars),
                                                                 required_string(body, "password", kMaxPasswordChars),
                                                                 optional_string(body, "name", "", kMaxNameChars));
              apply_admin_emails(context);
              auto registered = result;
              if (auto user = store::UserRepository(context.db).find_by_id(result.user.id)) registered.user = *user;
              remember_device(context, req, res, result.user.id);
              send_json(res, 201, auth_result_to_json(registered));
            })));
  http.Post("/api/auth/login",
            capped_body(kSmallBodyBytes,
                        guarded("/api/auth/login", [&context](const httplib::Request& req, httplib::Response& res) {
              const auto body = parse_json_object(req);
              const std::string email = required_string(body, "email", kMaxEmailChars);
              throttle_login(context, req, email);
              const auto result = context.accounts.login(email, required_string(body, "password", kMaxPasswordChars));
              remember_device(context, req, res, result.user.id);
              send_json(res, 200, auth_result_to_json(result));
            })));
  http.Post("/api/auth/logout",
            capped_body(kSmallBodyBytes, signed_in(context, "/api/auth/logout",
                      [&context](const store::User&, const httplib::Request& req, httplib::Response& res) {
                        context.accounts.logout(*bearer_token(req));
                        send_json(res, 200, {{"loggedOut", true}});
                      })));
  http.Get("/api/auth/me", signed_in(context, "/api/auth/me",
                                     [](const store::User& user, const httplib::Request&, httplib::Response& res) {
                                       send_json(res, 200, {{"user", user_to_json(user)}});
                                     }));
}

}  // namespace echoes::server
