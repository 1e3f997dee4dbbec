// Instruire's Cockpit plugin (Camunda 7.24 front-end plugin API): the dashboard's « Campagnes » section, the header's
// « Campagnes » entry and a page per campaign. Every figure comes computed from the server (GET /api/dashboard/…),
// which answers only for the campaigns the signed-in member may see; this script only lays them out, in French.

const API = '/api/dashboard/campaigns';

const STYLE = `
.instruire { font-size: 14px; }
.instruire h3 { margin-top: 20px; }
.instruire .instruire-grid { display: flex; flex-wrap: wrap; gap: 24px; }
.instruire .instruire-grid > section { flex: 1 1 320px; min-width: 300px; }
.instruire .instruire-bar { background: #e5e8ec; height: 18px; position: relative; min-width: 200px; }
.instruire .instruire-bar > span { background: #1f6fb2; display: block; height: 18px; }
.instruire .instruire-bar.money > span { background: #3a8a3a; }
.instruire td.num, .instruire th.num { text-align: right; white-space: nowrap; }
.instruire .instruire-late { color: #b5152b; font-weight: bold; }
.instruire .instruire-muted { color: #666; }
.instruire .instruire-error { color: #b5152b; }
`;

const EUROS = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const NUMBER = new Intl.NumberFormat('fr-FR');

/** An element with its attributes and children (text is always set as text, never as HTML). */
function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => {
    if (value !== undefined && value !== null && value !== false) {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  });
  children.flat().forEach((child) => {
    if (child !== undefined && child !== null && child !== false) {
      element.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  });
  return element;
}

function frame(node) {
  node.innerHTML = '';
  const root = h('div', { class: 'instruire' }, h('style', {}, STYLE));
  node.appendChild(root);
  return root;
}

async function getJson(url) {
  const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(body.detail || body.title || `Erreur ${response.status}`);
  }
  return body;
}

function failure(root, error) {
  root.appendChild(h('p', { class: 'instruire-error', 'data-instruire': 'error' }, error.message));
}

function percent(part, whole) {
  return whole > 0 ? Math.round((part / whole) * 100) : 0;
}

function bar(part, whole, kind) {
  return h('div', { class: `instruire-bar ${kind || ''}`, title: `${percent(part, whole)} %` },
    h('span', { style: `width: ${Math.min(100, percent(part, whole))}%` }));
}

function campaignLink(figures) {
  return h('a', { href: `#/instruire/campagnes/${encodeURIComponent(figures.campaign.key)}` }, figures.campaign.title);
}

/** The campaigns' table: one line each, the figures a manager scans first. */
function campaignsTable(list) {
  if (list.length === 0) {
    return h('p', { class: 'instruire-muted', 'data-instruire': 'no-campaign' },
      'Aucune campagne ne relève de vos équipes.');
  }
  return h('table', { class: 'table table-striped', 'data-instruire': 'campaigns' },
    h('thead', {}, h('tr', {},
      h('th', {}, 'Campagne'), h('th', {}, 'Appel'), h('th', { class: 'num' }, 'Dossiers'),
      h('th', { class: 'num' }, 'En instruction'), h('th', { class: 'num' }, 'Retenus'),
      h('th', { class: 'num' }, 'Accordé'), h('th', {}, 'de l\'enveloppe'), h('th', { class: 'num' }, 'Payé'),
      h('th', { class: 'num' }, 'Tâches en retard'), h('th', { class: 'num' }, 'Incidents'))),
    h('tbody', {}, list.map((f) => {
      const stage = (key) => f.funnel.find((s) => s.stage === key).dossiers;
      const overdue = f.teams.reduce((sum, t) => sum + t.overdue, 0);
      return h('tr', { 'data-campaign': f.campaign.key },
        h('td', {}, campaignLink(f)),
        h('td', {}, f.campaign.callTitle),
        h('td', { class: 'num', 'data-figure': 'dossiers' }, NUMBER.format(f.campaign.dossiers)),
        h('td', { class: 'num', 'data-figure': 'ongoing' }, NUMBER.format(f.instruction.ongoing)),
        h('td', { class: 'num', 'data-figure': 'selected' }, NUMBER.format(stage('RETENUS'))),
        h('td', { class: 'num', 'data-figure': 'granted' }, EUROS.format(f.money.granted)),
        h('td', {}, bar(f.money.granted, f.money.envelope, 'money'),
          h('small', {}, `${percent(f.money.granted, f.money.envelope)} % de ${EUROS.format(f.money.envelope)}`)),
        h('td', { class: 'num', 'data-figure': 'paid' }, EUROS.format(f.money.paid)),
        h('td', { class: `num ${overdue > 0 ? 'instruire-late' : ''}`, 'data-figure': 'overdue' }, NUMBER.format(overdue)),
        h('td', { class: `num ${f.incidentCount > 0 ? 'instruire-late' : ''}`, 'data-figure': 'incidents' },
          NUMBER.format(f.incidentCount)));
    })));
}

