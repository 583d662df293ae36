// The player with read-along: the text large, the word being spoken lit in time, a tap on a word
// plays just that word, a slower speed on demand, a ring round the play button and the waveform
// filling as it plays, lock-screen and headset controls (Media Session), and the ways to practise
// the recording. On one's own story: share or stop sharing, and withdraw it for good (after a
// spoken question); one's practice takes on a recording are heard here, beside it.
import { api } from '../shared/api.js';
import { t } from '../shared/i18n.js';
import { chime, load, playableURL, sayLabel, sayThen, watchStop } from '../shared/sound.js';
import { actions, el, icon, roundButton, show, stillHere } from '../shared/ui.js';
import { mineButton, speakerFace, storyPicture } from './stories.js';
import { readAlongText } from './readalong.js';
import { waveform } from './waveform.js';

const RING = 2 * Math.PI * 46;

export async function playerScreen(id, session) {
  const here = stillHere();
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
  const text = readAlongText(readAlong, audio);
  const wave = waveform(recording);
  const face = await storyPicture(recording);

  const ring = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  ring.setAttribute('class', 'ring');
  ring.setAttribute('viewBox', '0 0 100 100');
  ring.setAttribute('aria-hidden', 'true');
  ring.innerHTML = `<circle cx="50" cy="50" r="46" stroke-dasharray="${RING}" stroke-dashoffset="${RING}"/>`;
  const playButton = roundButton('play', 'play', 'listen playbig', () => {
    if (audio.paused) { audio.stopAt = null; audio.play(); } else audio.pause();
  });
  playButton.append(ring);
  const progress = () => {
    const fraction = audio.duration > 0 && Number.isFinite(audio.duration) ? audio.currentTime / audio.duration : audio.currentTime * 1000 / recording.durationMs;
    ring.firstChild.setAttribute('stroke-dashoffset', RING * (1 - Math.min(1, fraction)));
    wave.progress(fraction);
    if (!audio.paused) requestAnimationFrame(progress);
  };
  audio.addEventListener('play', () => {
    playButton.firstChild.src = '/shared/icons/pause.svg'; playButton.setAttribute('aria-label', t('pause'));
    requestAnimationFrame(progress);
  });
  audio.addEventListener('pause', () => { playButton.firstChild.src = '/shared/icons/play.svg'; playButton.setAttribute('aria-label', t('play')); });
  for (const type of ['seeked', 'ended']) audio.addEventListener(type, progress);
  mediaSession(audio, recording, face.src);

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
  const mine = recording.ownerId === session.person.id;
  const takes = await practiceTakes(recording, session);
  if (!here()) return false;
  show(el('h1', { class: 'sr' }, recording.title || t('play')), audio,
    el('div', { class: 'row player-head' }, el('span', { class: 'story-face big-face' }, face, wave.element,
      mine ? sharedMark(recording) : speakerFace(recording))),
    el('div', { class: 'row' }, playButton, slowButton), text, practise, takes,
    mine ? ownControls(recording, () => playerScreen(id, session)) : null);
  audio.playbackRate = 1;
  sayLabel('play');
  return true;
}

/** On one's own story, as on its tile: the group's mark when the group hears it, a lock when only oneself does. */
function sharedMark(recording) {
  const shared = recording.visibility !== 'private';
  return el('span', { class: `badge ${shared ? 'shared' : 'private'}`, 'aria-hidden': 'true' }, icon(shared ? 'share' : 'private'));
}

/** Lock-screen and headset controls while the recording plays. */
function mediaSession(audio, recording, artwork) {
  if (!('mediaSession' in navigator)) return;
  audio.addEventListener('play', () => {
    navigator.mediaSession.metadata = new MediaMetadata({ title: recording.title || 'Parlons', artist: 'Parlons',
      artwork: artwork ? [{ src: artwork, sizes: '512x512', type: artwork.endsWith('.svg') ? 'image/svg+xml' : 'image/png' }] : [] });
    const handlers = { play: () => audio.play(), pause: () => audio.pause(),
      seekbackward: () => { audio.currentTime = Math.max(0, audio.currentTime - 5); },
      seekforward: () => { audio.currentTime = Math.min(audio.duration || 0, audio.currentTime + 5); } };
    for (const [action, handler] of Object.entries(handlers)) {
      try { navigator.mediaSession.setActionHandler(action, handler); } catch { /* an action this browser lacks */ }
    }
  });
}

/** The learner's own tries at repeating this recording, each playable beside the model. */
async function practiceTakes(recording, session) {
  const progress = await api(`/api/people/${session.person.id}/progress`).catch(() => null);
  const tries = (progress?.recentAttempts ?? []).filter((attempt) => attempt.recordingId === recording.id && attempt.tryRecordingId);
  if (!tries.length) return null;
  const player = el('audio', { preload: 'none' });
  return el('div', { class: 'row takes', role: 'group', 'aria-label': t('mine') }, player, tries.slice(0, 6).map((attempt) => {
    const button = mineButton(session, () => { player.src = playableURL(`/media/${attempt.tryRecordingId}.opus`); player.play().catch(() => {}); });
    button.dataset.take = attempt.tryRecordingId;
    return button;
  }));
}

/** Share or stop sharing, and withdraw for good: one's own story. */
function ownControls(recording, again) {
  const shared = recording.visibility !== 'private';
  const toggle = shared
    ? roundButton('unshare', 'private', 'listen', async () => {
      await api(`/api/recordings/${recording.id}`, { method: 'PATCH', body: { visibility: 'private' } });
      chime();
      await again();
      sayLabel('private');
    })
    : roundButton('share', 'share', 'stories', async () => {
      await api(`/api/recordings/${recording.id}/consent`, { method: 'POST', body: { visibility: 'group', method: 'tap' } });
      chime();
      await again();
      sayLabel('shared');
    });
  return actions(toggle, roundButton('withdraw', 'trash', 'bad', () => confirmWithdraw(recording)));
}

/** The question, spoken; the bin withdraws the story for good, the arrow goes back. */
async function confirmWithdraw(recording) {
  const wave = waveform(recording);
  show(el('h1', { class: 'sr' }, t('confirm')),
    el('div', { class: 'row' }, el('span', { class: 'story-face big-face' }, await storyPicture(recording), wave.element)),
    el('div', { class: 'row' }, roundButton('hear', 'speaker', '', () => sayLabel('confirm'))),
    actions(
      roundButton('back', 'back', 'listen', () => history.back()),
      roundButton('withdraw', 'trash', 'bad', async () => {
        await api(`/api/recordings/${recording.id}`, { method: 'DELETE' });
        chime();
        show(el('div', { class: 'row done-all' }, el('span', { class: 'done-mark' }, icon('trash'))));
        await sayThen('withdrawn');
        location.hash = '#/stories';
      })));
  sayLabel('confirm');
}
