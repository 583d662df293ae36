// Recording from the microphone on the trainer screens: a record/stop toggle with a level meter,
// on the same capture as the learners' recorder (Opus through MediaRecorder, else PCM as WAV).
import { Capture } from '../shared/recorder.js';
import { el, status } from '../shared/ui.js';

/**
 * A button that starts recording and, pressed again, stops and hands the take to
 * `onRecorded(blob)`. `names` gives its accessible names: `{ record, stop }`. Leaving the screen
 * mid-take releases the microphone.
 */
export function captureButton({ names, label, onRecorded }) {
  let capture = null;
  const level = el('span');
  const meter = el('span', { class: 'level', 'aria-hidden': 'true' }, level);
  const button = el('button', { type: 'button', class: 'text rec', 'aria-pressed': 'false', 'aria-label': names.record }, label.record);
  const leave = () => { capture?.cancel(); reset(); };
  const reset = () => {
    capture = null;
    button.setAttribute('aria-pressed', 'false');
    button.setAttribute('aria-label', names.record);
    button.textContent = label.record;
    level.style.width = '0';
    removeEventListener('hashchange', leave);
  };
  button.addEventListener('click', async () => {
    if (!capture) {
      capture = new Capture();
      try {
        await capture.start((peak) => { level.style.width = `${Math.min(100, peak * 140)}%`; });
      } catch (error) {
        capture = null;
        status(`🎤 ✗ ${error.name}`);
        return;
      }
      addEventListener('hashchange', leave);
      button.setAttribute('aria-pressed', 'true');
      button.setAttribute('aria-label', names.stop);
      button.textContent = label.stop;
    } else {
      const running = capture;
      reset();
      button.disabled = true;
      try {
        onRecorded(await running.stop());
      } finally {
        button.disabled = false;
      }
    }
  });
  return el('span', { class: 'capture' }, button, meter);
}
