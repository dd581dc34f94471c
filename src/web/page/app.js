// warden approval page: the console's held queue, live over server-sent events. Agent text is
// only ever set with textContent (never as HTML). Every change is a POST naming held actions by
// id, with this session's CSRF token.

const $ = (id) => document.getElementById(id);
const heldList = $('held');
const decidedList = $('decided');
const template = $('card');
const cards = new Map();
let csrf = '';
let lastRev = -1;
let firstRender = true;
let approveAllArmed = 0;

function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

async function send(command, ids, extra) {
  const body = JSON.stringify({ command, ids: ids || [], ...(extra || {}) });
  let result;
  try {
    const res = await fetch('/api/command', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      body,
    });
    if (res.status === 401) return location.reload();
    result = await res.json();
  } catch {
    result = { ok: false, message: 'warden cannot be reached' };
  }
  setText($('result'), result.message || result.error || '');
}

function detailOf(item, pre) {
  pre.replaceChildren();
  if (item.diff && item.diff.length > 0) {
    pre.classList.add('diff');
    for (const line of item.diff) {
      const span = document.createElement('span');
      span.className = line.kind;
      span.textContent = `${line.kind === 'add' ? '+' : line.kind === 'remove' ? '-' : line.kind === 'context' ? ' ' : ''}${line.text}\n`;
      pre.append(span);
    }
  } else {
    pre.classList.remove('diff');
    pre.textContent = item.detail;
  }
}

function makeCard(item) {
  const li = template.content.firstElementChild.cloneNode(true);
  li.dataset.id = item.id;
  const article = li.querySelector('article');
  const headingId = `h-${item.id}`;
  article.querySelector('.what').id = headingId;
  article.setAttribute('aria-labelledby', headingId);
  setText(li.querySelector('.tool'), item.tool);
  setText(li.querySelector('.summary'), item.summary);
  detailOf(item, li.querySelector('.detail'));
  li.querySelector('.detail').setAttribute('aria-label', `${item.tool} details`);
  const form = li.querySelector('.deny-form');
  const reason = form.querySelector('input');
  li.querySelector('.actions [data-command="approve"]').addEventListener('click', () =>
    send('approve', [item.id]),
  );
  li.querySelector('.actions [data-command="deny"]').addEventListener('click', () => {
    form.hidden = false;
    reason.focus();
  });
  form.querySelector('.cancel').addEventListener('click', () => {
    form.hidden = true;
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    send('deny', [item.id], { reason: reason.value });
  });
  li.querySelector('[data-command="approve.similar"]').addEventListener('click', () =>
    send('approve.similar', [item.id]),
  );
  li.querySelector('[data-command="rule.add"]').addEventListener('click', () =>
    send('rule.add', [item.id], { effect: 'allow' }),
  );
  li.dataset.shownAt = String(Date.now());
  return li;
}

function updateCard(li, item) {
  const meta = `${item.agent} · session ${item.session} · ${new Date(item.receivedAt).toLocaleTimeString()}${item.status === 'classifying' ? ' · classifier asked' : ''}`;
  setText(li.querySelector('.meta'), meta);
  setText(li.querySelector('.reason'), `${item.verdictBy}: ${item.reason}`);
  setText(li.querySelector('.rule-text'), item.rule);
  li.querySelector('[data-command="rule.add"]').textContent = `Allow by rule ${item.rule}`;
}

function renderHeld(snapshot) {
  const seen = new Set();
  const fresh = [];
  let previous = null;
  for (const item of snapshot.held) {
    seen.add(item.id);
    let li = cards.get(item.id);
    if (!li) {
      li = makeCard(item);
      cards.set(item.id, li);
      fresh.push(item);
    }
    updateCard(li, item);
    const wanted = previous ? previous.nextSibling : heldList.firstChild;
    if (wanted !== li) heldList.insertBefore(li, wanted);
    previous = li;
  }
  for (const [id, li] of cards) {
    if (!seen.has(id)) {
      const hadFocus = li.contains(document.activeElement);
      li.remove();
      cards.delete(id);
      if (hadFocus) $('held-heading').focus();
    }
  }
  if (fresh.length > 0 && !firstRender) {
    const first = fresh[0];
    setText(
      $('announce'),
      `New held action${fresh.length > 1 ? `s (${fresh.length})` : ''}: ${first.tool} ${first.summary}`,
    );
  }
  setText($('held-count'), String(snapshot.heldTotal));
  $('empty').hidden = snapshot.heldTotal > 0;
  $('approve-all').hidden = snapshot.heldTotal === 0;
  if (!approveAllArmed) setText($('approve-all'), `Approve all (${snapshot.heldTotal})`);
}

