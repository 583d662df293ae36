// The recorder screen: one big button to start and stop, a level meter and a ring growing with
// the time, then listen back, keep or redo; kept recordings stay private until the learner
// agrees to share them (the consent step).
import { api } from '../shared/api.js';
import { language, t } from '../shared/i18n.js';
import { Capture } from '../shared/recorder.js';
import { chime, sayLabel, softTone } from '../shared/sound.js';
import { el, icon, roundButton, show, status } from '../shared/ui.js';
import { keep } from './uploads.js';

const RING = 2 * Math.PI * 52;

/**
 * Shows the recorder; `onKept(recording or null when queued, blob)` runs after keep (and the
 * consent step when `askConsent`).
 */
export function recordScreen({ session, prompt, query = {}, askConsent = true, onKept, onBack }) {
  const capture = new Capture();
  const meterBar = el('div');
  const ringCircle = el('div');
  ringCircle.innerHTML = `<svg class="ring" viewBox="0 0 120 120" aria-hidden="true"><circle cx="60" cy="60" r="52" stroke-dasharray="${RING}" stroke-dashoffset="${RING}"/></svg>`;
  const ring = ringCircle.firstChild;
  const button = el('button', { type: 'button', class: 'recbtn', 'aria-label': t('record'), 'data-label': 'record', 'aria-pressed': 'false' }, icon('rec'), ring);
  let timer;
  const stopped = () => {
    clearInterval(timer);
    document.body.classList.remove('recording');
  };
  // Leaving mid-recording (back, sign-out) releases the microphone.
  const leave = () => { if (button.getAttribute('aria-pressed') === 'true') capture.cancel(); stopped(); };
  addEventListener('hashchange', leave, { once: true });
  document.getElementById('signout').addEventListener('click', leave, { once: true });
  button.addEventListener('click', async () => {
    if (button.getAttribute('aria-pressed') === 'false') {
      try {
        // The meter's colours stay put (green, then amber, red near clipping); a grey cover shrinks as the level rises.
        await capture.start((peak) => { meterBar.style.width = `${100 - Math.min(100, peak * 140)}%`; });
      } catch (error) {
        softTone(); status(`🎤 ✗ ${error.name}`); return;
      }
      button.setAttribute('aria-pressed', 'true');
      document.body.classList.add('recording');
      button.setAttribute('aria-label', t('stop'));
      button.firstChild.src = '/shared/icons/stop.svg';
      timer = setInterval(() => {
        const seconds = (performance.now() - capture.startedAt) / 1000;
        ring.firstChild.setAttribute('stroke-dashoffset', RING * (1 - (seconds % 60) / 60));
      }, 100);
    } else {
      stopped();
      button.setAttribute('aria-pressed', 'false');
      button.disabled = true;
      review(await capture.stop());
    }
  });

  function review(blob) {
    const url = URL.createObjectURL(blob);
    const player = el('audio', { src: url, preload: 'auto' });
    const keepButton = roundButton('keep', 'keep', 'ok', async () => {
      keepButton.disabled = true;
      let recording = null;
      try {
        recording = await keep(blob, { language: session.language, title: new Date().toLocaleString(language), ...query }, session.person.id);
      } catch (error) {
        softTone(); status(error.message); keepButton.disabled = false; return;
      }
      chime();
      status(recording ? t('saved') : t('waiting'));
      // Kept on this device: the app sends it when the network is back.
      if (!recording) document.body.classList.add('offline');
      setTimeout(() => status(''), 2500);
      if (recording && askConsent) consent(recording, () => onKept(recording, blob));
      else onKept(recording, blob);
    });
    show(el('h1', { class: 'sr' }, t('record')), prompt ?? null, player,
      el('div', { class: 'row' },
        roundButton('play', 'play', 'listen', () => { player.currentTime = 0; player.play(); }),
        keepButton,
        roundButton('redo', 'redo', '', () => recordScreen({ session, prompt, query, askConsent, onKept, onBack }))));
  }

  show(el('h1', { class: 'sr' }, t('record')), prompt ?? null,
    el('div', { class: 'row' }, button), el('div', { class: 'meter', 'aria-hidden': 'true' }, meterBar));
}

/** Private by default; shared with the group only when the learner taps to agree. */
function consent(recording, done) {
  sayLabel('consent');
  show(el('h1', { class: 'sr' }, t('share')),
    el('div', { class: 'row' },
      roundButton('hear', 'speaker', '', () => sayLabel('consent')),
      roundButton('share', 'share', 'stories', async () => {
        await api(`/api/recordings/${recording.id}/consent`, { method: 'POST', body: { visibility: 'group', method: 'tap' } });
        chime(); done();
      }),
      roundButton('private', 'private', 'listen', done)));
}
