// The Echoes JSON API: bearer-token session, plain-language errors, and the two
// app-wide failure states (server unreachable, session expired) reported to app.js.

const TOKEN_KEY = 'echoes.token';
const USER_KEY = 'echoes.user';

/** An API failure. status: HTTP status (0 = no answer); code: server's stable code or our own. */
export class ApiError extends Error {
  constructor(status, code, message, body = null) {
    super(message);
    this.status = status;
    this.code = code;
    this.body = body;
  }
  /** True when the endpoint itself does not exist on this server (a feature not built yet). */
  get notAvailable() { return this.status === 404 || this.status === 405 || this.status === 501; }
}

const listeners = { unreachable: () => {}, expired: () => {}, reachable: () => {} };

/** Sets the handlers app.js uses to show 'server unreachable' / 'session expired'. */
export function onApiState(handlers) { Object.assign(listeners, handlers); }

export const session = {
  get token() { return localStorage.getItem(TOKEN_KEY); },
  get user() {
    try { return JSON.parse(localStorage.getItem(USER_KEY) || 'null'); } catch { return null; }
  },
  save(token, user) {
    localStorage.setItem(TOKEN_KEY, token);
    localStorage.setItem(USER_KEY, JSON.stringify(user));
  },
  clear() {
    localStorage.removeItem(TOKEN_KEY);
    localStorage.removeItem(USER_KEY);
  },
};

/**
 * Sends a request and returns the raw Response for 2xx answers; throws ApiError otherwise.
 * body: a plain object (sent as JSON), FormData, or undefined.
 */
export async function request(method, path, body, { signal } = {}) {
  const headers = {};
  const token = session.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  let payload;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(path, { method, headers, body: payload, signal });
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    listeners.unreachable();
    throw new ApiError(0, 'server_unreachable',
      'We could not reach the Echoes server. Check your connection (or that Echoes is running) and try again.');
  }
  listeners.reachable();
  if (res.ok) return res;
  const data = await res.json().catch(() => null);
  const code = data?.error?.code || `http_${res.status}`;
  const text = data?.error?.message || `The server answered with an error (${res.status}).`;
  if (res.status === 401 && token && !path.startsWith('/api/auth/login')) {
    // Requests sent together all come back 401: only the first one signs out and redirects.
    if (session.token === token) {
      session.clear();
      listeners.expired();
    }
    throw new ApiError(401, 'session_expired', 'Your session has expired. Please sign in again.', data);
  }
  throw new ApiError(res.status, code, text, data);
}

/** JSON request helper: returns the parsed body. */
export async function json(method, path, body, options) {
  const res = await request(method, path, body, options);
  return res.status === 204 ? {} : res.json();
}

export const api = {
  register: (email, password, name) => json('POST', '/api/auth/register', { email, password, name }),
  login: (email, password) => json('POST', '/api/auth/login', { email, password }),
  logout: () => json('POST', '/api/auth/logout', {}),
  me: () => json('GET', '/api/auth/me'),
  passages: () => json('GET', '/api/voice/passages'),
  status: () => json('GET', '/api/voice/status'),
  recordings: () => json('GET', '/api/voice/recordings'),
  deleteRecording: (id) => json('DELETE', `/api/voice/recordings/${encodeURIComponent(id)}`),
  /** Deletes every recording, voice, consent and build job of the account; resolves with the receipt. */
  deleteAllVoiceData: () => json('DELETE', '/api/voice'),
  /** Uploads a WAV blob for a passage. Resolves with the analysis body, also for 422 no_speech. */
  async upload(wavBlob, passageId) {
    const form = new FormData();
    form.append('audio', wavBlob, `${passageId}.wav`);
    form.append('passageId', passageId);
    try {
      return await json('POST', '/api/voice/upload', form);
    } catch (err) {
      if (err.status === 422 && err.body?.analysis) return { rejected: true, ...err.body };
      throw err;
    }
  },
  /** Fetches audio that needs the bearer header and returns an object URL for an <audio> element. */
  async audioUrl(path) {
    const res = await request('GET', path);
    return URL.createObjectURL(await res.blob());
  },
  consent: () => json('GET', '/api/voice/consent'),
  /** Uploads the spoken consent (a WAV blob). dateIso: the date shown with the statement. */
  submitConsent(wavBlob, dateIso) {
    const form = new FormData();
    form.append('audio', wavBlob, 'consent.wav');
    if (dateIso) form.append('date', dateIso);
    return json('POST', '/api/voice/consent', form);
  },
  startTraining: () => json('POST', '/api/voice/train', {}),
  trainingJob: (id) => json('GET', `/api/voice/train/${encodeURIComponent(id)}`),
  /** Starts synthesis; returns the streaming Response (chunked audio/wav). */
  synthesize: (text, quality, speed, signal) =>
    request('POST', '/api/voice/synthesize', { text, quality, speed, format: 'wav', stream: true }, { signal }),
  feedback: (synthesisId, rating, comment) => json('POST', '/api/voice/feedback', { synthesisId, rating, comment }),
  chat: (message, includeVoice) => json('POST', '/api/ai-echo/chat', { message, includeVoice, stream: false }),
};
