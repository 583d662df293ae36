// Sound feedback: spoken labels (short Opus clips, French by default), a chime, a soft tone, and
// playing one slice of a recording. A browser that blocks sound until the first touch is told to
// `onSoundBlocked`, so the screen can ask for that touch instead of staying silent.
import { language } from './i18n.js';

let context;
function audioContext() { context ??= new AudioContext(); return context; }

// Labels trainers recorded in the learner's language (key → {audioUrl}); the shipped French
// clip plays for the others, and for all of them when the server cannot be reached.
let recorded = Promise.resolve({});
/** Plays the labels recorded for `lang` from now on (before sign-in: the screen's language). */
export function useLabelsOf(lang) {
  recorded = fetch(`/api/labels/${encodeURIComponent(lang)}`).then((response) => (response.ok ? response.json() : {}))
    .then((answer) => answer.labels ?? {}).catch(() => ({}));
}
useLabelsOf(language);

let labelPlayer = null, blockedHandler = null, turn = 0;

/** `handler(retry)` runs when the browser refused to play before a touch; `retry()` plays it again. */
export function onSoundBlocked(handler) { blockedHandler = handler; }

/** The URL a label key plays: the one recorded in the learner's language, else the shipped clip. */
export async function labelURL(key) {
  const label = (await recorded)[key];
  return label ? playableURL(label.audioUrl) : `/shared/labels/fr/${key}.opus`;
}

let said = 0;
/**
 * Plays `url` (stopping the clip before it); resolves when it ends or cannot play. A new player
 * and a new address each time (`?said=N`; the offline shell answers it from its cache by path): a
 * clip said again is asked for again, so what a screen says can be checked on the network.
 */
function clip(url) {
  labelPlayer?.pause();
  said += 1;
  const player = new Audio(url.startsWith('blob:') ? url : `${url}${url.includes('?') ? '&' : '?'}said=${said}`);
  labelPlayer = player;
  return new Promise((resolve) => {
    for (const end of ['ended', 'error', 'pause']) player.addEventListener(end, () => resolve(), { once: true });
    player.play().catch((error) => {
      if (error.name === 'NotAllowedError') blockedHandler?.(() => clip(url));
      resolve();
    });
  });
}

/** Plays a clip (a spoken name) in place of whatever label was being said. */
export function playClip(url) {
  turn += 1;
  return clip(url);
}

/** Says `key`, waiting for it at most `ms` before going on (a screen that follows never hangs on a clip). */
export function sayThen(key, ms = 2500) {
  return Promise.race([sayLabel(key), new Promise((resolve) => { setTimeout(resolve, ms); })]);
}

/** Says one label, or several one after the other; a later label or clip cuts in. */
export async function sayLabel(...keys) {
  const mine = ++turn;
  for (const key of keys) {
    const url = await labelURL(key);
    if (mine !== turn) return;
    await clip(url);
    if (mine !== turn) return;
  }
}

function tones(notes, type) {
  const audio = audioContext();
  notes.forEach(([frequency, at, length]) => {
    const oscillator = audio.createOscillator(), gain = audio.createGain();
    oscillator.type = type; oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, audio.currentTime + at);
    gain.gain.exponentialRampToValueAtTime(0.3, audio.currentTime + at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + at + length);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(audio.currentTime + at); oscillator.stop(audio.currentTime + at + length + 0.05);
  });
}
/** Rising bright notes: right. */
export function chime() { tones([[784, 0, 0.25], [1047, 0.12, 0.4]], 'sine'); }
/** One low soft note: try again (never a buzzer). */
export function softTone() { tones([[330, 0, 0.35], [262, 0.2, 0.45]], 'triangle'); }
/** A short tick: a picture of the code was taken (its name is not said aloud: others may hear). */
export function tick() { tones([[660, 0, 0.08]], 'sine'); }
/** After the first touch: the audio context may run. */
export function unlockSound() { audioContext().resume?.().catch(() => {}); }

/** The best form of a recording this browser plays: Ogg Opus, CAF (old Safari), else WAV. */
export function playableURL(opusURL) {
  const probe = document.createElement('audio');
  if (probe.canPlayType('audio/ogg; codecs=opus')) return opusURL;
  if (probe.canPlayType('audio/x-caf; codecs=opus') || probe.canPlayType('audio/x-caf')) return opusURL.replace(/\.opus$/, '.caf');
  return opusURL.replace(/\.opus$/, '.wav');
}

/** Points `audio` at the recording in the form this browser plays. */
export async function load(audio, opusURL) {
  const url = playableURL(opusURL);
  if (audio.dataset.source === url) return;
  audio.dataset.source = url;
  // The decoded WAV streams without ranges, so it could not be sought: it is fetched whole.
  audio.src = url.endsWith('.wav') ? URL.createObjectURL(await (await fetch(url)).blob()) : url;
}

/** Plays `slice` ({url,startMs,endMs}) on `audio` and stops at its end. */
export async function playSlice(audio, slice) {
  await load(audio, slice.url);
  audio.stopAt = slice.endMs / 1000;
  audio.currentTime = slice.startMs / 1000;
  return audio.play().catch(() => {});
}

/** Makes `audio` honour `stopAt` (set by playSlice) precisely, checking every frame. */
export function watchStop(audio) {
  const check = () => {
    if (audio.stopAt != null && audio.currentTime >= audio.stopAt) { audio.pause(); audio.stopAt = null; }
    if (!audio.paused) requestAnimationFrame(check);
  };
  audio.addEventListener('play', () => requestAnimationFrame(check));
}
