#include "store/postgres_backend.h"

#include <libpq-fe.h>

#include <charconv>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "common/error.h"
#include "common/log.h"
#include "store/database.h"
#include "store/database_url.h"
#include "store/sql_dialect.h"

namespace echoes::store {
namespace {

// PostgreSQL type oids for the parameters we send (pg_type.h); 0 lets the server infer.
constexpr Oid kInt8Oid = 20;
constexpr Oid kFloat8Oid = 701;

using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

bool class_is(const std::string& state, const char* klass) { return state.compare(0, 2, klass) == 0; }

// Maps a failed result (or a lost connection when `result` is null) to an echoes::Error.
// Only the SQLSTATE and the primary message go to the log: the DETAIL can quote values.
[[noreturn]] void throw_postgres(PGconn* conn, const PGresult* result) {
  const char* state_text = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string state = state_text ? state_text : "";
  const char* primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  log::warn("postgres_error", {{"sqlstate", state}, {"detail", primary ? primary : PQerrorMessage(conn)}});
  if (state == "23505") throw Error(error_code::kConflict, "This item already exists.");
  if (state == "23503") throw Error(error_code::kNotFound, "A related item does not exist.");
  if (state == "23514" || state == "23502") throw Error(error_code::kInvalidArgument, "The data is not valid.");
  if (state.empty() || class_is(state, "08") || class_is(state, "57") || class_is(state, "53") ||
      state == "40001" || state == "40P01" || state == "55P03" || PQstatus(conn) == CONNECTION_BAD) {
    throw Error(error_code::kUnavailable, "The database is busy or unreachable, please try again.");
  }
  throw Error(error_code::kInternal, "A database error occurred.");
}

// Checks a result: returns it when the command worked, throws otherwise.
ResultPtr checked(PGconn* conn, PGresult* raw) {
  ResultPtr result(raw, &PQclear);
  const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return result;
  throw_postgres(conn, result.get());
}

int affected_rows(const PGresult* result) {
  const char* tuples = PQcmdTuples(const_cast<PGresult*>(result));
  return tuples && *tuples ? std::atoi(tuples) : 0;
}

class PostgresStatement final : public StatementBackend {
 public:
  PostgresStatement(PGconn* conn, int& changes, std::string_view sql)
      : conn_(conn), changes_(changes), sql_(numbered_placeholders(sql)) {}

  void bind_null(int index) override { set(index, std::nullopt, 0); }
  void bind_int64(int index, std::int64_t value) override { set(index, std::to_string(value), kInt8Oid); }
  void bind_double(int index, double value) override {
    char buffer[64];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;  // shortest exact form
    set(index, std::string(buffer, end), kFloat8Oid);
  }
  void bind_text(int index, std::string_view text) override { set(index, std::string(text), 0); }

  bool step() override {
    if (!result_) execute();
    return ++row_ < PQntuples(result_.get());
  }
  void reset() override {
    result_.reset();
    row_ = -1;
  }

  bool is_null(int column) const override { return PQgetisnull(result_.get(), row_, column) != 0; }
  std::int64_t column_int64(int column) const override {
    const char* text = value(column);
    if (!text) return 0;
    if (std::strcmp(text, "t") == 0) return 1;  // boolean
    if (std::strpbrk(text, ".eE")) return static_cast<std::int64_t>(std::strtod(text, nullptr));
    return std::strtoll(text, nullptr, 10);
  }
  double column_double(int column) const override {
    const char* text = value(column);
    return text ? std::strtod(text, nullptr) : 0.0;
  }
  std::string column_text(int column) const override {
    const char* text = value(column);
    return text ? std::string(text, static_cast<size_t>(PQgetlength(result_.get(), row_, column))) : std::string();
  }

 private:
  void set(int index, std::optional<std::string> text, Oid type) {
    if (index < 1) throw Error(error_code::kInternal, "A database parameter index is out of range.");
    if (values_.size() < static_cast<size_t>(index)) {
      values_.resize(index);
      types_.resize(index, 0);
    }
    values_[index - 1] = std::move(text);
    types_[index - 1] = type;
  }

  void execute() {
    std::vector<const char*> pointers;
    for (const auto& v : values_) pointers.push_back(v ? v->c_str() : nullptr);
    result_ = checked(conn_, PQexecParams(conn_, sql_.c_str(), static_cast<int>(values_.size()), types_.data(),
                                          pointers.data(), nullptr, nullptr, 0));
    changes_ = affected_rows(result_.get());
    row_ = -1;
  }

  const char* value(int column) const {
    if (!result_ || row_ < 0 || PQgetisnull(result_.get(), row_, column)) return nullptr;
    return PQgetvalue(result_.get(), row_, column);
  }

  PGconn* conn_;
  int& changes_;
  std::string sql_;
  std::vector<std::optional<std::string>> values_;
  std::vector<Oid> types_;
  ResultPtr result_{nullptr, &PQclear};
  int row_ = -1;
};

// Server notices ("relation already exists, skipping") are not errors: debug log only.
void log_notice(void*, const char* message) { log::debug("postgres_notice", {{"detail", message}}); }

class PostgresConnection final : public ConnectionBackend {
 public:
  PostgresConnection(const std::string& url, const DatabaseOptions& options) {
    // Keywords before "dbname" are defaults the URI can override.
    const char* keywords[] = {"connect_timeout", "application_name", "dbname", nullptr};
    const char* values[] = {"10", "echoes", url.c_str(), nullptr};
    conn_ = PQconnectdbParams(keywords, values, 1);
    if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
      log::error("database_connect_failed",
                 {{"url", redact_database_url(url)}, {"detail", conn_ ? PQerrorMessage(conn_) : "out of memory"}});
      PQfinish(conn_);
      conn_ = nullptr;
      throw Error(error_code::kUnavailable, "The database is unreachable, please try again.");
    }
    PQsetNoticeProcessor(conn_, log_notice, nullptr);
    // lock_timeout plays SQLite's busy_timeout: a writer waits this long for a row lock.
    exec("SET lock_timeout = " + std::to_string(options.busy_timeout_ms) + "; SET client_min_messages = warning");
  }
  ~PostgresConnection() override { PQfinish(conn_); }

  std::unique_ptr<StatementBackend> prepare(std::string_view sql) override {
    return std::make_unique<PostgresStatement>(conn_, changes_, sql);
  }
  void exec(const std::string& sql) override {
    ResultPtr result = checked(conn_, PQexec(conn_, sql.c_str()));
    changes_ = affected_rows(result.get());
    // COMMIT of a transaction that an error aborted answers ROLLBACK: never report that as success.
    if (sql == "COMMIT" && std::strcmp(PQcmdStatus(result.get()), "ROLLBACK") == 0) {
      log::warn("postgres_commit_rolled_back");
      throw Error(error_code::kInternal, "A database error occurred.");
    }
  }
  int changes() const override { return changes_; }
  bool in_transaction() const override {
    const PGTransactionStatusType status = PQtransactionStatus(conn_);
    return status == PQTRANS_ACTIVE || status == PQTRANS_INTRANS || status == PQTRANS_INERROR;
  }
  bool usable() const override { return PQstatus(conn_) == CONNECTION_OK; }
  Dialect dialect() const override { return Dialect::kPostgres; }
  const char* begin_sql() const override { return "BEGIN"; }

 private:
  PGconn* conn_ = nullptr;
  int changes_ = 0;
};

}  // namespace

std::unique_ptr<ConnectionBackend> open_postgres(const std::string& url, const DatabaseOptions& options) {
  return std::make_unique<PostgresConnection>(url, options);
}

}  // namespace echoes::store
