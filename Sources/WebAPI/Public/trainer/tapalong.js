// Tap-along: the recording plays (at normal speed or 0.75×) and the trainer presses the space bar
// (or the big Tap button) as each word is heard; the word to tap next is lit. At the end, or on
// Save, the taps become the words' start times (PATCH …/timings {taps}).
import { api } from '../shared/api.js';
import { addWords, t } from '../shared/i18n.js';
import { el, status } from '../shared/ui.js';

addWords({
  fr: { heading: 'Taper en écoutant', speed: 'Vitesse', start: 'Commencer', redo: 'Recommencer', tap: 'Taper', next: 'mot suivant',
    save: 'Enregistrer les frappes', saved: 'Frappes enregistrées', help: 'Appuyez sur Espace (ou sur Taper) au début de chaque mot.',
    words: 'Mots à taper' },
  en: { heading: 'Tap along', speed: 'Speed', start: 'Start', redo: 'Start again', tap: 'Tap', next: 'next word',
    save: 'Save the taps', saved: 'Taps saved', help: 'Press Space (or Tap) as each word begins.', words: 'Words to tap' },
}, 'tapalong');

/**
 * The tap-along panel for the editor. `update(transcript)` gives it the words to tap (null: no
 * transcript yet); `reload()` redraws the editor once the taps are saved.
 */
export function tapAlongPanel({ recording, audio, language: lang, reload }) {
  const speed = el('select', { id: 'tap-speed' }, el('option', { value: '1' }, '1×'), el('option', { value: '0.75' }, '0,75×'));
  const chips = el('p', { class: 'tapwords', 'aria-label': t('tapalong.words') });
  const tapButton = el('button', { type: 'button', class: 'tap', disabled: true, 'aria-label': t('tapalong.tap') }, t('tapalong.tap'));
  const startButton = el('button', { type: 'button', class: 'text', id: 'tap-start', disabled: true }, t('tapalong.start'));
  const saveButton = el('button', { type: 'button', class: 'text', id: 'tap-save', disabled: true }, t('tapalong.save'));
  let words = [], taps = [], active = false;

  const highlight = () => {
    [...chips.children].forEach((chip, index) => {
      chip.classList.toggle('done', index < taps.length);
      chip.classList.toggle('next', active && index === taps.length);
    });
    const next = words[taps.length];
    tapButton.setAttribute('aria-label', next ? `${t('tapalong.tap')} — ${t('tapalong.next')} « ${next} »` : t('tapalong.tap'));
  };

  /** When the key went down, in the recording's time: the media clock now, less the time since, at the playback rate. */
  const recordingMs = (eventTime) => Math.round(audio.currentTime * 1000 - Math.max(0, performance.now() - eventTime) * audio.playbackRate);

  const tap = (event) => {
    if (!active || audio.paused || taps.length >= words.length) return;
    const ms = recordingMs(event.timeStamp);
    if (ms < 0 || ms >= recording.durationMs || (taps.length && ms <= taps[taps.length - 1])) return;
    taps.push(ms);
    saveButton.disabled = false;
    highlight();
    if (taps.length === words.length) finish();
  };
  // Space anywhere on the page taps while tapping along (and neither scrolls nor presses a button).
  const onKey = (event) => {
    if (event.key !== ' ') return;
    event.preventDefault();
    event.stopPropagation();
    if (event.type === 'keydown' && !event.repeat) tap(event);
  };
  // Leaving the editor mid-run drops the taps and gives the space bar back.
  const leave = () => { active = false; listen(false); };
  const listen = (on) => {
    for (const type of ['keydown', 'keyup']) (on ? addEventListener : removeEventListener)(type, onKey, true);
    (on ? addEventListener : removeEventListener)('hashchange', leave);
  };

  async function finish() {
    if (!active) return;
    active = false;
    listen(false);
    audio.pause();
    audio.playbackRate = 1;
    tapButton.disabled = true;
    highlight();
    if (!taps.length) return;
    try {
      await api(`/api/recordings/${recording.id}/transcripts/${lang()}/timings`, { method: 'PATCH', body: { taps } });
      status(`${t('tapalong.saved')} (${taps.length})`);
      await reload();
    } catch (error) { status(error.message); }
  }

  startButton.addEventListener('click', async () => {
    if (active) { active = false; listen(false); }
    taps = [];
    active = true;
    listen(true);
    audio.stopAt = null;
    audio.currentTime = 0;
    audio.playbackRate = Number(speed.value);
    tapButton.disabled = false;
    saveButton.disabled = true;
    startButton.textContent = t('tapalong.redo');
    highlight();
    tapButton.focus();
    await audio.play().catch((error) => status(error.message));
  });
  tapButton.addEventListener('pointerdown', (event) => { event.preventDefault(); tap(event); });
  saveButton.addEventListener('click', () => finish());
  audio.addEventListener('ended', () => finish());

  const element = el('section', { class: 'tapalong', 'aria-labelledby': 'tap-heading' },
    el('h2', { id: 'tap-heading' }, t('tapalong.heading')), el('p', {}, t('tapalong.help')),
    el('p', { class: 'row', style: 'justify-content:flex-start' },
      el('label', { for: 'tap-speed' }, t('tapalong.speed')), speed, startButton, saveButton),
    chips, tapButton);

  return {
    element,
    update(transcript) {
      if (active) return;
      words = transcript ? transcript.segments.flatMap((segment) => segment.words.map((word) => word.text)) : [];
      chips.replaceChildren(...words.map((word) => el('span', {}, word)));
      startButton.disabled = words.length === 0;
      highlight();
    },
  };
}
