// Practising one phrase: gap-fill (tap the word tile that fits; each tile speaks), dictation (an
// on-screen keyboard with big letters; every word marked in colour) and repeat (hear, record,
// hear both). Marks come back by colour and by sound, never by text alone: a wrong gap shows and
// says the right word. What to press next stays in view at the bottom of the screen.
import { api } from '../shared/api.js';
import { t } from '../shared/i18n.js';
import { recordScreen } from './record.js';
import { mineButton } from './stories.js';
import { chime, playSlice, sayLabel, softTone, watchStop } from '../shared/sound.js';
import { actions, el, roundButton, show, stillHere } from '../shared/ui.js';

let session;
/** Inside a scenario: the step's key (attempts count for it), its level, and where to go after the last phrase. */
let scenarioStep = null;

export async function exerciseScreen(kind, id, segment, signedIn = session, step = null) {
  const here = stillHere();
  session = signedIn;
  scenarioStep = step;
  const query = new URLSearchParams({ segment });
  if (step?.step) query.set('step', step.step);
  if (step?.level) query.set('level', step.level);
  const exercise = await api(`/api/recordings/${id}/exercises/${kind}?${query}`);
  if (!here()) return false;
  const audio = el('audio', { preload: 'auto' });
  watchStop(audio);
  const hear = () => playSlice(audio, exercise.audio);
  const screens = { 'gap-fill': gapFill, dictation, repeat };
  if (!screens[kind]) throw new Error(`unknown exercise ${kind}`);
  screens[kind](exercise, audio, hear);
  return true;
}

async function submit(exercise, answer) {
  return api('/api/attempts', { method: 'POST', body: { ...exercise.attempt, answer } });
}

/** Chime and "well done" for a full score, soft tone and "try again" otherwise; then again, next phrase, or on. */
function after(exercise, result, kind) {
  const right = result.score === 100 || result.score == null;
  (right ? chime : softTone)();
  const next = exercise.nextSegment, step = scenarioStep;
  const onNext = next != null
    ? () => (step ? exerciseScreen(kind, exercise.recordingId, next, session, step) : (location.hash = `#/${kind}/${exercise.recordingId}/${next}`))
    : step?.onFinished;
  const row = actions(
    roundButton('redo', 'redo', '', () => exerciseScreen(kind, exercise.recordingId, exercise.segment, session, step)),
    onNext ? roundButton('next', 'next', 'ok', onNext) : null);
  // The check button is gone: keyboard focus moves on to what comes next.
  setTimeout(() => row.lastChild.focus(), 0);
  return { row, said: sayLabel(right ? 'right' : 'again') };
}

function gapFill(exercise, audio, hear) {
  const filled = new Map();
  const gapSpans = new Map();
  let current = exercise.gaps[0]?.gap;
  const tiles = el('div', { class: 'tiles', role: 'group' });
  const check = roundButton('check', 'check', 'ok', async () => {
    check.disabled = true;
    const result = await submit(exercise, { choices: exercise.gaps.map((gap) => ({ word: gap.word, text: filled.get(gap.gap) ?? null })) });
    const missed = [];
    for (const gap of exercise.gaps) {
      const found = result.marks.find((candidate) => candidate.word === gap.word);
      const mark = found?.mark ?? 'wrong';
      const span = gapSpans.get(gap.gap);
      span.classList.add(`m-${mark}`);
      span.dataset.mark = mark;
      if (mark !== 'correct' && found?.expected) {
        // The right word takes the gap's place, shown as its tile is and then said. The mark names
        // the word bare (`appelle`), or with the elided article the text keeps outside the gap (`m'appelle`).
        const bare = (text) => text.toLowerCase().replace(/’/g, "'");
        const expected = bare(found.expected), prefix = bare(gap.prefix ?? '');
        const tile = gap.options.find((option) => bare(option.text) === expected || prefix + bare(option.text) === expected);
        const word = tile?.text ?? (prefix && expected.startsWith(prefix) ? found.expected.slice(prefix.length) : found.expected);
        span.textContent = word;
        span.dataset.right = word;
        if (tile) missed.push(tile.audio);
      }
    }
    tiles.replaceChildren();
    gapSpans.forEach((span) => span.classList.remove('current'));
    // The bar that held the check goes with it: one bar of what comes next, not an empty one above it.
    (check.closest('.actions') ?? check).remove();
    const { row, said } = after(exercise, result, 'gap-fill');
    screenNode.append(row);
    if (missed.length) {
      await said;
      await sayLabel('rightword');
      for (const slice of missed) await new Promise((resolve) => { audio.addEventListener('pause', resolve, { once: true }); playSlice(audio, slice); });
    }
  });
  const choose = (gapNumber) => {
    current = gapNumber;
    gapSpans.forEach((span, number) => span.classList.toggle('current', number === current));
    const gap = exercise.gaps.find((candidate) => candidate.gap === current);
    tiles.replaceChildren(...gap.options.map((option) => el('button', { type: 'button', 'data-word': option.text, onclick: () => {
      playSlice(audio, option.audio);
      filled.set(current, option.text);
      gapSpans.get(current).textContent = option.text;
      const empty = exercise.gaps.find((candidate) => !filled.has(candidate.gap));
      if (empty) choose(empty.gap); else check.disabled = false;
    } }, option.text)));
  };
  const phrase = el('p', { class: 'text' }, exercise.pieces.map((piece) => {
    if (piece.type === 'text') return piece.text;
    if (piece.type === 'word') {
      return el('span', { class: 'w', role: 'button', tabindex: '0', onclick: () => piece.audio && playSlice(audio, piece.audio) }, piece.text);
    }
    // An elided article (`l'`, `m'`) before the gap comes as a text piece of its own.
    const span = el('span', { class: 'gap', role: 'button', tabindex: '0', 'aria-label': `${t('gapfill')} ${piece.gap + 1}`, 'data-word': piece.word,
      onclick: () => { filled.delete(piece.gap); span.textContent = ' '; check.disabled = true; choose(piece.gap); } }, ' ');
    gapSpans.set(piece.gap, span);
    return span;
  }));
  check.disabled = true;
  const screenNode = el('section', { 'data-segment': exercise.segment }, el('h1', { class: 'sr' }, t('gapfill')), audio,
    el('div', { class: 'row' }, roundButton('play', 'play', 'listen', hear)), phrase, tiles, actions(check));
  show(screenNode);
  // A phrase with nothing to fill (every word too short or untimed) can still be checked and left.
  if (current != null) choose(current); else check.disabled = false;
  sayLabel('gapfill').then(hear);
}

