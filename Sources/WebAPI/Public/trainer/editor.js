// The editor of one recording: paste a transcript, align it, check the timings on the waveform
// (words coloured by the aligner's confidence; click a word to hear it), correct a word's start or
// end by dragging it (or with the arrow keys), or tap along while it plays.
import { api } from '../shared/api.js';
import { addWords, t } from '../shared/i18n.js';
import { load as loadAudio, playSlice, watchStop } from '../shared/sound.js';
import { el, show, status } from '../shared/ui.js';
import { tapAlongPanel } from './tapalong.js';
import { recordingFields } from './recording-fields.js';

addWords({
  fr: { transcript: 'Transcription (collez le texte)', lang: 'Langue', save: 'Enregistrer le texte', align: 'Aligner', back: 'Retour à la liste',
    overwrite: 'Remplacer les corrections manuelles ?', high: 'sûr', mid: 'à vérifier', low: 'douteux', manual: 'corrigé',
    saved: 'Enregistré', aligned: 'Aligné', details: 'Ce qu’est l’enregistrement', saveDetails: 'Enregistrer ces changements', aligning: 'Alignement…', moved: 'Limite déplacée', wordStart: 'Début du mot', wordEnd: 'Fin du mot', hear: 'Écouter le mot' },
  en: { transcript: 'Transcript (paste the text)', lang: 'Language', save: 'Save the text', align: 'Align', back: 'Back to the list',
    overwrite: 'Replace the manual corrections?', high: 'sure', mid: 'check', low: 'doubtful', manual: 'corrected',
    saved: 'Saved', aligned: 'Aligned', details: 'About this recording', saveDetails: 'Save these changes', aligning: 'Aligning…', moved: 'Boundary moved', wordStart: 'Start of word', wordEnd: 'End of word', hear: 'Hear the word' },
}, 'editor');

