#pragma once
// The small interface every database engine implements (SQLite, PostgreSQL), so the
// repositories are written once. Statement, Connection and Database in
// store/database.h wrap these; nothing outside src/store uses them directly.
//
// A backend turns its engine's failures into echoes::Error with the codes listed in
// store/database.h, and logs the engine's detail (never SQL values or secrets).
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace echoes::store {

/// Which SQL dialect a connection speaks; repositories ask only where the two differ.
enum class Dialect { kSqlite, kPostgres };

/// One prepared statement. Bind indexes are 1-based, column indexes 0-based.
class StatementBackend {
 public:
  virtual ~StatementBackend() = default;
  virtual void bind_null(int index) = 0;
  virtual void bind_int64(int index, std::int64_t value) = 0;
  virtual void bind_double(int index, double value) = 0;
  virtual void bind_text(int index, std::string_view text) = 0;
  /// True when a row is available, false when done.
  virtual bool step() = 0;
  /// Runnable again; bindings are kept.
  virtual void reset() = 0;
  virtual bool is_null(int column) const = 0;
  virtual std::int64_t column_int64(int column) const = 0;
  virtual double column_double(int column) const = 0;
  virtual std::string column_text(int column) const = 0;  // "" for NULL
};

/// One open session with the engine, used by one thread at a time.
class ConnectionBackend {
 public:
  virtual ~ConnectionBackend() = default;
  virtual std::unique_ptr<StatementBackend> prepare(std::string_view sql) = 0;
  /// Runs one or more statements; rows they return are dropped.
  virtual void exec(const std::string& sql) = 0;
  /// Rows changed by the last INSERT/UPDATE/DELETE.
  virtual int changes() const = 0;
  virtual bool in_transaction() const = 0;
  /// False once the session is lost (e.g. the server restarted); the Database then opens a new one.
  virtual bool usable() const = 0;
  virtual Dialect dialect() const = 0;
  /// The statement that opens an outermost write transaction.
  virtual const char* begin_sql() const = 0;
};

}  // namespace echoes::store
