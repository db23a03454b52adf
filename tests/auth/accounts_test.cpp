#include "auth/accounts.h"

#include <gtest/gtest.h>

#include "common/error.h"
#include "store/audit_log.h"
#include "store/recording_repository.h"
#include "support/backends.h"
#include "support/temp_dir.h"

namespace echoes::auth {
namespace {

using echoes::testing::TempDir;

constexpr const char* kPassword = "a long enough secret";

std::string error_code_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.code();
  }
  return "no error";
}

std::string error_message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

// Runs on SQLite and on PostgreSQL (support/backends.h).
class Accounts : public ::testing::TestWithParam<echoes::testing::Backend> {
 protected:
  void SetUp() override {
    const std::string location = echoes::testing::fresh_database_location(GetParam(), dir);
    if (location.empty()) return;
    db = std::make_unique<store::Database>(location);
    accounts = std::make_unique<AccountService>(
        *db, AccountOptions{.token_ttl_s = 3600, .password = {}, .clock = [this] { return now_s; }});
  }

  std::string all_audit_text() {
    auto st = db->connection().prepare("SELECT action, target, detail_json FROM audit_events");
    std::string text;
    while (st.step()) text += st.column_text(0) + st.column_text(1) + st.column_text(2) + "|";
    return text;
  }

  TempDir dir;
  double now_s = 1'700'000'000.0;
  std::unique_ptr<store::Database> db;
  std::unique_ptr<AccountService> accounts;
};
ECHOES_ON_BOTH_BACKENDS(Accounts);

TEST_P(Accounts, RegisterSignsInAndNormalizesEmail) {
  const AuthResult r = accounts->register_user("  Ann@Example.COM ", kPassword, " Ann Lee ");
  EXPECT_EQ(r.user.email, "ann@example.com");
  EXPECT_EQ(r.user.name, "Ann Lee");
  EXPECT_EQ(r.user.role, "user");
  EXPECT_EQ(r.token.size(), 43u);
  EXPECT_DOUBLE_EQ(r.expires_at, now_s + 3600);
  EXPECT_EQ(accounts->authenticate(r.token).id, r.user.id);
}

TEST_P(Accounts, DuplicateEmailIsConflict) {
  accounts->register_user("ann@example.com", kPassword, "Ann");
  EXPECT_EQ(error_code_of([&] { accounts->register_user(" ANN@example.com", kPassword, "Ann 2"); }),
            error_code::kConflict);
}

TEST_P(Accounts, RejectsBadRegistrationInput) {
  EXPECT_EQ(error_code_of([&] { accounts->register_user("not-an-email", kPassword, "Ann"); }),
            error_code::kInvalidArgument);
  EXPECT_EQ(error_code_of([&] { accounts->register_user("ann@example.com", "short", "Ann"); }),
            error_code::kInvalidArgument);
  EXPECT_EQ(error_code_of([&] { accounts->register_user("ann@example.com", std::string(2000, 'x'), "Ann"); }),
            error_code::kInvalidArgument);
  EXPECT_EQ(error_code_of([&] { accounts->register_user("ann@example.com", kPassword, "   "); }),
            error_code::kInvalidArgument);
  EXPECT_EQ(error_code_of([&] { accounts->register_user("ann@example.com", kPassword, "Ann\x01"); }),
            error_code::kInvalidArgument);
  EXPECT_EQ(error_code_of([&] { accounts->register_user("ann@example.com", kPassword, std::string(101, 'n')); }),
            error_code::kInvalidArgument);
  // Eight characters, counted as characters rather than bytes.
  EXPECT_EQ(error_code_of([&] { accounts->register_user("ann@example.com", "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", "Ann"); }),
            error_code::kInvalidArgument);
  EXPECT_EQ(error_code_of([&] { accounts->register_user("ann@example.com", "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9xxxx", "Ann"); }),
            "no error");
}

TEST_P(Accounts, LoginWithRightAndWrongPassword) {
  const AuthResult reg = accounts->register_user("ann@example.com", kPassword, "Ann");
  const AuthResult login = accounts->login("ANN@example.com ", kPassword);
  EXPECT_EQ(login.user.id, reg.user.id);
  EXPECT_NE(login.token, reg.token);  // a new session per login
  EXPECT_EQ(accounts->authenticate(login.token).id, reg.user.id);
  EXPECT_EQ(accounts->authenticate(reg.token).id, reg.user.id);

  const auto wrong = [&] { accounts->login("ann@example.com", "a long enough secreT"); };
  const auto unknown = [&] { accounts->login("nobody@example.com", kPassword); };
  EXPECT_EQ(error_code_of(wrong), error_code::kUnauthorized);
  EXPECT_EQ(error_message_of(wrong), "Email or password is incorrect.");
  EXPECT_EQ(error_message_of(unknown), "Email or password is incorrect.");
  EXPECT_EQ(error_message_of([&] { accounts->login("garbage", kPassword); }), "Email or password is incorrect.");
  EXPECT_EQ(store::AuditLog(*db).list_by_action("auth.login_failed").size(), 4u);  // `wrong` ran twice
}

