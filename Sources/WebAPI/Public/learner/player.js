// The player with read-along: the text large, the word being spoken lit in time, a tap on a word
// plays just that word, a slower speed on demand, and the ways to practise the recording.
import { api } from '../shared/api.js';
import { t } from '../shared/i18n.js';
import { load, playSlice, watchStop } from '../shared/sound.js';
import { el, roundButton, show } from '../shared/ui.js';

export async function playerScreen(id, session) {
  let readAlong = null;
  try {
    readAlong = await api(`/api/recordings/${id}/exercises/read-along`);
  } catch (error) {
    if (![404, 409].includes(error.status)) throw error;
  }
  const recording = await api(`/api/recordings/${id}`);
  const audio = el('audio', { preload: 'auto' });
  await load(audio, recording.audioUrl);
  watchStop(audio);
  const words = [];
  const text = el('div', { class: 'text', lang: readAlong?.language });
  for (const segment of readAlong?.segments ?? []) {
    const phrase = el('p');
    let at = 0;
    for (const word of segment.words) {
      phrase.append(segment.text.slice(at, word.offset));
      const span = el('span', { class: 'w', role: 'button', tabindex: '0', 'data-start': word.audio.startMs, 'data-end': word.audio.endMs },
        segment.text.slice(word.offset, word.offset + word.length));
      span.addEventListener('click', () => playSlice(audio, word.audio));
      words.push({ span, start: word.audio.startMs, end: word.audio.endMs });
      phrase.append(span);
      at = word.offset + word.length;
    }
    phrase.append(segment.text.slice(at));
    text.append(phrase);
  }
  let lit = null, timer;
  const light = () => {
    const ms = audio.currentTime * 1000;
    const word = words.find((candidate) => candidate.start <= ms && ms < candidate.end) ?? null;
    if (word !== lit) { lit?.span.classList.remove('lit'); word?.span.classList.add('lit'); lit = word; }
    // A timer on the next word boundary keeps the light on time when frames come late.
    clearTimeout(timer);
    const next = Math.min(...words.flatMap(({ start, end }) => [start, end]).filter((edge) => edge > ms));
    if (!audio.paused && Number.isFinite(next)) timer = setTimeout(light, (next - ms) / audio.playbackRate);
  };
  // timeupdate alone fires every ~250 ms: each frame while playing keeps the light within one frame.
  const everyFrame = () => { light(); if (!audio.paused) requestAnimationFrame(everyFrame); };
  audio.addEventListener('play', () => requestAnimationFrame(everyFrame));
  for (const type of ['timeupdate', 'seeked', 'pause']) audio.addEventListener(type, light);

  const playButton = roundButton('play', 'play', 'listen', () => {
    if (audio.paused) { audio.stopAt = null; audio.play(); } else audio.pause();
  });
  audio.addEventListener('play', () => { playButton.firstChild.src = '/shared/icons/pause.svg'; playButton.setAttribute('aria-label', t('pause')); });
  audio.addEventListener('pause', () => { playButton.firstChild.src = '/shared/icons/play.svg'; playButton.setAttribute('aria-label', t('play')); });
  const slowButton = roundButton('slow', 'slow', '', () => {
    const slow = audio.playbackRate === 1;
    audio.playbackRate = slow ? (readAlong?.slowPlaybackRate ?? 0.75) : 1;
    audio.preservesPitch = true;
    slowButton.setAttribute('aria-pressed', String(slow));
    slowButton.classList.toggle('stories', slow);
  });
  slowButton.setAttribute('aria-pressed', 'false');
  const practise = readAlong ? el('div', { class: 'row' },
    ['gapfill', 'dictation', 'repeat'].map((kind) => roundButton(kind, kind, 'scenarios', () => {
      location.hash = `#/${kind === 'gapfill' ? 'gap-fill' : kind}/${id}/0`;
    }))) : null;
  show(el('h1', { class: 'sr' }, recording.title), audio, el('div', { class: 'row' }, playButton, slowButton), text, practise);
  audio.playbackRate = 1;
}
