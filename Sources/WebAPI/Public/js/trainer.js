// Trainer screens: sign in with a password, upload, paste a transcript, align it, check the
// timings on the waveform (words coloured by the aligner's confidence) and correct a boundary by
// dragging it (or with the arrow keys).
import { api, setCsrfToken } from './api.js';
import { language } from './i18n.js';
import { el, show, status } from './ui.js';
import { addPeopleNav, peopleRoutes } from './trainer-people.js';
import { addScenariosLink, scenarioRoute } from './trainer-scenarios.js';

const text = {
  fr: { name: 'Identifiant', password: 'Mot de passe', signin: 'Se connecter', recordings: 'Enregistrements', upload: 'Envoyer un fichier audio',
    send: 'Envoyer', open: 'Ouvrir', title: 'Titre', duration: 'Durée', transcript: 'Transcription (collez le texte)', lang: 'Langue',
    save: 'Enregistrer le texte', align: 'Aligner', back: 'Retour à la liste', overwrite: 'Remplacer les corrections manuelles ?',
    high: 'sûr', mid: 'à vérifier', low: 'douteux', manual: 'corrigé', saved: 'Enregistré', aligned: 'Aligné', moved: 'Limite déplacée',
    edge: 'Début du mot' },
  en: { name: 'Name', password: 'Password', signin: 'Sign in', recordings: 'Recordings', upload: 'Upload an audio file',
    send: 'Upload', open: 'Open', title: 'Title', duration: 'Length', transcript: 'Transcript (paste the text)', lang: 'Language',
    save: 'Save the text', align: 'Align', back: 'Back to the list', overwrite: 'Replace the manual corrections?',
    high: 'sure', mid: 'check', low: 'doubtful', manual: 'corrected', saved: 'Saved', aligned: 'Aligned', moved: 'Boundary moved',
    edge: 'Start of word' },
}[language];

async function start() {
  try {
    signedIn(await api('/api/auth/me'));
  } catch (error) {
    if (error.status !== 401) throw error;
    signInForm();
  }
}

function signInForm() {
  const name = el('input', { type: 'text', id: 'name', autocomplete: 'username' });
  const password = el('input', { type: 'password', id: 'password', autocomplete: 'current-password' });
  const form = el('form', { onsubmit: async (event) => {
    event.preventDefault();
    try {
      signedIn(await api('/api/auth/password', { method: 'POST', body: { name: name.value, password: password.value } }));
    } catch (error) { status(error.message); }
  } }, el('label', { for: 'name' }, text.name), name, el('label', { for: 'password' }, text.password), password,
  el('p', {}, el('button', { class: 'text', type: 'submit' }, text.signin)));
  show(el('h1', {}, text.signin), form);
}

function signedIn(answer) {
  setCsrfToken(answer.csrfToken);
  document.getElementById('me').textContent = answer.person.displayName;
  addPeopleNav();
  addScenariosLink();
  addEventListener('hashchange', route);
  route();
}

function route() {
  const [, screen, id] = location.hash.split('/');
  if (screen?.startsWith('scenario')) return void scenarioRoute(location.hash).catch((error) => status(error.message));
  (peopleRoutes[screen]?.(id) ?? (screen === 'recording' ? editor(id) : list())).catch((error) => status(error.message));
}

async function list() {
  const { recordings } = await api('/api/recordings?limit=200');
  const file = el('input', { type: 'file', id: 'file', accept: 'audio/*' });
  const upload = el('form', { onsubmit: async (event) => {
    event.preventDefault();
    const chosen = file.files[0];
    if (!chosen) return;
    const recording = await api(`/api/recordings?title=${encodeURIComponent(chosen.name)}`, { method: 'POST', body: chosen,
      headers: { 'Content-Type': chosen.type || 'application/octet-stream' } });
    location.hash = `#/recording/${recording.id}`;
  } }, el('label', { for: 'file' }, text.upload), file, ' ', el('button', { class: 'text', type: 'submit' }, text.send));
  show(el('h1', {}, text.recordings), upload,
    el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, text.title), el('th', {}, text.duration), el('th'))),
      el('tbody', {}, recordings.map((recording) => el('tr', {},
        el('td', {}, recording.title || recording.id), el('td', {}, `${(recording.durationMs / 1000).toFixed(1)} s`),
        el('td', {}, el('a', { href: `#/recording/${recording.id}`, class: 'open' }, text.open)))))));
}

