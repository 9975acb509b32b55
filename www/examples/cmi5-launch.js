// The form of cmi5-launch.html: builds the cmi5 launch URL an LMS opens (cmi5 section 8.1), from the AU's
// url and the five launch parameters, as the user types.
const form = document.getElementById('launch-form');
const output = document.getElementById('launch-url');
const link = document.getElementById('launch-link');
const note = document.getElementById('launch-note');

/** The launch URL, or throws when the AU url cannot be resolved. */
export function launchUrl(values, base) {
  const url = new URL(values.auUrl, base);
  const actor = { objectType: 'Agent', account: { homePage: values.homePage, name: values.accountName } };
  // The AU's own query (if any) is kept; the cmi5 parameters are merged in. URLSearchParams encodes.
  url.searchParams.set('endpoint', values.endpoint);
  url.searchParams.set('fetch', values.fetch);
  url.searchParams.set('actor', JSON.stringify(actor));
  url.searchParams.set('registration', values.registration);
  url.searchParams.set('activityId', values.activityId);
  return url;
}

function update() {
  const values = Object.fromEntries(new FormData(form));
  let url;
  try {
    url = launchUrl(values, document.baseURI);
  } catch {
    output.textContent = 'The AU url is not a valid URL.';
    link.removeAttribute('href');
    return;
  }
  output.textContent = url.href;
  // Only web addresses become a link (never javascript: or data: URLs typed into the form).
  if (url.protocol === 'https:' || url.protocol === 'http:') {
    link.href = url.href;
    note.textContent = '(needs a real cmi5 LMS behind the fetch URL and the endpoint)';
  } else {
    link.removeAttribute('href');
    note.textContent = '(not a web address)';
  }
}

document.getElementById('new-registration').addEventListener('click', () => {
  // crypto.randomUUID exists in secure contexts (https, or http on localhost).
  if (globalThis.crypto?.randomUUID) {
    form.elements.registration.value = crypto.randomUUID();
    update();
  }
});
form.addEventListener('input', update);
update();