async function renderCampaigns(node, withHeading) {
  const root = frame(node);
  if (withHeading) {
    root.appendChild(h('h3', { class: 'section-title' }, 'Campagnes'));
  }
  try {
    const body = await getJson(API);
    root.appendChild(campaignsTable(body.campaigns));
  } catch (error) {
    failure(root, error);
  }
}

function countsTable(name, title, rows, note) {
  const total = rows.reduce((sum, r) => sum + r.dossiers, 0);
  return h('section', { 'data-instruire': name },
    h('h3', {}, title),
    rows.length === 0
      ? h('p', { class: 'instruire-muted' }, 'Sans objet pour cet appel.')
      : h('table', { class: 'table table-condensed' },
        h('tbody', {}, rows.map((r) => h('tr', { 'data-value': r.value },
          h('td', {}, r.label), h('td', { class: 'num', 'data-figure': `${name}-${r.value}` }, NUMBER.format(r.dossiers)),
          h('td', {}, bar(r.dossiers, Math.max(total, 1))))))),
    note ? h('p', { class: 'instruire-muted' }, note) : null);
}

function funnelSection(figures) {
  const deposited = figures.funnel[0].dossiers;
  return h('section', { 'data-instruire': 'funnel' },
    h('h3', {}, 'Du dépôt au paiement'),
    h('table', { class: 'table table-condensed' }, h('tbody', {}, figures.funnel.map((s) => h('tr', {},
      h('td', {}, s.label),
      h('td', { class: 'num', 'data-figure': `funnel-${s.stage}` }, NUMBER.format(s.dossiers)),
      h('td', { class: 'num instruire-muted' }, `${percent(s.dossiers, deposited)} %`),
      h('td', {}, bar(s.dossiers, Math.max(deposited, 1))))))));
}

function days(value) {
  return value === null || value === undefined ? '—' : `${String(value).replace('.', ',')} j`;
}

function instructionSection(figures) {
  const i = figures.instruction;
  return h('section', { 'data-instruire': 'instruction' },
    h('h3', {}, 'Durée d\'instruction'),
    h('table', { class: 'table table-condensed' }, h('tbody', {},
      h('tr', {}, h('td', {}, 'Médiane'), h('td', { class: 'num', 'data-figure': 'instruction-median' }, days(i.medianDays))),
      h('tr', {}, h('td', {}, '90e centile'), h('td', { class: 'num', 'data-figure': 'instruction-p90' }, days(i.p90Days))),
      h('tr', {}, h('td', {}, 'Dossiers sortis d\'instruction'),
        h('td', { class: 'num', 'data-figure': 'instruction-finished' }, NUMBER.format(i.finished))),
      h('tr', {}, h('td', {}, 'En instruction aujourd\'hui'),
        h('td', { class: 'num', 'data-figure': 'instruction-ongoing' }, NUMBER.format(i.ongoing))))),
    h('p', { class: 'instruire-muted' }, 'De l\'entrée en instruction à l\'avis d\'instruction, en jours calendaires.'));
}

