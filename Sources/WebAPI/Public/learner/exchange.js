// A camp kiosk's picture of its sync with the centre, on the sign-in screen: how long ago the last
// exchange was (a sun: today; a moon per night since, up to a week; red past a week or never) and
// whether anything waits to go (a parcel going up: waits here; an arrow: sent, not confirmed yet;
// a check: everything arrived). Touching it says both aloud. Shown only on a kiosk whose group is
// paired with another server; kept on the device, so it still shows while the network is down.
import { api } from '../shared/api.js';
import { t } from '../shared/i18n.js';
import { sayLabel } from '../shared/sound.js';
import { el, icon, picture } from '../shared/ui.js';

const KEPT = 'parlons:/api/kiosk/exchange';
const WEEK = 7;

/** Whole nights between `date` and now, counted on this device's calendar (0: today). */
export function nightsSince(date, now = new Date()) {
  const day = (d) => Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
  return Math.max(0, Math.round((day(now) - day(date)) / 86400000));
}

/** The kiosk's groups as one: the oldest exchange, everything waiting, anything unconfirmed. */
export function summary(groups) {
  if (!groups.length) return null;
  const dates = groups.map((group) => (group.lastExchangeAt ? new Date(group.lastExchangeAt) : null));
  const nights = dates.includes(null) ? null : Math.max(...dates.map((date) => nightsSince(date)));
  const waiting = groups.reduce((sum, group) => sum + group.waiting, 0);
  const state = waiting > 0 ? 'waiting' : groups.some((group) => group.unconfirmed) ? 'onway' : 'done';
  const age = nights == null ? 'never' : nights === 0 ? 'today' : nights <= WEEK ? 'nights' : 'long';
  return { nights, waiting, state, age };
}

async function fetchGroups() {
  try {
    const { groups } = await api('/api/kiosk/exchange');
    try { localStorage.setItem(KEPT, JSON.stringify(groups)); } catch {}
    return groups;
  } catch (error) {
    const copy = !error.status && localStorage.getItem(KEPT);
    return copy ? JSON.parse(copy) : [];
  }
}

function agePicture({ age, nights }) {
  if (age === 'never') return el('span', { class: 'age never' }, icon('never'));
  if (age === 'today') return el('span', { class: 'age today' }, picture('sun'));
  const moons = Math.min(nights, WEEK);
  return el('span', { class: `age ${age}`, 'data-nights': nights }, Array.from({ length: moons }, () => picture('moon')));
}

/** The button, filled in place (hidden until a paired group answers); refreshed every minute while shown. */
export function exchangePicture() {
  const button = el('button', { type: 'button', class: 'exchange', id: 'exchange', hidden: true });
  async function fill() {
    const seen = summary(await fetchGroups());
    if (!seen) { button.hidden = true; return; }
    const ageLabel = `exchange-${seen.age}`, stateLabel = `exchange-${seen.state}`;
    button.className = `exchange ${seen.age} ${seen.state}`;
    button.dataset.age = seen.age;
    button.dataset.state = seen.state;
    button.setAttribute('aria-label', `${t(ageLabel)}. ${t(stateLabel)}`);
    button.onclick = () => sayLabel(ageLabel, stateLabel);
    button.replaceChildren(el('span', { class: 'link' }, icon('exchange')), agePicture(seen),
      el('span', { class: `goes ${seen.state}` }, icon({ waiting: 'outbox', onway: 'onway', done: 'check' }[seen.state])),
      // The speaker in the corner, as on every tile that talks: the whole picture is what to touch.
      el('span', { class: 'say', 'aria-hidden': 'true' }, icon('speaker')));
    button.hidden = false;
  }
  fill();
  const timer = setInterval(() => (button.isConnected ? fill() : clearInterval(timer)), 60000);
  return button;
}
