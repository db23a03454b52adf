#pragma once
// Background voice building: one worker thread takes queued "train_voice" jobs from the
// persistent queue (store::JobRepository), builds the voice from the user's recordings
// with the injected builder, and records progress, the result and the voice row.
// Jobs survive restarts: the server requeues interrupted ones before start().
#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store/database.h"
#include "store/file_store.h"
#include "store/job_repository.h"
#include "store/object_store.h"
#include "store/records.h"
#include "studio/local_recordings.h"

namespace echoes::studio {

/// One recording to learn from: its 22,050 Hz working WAV and what was read.
struct TrainingUtterance {
  std::filesystem::path wav_path;
  std::string transcript;
  std::string recording_id;
  /// The stretch of the file that says `transcript` (the read-along check's read run);
  /// end_s <= start_s means the whole file. Load with load_training_audio.
  double start_s = 0.0;
  double end_s = 0.0;
};

/// Reports progress (0..1) with a short plain-language message; returns false when
/// the build should stop (the job was cancelled).
using BuildProgress = std::function<bool(double progress, const std::string& message)>;

/// Builds a voice into `voice_dir` and returns a JSON report (quality, counts, timings).
/// Throws echoes::Error with a plain-language message on failure.
using VoiceBuilder = std::function<std::string(const std::vector<TrainingUtterance>& utterances,
                                               const std::filesystem::path& voice_dir,
                                               const BuildProgress& progress)>;

/// Measures a built voice against recordings it did not learn from; returns the quality
/// JSON shown in status (similarity, clarity, naturalness, qualityScore). Runs after the
/// build's job is done, so the voice is usable while it is assessed.
using VoiceAssessor = std::function<std::string(const std::vector<TrainingUtterance>& utterances,
                                                const std::filesystem::path& voice_dir)>;

class TrainingWorker {
 public:
  /// Recordings are read from `audio` (the data dir's `files`, or object_store_url's store;
  /// copied to local scratch files for the build when not on local disk); voices are built
  /// into folders under `files`. `queue` sets the job lease (lease_s) and attempts; the
  /// worker claims under its own id.
  TrainingWorker(store::Database& db, store::FileStore& files, const store::ObjectStore& audio, VoiceBuilder builder,
                 VoiceAssessor assessor = {}, store::JobQueueOptions queue = {});
  ~TrainingWorker();  // stops and joins

  void start();
  void stop();
  /// Wakes the worker now (after a job was queued) instead of at the next poll.
  void notify();

  /// Runs one queued job if there is one; returns false when the queue was empty.
  /// (The thread calls this; tests may call it directly without start().)
  bool run_one();

 private:
  void loop();
  void run_job(const store::Job& job);
  void remove_abandoned_builds(const std::string& user_id);
  std::vector<TrainingUtterance> utterances_for(const std::string& user_id, LocalRecordings& local);

  store::Database& db_;
  store::FileStore& files_;
  const store::ObjectStore& audio_;
  void assess(const store::Job& job, const std::string& voice_id, const std::string& relative_dir,
              const std::vector<TrainingUtterance>& utterances, const std::string& report);

  VoiceBuilder builder_;
  VoiceAssessor assessor_;
  store::JobQueueOptions queue_;
  std::string worker_id_;  // new per process: a claim names the process that holds it
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::atomic<bool> stopping_{false};
};

/// Seconds left for a job, from its progress and the time it has run; the estimate
/// from the amount of audio while it is still queued.
double estimate_remaining_s(const store::Job& job, double now_s, double queued_estimate_s);

}  // namespace echoes::studio