function moneySection(figures) {
  const m = figures.money;
  const line = (key, label, amount) => h('tr', {},
    h('td', {}, label), h('td', { class: 'num', 'data-figure': `money-${key}` }, EUROS.format(amount)),
    h('td', {}, bar(amount, Math.max(m.envelope, 1), 'money')),
    h('td', { class: 'num instruire-muted' }, `${percent(amount, m.envelope)} %`));
  return h('section', { 'data-instruire': 'money' },
    h('h3', {}, 'Crédits et enveloppe'),
    h('table', { class: 'table table-condensed' }, h('tbody', {},
      line('envelope', 'Enveloppe de la campagne', m.envelope),
      line('requested', m.requestedComputed ? 'Calculé par les règles à l\'instruction' : 'Demandé par les porteurs', m.requested),
      line('granted', 'Accordé aux dossiers retenus', m.granted),
      line('released', 'Libéré (tranches validées)', m.released),
      line('paid', 'Payé', m.paid))));
}

function teamsSection(figures) {
  return h('section', { 'data-instruire': 'teams' },
    h('h3', {}, 'Tâches ouvertes par équipe'),
    figures.teams.length === 0
      ? h('p', { class: 'instruire-muted' }, 'Aucune tâche ouverte.')
      : h('table', { class: 'table table-condensed' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Équipe'), h('th', { class: 'num' }, 'Ouvertes'),
          h('th', { class: 'num' }, 'Échéance dépassée'), h('th', { class: 'num' }, 'La plus ancienne'))),
        h('tbody', {}, figures.teams.map((t) => h('tr', { 'data-team': t.group },
          h('td', {}, t.group),
          h('td', { class: 'num', 'data-figure': `team-open-${t.group}` }, NUMBER.format(t.open)),
          h('td', { class: `num ${t.overdue > 0 ? 'instruire-late' : ''}`, 'data-figure': `team-overdue-${t.group}` },
            NUMBER.format(t.overdue)),
          h('td', { class: 'num' }, t.oldestDays === null ? '—' : `${t.oldestDays} j`))))));
}

function incidentsSection(figures) {
  return h('section', { 'data-instruire': 'incidents' },
    h('h3', {}, 'Incidents ', h('span', { class: 'badge', 'data-figure': 'incidents' }, String(figures.incidentCount))),
    figures.incidents.length === 0
      ? h('p', { class: 'instruire-muted' }, 'Aucun incident : les étapes automatiques passent.')
      : h('table', { class: 'table table-condensed' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Dossier'), h('th', {}, 'Processus'), h('th', {}, 'Étape'),
          h('th', {}, 'Message'), h('th', {}, 'Depuis'))),
        h('tbody', {}, figures.incidents.map((i) => h('tr', {},
          h('td', {}, i.dossier), h('td', {}, i.process), h('td', {}, i.activity), h('td', {}, i.message),
          h('td', {}, new Date(i.since).toLocaleString('fr-FR')))))));
}

function exportsSection(figures) {
  const campaign = encodeURIComponent(figures.campaign.key);
  return h('section', { 'data-instruire': 'exports' },
    h('h3', {}, 'Dossiers et exports'),
    h('ul', {},
      h('li', {}, h('a', { href: `/dossiers?campaign=${campaign}` }, 'Liste des dossiers')),
      h('li', {}, h('a', { href: `/dossiers/export.csv?campaign=${campaign}` }, 'Export CSV')),
      h('li', {}, h('a', { href: `/dossiers/export.xlsx?campaign=${campaign}` }, 'Export Excel (XLSX)')),
      h('li', {}, h('a', { href: `/dossiers/committee.pdf?campaign=${campaign}` }, 'Liste classée du comité (PDF)'))));
}

