// The recorder screen: one big button to start and stop, a level meter and a ring growing with
// the time, then listen back, keep or redo; a story gets a picture so it can be found again, and
// stays private until the learner agrees to share it (the consent step). Each step says what it
// waits for.
import { api } from '../shared/api.js';
import { language, t } from '../shared/i18n.js';
import { Capture } from '../shared/recorder.js';
import { storyPictures } from '../shared/words.js';
import { chime, sayLabel, sayThen, softTone } from '../shared/sound.js';
import { actions, bigButton, el, failureStatus, icon, picture, roundButton, show, status } from '../shared/ui.js';
import { keep } from './uploads.js';

const RING = 2 * Math.PI * 52;

/**
 * Shows the recorder; `onKept(recording or null when queued, blob)` runs after keep (and the
 * picture and consent steps of a story). A `practice` take (an exercise's try, a scenario's
 * answer) gets no picture and is kept as `purpose=practice`; `askConsent` false skips consent;
 * `sayKept` false leaves "it is kept" unsaid where what follows speaks at once (an exercise's verdict).
 */
export function recordScreen({ session, prompt, query = {}, askConsent = true, practice = !askConsent, onKept, onBack, label = 'speak',
  sayKept = true }) {
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
        softTone(); status(`🎤 ✗ ${error.name}`); sayLabel('error'); return;
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

  async function store(blob, extra = {}) {
    let recording = null;
    try {
      recording = await keep(blob, { language: session.language, title: new Date().toLocaleString(language), ...query,
        ...(practice ? { purpose: 'practice' } : {}), ...extra }, session.person.id);
    } catch (error) {
      softTone(); failureStatus(error); sayLabel('error'); return undefined;
    }
    chime();
    status(recording ? t('saved') : t('waiting'));
    // Kept on this device: the app sends it when the network is back.
    if (!recording) document.body.classList.add('offline');
    setTimeout(() => status(''), 2500);
    if (recording && askConsent) consent(recording, () => onKept(recording, blob));
    else {
      if (!recording || sayKept) sayLabel(recording ? 'saved' : 'waiting');
      onKept(recording, blob);
    }
    return recording;
  }

  function review(blob) {
    const url = URL.createObjectURL(blob);
    const player = el('audio', { src: url, preload: 'auto' });
    const keepButton = roundButton('keep', 'keep', 'ok', () => {
      keepButton.disabled = true;
      if (practice) store(blob).then((done) => { if (done === undefined) keepButton.disabled = false; });
      else choosePicture((key) => store(blob, { picture: key }));
    });
    show(el('h1', { class: 'sr' }, t('record')), prompt ?? null, player,
      actions(
        roundButton('play', 'play', 'listen', () => { player.currentTime = 0; player.play(); }),
        keepButton,
        roundButton('redo', 'redo', '', () => recordScreen({ session, prompt, query, askConsent, practice, onKept, onBack, label, sayKept }))));
    sayLabel('review');
  }

  show(el('h1', { class: 'sr' }, t('record')), prompt ?? null,
    el('div', { class: 'row' }, button), el('div', { class: 'meter', 'aria-hidden': 'true' }, meterBar));
  if (label) sayLabel(label);
}

/** Twelve pictures; the one tapped is the story's, so it can be told from the others later. */
function choosePicture(chosen) {
  show(el('h1', { class: 'sr', id: 'title' }, t('picture')),
    el('div', { class: 'grid code', role: 'group', 'aria-labelledby': 'title' }, storyPictures.map((key) => bigButton({
      label: key, className: 'pic', image: picture(key), speaker: false, onClick: () => chosen(key) }))));
  sayLabel('picture');
}

/** Private by default; shared with the group only when the learner taps to agree. */
function consent(recording, done) {
  show(el('h1', { class: 'sr' }, t('share')),
    el('div', { class: 'row' }, el('span', { class: 'story-face big-face' }, picture(recording.picture))),
    el('div', { class: 'row' }, roundButton('hear', 'speaker', '', () => sayLabel('consent'))),
    actions(
      roundButton('share', 'share', 'stories', async () => {
        await api(`/api/recordings/${recording.id}/consent`, { method: 'POST', body: { visibility: 'group', method: 'tap' } });
        chime();
        await sayThen('shared');
        done();
      }),
      roundButton('private', 'private', 'listen', async () => { await sayThen('saved'); done(); })));
  sayLabel('consent');
}
