#pragma once
// SQLite access for Echoes: connections, prepared statements, transactions and
// versioned migrations.
//
// Threading model: a Database hands each calling thread its own sqlite3
// connection (created on first use, closed with the Database). Connections are
// never shared between threads, so a Transaction on one thread can never pick
// up statements of another. WAL lets readers on other connections proceed while
// one writer commits; writers queue on SQLite's lock (busy_timeout). Write
// transactions start with BEGIN IMMEDIATE so they wait for the lock up front
// instead of failing half-way when a read has to be upgraded.
//
// Errors are echoes::Error: kConflict for unique/primary-key violations,
// kNotFound for a missing referenced row (foreign key), kUnavailable when the
// database stayed locked past busy_timeout, kInternal otherwise. Messages never
// contain SQL or paths; the SQLite detail goes to the log.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>

#include "store/migrations.h"

struct sqlite3;
struct sqlite3_stmt;

namespace echoes::store {

struct DatabaseOptions {
  /// SQLite waits this long for a lock held by another connection before
  /// giving up with kUnavailable.
  int busy_timeout_ms = 5000;
  /// synchronous=FULL: a commit is on disk when it returns. Needed because
  /// deleting a recording removes its files right after the commit; with
  /// NORMAL a power cut could roll the delete back after the files are gone.
  bool synchronous_full = true;
};

/// A prepared statement. Bind indexes and column indexes follow SQLite:
/// bind() is 1-based, column_*() is 0-based. Move-only; finalized on destruction.
class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::nullptr_t);
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view text);  // copied by SQLite
  Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  template <class T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind(index, nullptr);
  }
  /// Binds the arguments to parameters 1..N in order.
  template <class... Args>
  Statement& bind_all(const Args&... args) {
    int index = 0;
    (bind(++index, args), ...);
    return *this;
  }

  /// Advances to the next row: true when a row is available, false when done.
  bool step();
  /// Runs a statement that returns no rows (or whose rows are not needed).
  void run();
  /// Makes the statement runnable again; bindings are kept.
  void reset();

  bool is_null(int column) const;
  std::int64_t column_int64(int column) const;
  double column_double(int column) const;
  std::string column_text(int column) const;  // "" for NULL
  std::optional<std::string> column_optional_text(int column) const;
  std::optional<double> column_optional_double(int column) const;

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

/// One sqlite3 connection, used by one thread at a time.
class Connection {
 public:
  Connection(const std::filesystem::path& path, const DatabaseOptions& options);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  Statement prepare(std::string_view sql) { return Statement(db_, sql); }
  /// Runs one or more statements that return no rows.
  void exec(const std::string& sql);
  /// Rows changed by the last INSERT/UPDATE/DELETE on this connection.
  int changes() const;
  /// True while a transaction is open on this connection.
  bool in_transaction() const;
  sqlite3* handle() { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

/// RAII transaction. The outermost one is BEGIN IMMEDIATE ... COMMIT; a
/// Transaction opened while another is active on the same connection becomes
/// a SAVEPOINT, so repository functions can be composed. Rolled back on
/// destruction unless commit() was called.
class Transaction {
 public:
  explicit Transaction(Connection& connection);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit();
  void rollback();

 private:
  Connection& connection_;
  std::string savepoint_;  // empty for the outermost transaction
  bool open_ = true;
};

/// The Echoes database file. Opening it creates the file if needed, switches
/// it to WAL and applies every pending migration in order, each in its own
/// transaction. Thread-safe: see the threading model at the top of this file.
class Database {
 public:
  /// `migrations` must be numbered 1, 2, 3, ... (default: the Echoes schema).
  /// Throws kInternal when the file cannot be opened or was written by a newer
  /// Echoes (a version this build does not know).
  explicit Database(std::filesystem::path path, DatabaseOptions options = {},
                    std::span<const Migration> migrations = schema_migrations());
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  /// The calling thread's connection (opened on first use).
  Connection& connection();
  /// Closes the calling thread's connection, e.g. before a worker thread ends.
  void release_thread_connection();

  /// Highest applied migration version.
  int schema_version();
  const std::filesystem::path& path() const { return path_; }

 private:
  void migrate(std::span<const Migration> migrations);

  std::filesystem::path path_;
  DatabaseOptions options_;
  std::mutex mutex_;  // guards connections_ (not the connections themselves)
  std::unordered_map<std::thread::id, std::unique_ptr<Connection>> connections_;
};

}  // namespace echoes::store