/** For process owners: the campaign's dossiers whose outcome would change under a changed decision table. */
function whatIfSection(figures) {
  const input = h('input', { type: 'file', accept: '.dmn,application/xml,text/xml', 'data-instruire': 'what-if-file' });
  const result = h('div', { 'data-instruire': 'what-if-result' });
  const button = h('button', { type: 'button', class: 'btn btn-default', 'data-instruire': 'what-if-run' }, 'Simuler');
  button.addEventListener('click', async () => {
    result.innerHTML = '';
    const file = input.files[0];
    if (!file) {
      result.appendChild(h('p', { class: 'instruire-error' }, 'Choisissez d\'abord le fichier .dmn modifié.'));
      return;
    }
    const response = await fetch(`/api/campaigns/${encodeURIComponent(figures.campaign.key)}/what-if`, {
      method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/xml', Accept: 'application/json' },
      body: await file.arrayBuffer(),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      result.appendChild(h('p', { class: 'instruire-error' }, body.detail || body.title || `Erreur ${response.status}`));
      return;
    }
    result.appendChild(h('p', {}, `Table « ${body.decision} » (version déployée ${body.deployedVersion}) : `
      + `${body.evaluated} dossier(s) évalué(s), ${body.changes.length} dont le résultat changerait.`));
    if (body.changes.length > 0) {
      const show = (rows) => rows.map((r) => Object.entries(r).map(([k, v]) => `${k} = ${v}`).join(', ')).join(' ; ');
      result.appendChild(h('table', { class: 'table table-condensed' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Dossier'), h('th', {}, 'Aujourd\'hui'), h('th', {}, 'Avec la table modifiée'))),
        h('tbody', {}, body.changes.map((c) => h('tr', {},
          h('td', {}, h('a', { href: `/dossiers/${encodeURIComponent(c.dossierNumber)}` }, c.dossierNumber)),
          h('td', {}, show(c.deployed)), h('td', {}, show(c.changed)))))));
    }
  });
  return h('section', { 'data-instruire': 'what-if' },
    h('h3', {}, 'Simuler une table de décision modifiée'),
    h('p', { class: 'instruire-muted' }, 'Avant de déployer depuis Modeler : le fichier .dmn enregistré, évalué sur les '
      + 'dossiers de la campagne sans rien écrire.'),
    input, ' ', button, result);
}

async function renderCampaign(node) {
  const root = frame(node);
  const key = decodeURIComponent((window.location.hash.split('/')[3] || '').split('?')[0]);
  root.appendChild(h('p', {}, h('a', { href: '#/instruire/campagnes' }, '← Toutes les campagnes')));
  try {
    const body = await getJson(`${API}/${encodeURIComponent(key)}`);
    const f = body.figures;
    root.appendChild(h('h2', { 'data-instruire': 'campaign-title' }, f.campaign.title));
    root.appendChild(h('p', { class: 'instruire-muted' },
      `${f.campaign.callTitle} — ${f.campaign.region} — dépôt ${f.campaign.submissionWindow}`));
    root.appendChild(h('div', { class: 'instruire-grid' }, funnelSection(f), moneySection(f)));
    root.appendChild(h('div', { class: 'instruire-grid' },
      countsTable('status', 'Dossiers par statut', f.byStatus.filter((r) => r.dossiers > 0)),
      countsTable('region', 'Dossiers par région', f.byRegion,
        'Un dossier de plusieurs régions compte dans chacune.'),
      countsTable('public', 'Dossiers par public', f.byPublic)));
    root.appendChild(h('div', { class: 'instruire-grid' }, instructionSection(f), teamsSection(f)));
    root.appendChild(incidentsSection(f));
    root.appendChild(h('div', { class: 'instruire-grid' }, exportsSection(f), body.viewer.processOwner ? whatIfSection(f) : null));
  } catch (error) {
    failure(root, error);
  }
}

export default [
  {
    id: 'instruire.dashboard',
    pluginPoint: 'cockpit.dashboard',
    priority: 100,
    render: (node) => { renderCampaigns(node, true); },
  },
  {
    id: 'instruire.navigation',
    pluginPoint: 'cockpit.navigation',
    priority: 100,
    properties: { pagePath: '#/instruire/campagnes', checkActive: (path) => path.indexOf('#/instruire') > -1 },
    render: (node) => { node.innerHTML = '<a href="#/instruire/campagnes">Campagnes</a>'; },
  },
  {
    id: 'instruire.campaigns',
    pluginPoint: 'cockpit.route',
    properties: { path: '/instruire/campagnes' },
    render: (node) => {
      const root = h('div', { class: 'container-fluid' });
      node.appendChild(root);
      root.appendChild(h('h1', {}, 'Campagnes'));
      const list = h('div', {});
      root.appendChild(list);
      renderCampaigns(list, false);
    },
  },
  {
    id: 'instruire.campaign',
    pluginPoint: 'cockpit.route',
    properties: { path: '/instruire/campagnes/:key' },
    render: (node) => {
      const root = h('div', { class: 'container-fluid' });
      node.appendChild(root);
      renderCampaign(root);
    },
  },
];
