// Recording straight into a new recording from the trainer screens: say what it is (title,
// language, group, picture, who hears it), record, listen back, then keep (it is uploaded and
// opens in the editor) or record again.
import { api } from '../shared/api.js';
import { addWords, t } from '../shared/i18n.js';
import { el, show, status } from '../shared/ui.js';
import { captureButton } from './capture.js';
import { recordingFields } from './recording-fields.js';

addWords({
  fr: { heading: 'Enregistrer', record: 'Enregistrer', stop: 'Arrêter', take: 'Votre enregistrement',
    keep: 'Garder et ouvrir', redo: 'Recommencer', back: 'Retour à la liste' },
  en: { heading: 'Record', record: 'Record', stop: 'Stop', take: 'Your recording',
    keep: 'Keep and open', redo: 'Record again', back: 'Back to the list' },
}, 'record');

export async function recordScreen() {
  const fields = await recordingFields();
  const take = el('div', { class: 'take' });
  const words = { record: t('record.record'), stop: t('record.stop') };
  const recorder = captureButton({ names: words, label: words, onRecorded: (blob) => review(blob) });
  function review(blob) {
    const player = el('audio', { controls: true, src: URL.createObjectURL(blob), 'aria-label': t('record.take') });
    const keep = el('button', { type: 'button', class: 'text', onclick: async () => {
      keep.disabled = true;
      try {
        fields.checkBeforeSending();
        const recording = await api(`/api/recordings?${fields.query()}`, { method: 'POST', body: blob,
          headers: { 'Content-Type': blob.type || 'application/octet-stream' } });
        await fields.apply(recording);
        location.hash = `#/recording/${recording.id}`;
      } catch (error) {
        status(error.message);
        keep.disabled = false;
      }
    } }, t('record.keep'));
    const redo = el('button', { type: 'button', class: 'text plain', onclick: () => take.replaceChildren() }, t('record.redo'));
    take.replaceChildren(player, el('p', { class: 'row start' }, keep, redo));
  }
  show(el('p', {}, el('a', { href: '#/' }, t('record.back'))), el('h1', {}, t('record.heading')),
    el('form', { class: 'card', onsubmit: (event) => event.preventDefault() }, fields.element), el('p', {}, recorder), take);
}
