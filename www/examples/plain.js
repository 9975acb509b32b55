// The host page's side of plain.html: listens to the events <pacer-player> dispatches (they bubble, so
// one listener on the document sees every player of the page) and logs them. An LMS would forward
// pacer:attempt or pacer:completed to its gradebook here.
import { logLine } from './log.js';

const list = document.getElementById('events');
for (const name of ['pacer:ready', 'pacer:attempt', 'pacer:mastery', 'pacer:completed', 'pacer:statement', 'pacer:error']) {
  document.addEventListener(name, (event) => logLine(list, name, event.detail));
}

// The element's API, e.g. for a "Download my record" button of the host:
//   const record = await document.querySelector('pacer-player').exportRecord();
//   await document.querySelector('pacer-player').setLanguage('es');