const KEYS = [...'azertyuiopqsdfghjklmwxcvbn', 'é', 'è', 'à', 'ç', "'", '-'];
/** The spoken label of a key of the on-screen keyboard: its letter's name ("bé", "double vé"…). */
const SAID = { é: 'eacute', è: 'egrave', à: 'agrave', ç: 'ccedil', "'": 'apostrophe', '-': 'hyphen' };
const letterLabel = (key) => `letter-${SAID[key] ?? key}`;

function dictation(exercise, audio, hear) {
  // Read-only, and no focus on it: a phone would open its own keyboard over ours.
  const input = el('input', { class: 'answer', type: 'text', readonly: true, inputmode: 'none', tabindex: '-1', autocomplete: 'off',
    'aria-label': t('dictation') });
  const type = (text) => { input.value += text; };
  const erase = () => { input.value = input.value.slice(0, -1); };
  // Each key says what it is as it types (its letter's name, "space", "erase"): heard, not only seen.
  const keys = el('div', { class: 'keys', role: 'group', 'aria-label': 'clavier' },
    KEYS.map((key) => el('button', { type: 'button', 'aria-label': key, 'data-label': letterLabel(key),
      onclick: () => { type(key); sayLabel(letterLabel(key)); } }, key)),
    el('button', { type: 'button', class: 'wide', 'data-key': 'space', 'data-label': 'space', 'aria-label': t('space'),
      onclick: () => { type(' '); sayLabel('space'); } }, el('img', { src: '/shared/icons/space.svg', alt: '' })),
    el('button', { type: 'button', class: 'wide', 'data-key': 'erase', 'data-label': 'erase', 'aria-label': t('erase'),
      onclick: () => { erase(); sayLabel('erase'); } }, el('img', { src: '/shared/icons/erase.svg', alt: '' })));
  // A real keyboard types too (a kiosk with one, a trainer trying the screen).
  const typed = (event) => {
    if (!keys.isConnected) { removeEventListener('keydown', typed); return; }
    if (event.ctrlKey || event.metaKey || event.altKey || event.target.closest?.('button')) return;
    if (event.key === 'Backspace') { event.preventDefault(); erase(); } else if (event.key.length === 1) { event.preventDefault(); type(event.key); }
  };
  addEventListener('keydown', typed);
  const marks = el('p', { class: 'text', 'aria-live': 'polite' });
  const check = roundButton('check', 'check', 'ok', async () => {
    check.disabled = true;
    const result = await submit(exercise, { text: input.value });
    marks.replaceChildren(...result.marks.flatMap((mark) => [el('span', { class: `w m-${mark.mark}`, 'data-mark': mark.mark,
      title: mark.written ?? '' }, mark.expected ?? mark.written ?? ''), ' ']));
    keys.remove();
    check.remove();
    const { row, said } = after(exercise, result, 'dictation');
    screenNode.append(row);
    // The right answer spoken back while the marks are on screen.
    await said;
    playSlice(audio, result.audio ?? exercise.audio);
  });
  const screenNode = el('section', {}, el('h1', { class: 'sr' }, t('dictation')), audio,
    el('div', { class: 'row' }, roundButton('play', 'play', 'listen', hear), check), input, marks, keys);
  show(screenNode);
  sayLabel('dictation').then(hear);
}

function repeat(exercise, audio, hear) {
  const model = roundButton('play', 'play', 'listen', hear);
  // The verdict ("bravo", "try again") follows at once: "it is kept" would be cut off by it.
  recordScreen({ session, prompt: el('div', { class: 'row' }, audio, model), askConsent: false, label: null, sayKept: false,
    onKept: async (recording, blob) => {
      const here = stillHere();
      // The try as this browser recorded it: plays at once, online or not.
      const mine = el('audio', { src: URL.createObjectURL(blob) });
      const result = recording ? await submit(exercise, { recordingId: recording.id }) : null;
      if (!here()) return;
      show(el('h1', { class: 'sr' }, t('repeat')), audio, mine,
        el('div', { class: 'row' },
          roundButton('model', 'listen', 'listen', hear),
          mineButton(session, () => { mine.currentTime = 0; mine.play(); })),
        result ? after(exercise, result, 'repeat').row : null);
    } });
  sayLabel('repeat').then(hear);
}