function renderDecided(snapshot) {
  const items = snapshot.decided.map((d) => {
    const li = document.createElement('li');
    li.className = `decided-${d.answer}`;
    const badge = document.createElement('span');
    badge.className = 'badge';
    badge.textContent = d.answer === 'allow' ? 'allowed' : d.answer === 'deny' ? 'denied' : 'asked';
    const what = document.createElement('span');
    what.className = 'what';
    what.textContent = ` ${d.tool} ${d.summary}`;
    const why = document.createElement('span');
    why.className = 'why';
    why.textContent = `${d.who}: ${d.reason}`;
    li.append(badge, what, why);
    return li;
  });
  decidedList.replaceChildren(...items);
  $('decided-empty').hidden = items.length > 0;
}

function renderModes(snapshot) {
  const group = $('mode-buttons');
  if (!group.dataset.ready) {
    // Pause has its own button (the `pause` command); the others are named as the modes.
    for (const mode of snapshot.modes.filter((m) => m.name !== 'pause')) {
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.command = `mode.${mode.name}`;
      button.dataset.mode = mode.name;
      button.textContent = mode.name === 'yolo' ? 'YOLO' : mode.name[0].toUpperCase() + mode.name.slice(1);
      button.title = mode.description;
      button.addEventListener('click', () => send(`mode.${mode.name}`));
      group.append(button);
    }
    group.dataset.ready = '1';
  }
  for (const button of group.querySelectorAll('[data-mode]')) {
    button.setAttribute('aria-pressed', String(button.dataset.mode === snapshot.mode));
  }
  group
    .querySelector('[data-command="pause"]')
    .setAttribute('aria-pressed', String(snapshot.mode === 'pause'));
  const mode = $('mode');
  setText(mode, snapshot.mode === 'yolo' ? 'YOLO' : snapshot.mode);
  mode.className = `mode mode-${snapshot.mode}`;
  setText($('mode-description'), snapshot.modeDescription);
}

function render(snapshot) {
  if (snapshot.rev < lastRev) return;
  lastRev = snapshot.rev;
  renderModes(snapshot);
  renderHeld(snapshot);
  renderDecided(snapshot);
  const c = snapshot.counts;
  setText($('counts'), `✓ ${c.allowed} allowed · ✗ ${c.denied} denied · ● ${c.held} held`);
  const alerts = snapshot.alerts.map((text) => {
    const li = document.createElement('li');
    li.textContent = text;
    return li;
  });
  $('alerts').replaceChildren(...alerts);
  document.title = snapshot.heldTotal > 0 ? `(${snapshot.heldTotal}) warden` : 'warden';
  firstRender = false;
  document.body.dataset.rev = String(snapshot.rev);
}

async function start() {
  const res = await fetch('/api/session', { credentials: 'same-origin', cache: 'no-store' });
  if (!res.ok) return location.reload();
  const session = await res.json();
  csrf = session.csrf;
  setText($('who'), `This browser: ${session.session.browser} on ${session.session.os}`);
  const events = new EventSource('/events');
  events.addEventListener('state', (event) => render(JSON.parse(event.data)));
  events.addEventListener('revoked', () => {
    events.close();
    location.reload();
  });
  events.addEventListener('error', async () => {
    const check = await fetch('/api/session', { credentials: 'same-origin', cache: 'no-store' }).catch(
      () => null,
    );
    if (check && check.status === 401) location.reload();
  });
}

$('approve-all').addEventListener('click', () => {
  const button = $('approve-all');
  if (!approveAllArmed) {
    approveAllArmed = setTimeout(() => {
      approveAllArmed = 0;
      setText(button, `Approve all (${$('held-count').textContent})`);
    }, 5000);
    setText(button, `Confirm: approve all ${$('held-count').textContent}`);
    return;
  }
  clearTimeout(approveAllArmed);
  approveAllArmed = 0;
  send('approve.all');
});
document.querySelector('[data-command="pause"]').addEventListener('click', () => send('pause'));
$('unpair').addEventListener('click', async () => {
  await fetch('/api/logout', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'x-csrf-token': csrf },
  });
  location.reload();
});
start();
