// "Record the labels": every spoken label key with the shipped clip and the one trainers recorded
// for the chosen language, if any; record, listen back, keep, redo or delete each one. A kept
// label is public: learners hear it before signing in.
import { api } from './api.js';
import { language, t } from './i18n.js';
import { playableURL } from './sound.js';
import { el, show, status } from './ui.js';
import { captureButton } from './trainer-capture.js';

const text = {
  fr: { heading: 'Étiquettes parlées', lang: 'Langue des étiquettes', show: 'Afficher',
    notice: 'Une étiquette enregistrée est publique : tous les apprenants l’entendent, même avant de se connecter. En gardant un enregistrement, vous acceptez que votre voix soit entendue ainsi. Vous pouvez le supprimer à tout moment.',
    key: 'Étiquette', shipped: 'Voix fournie', recorded: 'Voix enregistrée', actions: 'Enregistrer',
    play: 'Écouter', playShipped: 'Écouter la voix fournie', playRecorded: 'Écouter la voix enregistrée', none: 'aucune',
    record: 'Enregistrer', stop: 'Arrêter', playTake: 'Écouter la prise', keep: 'Garder', redo: 'Recommencer', remove: 'Supprimer',
    kept: 'Étiquette gardée', removed: 'Étiquette supprimée' },
  en: { heading: 'Spoken labels', lang: 'Language of the labels', show: 'Show',
    notice: 'A recorded label is public: every learner hears it, even before signing in. Keeping a recording, you agree that your voice is heard so. You can delete it at any time.',
    key: 'Label', shipped: 'Shipped voice', recorded: 'Recorded voice', actions: 'Record',
    play: 'Play', playShipped: 'Play the shipped voice', playRecorded: 'Play the recorded voice', none: 'none',
    record: 'Record', stop: 'Stop', playTake: 'Play the take', keep: 'Keep', redo: 'Record again', remove: 'Delete',
    kept: 'Label kept', removed: 'Label deleted' },
}[language];

const player = new Audio();
function play(url) {
  player.src = url;
  player.play().catch(() => {});
}

export async function labelsScreen() {
  const lang = el('input', { type: 'text', id: 'label-lang', value: language, size: 10 });
  const rows = el('tbody');
  const load = async () => {
    const tag = lang.value.trim();
    const answer = await api(`/api/labels/${encodeURIComponent(tag)}`);
    rows.replaceChildren(...answer.keys.map((key) => labelRow(answer.language, key, answer.labels[key], load)));
  };
  const form = el('form', { onsubmit: (event) => { event.preventDefault(); load().catch((error) => status(error.message)); } },
    el('label', { for: 'label-lang' }, text.lang), lang, ' ', el('button', { type: 'submit', class: 'text' }, text.show));
  show(el('h1', {}, text.heading), el('p', { class: 'notice' }, text.notice), form,
    el('table', { class: 'labels' }, el('thead', {}, el('tr', {}, [text.key, text.shipped, text.recorded, text.actions].map((name) => el('th', {}, name)))), rows));
  await load();
}

/** One key: its clips and what can be done with it. */
function labelRow(lang, key, recorded, reload) {
  const name = `${t(key)} (${key})`;
  const take = el('span', { class: 'take' });
  const keep = (blob) => async () => {
    try {
      await api(`/api/labels/${encodeURIComponent(lang)}/${key}`, { method: 'PUT', body: blob, headers: { 'Content-Type': blob.type || 'application/octet-stream' } });
      status(`${text.kept} : ${name}`);
      await reload();
    } catch (error) { status(error.message); }
  };
  const recorder = captureButton({ names: { record: `${text.record} : ${name}`, stop: `${text.stop} : ${name}` }, label: text,
    onRecorded: (blob) => {
      const url = URL.createObjectURL(blob);
      take.replaceChildren(
        el('button', { type: 'button', class: 'text plain', 'aria-label': `${text.playTake} : ${name}`, onclick: () => play(url) }, text.playTake),
        el('button', { type: 'button', class: 'text ok keep', 'aria-label': `${text.keep} : ${name}`, onclick: keep(blob) }, text.keep));
    } });
  const remove = recorded && el('button', { type: 'button', class: 'text bad', 'aria-label': `${text.remove} : ${name}`, onclick: async () => {
    try {
      await api(`/api/labels/${encodeURIComponent(lang)}/${key}`, { method: 'DELETE' });
      status(`${text.removed} : ${name}`);
      await reload();
    } catch (error) { status(error.message); }
  } }, text.remove);
  return el('tr', { 'data-key': key }, el('th', { scope: 'row' }, name),
    el('td', {}, el('button', { type: 'button', class: 'text plain', 'aria-label': `${text.playShipped} : ${name}`,
      onclick: () => play(`/labels/fr/${key}.opus`) }, text.play)),
    el('td', {}, recorded
      ? el('button', { type: 'button', class: 'text recorded', 'aria-label': `${text.playRecorded} : ${name}`, 'data-recording': recorded.recordingId,
        onclick: () => play(playableURL(recorded.audioUrl)) }, text.play)
      : text.none),
    el('td', { class: 'row-actions' }, recorder, take, remove));
}
