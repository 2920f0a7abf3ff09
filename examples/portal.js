// The example portal's script: loads the Palisade widget by its manifest and mounts it
// with a credential provider, as an internal portal would with short-lived STS keys.
const manifest = await (await fetch('/widget.json')).json();
const link = document.createElement('link');
link.rel = 'stylesheet';
link.href = manifest.css;
document.head.append(link);
const bindings = await import(manifest.js);
await bindings.default({ module_or_path: manifest.wasm });

// In a real portal this asks the portal's backend for short-lived credentials; here the
// emulator's demo pair with a token stands in. Palisade calls it for every request and
// keeps nothing.
const calls = [];
async function credentials(cloud, region) {
  calls.push({ cloud, region });
  const config = await (await fetch('/api/config')).json();
  return {
    accessKey: config.demo.accessKey,
    secretKey: config.demo.secretKey,
    securityToken: `portal-sts-${cloud}-token`,
    projectId: cloud === 'huawei' ? config.demo.huaweiProjectId : undefined,
  };
}

window.portal = {
  calls,
  credentials,
  mount(slot, options = {}) {
    return bindings.mount(document.getElementById(slot), { apiBase: '/api', credentials, ...options });
  },
};
// A test may choose the first mount's options before the page loads (window.portalFirstOptions).
window.portal.first = window.portal.mount('console-slot', window.portalFirstOptions ?? { pages: ['bce-security-groups', 'huawei-security-groups'], theme: 'light' });
document.documentElement.dataset.portalReady = 'true';
