#include "store/user_repository.h"

#include "common/error.h"
#include "store/clock.h"
#include "store/ids.h"

namespace echoes::store {
namespace {

constexpr const char* kColumns = "id, email, name, role, created_at, password_hash";

UserCredentials read_row(const Statement& st) {
  return {User{st.column_text(0), st.column_text(1), st.column_text(2), st.column_text(3), st.column_double(4)},
          st.column_text(5)};
}

void check_role(const std::string& role) {
  if (role != "user" && role != "admin") throw Error(error_code::kInvalidArgument, "Unknown role.");
}

}  // namespace

User UserRepository::create(const std::string& email, const std::string& name, const std::string& password_hash,
                            const std::string& role) {
  check_role(role);
  User user{new_id(), email, name, role, unix_now_s()};
  db_.connection()
      .prepare("INSERT INTO users (id, email, name, password_hash, role, created_at) VALUES (?, ?, ?, ?, ?, ?)")
      .bind_all(user.id, user.email, user.name, password_hash, user.role, user.created_at)
      .run();
  return user;
}

std::optional<User> UserRepository::find_by_id(const std::string& user_id) {
  auto st = db_.connection().prepare(std::string("SELECT ") + kColumns + " FROM users WHERE id = ?");
  st.bind(1, user_id);
  if (!st.step()) return std::nullopt;
  return read_row(st).user;
}

std::optional<User> UserRepository::find_by_email(const std::string& email) {
  auto credentials = find_credentials(email);
  if (!credentials) return std::nullopt;
  return credentials->user;
}

std::optional<UserCredentials> UserRepository::find_credentials(const std::string& email) {
  auto st = db_.connection().prepare(std::string("SELECT ") + kColumns + " FROM users WHERE email = ?");
  st.bind(1, email);
  if (!st.step()) return std::nullopt;
  return read_row(st);
}

bool UserRepository::set_password_hash(const std::string& user_id, const std::string& password_hash) {
  auto& c = db_.connection();
  c.prepare("UPDATE users SET password_hash = ? WHERE id = ?").bind_all(password_hash, user_id).run();
  return c.changes() > 0;
}

bool UserRepository::set_role(const std::string& user_id, const std::string& role) {
  check_role(role);
  auto& c = db_.connection();
  c.prepare("UPDATE users SET role = ? WHERE id = ?").bind_all(role, user_id).run();
  return c.changes() > 0;
}

}  // namespace echoes::store