async function editor(id) {
  const recording = await api(`/api/recordings/${id}`);
  const lang = el('input', { type: 'text', id: 'lang', value: recording.language === 'und' ? 'fr' : recording.language, size: 8 });
  const transcriptText = el('textarea', { id: 'transcript' });
  const audio = el('audio', { controls: true, src: recording.audioUrl, preload: 'auto' });
  const wave = el('div', { class: 'wave' });
  const load = async () => {
    try {
      const transcript = await api(`/api/recordings/${id}/transcripts/${lang.value}`);
      transcriptText.value = transcript.text;
      await drawTimings(wave, recording, transcript, lang.value, audio, load);
    } catch (error) {
      if (error.status !== 404) throw error;
      wave.replaceChildren();
    }
  };
  const save = el('button', { class: 'text', type: 'button', onclick: async () => {
    await api(`/api/recordings/${id}/transcripts/${lang.value}`, { method: 'PUT', body: new Blob([transcriptText.value], { type: 'text/plain' }),
      headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
    status(text.saved);
    await load();
  } }, text.save);
  const align = el('button', { class: 'text', type: 'button', onclick: async () => {
    const path = `/api/recordings/${id}/transcripts/${lang.value}/align`;
    try {
      await api(path, { method: 'POST' });
    } catch (error) {
      if (error.code !== 'manual_timings' || !confirm(text.overwrite)) throw error;
      await api(`${path}?overwrite=true`, { method: 'POST' });
    }
    status(text.aligned);
    await load();
  } }, text.align);
  show(el('p', {}, el('a', { href: '#/' }, text.back)), el('h1', {}, recording.title || recording.id), audio,
    el('label', { for: 'lang' }, text.lang), lang, el('label', { for: 'transcript' }, text.transcript), transcriptText,
    el('p', { class: 'row', style: 'justify-content:flex-start' }, save, align),
    el('p', { class: 'legend' }, ['high', 'mid', 'low', 'manual'].map((level) => el('span', { class: `c-${level}` }, text[level]))), wave);
  await load();
}

const confidenceClass = (word) => word.origin === 'manual' ? 'c-manual'
  : (word.confidence ?? 1) >= 0.8 ? 'c-high' : (word.confidence ?? 1) >= 0.5 ? 'c-mid' : 'c-low';

/** The waveform from the peaks endpoint, the words under it and a handle on every word start. */
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
  transcript.segments.forEach((segment, segmentIndex) => segment.words.forEach((word, wordIndex) => {
    if (word.startMs == null) return;
    inner.append(el('div', { class: `wordbox ${confidenceClass(word)}`, title: word.confidence != null ? `${Math.round(word.confidence * 100)} %` : '',
      'data-segment': segmentIndex, 'data-word': wordIndex, 'data-start': word.startMs, 'data-end': word.endMs,
      style: `left:${word.startMs * pixelsPerMs}px;width:${(word.endMs - word.startMs) * pixelsPerMs}px` }, word.text));
    inner.append(edgeHandle({ recording, lang, segmentIndex, wordIndex, word, pixelsPerMs, reload }));
  }));
  wave.replaceChildren(inner);
}

/** A word's start: drag it (or use ←/→, 10 ms a press) and the move is saved as a manual mark. */
function edgeHandle({ recording, lang, segmentIndex, wordIndex, word, pixelsPerMs, reload }) {
  let ms = word.startMs;
  const handle = el('button', { type: 'button', class: 'edge', role: 'slider', 'aria-label': `${text.edge} « ${word.text} »`,
    'aria-valuemin': 0, 'aria-valuemax': recording.durationMs, 'aria-valuenow': ms, 'data-segment': segmentIndex, 'data-word': wordIndex,
    style: `left:${ms * pixelsPerMs}px` });
  const place = (value) => {
    ms = Math.max(0, Math.min(recording.durationMs, Math.round(value)));
    handle.style.left = `${ms * pixelsPerMs}px`;
    handle.setAttribute('aria-valuenow', ms);
  };
  const commit = async () => {
    await api(`/api/recordings/${recording.id}/transcripts/${lang}/timings`, { method: 'PATCH',
      body: { move: { edge: 'wordStart', segment: segmentIndex, word: wordIndex, ms } } });
    status(text.moved);
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

start();
