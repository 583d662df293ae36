// Recording straight into a new recording from the trainer screens: record, listen back, then
// keep (it is uploaded and opens in the editor) or record again.
import { api } from '../shared/api.js';
import { addWords, language, t } from '../shared/i18n.js';
import { el, show, status } from '../shared/ui.js';
import { captureButton } from './capture.js';

addWords({
  fr: { heading: 'Enregistrer', title: 'Titre', lang: 'Langue', record: 'Enregistrer', stop: 'Arrêter', take: 'Votre enregistrement',
    keep: 'Garder et ouvrir', redo: 'Recommencer', back: 'Retour à la liste' },
  en: { heading: 'Record', title: 'Title', lang: 'Language', record: 'Record', stop: 'Stop', take: 'Your recording',
    keep: 'Keep and open', redo: 'Record again', back: 'Back to the list' },
}, 'record');

export function recordScreen() {
  const title = el('input', { type: 'text', id: 'rec-title', value: new Date().toLocaleString(language) });
  const lang = el('input', { type: 'text', id: 'rec-lang', value: language, size: 8 });
  const take = el('div', { class: 'take' });
  const recorder = captureButton({ names: { record: t('record.record'), stop: t('record.stop') }, label: { record: t('record.record'), stop: t('record.stop') }, onRecorded: (blob) => review(blob) });
  function review(blob) {
    const player = el('audio', { controls: true, src: URL.createObjectURL(blob), 'aria-label': t('record.take') });
    const keep = el('button', { type: 'button', class: 'text', onclick: async () => {
      keep.disabled = true;
      try {
        const query = `title=${encodeURIComponent(title.value)}&language=${encodeURIComponent(lang.value.trim())}`;
        const recording = await api(`/api/recordings?${query}`, { method: 'POST', body: blob, headers: { 'Content-Type': blob.type || 'application/octet-stream' } });
        location.hash = `#/recording/${recording.id}`;
      } catch (error) {
        status(error.message);
        keep.disabled = false;
      }
    } }, t('record.keep'));
    const redo = el('button', { type: 'button', class: 'text plain', onclick: () => take.replaceChildren() }, t('record.redo'));
    take.replaceChildren(player, el('p', { class: 'row', style: 'justify-content:flex-start' }, keep, redo));
  }
  show(el('p', {}, el('a', { href: '#/' }, t('record.back'))), el('h1', {}, t('record.heading')),
    el('label', { for: 'rec-title' }, t('record.title')), title, el('label', { for: 'rec-lang' }, t('record.lang')), lang,
    el('p', {}, recorder), take);
}
