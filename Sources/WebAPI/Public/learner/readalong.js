// The read-along text: every word a span lit while it is spoken (each animation frame, and a
// timer on the next word's edge when frames come late), and a tap on a word plays its slice.
import { playSlice } from '../shared/sound.js';
import { el } from '../shared/ui.js';

/** The text of `readAlong` (an exercise answer, or null: then an empty block) lit as `audio` plays. */
export function readAlongText(readAlong, audio) {
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
    clearTimeout(timer);
    const next = Math.min(...words.flatMap(({ start, end }) => [start, end]).filter((edge) => edge > ms));
    if (!audio.paused && Number.isFinite(next)) timer = setTimeout(light, (next - ms) / audio.playbackRate);
  };
  // timeupdate alone fires every ~250 ms: each frame while playing keeps the light within one frame.
  const everyFrame = () => { light(); if (!audio.paused) requestAnimationFrame(everyFrame); };
  audio.addEventListener('play', () => requestAnimationFrame(everyFrame));
  for (const type of ['timeupdate', 'seeked', 'pause']) audio.addEventListener(type, light);
  return text;
}
