// Stories as big tiles told apart without reading: the story's picture (chosen when it was kept,
// else its group's), its waveform, on the others' the face of who speaks, and on one's own whether
// the group hears it. Listen shows the others' stories, My stories one's own; practice takes are
// not stories and stay with their exercise. An empty list says so aloud.
import { api } from '../shared/api.js';
import { t } from '../shared/i18n.js';
import { sayLabel } from '../shared/sound.js';
import { actions, bigButton, el, icon, picture, roundButton, show, stillHere } from '../shared/ui.js';
import { waveform } from './waveform.js';

let groupPictures = null;
/** The learner's groups' pictures by id (a story without its own picture shows its group's). */
async function groups() {
  groupPictures ??= api('/api/groups').then((list) => new Map(list.map((group) => [group.id, group]))).catch(() => new Map());
  return groupPictures;
}

/** The picture a story is shown by. */
export async function storyPicture(recording) {
  const group = (await groups()).get(recording.groupId);
  return recording.picture ? picture(recording.picture) : picture(group?.picture || 'group', group?.pictureUrl);
}

/** The face of who speaks in `recording`: their photo where it may be seen, else their people picture. */
export function speakerFace(recording) {
  const speaker = recording.speaker ?? {};
  return el('span', { class: 'speaker', 'aria-hidden': 'true', 'data-person': speaker.personId ?? '' },
    picture(speaker.avatar || 'person', speaker.avatarUrl));
}

/**
 * "My recording": one's own take (an exercise's try, a scenario's answer) played back: one's own face
 * and a play sign on green, never the red microphone that records.
 */
export function mineButton(session, onClick) {
  const button = roundButton('mine', 'play', 'stories mine-take', onClick);
  button.prepend(picture(session.person.avatar, session.person.avatarUrl));
  return button;
}

/** Listen (`mine` false) or My stories (`mine` true, with the recordings still `waiting` on this device). */
export async function listScreen(mine, session, waiting = [], sendWaiting = () => {}) {
  const here = stillHere();
  // Offline, My stories still shows what waits on this device.
  const { recordings } = await api('/api/recordings?limit=60&purpose=story').catch((error) => {
    if (error.status) throw error;
    return { recordings: [] };
  });
  const chosen = recordings.filter((recording) => (recording.ownerId === session.person.id) === mine);
  const tiles = await Promise.all(chosen.map(async (recording) => {
    const wave = waveform(recording);
    // One's own: shared or private; the others': whose voice it is (two stories may share a picture).
    const badge = mine ? el('span', { class: `badge ${recording.visibility === 'private' ? 'private' : 'shared'}`, 'aria-hidden': 'true' },
      icon(recording.visibility === 'private' ? 'private' : 'share')) : speakerFace(recording);
    return el('div', { role: 'listitem', 'data-recording': recording.id },
      bigButton({ label: 'play', name: `${t('play')} : ${recording.title || t(mine ? 'stories' : 'listen')}`,
        className: `story ${mine ? 'stories' : 'listen'}`, image: el('span', { class: 'story-face' }, await storyPicture(recording), wave.element),
        extra: badge, onClick: () => { location.hash = `#/play/${recording.id}`; } }));
  }));
  if (!here()) return;
  const empty = chosen.length + waiting.length === 0;
  show(el('h1', { class: 'sr' }, t(mine ? 'stories' : 'listen')),
    // Nothing yet: an empty frame round the screen's picture, said aloud; on My stories, the red button to tell a first one.
    empty ? el('div', { class: 'row empty' }, bigButton({ label: 'empty', className: 'plain', image: icon(mine ? 'stories' : 'listen'),
      onClick: () => sayLabel('empty') })) : null,
    empty && mine ? actions(roundButton('record', 'record', 'record', () => { location.hash = '#/record'; })) : null,
    el('div', { class: 'grid', role: 'list' }, tiles,
      waiting.map(() => el('div', { role: 'listitem' }, bigButton({ label: 'waiting', className: 'waiting', image: icon('waiting'), onClick: sendWaiting })))));
  sayLabel(empty ? 'empty' : mine ? 'stories' : 'others');
}
