// One verdict everywhere: the thresholds and words shared by the live meter, the room
// check and the take analysis, so they never disagree ("Good level" only inside the
// target; "nothing to fix" only when there is nothing at all to look at). The numbers are
// the server's (quality::AnalysisOptions and SetAssessmentOptions, docs/quality-analysis.md):
// change them together.

/** Speech level (RMS over speech, dBFS): the target band and the warning level below it. */
export const LEVEL = Object.freeze({ targetMinDbfs: -23, targetMaxDbfs: -18, tooQuietDbfs: -35 });
/** Background noise and voice-above-noise requirements (error beyond) and ideals. */
export const NOISE = Object.freeze({ maxFloorDbfs: -40, idealFloorDbfs: -60, minSnrDb: 25, idealSnrDb: 35 });
/** Takes scoring below this are not counted (SetAssessmentOptions::min_usable_score). */
export const MIN_USABLE_SCORE = 40;

/** The speech level in words: {kind: 'ok'|'info'|'warning', text}. Same cut-offs as the server's too_quiet / too_loud issues. */
export function levelVerdict(speechDbfs) {
  if (speechDbfs < LEVEL.tooQuietDbfs) return { kind: 'warning', text: 'Your voice is too quiet: move closer to the microphone or raise the input volume.' };
  if (speechDbfs < LEVEL.targetMinDbfs) return { kind: 'info', text: 'A little quiet: move a bit closer to the microphone.' };
  if (speechDbfs > LEVEL.targetMaxDbfs) return { kind: 'warning', text: 'Your voice is loud: move back a little or lower the input volume.' };
  return { kind: 'ok', text: 'Good level.' };
}

/** Background noise and SNR while recording: {kind: 'ok'|'warning'|'error', text}. */
export function noiseVerdict(noiseFloorDbfs, snrDb) {
  if (noiseFloorDbfs > NOISE.maxFloorDbfs) return { kind: 'error', text: 'Noisy background: find a quieter spot or switch off what is humming.' };
  if (snrDb < NOISE.minSnrDb) return { kind: 'warning', text: 'Your voice is not much louder than the background: move closer or reduce noise.' };
  return { kind: 'ok', text: 'Background is quiet enough.' };
}

/** The room with nobody speaking (noise floor in dBFS): {kind, title, advice}. */
export function roomVerdict(noiseFloorDbfs) {
  if (noiseFloorDbfs > NOISE.maxFloorDbfs) {
    return { kind: 'error', title: 'Your room is too noisy to record well',
      advice: 'Switch off fans, heaters and the TV, close windows and doors, and move away from the ' +
        'fridge or running water. Then check again.' };
  }
  if (noiseFloorDbfs > (NOISE.maxFloorDbfs + NOISE.idealFloorDbfs) / 2) {
    return { kind: 'warning', title: 'A little background noise',
      advice: 'It will work, but your voice will sound better in a quieter spot: a room with curtains, ' +
        'a carpet and a sofa absorbs echo and hum.' };
  }
  return { kind: 'ok', title: noiseFloorDbfs <= NOISE.idealFloorDbfs ? 'Very quiet room — excellent' : 'Quiet enough — good',
    advice: 'Your room is quiet enough for recording. Keep it like this while you read.' };
}

/**
 * Whether a take counts, from the server's analysis (with its readAlong check):
 * {counted, reason, kind: 'failed'|'incomplete'|'ok'}. reason says why not, in words.
 */
export function takeStatus(analysis) {
  const a = analysis || {};
  const read = a.readAlong || {};
  if (a.speechFound === false) return { counted: false, kind: 'failed', reason: 'No speech was found.' };
  if (read.checked && read.complete === false) {
    return { counted: false, kind: 'incomplete', reason: `Incomplete — ${read.sentencesRead} of ${read.sentenceCount} sentences read.` };
  }
  if ((a.qualityScore ?? 0) < MIN_USABLE_SCORE) {
    return { counted: false, kind: 'failed', reason: `The quality score is below ${MIN_USABLE_SCORE}.` };
  }
  if ((a.issues || []).some((i) => i.severity === 'error')) {
    return { counted: true, kind: 'failed', reason: 'It has a problem that will make your voice worse.' };
  }
  return { counted: true, kind: 'ok', reason: '' };
}

/** The take's verdict in one line: {kind, text}. "Nothing to fix" only without any issue. */
export function takeVerdict(analysis) {
  const a = analysis || {};
  const issues = a.issues || [];
  const status = takeStatus(a);
  if (a.speechFound === false) return { kind: 'error', text: 'We could not hear speech in this recording.' };
  if (status.kind === 'incomplete') {
    return { kind: 'error', text: `${status.reason} This take does not count: record the passage again and read every sentence.` };
  }
  if (!status.counted) return { kind: 'error', text: `This take does not count: ${status.reason.charAt(0).toLowerCase()}${status.reason.slice(1)} Please fix the problems below and record again.` };
  if (status.kind === 'failed') return { kind: 'error', text: 'This take has a problem that will make your voice worse. Please fix it and record again.' };
  if (issues.some((i) => i.severity === 'warning')) return { kind: 'warning', text: 'Usable, but it could be better. See the suggestions below.' };
  if (issues.length) return { kind: 'info', text: issues.length === 1 ? 'Good recording — one small tip below.' : 'Good recording — a few small tips below.' };
  return { kind: 'ok', text: 'Great recording — nothing to fix.' };
}