export async function editorScreen(id) {
  const recording = await api(`/api/recordings/${id}`);
  const lang = el('input', { type: 'text', id: 'lang', value: recording.language === 'und' ? 'fr' : recording.language, size: 8 });
  const transcriptText = el('textarea', { id: 'transcript' });
  const audio = el('audio', { controls: true, preload: 'auto' });
  await loadAudio(audio, recording.audioUrl);
  watchStop(audio);
  const wave = el('div', { class: 'wave' });
  let transcript = null;
  const reload = async () => {
    try {
      transcript = await api(`/api/recordings/${id}/transcripts/${lang.value}`);
      transcriptText.value = transcript.text;
      tapAlong.update(transcript);
      await drawTimings(wave, recording, transcript, lang.value, audio, reload);
    } catch (error) {
      if (error.status !== 404) throw error;
      transcript = null;
      tapAlong.update(null);
      wave.replaceChildren();
    }
  };
  const tapAlong = tapAlongPanel({ recording, audio, language: () => lang.value, reload });
  const saveText = async () => {
    await api(`/api/recordings/${id}/transcripts/${lang.value}`, { method: 'PUT', body: new Blob([transcriptText.value], { type: 'text/plain' }),
      headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
    status(t('editor.saved'));
    await reload();
  };
  // Every failure shows in the status line: a button never fails in silence.
  const reported = (action) => async () => { try { await action(); } catch (error) { status(error.message); } };
  const save = el('button', { class: 'text', type: 'button', onclick: reported(saveText) }, t('editor.save'));
  const align = el('button', { class: 'text', type: 'button', onclick: reported(async () => {
    // Aligning the text as typed: saved first when it is new or changed.
    if (transcriptText.value.trim() && transcriptText.value !== transcript?.text) await saveText();
    const path = `/api/recordings/${id}/transcripts/${lang.value}/align`;
    status(t('editor.aligning'));
    try {
      await api(path, { method: 'POST' });
    } catch (error) {
      if (error.code !== 'manual_timings' || !confirm(t('editor.overwrite'))) throw error;
      await api(`${path}?overwrite=true`, { method: 'POST' });
    }
    status(t('editor.aligned'));
    await reload();
  }) }, t('editor.align'));
  const fields = await recordingFields(recording);
  const details = el('form', { class: 'card details', 'aria-label': t('editor.details'), onsubmit: reported(async (event) => {
    fields.checkBeforeSending();
    const changed = await fields.apply(recording);
    Object.assign(recording, changed);
    status(t('editor.saved'));
  }) }, el('h2', {}, t('editor.details')), fields.element, el('p', {}, el('button', { class: 'text', type: 'submit', 'data-action': 'details' }, t('editor.saveDetails'))));
  details.addEventListener('submit', (event) => event.preventDefault());
  show(el('p', {}, el('a', { href: '#/' }, t('editor.back'))), el('h1', {}, recording.title || recording.id), audio,
    el('label', { for: 'lang' }, t('editor.lang')), lang, el('label', { for: 'transcript' }, t('editor.transcript')), transcriptText,
    el('p', { class: 'row start' }, save, align), tapAlong.element,
    el('p', { class: 'legend' }, ['high', 'mid', 'low', 'manual'].map((level) => el('span', { class: `c-${level}` }, t(`editor.${level}`)))), wave,
    details);
  await reload();
}

const confidenceClass = (word) => word.origin === 'manual' ? 'c-manual'
  : (word.confidence ?? 1) >= 0.8 ? 'c-high' : (word.confidence ?? 1) >= 0.5 ? 'c-mid' : 'c-low';

/** The waveform from the peaks endpoint, the words under it, a handle on every word's start and end. */
async function drawTimings(wave, recording, transcript, lang, audio, reload) {
  const peaks = await api(`/api/recordings/${recording.id}/peaks.json?pixelsPerSecond=100`);
  const pixelsPerMs = Math.max(0.15, Math.min(0.4, (wave.clientWidth || 900) / recording.durationMs));
  const width = Math.ceil(recording.durationMs * pixelsPerMs);
  const inner = el('div', { class: 'inner', style: `width:${width}px` });
  const canvas = el('canvas', { width, height: 140, 'aria-hidden': 'true' });
  const context = canvas.getContext('2d');
  const full = peaks.bits === 8 ? 128 : 32768;
  context.fillStyle = '#3f5f8c';
  const msPerPeak = (peaks.samples_per_pixel / peaks.sample_rate) * 1000;
  for (let index = 0; index < peaks.length; index += 1) {
    const x = index * msPerPeak * pixelsPerMs;
    const low = peaks.data[2 * index] / full, high = peaks.data[2 * index + 1] / full;
    context.fillRect(x, 70 - high * 68, Math.max(1, msPerPeak * pixelsPerMs), Math.max(1, (high - low) * 68));
  }
  inner.append(canvas);
  const playhead = el('div', { class: 'playhead' });
  inner.append(playhead);
  audio.ontimeupdate = () => { playhead.style.left = `${audio.currentTime * 1000 * pixelsPerMs}px`; };
  const ends = [];
  transcript.segments.forEach((segment, segmentIndex) => segment.words.forEach((word, wordIndex) => {
    if (word.startMs == null) return;
    inner.append(el('div', { class: `wordbox ${confidenceClass(word)}`, title: word.confidence != null ? `${Math.round(word.confidence * 100)} %` : '',
      role: 'button', tabindex: 0, 'aria-label': `${t('editor.hear')} « ${word.text} »`,
      'data-segment': segmentIndex, 'data-word': wordIndex, 'data-start': word.startMs, 'data-end': word.endMs,
      style: `left:${word.startMs * pixelsPerMs}px;width:${(word.endMs - word.startMs) * pixelsPerMs}px`,
      onclick: () => playSlice(audio, { url: recording.audioUrl, startMs: word.startMs, endMs: word.endMs }) }, word.text));
    const place = { recording, lang, segmentIndex, wordIndex, word, pixelsPerMs, reload };
    inner.append(edgeHandle({ ...place, edge: 'wordStart' }));
    ends.push(edgeHandle({ ...place, edge: 'wordEnd' }));
  }));
  // Ends over starts: where one word ends as the next begins, both handles stay within reach.
  inner.append(...ends);
  wave.replaceChildren(inner);
}

/**
 * A word's start or end (`edge`): drag it (or use ←/→, 10 ms a press, 100 ms with Shift) and the
 * move is saved as a manual mark.
 */
function edgeHandle({ recording, lang, segmentIndex, wordIndex, word, pixelsPerMs, reload, edge }) {
  let ms = edge === 'wordStart' ? word.startMs : word.endMs;
  const handle = el('button', { type: 'button', class: `edge ${edge === 'wordStart' ? 'start' : 'end'}`, role: 'slider',
    'aria-label': `${t(`editor.${edge}`)} « ${word.text} »`,
    'aria-valuemin': 0, 'aria-valuemax': recording.durationMs, 'aria-valuenow': ms, 'data-segment': segmentIndex, 'data-word': wordIndex,
    style: `left:${ms * pixelsPerMs}px` });
  const place = (value) => {
    ms = Math.max(0, Math.min(recording.durationMs, Math.round(value)));
    handle.style.left = `${ms * pixelsPerMs}px`;
    handle.setAttribute('aria-valuenow', ms);
  };
  const commit = async () => {
    await api(`/api/recordings/${recording.id}/transcripts/${lang}/timings`, { method: 'PATCH',
      body: { move: { edge, segment: segmentIndex, word: wordIndex, ms } } });
    status(t('editor.moved'));
    await reload();
  };
  handle.addEventListener('pointerdown', (event) => {
    const startX = event.clientX, startMs = ms;
    handle.setPointerCapture(event.pointerId);
    handle.classList.add('dragging');
    const move = (moveEvent) => place(startMs + (moveEvent.clientX - startX) / pixelsPerMs);
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', () => {
      handle.removeEventListener('pointermove', move);
      handle.classList.remove('dragging');
      if (ms !== startMs) commit().catch((error) => status(error.message));
    }, { once: true });
  });
  let pending;
  handle.addEventListener('keydown', (event) => {
    const step = { ArrowLeft: -10, ArrowRight: 10 }[event.key];
    if (!step) return;
    event.preventDefault();
    place(ms + step * (event.shiftKey ? 10 : 1));
    clearTimeout(pending);
    pending = setTimeout(() => commit().catch((error) => status(error.message)), 600);
  });
  return handle;
}
