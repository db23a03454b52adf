// Navigation shared by the views (kept apart from app.js to avoid an import cycle).

/** A one-shot notice shown by the next view, e.g. "Your session has expired". */
export const flash = { text: null, kind: 'info' };

/** Goes to a hash route; re-renders when already there. */
export function go(hash) {
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = hash;
}

/** Takes the pending flash notice (or null) and clears it. */
export function takeFlash() {
  if (!flash.text) return null;
  const notice = { text: flash.text, kind: flash.kind };
  flash.text = null;
  return notice;
}
