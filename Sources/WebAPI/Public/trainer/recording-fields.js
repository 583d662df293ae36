// What a trainer says about a recording, on upload, on recording and in the editor: its title,
// language, group, picture and who hears it. Widening who hears it is the owner's consent: the
// trainer ticks that they agree for their own voice; a learner's recording waits for the learner's.
import { api } from '../shared/api.js';
import { addWords, t } from '../shared/i18n.js';
import { storyPictures } from '../shared/words.js';
import { el } from '../shared/ui.js';
import { field, input, select } from './forms.js';
import { me } from './me.js';

addWords({
  fr: { title: 'Titre', lang: 'Langue (fr, en, ar…)', group: 'Groupe', picture: 'Image (pour les apprenants qui ne lisent pas)',
    visibility: 'Qui l’entend', private: 'Moi et mes apprenants', groupOnly: 'Le groupe', network: 'Le réseau du groupe',
    public: 'Tout le monde', consent: 'J’accepte que cet enregistrement de ma voix soit entendu ainsi (je peux le retirer à tout moment).',
    consentNeeded: 'Cochez l’accord pour partager votre enregistrement.', titleNeeded: 'Donnez un titre à l’enregistrement.', noPicture: '(aucune)',
    ownerConsent: 'C’est la voix de quelqu’un d’autre : il faut son accord. Il le donne lui-même sur son écran (Mes histoires, le bouton du groupe) ; ensuite vous pouvez l’élargir jusque-là.' },
  en: { title: 'Title', lang: 'Language (fr, en, ar…)', group: 'Group', picture: 'Picture (for learners who do not read)',
    visibility: 'Who hears it', private: 'Me and my learners', groupOnly: 'The group', network: 'The group’s network',
    public: 'Everyone', consent: 'I agree that this recording of my voice is heard so (I can withdraw it at any time).',
    consentNeeded: 'Tick the agreement to share your recording.', titleNeeded: 'Give the recording a title.', noPicture: '(none)',
    ownerConsent: 'This is someone else’s voice: it needs their consent. They give it themselves on their own screen (My stories, the group button); then you may widen it that far.' },
}, 'fields');

/**
 * The fields, filled from `recording` when editing. `values()` reads them; `share(recording)`
 * gives the consent and widens to the chosen visibility (or narrows), after the recording exists.
 */
export async function recordingFields(recording = null) {
  const groups = await api('/api/groups').catch(() => []);
  const person = me();
  const title = input({ value: recording?.title ?? '', required: true, maxlength: 200, name: 'title' });
  const language = input({ value: recording && recording.language !== 'und' ? recording.language : (person?.languages?.[0] ?? 'fr'),
    size: 8, maxlength: 35, required: true, name: 'language' });
  const group = select(groups.map((each) => [each.id, each.name]), { name: 'group' });
  group.value = recording?.groupId ?? groups[0]?.id ?? '';
  const picture = select(storyPictures.map((key) => [key, t(key)]), { name: 'picture' });
  picture.firstChild.textContent = t('fields.noPicture');
  picture.value = recording?.picture ?? '';
  const visibility = el('select', { name: 'visibility' }, ['private', 'group', 'network', 'public']
    .map((value) => el('option', { value }, t(value === 'group' ? 'fields.groupOnly' : `fields.${value}`))));
  visibility.value = recording?.visibility ?? 'private';
  const ownVoice = !recording || recording.ownerId === person?.id;
  const agree = el('input', { type: 'checkbox', id: `agree-${Math.random().toString(36).slice(2)}`, name: 'consent' });
  const consent = el('div', { class: 'check' }, agree, el('label', { for: agree.id }, t('fields.consent')));
  // Someone else's voice (a learner's): no box to tick for them; the screen says whose consent it waits for.
  const ownerConsent = el('p', { class: 'notice owner-consent' }, t('fields.ownerConsent'));
  const order = ['private', 'group', 'network', 'public'];
  const widens = () => order.indexOf(visibility.value) > order.indexOf(recording?.visibility ?? 'private');
  const showConsent = () => {
    consent.hidden = !ownVoice || visibility.value === 'private' || visibility.value === recording?.visibility;
    ownerConsent.hidden = ownVoice || !widens();
  };
  visibility.addEventListener('change', showConsent);
  showConsent();
  const element = el('fieldset', { class: 'recording-fields' }, field(t('fields.title'), title), field(t('fields.lang'), language),
    groups.length ? field(t('fields.group'), group) : null, field(t('fields.picture'), picture),
    field(t('fields.visibility'), visibility), consent, ownerConsent);
  return {
    element,
    /** The upload's query (title, language, group, picture). */
    query() {
      const query = new URLSearchParams({ title: title.value.trim(), language: language.value.trim() });
      if (group.value) query.set('groupId', group.value);
      if (picture.value) query.set('picture', picture.value);
      // %20 for spaces: the API reads `+` in a query as a plus sign.
      return query.toString().replace(/\+/g, '%20');
    },
    /** Throws before anything is sent when the title is empty or sharing one's own voice is not agreed to. */
    checkBeforeSending() {
      if (!title.value.trim()) { title.focus(); throw new Error(t('fields.titleNeeded')); }
      if (!consent.hidden && !agree.checked) throw new Error(t('fields.consentNeeded'));
    },
    /** After the recording exists (or when editing): the fields as changed, the visibility last. */
    async apply(stored) {
      const body = { title: title.value.trim(), language: language.value.trim() };
      if (group.value && group.value !== stored.groupId) body.groupId = group.value;
      if (picture.value) body.picture = picture.value;
      let changed = await api(`/api/recordings/${stored.id}`, { method: 'PATCH', body });
      const wanted = visibility.value;
      if (wanted === changed.visibility) return changed;
      if (order.indexOf(wanted) > order.indexOf(changed.visibility) && ownVoice) {
        changed = (await api(`/api/recordings/${stored.id}/consent`, { method: 'POST', body: { visibility: wanted, method: 'tap' } })).recording;
      } else {
        try {
          changed = await api(`/api/recordings/${stored.id}`, { method: 'PATCH', body: { visibility: wanted } });
        } catch (error) {
          // Its owner has not agreed to be heard that far: said in the trainer's words, not the API's.
          if (error.code === 'consent_required') throw new Error(t('fields.ownerConsent'));
          throw error;
        }
      }
      return changed;
    },
  };
}
