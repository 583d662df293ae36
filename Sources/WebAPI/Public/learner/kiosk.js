// What a kiosk needs beyond the learner app: the screen kept on (Screen Wake Lock) all the while
// the kiosk page is shown, its sign-in screen included, taken again whenever the page comes back
// into view (the browser lets it go when hidden) and, if the browser refused it, at the next touch.
let lock = null, asking = false;

export async function keepAwake() {
  if (!('wakeLock' in navigator) || lock || asking) return;
  asking = true;
  try {
    lock = await navigator.wakeLock.request('screen');
    lock.addEventListener('release', () => { lock = null; });
  } catch {
    // Refused (a power saver, a page not yet touched): the next touch or visibility change tries again.
    addEventListener('pointerdown', () => keepAwake(), { once: true });
  } finally {
    asking = false;
  }
}

document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible' && document.body.classList.contains('kiosk')) keepAwake(); });
