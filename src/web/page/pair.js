// warden pairing: waits for the person's answer at the console, then opens the page.

const page = document.body.dataset.page;
const statusLine = document.getElementById('pair-status');

const say = (text) => {
  if (statusLine) statusLine.textContent = text;
};

async function poll() {
  let state = 'unknown';
  try {
    const res = await fetch('/pair/status', { credentials: 'same-origin', cache: 'no-store' });
    state = (await res.json()).state;
  } catch {
    state = 'offline';
  }
  if (state === 'paired') {
    say('Paired. Opening warden…');
    location.replace('/');
    return;
  }
  if (state === 'refused') return say('The person at the console refused this pairing.');
  if (state === 'expired') return say('Nobody answered in time. Ask for a new pairing code.');
  if (state === 'unknown')
    return say('This pairing is unknown (the console may have restarted). Ask for a new code.');
  if (state === 'offline') say('warden cannot be reached; trying again…');
  setTimeout(poll, 700);
}

async function checkSession() {
  // A link followed from another site arrives without the SameSite=Strict cookie; a same-origin
  // request carries it, so a paired browser reloads into the page.
  try {
    const res = await fetch('/api/session', { credentials: 'same-origin', cache: 'no-store' });
    if (res.ok && !sessionStorage.getItem('warden-reloaded')) {
      sessionStorage.setItem('warden-reloaded', '1');
      location.reload();
    }
  } catch {
    // offline: stay on this page
  }
}

if (page === 'pair') poll();
else if (page === 'unpaired') checkSession();
