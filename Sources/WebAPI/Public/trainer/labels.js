// "Record the labels": every spoken label key with the shipped clip and the one trainers recorded
// for the chosen language, if any; record, listen back, keep, redo or delete each one. A kept
// label is public: learners hear it before signing in.
import { api } from '../shared/api.js';
import { addWords, language, t } from '../shared/i18n.js';
import { playableURL } from '../shared/sound.js';
import { el, show, status } from '../shared/ui.js';
import { captureButton } from './capture.js';

addWords({
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
}, 'labels');

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
    el('label', { for: 'label-lang' }, t('labels.lang')), lang, ' ', el('button', { type: 'submit', class: 'text' }, t('labels.show')));
  show(el('h1', {}, t('labels.heading')), el('p', { class: 'notice' }, t('labels.notice')), form,
    el('table', { class: 'labels' }, el('thead', {}, el('tr', {}, [t('labels.key'), t('labels.shipped'), t('labels.recorded'), t('labels.actions')].map((name) => el('th', {}, name)))), rows));
  await load();
}

/** One key: its clips and what can be done with it. */
function labelRow(lang, key, recorded, reload) {
  const name = `${t(key)} (${key})`;
  const take = el('span', { class: 'take' });
  const keep = (blob) => async () => {
    try {
      await api(`/api/labels/${encodeURIComponent(lang)}/${key}`, { method: 'PUT', body: blob, headers: { 'Content-Type': blob.type || 'application/octet-stream' } });
      status(`${t('labels.kept')} : ${name}`);
      await reload();
    } catch (error) { status(error.message); }
  };
  const recorder = captureButton({ names: { record: `${t('labels.record')} : ${name}`, stop: `${t('labels.stop')} : ${name}` }, label: { record: t('labels.record'), stop: t('labels.stop') },
    onRecorded: (blob) => {
      const url = URL.createObjectURL(blob);
      take.replaceChildren(
        el('button', { type: 'button', class: 'text plain', 'aria-label': `${t('labels.playTake')} : ${name}`, onclick: () => play(url) }, t('labels.playTake')),
        el('button', { type: 'button', class: 'text ok keep', 'aria-label': `${t('labels.keep')} : ${name}`, onclick: keep(blob) }, t('labels.keep')));
    } });
  const remove = recorded && el('button', { type: 'button', class: 'text bad', 'aria-label': `${t('labels.remove')} : ${name}`, onclick: async () => {
    try {
      await api(`/api/labels/${encodeURIComponent(lang)}/${key}`, { method: 'DELETE' });
      status(`${t('labels.removed')} : ${name}`);
      await reload();
    } catch (error) { status(error.message); }
  } }, t('labels.remove'));
  return el('tr', { 'data-key': key }, el('th', { scope: 'row' }, name),
    el('td', {}, el('button', { type: 'button', class: 'text plain', 'aria-label': `${t('labels.playShipped')} : ${name}`,
      onclick: () => play(`/shared/labels/fr/${key}.opus`) }, t('labels.play'))),
    el('td', {}, recorded
      ? el('button', { type: 'button', class: 'text recorded', 'aria-label': `${t('labels.playRecorded')} : ${name}`, 'data-recording': recorded.recordingId,
        onclick: () => play(playableURL(recorded.audioUrl)) }, t('labels.play'))
      : t('labels.none')),
    el('td', { class: 'row-actions' }, recorder, take, remove));
}
