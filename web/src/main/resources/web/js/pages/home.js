import { t } from '../i18n.js';
import { h, mount } from '../ui.js';

// What each role can open from its home page; only features that exist are offered.
const CARDS = {
  ADMIN: [['#/users', 'card.users'], ['#/orgs', 'card.orgs'], ['#/schemes', 'card.schemes'], ['#/projects', 'card.projects']],
  LEAD: [['#/projects', 'card.projects'], ['#/orgs', 'card.orgs'], ['#/schemes', 'card.schemes']],
  AUDITOR: [['#/projects', 'card.projects'], ['#/orgs', 'card.orgs']],
  SHOPPER: [],
  VERIFIER: [['#/callbacks', 'card.callbacks']],
  CLIENT: [['#/projects', 'card.myProjects'], ['#/orgs', 'card.myOrg']],
};

export function render(ctx) {
  const me = ctx.me;
  const roles = me.roles;
  const seen = new Set();
  const cards = roles.flatMap((r) => CARDS[r] || []).filter(([href, key]) => !seen.has(key) && seen.add(key));
  cards.push(['#/password', 'card.password']);
  mount(
    h('h1', {}, t('home.title', me.displayName)),
    h('p', { class: 'muted', id: 'home-roles' }, t('home.roles', roles.map((r) => t(`role.${r}`)).join('、'))),
    roles.map((r) => h('p', { class: 'role-intro', 'data-role': r }, t(`home.${r}`))),
    h('div', { class: 'cards' }, cards.map(([href, key]) => h('a', { class: 'card', href },
      h('strong', {}, t(key)), h('span', { class: 'muted small' }, t(`${key}.desc`))))),
    roles.includes('SHOPPER') ? h('p', { class: 'muted' }, t('home.nothingYet')) : null,
  );
}
