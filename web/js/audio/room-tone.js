// Judges a few seconds of "room tone" (the room with nobody speaking) in plain words.
// Thresholds and words come from verdict.js (the server's: background noise must be
// -40 dBFS or lower, -60 dBFS or lower is ideal, ACX guidance).

import { quantile } from './levels.js';
import { roomVerdict } from '../verdict.js';

export const ROOM_TONE_SECONDS = 3;

/**
 * levelsDbfs: block RMS levels (dBFS) measured over the check; peakDbfs: loudest sample.
 * Returns { noiseFloorDbfs, spreadDb, peakDbfs, kind: 'ok'|'warning'|'error', title, advice }.
 */
export function judgeRoomTone(levelsDbfs, peakDbfs) {
  const noiseFloorDbfs = quantile(levelsDbfs, 0.5);
  const spreadDb = quantile(levelsDbfs, 0.9) - quantile(levelsDbfs, 0.1);
  const result = { noiseFloorDbfs, spreadDb, peakDbfs };
  if (noiseFloorDbfs < -90) {
    return { ...result, kind: 'warning', title: 'We heard almost nothing',
      advice: 'Complete silence usually means the microphone is muted or the wrong one is selected. ' +
        'Check the mute switch and your computer\'s sound settings, then check again.' };
  }
  if (spreadDb > 15) {
    return { ...result, kind: 'warning', title: 'We heard sounds that come and go',
      advice: 'Something changed during the check: talking, a door, a car? Stay silent for the three seconds ' +
        'and check again. If it keeps happening, find a quieter moment or room.' };
  }
  return { ...result, ...roomVerdict(noiseFloorDbfs) };
}
