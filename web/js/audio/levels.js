// Level arithmetic for the live meters: dBFS conversion and a running estimate of
// the noise floor, speech level and signal-to-noise ratio from recent block levels.

export const SILENCE_DBFS = -100;

/** Amplitude (fraction of full scale) -> dBFS, floored at SILENCE_DBFS. */
export function toDbfs(amplitude) {
  return amplitude > 0 ? Math.max(SILENCE_DBFS, 20 * Math.log10(amplitude)) : SILENCE_DBFS;
}

/** The q-quantile (0..1) of an array of numbers (sorted copy; the arrays here are small). */
export function quantile(values, q) {
  if (values.length === 0) return SILENCE_DBFS;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[pos];
}

/** Power mean (dBFS) of the levels at or above `minDbfs`; SILENCE_DBFS when none. */
export function speechRms(levelsDbfs, minDbfs) {
  const loud = levelsDbfs.filter((db) => db >= minDbfs && db > SILENCE_DBFS);
  if (!loud.length) return SILENCE_DBFS;
  const power = loud.reduce((sum, db) => sum + 10 ** (db / 10), 0) / loud.length;
  return toDbfs(Math.sqrt(power));
}

/**
 * Keeps the block levels (dBFS) of the last `windowS` seconds and estimates:
 * noise floor = 5th percentile (the quiet gaps between words; the 10th percentile of
 * 8 s of Kathleen's continuous reading still landed on speech, at -40 dBFS instead of -52),
 * speech level = 90th percentile, SNR = their difference.
 * Same idea as the server's analysis, cruder: good enough to warn while recording.
 */
export class LevelTracker {
  constructor({ windowS = 12, blockS = 2048 / 44100 } = {}) {
    this.capacity = Math.max(8, Math.round(windowS / blockS));
    this.levels = [];
  }

  /** Adds one block's RMS level in dBFS. */
  push(rmsDbfs) {
    this.levels.push(rmsDbfs);
    if (this.levels.length > this.capacity) this.levels.shift();
  }

  reset() { this.levels = []; }

  /**
   * { noiseFloorDbfs, speechDbfs, speechRmsDbfs, snrDb, enough } — enough: at least 2 s of blocks seen.
   * speechRmsDbfs is the power mean of the blocks 10 dB or more above the noise floor: the
   * same quantity as the server's "Voice level" (RMS over speech), so the verdicts agree.
   */
  estimate() {
    const noiseFloorDbfs = quantile(this.levels, 0.05);
    const speechDbfs = quantile(this.levels, 0.9);
    return {
      noiseFloorDbfs,
      speechDbfs,
      speechRmsDbfs: speechRms(this.levels, noiseFloorDbfs + 10),
      snrDb: speechDbfs - noiseFloorDbfs,
      enough: this.levels.length >= Math.min(this.capacity, 43),
    };
  }
}
