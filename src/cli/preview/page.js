// The author's preview page (served by `pacer preview`, never by the player): the course overview, the
// validator's findings with their file:line:col, and the player in a frame. It polls /__pacer/status;
// when the package's files change, the findings and the frame are made again. Author text reaches the page
// only through textContent.
const frame = document.getElementById('player');
const POLL_MS = 400;
let version = null;
let current = new URLSearchParams(location.search).get('activity');

function item(list, text, className) {
  const li = document.createElement('li');
  if (className) li.className = className;
  li.textContent = text;
  list.append(li);
  return li;
}

function show(status) {
  document.getElementById('course-title').textContent = status.title
    ? `Preview: ${status.title}` : 'Pacer preview';
  const findings = document.getElementById('findings');
  findings.dataset.valid = String(status.valid);
  const e = status.errors.length;
  const w = status.warnings.length;
  document.getElementById('findings-heading').textContent = status.valid
    ? `The package is valid (${w} warning${w === 1 ? '' : 's'})`
    : `${e} error${e === 1 ? '' : 's'}: learners' players refuse this package until they are fixed`;
  const errors = document.getElementById('errors');
  const warnings = document.getElementById('warnings');
  errors.textContent = '';
  warnings.textContent = '';
  for (const f of status.errors) item(errors, f.text, 'error').dataset.file = f.file;
  for (const f of status.warnings) item(warnings, `warning: ${f.text}`, 'warning').dataset.file = f.file;

  const list = document.getElementById('activities');
  list.textContent = '';
  if (!current && status.activities.length) current = status.activities[0].id;
  for (const a of status.activities) {
    const li = document.createElement('li');
    li.dataset.activity = a.id;
    li.dataset.status = a.locked ? 'locked' : 'open';
    if (a.id === current) li.setAttribute('aria-current', 'true');
    const link = document.createElement('a');
    link.href = `?activity=${encodeURIComponent(a.id)}`;
    link.textContent = a.title || a.id;
    link.addEventListener('click', (event) => {
      event.preventDefault();
      current = a.id;
      history.replaceState(null, '', link.href);
      show(status);
      play();
    });
    const kind = document.createElement('span');
    kind.className = 'kind';
    kind.textContent = `${a.kind} · ${a.file}`;
    li.append(link, kind);
    if (a.locked) {
      const locked = document.createElement('span');
      locked.className = 'locked';
      locked.textContent = `Locked for a new learner (${a.locked}); open here for the preview`;
      li.append(locked);
    }
    list.append(li);
  }
}

function play() {
  const src = current ? `play/?activity=${encodeURIComponent(current)}` : 'play/';
  if (frame.getAttribute('src') === src) {
    frame.contentWindow.location.reload();
  } else {
    frame.setAttribute('src', src);
  }
  document.body.dataset.loads = String(Number(document.body.dataset.loads || 0) + 1);
}

async function poll() {
  try {
    const response = await fetch('/__pacer/status', { cache: 'no-store' });
    const status = await response.json();
    if (status.version !== version) {
      const first = version === null;
      version = status.version;
      show(status);
      document.body.dataset.version = version;
      play(first);
    }
  } catch (error) {
    document.getElementById('findings-heading').textContent = `The preview server is not answering (${error.message}).`;
  }
  setTimeout(poll, POLL_MS);
}

poll();