TEST_P(Accounts, ExpiredTokenIsRejectedWithItsOwnMessage) {
  const AuthResult r = accounts->register_user("ann@example.com", kPassword, "Ann");
  now_s += 3599;
  EXPECT_NO_THROW(accounts->authenticate(r.token));
  now_s += 1;
  const auto auth = [&] { accounts->authenticate(r.token); };
  EXPECT_EQ(error_code_of(auth), error_code::kUnauthorized);
  EXPECT_EQ(error_message_of(auth), "Your session has expired, please sign in again.");
  EXPECT_EQ(accounts->purge_sessions(), 1);
  EXPECT_EQ(error_message_of(auth), "Please sign in to continue.");
}

TEST_P(Accounts, LogoutRevokesOnlyThatToken) {
  accounts->register_user("ann@example.com", kPassword, "Ann");
  const AuthResult phone = accounts->login("ann@example.com", kPassword);
  const AuthResult laptop = accounts->login("ann@example.com", kPassword);
  EXPECT_TRUE(accounts->logout(phone.token));
  EXPECT_FALSE(accounts->logout(phone.token));  // idempotent
  const auto auth = [&] { accounts->authenticate(phone.token); };
  EXPECT_EQ(error_code_of(auth), error_code::kUnauthorized);
  EXPECT_EQ(error_message_of(auth), "Please sign in to continue.");
  EXPECT_NO_THROW(accounts->authenticate(laptop.token));
  EXPECT_GE(accounts->logout_everywhere(laptop.user.id), 1);
  EXPECT_EQ(error_code_of([&] { accounts->authenticate(laptop.token); }), error_code::kUnauthorized);
}

TEST_P(Accounts, UnknownAndMalformedTokensAreGeneric) {
  for (const std::string& token : {std::string(), std::string("abc"), std::string(43, 'A'), std::string(43, '!'),
                                  std::string(1000, 'a')}) {
    EXPECT_EQ(error_message_of([&] { accounts->authenticate(token); }), "Please sign in to continue.");
    EXPECT_FALSE(accounts->logout(token));
  }
}

TEST_P(Accounts, StoresOnlyHashesAndAuditsWithoutSecrets) {
  const AuthResult r = accounts->register_user("ann@example.com", kPassword, "Ann");
  accounts->login("ann@example.com", kPassword);
  EXPECT_THROW(accounts->login("ann@example.com", "the wrong password"), Error);
  accounts->logout(r.token);

  auto st = db->connection().prepare("SELECT COUNT(*) FROM sessions WHERE token_hash = ?");
  st.bind(1, hash_token(r.token));
  st.step();
  EXPECT_EQ(st.column_int64(0), 1);
  auto raw = db->connection().prepare("SELECT COUNT(*) FROM sessions WHERE token_hash = ?");
  raw.bind(1, r.token);
  raw.step();
  EXPECT_EQ(raw.column_int64(0), 0);
  auto pw = db->connection().prepare("SELECT password_hash FROM users");
  pw.step();
  EXPECT_EQ(pw.column_text(0).find(kPassword), std::string::npos);

  const std::string audit = all_audit_text();
  for (const char* action : {"auth.register", "auth.login", "auth.login_failed", "auth.logout"}) {
    EXPECT_NE(audit.find(action), std::string::npos) << action;
  }
  EXPECT_EQ(audit.find(kPassword), std::string::npos);
  EXPECT_EQ(audit.find("the wrong password"), std::string::npos);
  EXPECT_EQ(audit.find(r.token), std::string::npos);
}

TEST_P(Accounts, TwoUsersGetTheirOwnIdentity) {
  const AuthResult ann = accounts->register_user("ann@example.com", kPassword, "Ann");
  const AuthResult bob = accounts->register_user("bob@example.com", "bob's own secret", "Bob");
  EXPECT_NE(ann.user.id, bob.user.id);
  EXPECT_EQ(accounts->authenticate(ann.token).email, "ann@example.com");
  EXPECT_EQ(accounts->authenticate(bob.token).email, "bob@example.com");
  EXPECT_EQ(error_code_of([&] { accounts->login("bob@example.com", kPassword); }), error_code::kUnauthorized);
}

TEST(AccountsDefaults, TokensLastAWeek) {
  TempDir dir;
  store::Database db(dir.path() / "echoes.db");
  AccountService accounts(db);
  const AuthResult r = accounts.register_user("ann@example.com", kPassword, "Ann");
  EXPECT_NEAR(r.expires_at - r.user.created_at, 7 * 24 * 3600.0, 5.0);
}

}  // namespace
}  // namespace echoes::auth
