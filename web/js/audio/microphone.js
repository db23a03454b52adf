// Opens the microphone with the browser's voice "improvements" switched off (echo
// cancellation, noise suppression and automatic gain change the voice and pump the
// noise floor), and streams raw blocks from the capture worklet.

import { toDbfs } from './levels.js';

/** A microphone problem in plain words. code: mic_blocked | no_mic | mic_busy | mic_unsupported. */
export class MicrophoneError extends Error {
  constructor(code, title, text) {
    super(text);
    this.code = code;
    this.title = title;
  }
}

function explain(err) {
  switch (err?.name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return new MicrophoneError('mic_blocked', 'Microphone blocked',
        'Echoes is not allowed to use your microphone. Click the lock or microphone icon next to the web ' +
        'address, choose "Allow" for the microphone, then press "Try again".');
    case 'NotFoundError':
    case 'OverconstrainedError':
      return new MicrophoneError('no_mic', 'No microphone found',
        'We could not find a microphone. Plug in your microphone or headset (or switch it on), ' +
        'then press "Try again".');
    case 'NotReadableError':
    case 'AbortError':
      return new MicrophoneError('mic_busy', 'Microphone busy',
        'Your microphone is being used by another program (a video call, perhaps). Close that program, ' +
        'then press "Try again".');
    default:
      return new MicrophoneError('mic_unsupported', 'Microphone not available',
        'This browser cannot record here. Use a recent Chrome, Edge, Firefox or Safari, on this computer ' +
        '(https or localhost).');
  }
}

/**
 * Opens the microphone. onBlock({samples, rmsDbfs, peakDbfs, clipped}) is called for every
 * ~46 ms block. Resolves with { rateHz, label, close() }; rejects with MicrophoneError.
 */
export async function openMicrophone(onBlock) {
  if (!navigator.mediaDevices?.getUserMedia || typeof AudioWorkletNode === 'undefined') {
    throw explain(null);
  }
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false, channelCount: 1 },
      video: false,
    });
  } catch (err) {
    throw explain(err);
  }
  const context = new AudioContext({ latencyHint: 'interactive' });
  try {
    await context.audioWorklet.addModule(new URL('./capture-worklet.js', import.meta.url));
    const source = context.createMediaStreamSource(stream);
    const node = new AudioWorkletNode(context, 'echoes-capture', { numberOfInputs: 1, numberOfOutputs: 1 });
    node.port.onmessage = ({ data }) => onBlock({
      samples: data.samples,
      rmsDbfs: toDbfs(data.rms),
      peakDbfs: toDbfs(data.peak),
      clipped: data.clipped,
    });
    source.connect(node);
    // The node writes silence; connecting it keeps the graph pulling samples through it.
    node.connect(context.destination);
    if (context.state === 'suspended') await context.resume();
    const track = stream.getAudioTracks()[0];
    return {
      rateHz: context.sampleRate,
      label: track?.label || 'microphone',
      close() {
        node.port.onmessage = null;
        stream.getTracks().forEach((t) => t.stop());
        context.close().catch(() => {});
      },
    };
  } catch (err) {
    stream.getTracks().forEach((t) => t.stop());
    context.close().catch(() => {});
    throw explain(err);
  }
}
