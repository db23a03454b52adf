#pragma once
// Where Echoes keeps audio and voice files: a small object-store interface with two
// implementations, the data directory on local disk (file_store.h, the default) and any
// S3-compatible service (s3_object_store.h; tested against Ceph's radosgw).
//
// Keys are relative paths such as "audio/<user_id>/<recording_id>.wav" and follow the rules
// in object_key.h on every backend (a bad key throws kInvalidArgument before any I/O).
//
// Errors are echoes::Error: kNotFound for a missing object, kInvalidArgument for a bad key,
// kUnavailable when the store cannot be reached or refuses Echoes' credentials, kInternal
// for anything else. Messages are plain language and never contain secrets; details for
// the operator go to the log.
//
// Implementations are thread-safe.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace echoes::store {

class ObjectStore {
 public:
  virtual ~ObjectStore() = default;

  /// Stores `bytes` under `key`, replacing any object there. Atomic: a reader sees the old
  /// object or the whole new one, never a part, and a failed put leaves the old one.
  virtual void put(std::string_view key, std::string_view bytes) const = 0;
  /// The whole object. Throws kNotFound when there is none.
  virtual std::string get(std::string_view key) const = 0;
  virtual bool exists(std::string_view key) const = 0;
  /// Deletes the object; false when there was none.
  virtual bool remove(std::string_view key) const = 0;
  /// Keys below the folder `folder`, itself a key such as "audio/u1" (recursive: it lists
  /// "audio/u1/a.wav" and "audio/u1/x/b.wav" but not "audio/u12/b.wav"), sorted. Empty when
  /// there are none.
  virtual std::vector<std::string> list(std::string_view folder) const = 0;
  /// Where the objects live, for logs: "file:///srv/echoes/data" or "s3://bucket/prefix at
  /// http://host:port". Never contains credentials.
  virtual std::string describe() const = 0;
  /// The object's file on local disk when the backend keeps it there (the file backend),
  /// for code that needs a path (voice building); nullopt otherwise (S3: get() a copy).
  virtual std::optional<std::filesystem::path> local_path(std::string_view key) const { return std::nullopt; }
};

}  // namespace echoes::store
