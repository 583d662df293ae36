// What a kiosk needs beyond the learner app: the screen kept on (Screen Wake Lock) while someone
// uses it, taken again whenever the page comes back into view (the browser lets it go when hidden).
let lock = null;

export async function keepAwake() {
  if (!('wakeLock' in navigator) || lock) return;
  try {
    lock = await navigator.wakeLock.request('screen');
    lock.addEventListener('release', () => { lock = null; });
  } catch {
    // Refused (a power saver, no user gesture yet): the next visibility change tries again.
  }
}

document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible' && document.body.classList.contains('kiosk')) keepAwake(); });
