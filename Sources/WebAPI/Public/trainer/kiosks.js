// Trainer screen for kiosks: the enrolled kiosks (revoke one), and making this browser a kiosk for
// chosen groups with an idle time (the kiosk is the browser that enrols: it keeps a device cookie).
import { t } from '../shared/i18n.js';
import { api } from '../shared/api.js';
import { el, show, status } from '../shared/ui.js';
import { named, when } from './words.js';
import { button, checkbox, field, form, heading, input } from './forms.js';

export async function kiosksScreen() {
  const [kiosks, groups] = await Promise.all([api('/api/kiosks'), api('/api/groups')]);
  const names = new Map(groups.map((group) => [group.id, group.name]));
  const name = input({ required: true, maxlength: 200 });
  const idle = el('input', { type: 'number', min: 5, max: 86400, value: 300, required: true });
  const boxes = groups.map((group) => checkbox(group.name, { value: group.id, 'data-group': group.id }));
  const enrol = form({ class: 'card', 'aria-label': t('people.makeKiosk') }, async () => {
    const groupIds = boxes.map((box) => box.querySelector('input')).filter((box) => box.checked).map((box) => box.value);
    if (!groupIds.length) { status(t('people.pickGroup')); return; }
    await api('/api/kiosks', { method: 'POST', body: { name: name.value, groupIds, idleSeconds: Number(idle.value) } });
    await api('/api/auth/signout', { method: 'POST' });
    location.href = '/kiosk';
  }, el('h2', {}, t('people.makeKiosk')), field(t('people.kioskName'), name),
  el('fieldset', {}, el('legend', {}, t('people.kioskGroups')), boxes), field(t('people.idle'), idle), el('p', { class: 'help' }, t('people.kioskHelp')),
  el('p', {}, el('button', { class: 'text', type: 'submit' }, t('people.makeKiosk'))));
  const live = kiosks.filter((kiosk) => !kiosk.revoked);
  show(heading(t('people.kiosks')), el('ul', { class: 'cards', 'aria-label': t('people.kiosks') }, live.length ? live.map((kiosk) => el('li', { class: 'card' },
    el('span', { class: 'name' }, kiosk.name),
    el('span', { class: 'tags' }, `${(kiosk.groupIds ?? []).map((id) => names.get(id) ?? '…').join(', ')} · ${kiosk.idleSeconds} s · ${when(kiosk.createdAt)}`),
    el('span', { class: 'actions' }, button(t('people.revoke'), async () => {
      if (!confirm(t('people.confirmDelete', kiosk.name))) return;
      await api(`/api/kiosks/${kiosk.id}`, { method: 'DELETE' });
      await kiosksScreen();
    }, { 'aria-label': named(t('people.revoke'), kiosk.name) })))) : el('li', {}, t('people.nothing'))), enrol);
}
