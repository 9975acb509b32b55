// Embedding Pacer in any page: <pacer-player> and Pacer.mount(element, config). With PLAYER standing for
// the origin that serves the player (see README, "Embedding"):
//   a module script tag for PLAYER/embed.js, then <pacer-player package="PLAYER/course/pkg.json">
// or, from a module of the host page:
//   const { mount } = await import(`${PLAYER}/embed.js`);
//   await mount(document.querySelector('#lesson'), { packageUrl: '...', lrs: { endpoint, auth } });
// The element dispatches bubbling DOM events: pacer:ready, pacer:attempt, pacer:mastery, pacer:completed,
// pacer:statement (delivered, rejected or conflict), pacer:error;
// element.exportRecord() and element.setLanguage('es') (or Pacer.exportRecord / Pacer.setLanguage).
// No inline script or style is used, so it runs under a strict Content-Security-Policy (see README).
const base = new URL('.', import.meta.url);
let player;

function loadPlayer() {
  player ??= (async () => {
    if (!document.querySelector('link[data-pacer-style]')) {
      const style = document.createElement('link');
      style.rel = 'stylesheet';
      style.href = new URL('style.css', base).href;
      style.dataset.pacerStyle = '';
      document.head.append(style);
    }
    const module = await import(new URL('player/pacer.js', base).href);
    await module.default({ module_or_path: new URL('player/pacer_bg.wasm', base) });
    return module;
  })();
  return player;
}

/** Mounts the player in `element` with `config` (see README: packageUrl, lrs, actor, language, ...). */
export async function mount(element, config) {
  const module = await loadPlayer();
  const resolved = { ...config, packageUrl: new URL(config.packageUrl, document.baseURI).href };
  await module.mount(element, resolved);
}

/** The learner's record (the data backpack) of the player in `element`. */
export async function exportRecord(element) {
  return (await loadPlayer()).exportRecord(element);
}

/** Switches the content language of the player in `element` (BCP 47 tag); the current answer is kept. */
export async function setLanguage(element, language) {
  (await loadPlayer()).setLanguage(element, language);
}

class PacerPlayerElement extends HTMLElement {
  exportRecord() {
    return exportRecord(this);
  }

  setLanguage(language) {
    return setLanguage(this, language);
  }

  connectedCallback() {
    if (this.started) return;
    this.started = true;
    let config = this.config;
    try {
      config ??= JSON.parse(this.getAttribute('config') || '{}');
    } catch (error) {
      this.fail(`the config attribute is not JSON: ${error.message}`);
      return;
    }
    if (this.hasAttribute('package')) config.packageUrl = this.getAttribute('package');
    if (this.hasAttribute('lang')) config.language = this.getAttribute('lang');
    if (!config.packageUrl) {
      this.fail('set the package attribute (the URL of the course pkg.json)');
      return;
    }
    mount(this, config).catch((error) => this.fail(String(error?.message ?? error)));
  }

  fail(message) {
    this.dispatchEvent(new CustomEvent('pacer:error', { bubbles: true, composed: true, detail: { message } }));
  }
}

if (!customElements.get('pacer-player')) customElements.define('pacer-player', PacerPlayerElement);
globalThis.Pacer = { mount, exportRecord, setLanguage };
