// The host page's side of iframe-host.html: accepts messages from the player's frame only (its exact
// origin and its window), sizes the frame from {type: "pacer:height"} and logs {type: "pacer:event"}.
import { logLine } from './log.js';

const frame = document.getElementById('player');
// The origin the player is served from, taken from the frame's own src (an absolute URL once parsed).
const playerOrigin = new URL(frame.src).origin;
const list = document.getElementById('events');
const heightOut = document.getElementById('height');

window.addEventListener('message', (event) => {
  // Any page can post to this window: trust only the player's origin, from the player's frame.
  if (event.origin !== playerOrigin || event.source !== frame.contentWindow) return;
  const message = event.data;
  if (!message || typeof message !== 'object') return;
  if (message.type === 'pacer:height') {
    const height = Number(message.height);
    if (!Number.isFinite(height) || height <= 0 || height > 100_000) return;
    // The attribute, not an inline style: it keeps working under a CSP without 'unsafe-inline'.
    frame.height = String(Math.ceil(height));
    heightOut.textContent = `${Math.ceil(height)} px`;
  } else if (message.type === 'pacer:event' && typeof message.name === 'string') {
    logLine(list, message.name, message.detail);
  } else if (message.type === 'pacer:pong') {
    logLine(list, 'pacer:pong', { ignored: message.ignored });
  }
});

// Always name the target origin when posting to the player (never '*').
document.getElementById('ping').addEventListener('click', () => {
  frame.contentWindow.postMessage({ type: 'pacer:ping' }, playerOrigin);
});
