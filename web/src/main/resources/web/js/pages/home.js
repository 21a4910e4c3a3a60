import { t } from '../i18n.js';
import { h, mount } from '../ui.js';
import { api } from '../api.js';

// What each role can open from its home page; only features that exist are offered.
const CARDS = {
  ADMIN: [['#/users', 'card.users'], ['#/orgs', 'card.orgs'], ['#/schemes', 'card.schemes'], ['#/projects', 'card.projects']],
  LEAD: [['#/projects', 'card.projects'], ['#/visits', 'card.visits'], ['#/orgs', 'card.orgs'], ['#/schemes', 'card.schemes']],
  AUDITOR: [['#/visits', 'card.visits'], ['#/projects', 'card.projects'], ['#/orgs', 'card.orgs']],
  SHOPPER: [['#/visits', 'card.visits']],
  VERIFIER: [['#/callbacks', 'card.callbacks']],
  CLIENT: [['#/projects', 'card.myProjects'], ['#/orgs', 'card.myOrg']],
};

export async function render(ctx) {
  const me = ctx.me;
  const roles = me.roles;
  const seen = new Set();
  const cards = roles.flatMap((r) => CARDS[r] || []).filter(([href, key]) => !seen.has(key) && seen.add(key));
  cards.push(['#/password', 'card.password']);
  const nothing = h('p', { class: 'muted', id: 'home-visits', hidden: true });
  mount(
    h('h1', {}, t('home.title', me.displayName)),
    h('p', { class: 'muted', id: 'home-roles' }, t('home.roles', roles.map((r) => t(`role.${r}`)).join('、'))),
    roles.map((r) => h('p', { class: 'role-intro', 'data-role': r }, t(`home.${r}`))),
    h('div', { class: 'cards' }, cards.map(([href, key]) => h('a', { class: 'card', href },
      h('strong', {}, t(key)), h('span', { class: 'muted small' }, t(`${key}.desc`))))),
    nothing,
  );
  // "No assignments yet" only when the SHOPPER really has none (no visit of its own and no offer to claim)
  if (roles.includes('SHOPPER')) {
    try {
      const [mine, offers] = await Promise.all([api('GET', '/api/v1/visits/mine'), api('GET', '/api/v1/visits/offers')]);
      const count = mine.today.length + mine.upcoming.length + mine.other.length;
      nothing.textContent = count || offers.length ? t('home.visitsWaiting', count, offers.length) : t('home.nothingYet');
      nothing.hidden = false;
    } catch (e) { /* offline: the card leads to the visits kept on the phone */ }
  }
}
