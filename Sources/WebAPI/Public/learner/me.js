// The learner's own screen, behind their face in the bar: the picture they are shown by (one of
// the people pictures; a photo is their trainer's to take) and their name, said in their own
// voice, which the speaker beside their picture plays on the sign-in screen.
import { api } from '../shared/api.js';
import { t } from '../shared/i18n.js';
import { peoplePictures } from '../shared/words.js';
import { Capture } from '../shared/recorder.js';
import { chime, playClip, sayLabel, softTone } from '../shared/sound.js';
import { actions, bigButton, el, picture, roundButton, show } from '../shared/ui.js';

/** `changed(person)` runs after the picture or the name changed (the bar shows the new picture). */
export function meScreen(session, changed) {
  const person = session.person;
  const grid = el('div', { class: 'grid code', role: 'group', 'aria-label': t('choose') }, peoplePictures.map((key) => bigButton({
    label: key, className: `pic person ${key === person.avatar ? 'chosen' : ''}`, image: picture(key), speaker: false,
    onClick: async () => {
      const updated = await api(`/api/people/${person.id}`, { method: 'PATCH', body: { avatar: key } });
      Object.assign(person, updated);
      chime();
      changed(person);
      meScreen(session, changed);
      sayLabel('saved');
    } })));
  show(el('h1', { class: 'sr' }, t('choose')),
    el('div', { class: 'row' }, el('span', { class: 'who me-face' }, picture(person.avatar, person.avatarUrl))),
    grid, actions(person.nameUrl ? roundButton('hear', 'speaker', 'listen', () => playClip(`${person.nameUrl}?v=${Date.now()}`)) : null,
      nameRecorder(person, changed)));
  sayLabel('choose');
}

/** One button: tap, say your name, tap again; it is kept as the name beside your picture. */
function nameRecorder(person, changed) {
  let capture = null;
  const button = roundButton('name', 'rec', 'record name-rec', async () => {
    if (!capture) {
      capture = new Capture();
      try {
        await capture.start(() => {});
      } catch {
        capture = null; softTone(); sayLabel('error'); return;
      }
      button.setAttribute('aria-pressed', 'true');
      button.firstChild.src = '/shared/icons/stop.svg';
      return;
    }
    const running = capture;
    capture = null;
    button.setAttribute('aria-pressed', 'false');
    button.firstChild.src = '/shared/icons/rec.svg';
    const blob = await running.stop();
    try {
      await api(`/api/people/${person.id}/name`, { method: 'PUT', body: blob, headers: { 'Content-Type': blob.type || 'application/octet-stream' } });
      person.nameUrl = `/api/people/${person.id}/name`;
      chime();
      sayLabel('saved');
      changed(person);
    } catch {
      softTone();
      sayLabel('error');
    }
  });
  button.setAttribute('aria-pressed', 'false');
  addEventListener('hashchange', () => capture?.cancel(), { once: true });
  return button;
}

