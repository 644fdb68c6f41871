// Offline for real (appended to the boot script by scripts/postbuild.mjs):
// registers the service worker that precaches this exact build, and when a
// newer build has been downloaded says "a new version is ready — reload"
// instead of swapping code under the user. Nothing here runs from file://.
if ('serviceWorker' in navigator && location.protocol.startsWith('http')) {
  const words = () => (document.documentElement.lang.startsWith('zh')
    ? { text: '新版本已就绪。', reload: '重新加载', later: '稍后' }
    : { text: 'A new version is ready.', reload: 'Reload', later: 'Later' });
  let asked = false;
  const offer = (waiting) => {
    if (document.querySelector('[data-testid="update-ready"]')) return;
    const w = words();
    const bar = document.createElement('div');
    bar.className = 'update-ready';
    bar.setAttribute('role', 'status');
    bar.dataset.testid = 'update-ready';
    const text = document.createElement('span');
    text.textContent = w.text;
    const reload = document.createElement('button');
    reload.type = 'button';
    reload.textContent = w.reload;
    reload.dataset.testid = 'update-reload';
    reload.addEventListener('click', () => {
      asked = true;
      waiting.postMessage('skip-waiting');
    });
    const later = document.createElement('button');
    later.type = 'button';
    later.className = 'secondary';
    later.textContent = w.later;
    later.addEventListener('click', () => bar.remove());
    bar.append(text, reload, later);
    document.body.append(bar);
  };
  navigator.serviceWorker.register('./sw.js').then((reg) => {
    if (reg.waiting && navigator.serviceWorker.controller) offer(reg.waiting);
    reg.addEventListener('updatefound', () => {
      const w = reg.installing;
      w?.addEventListener('statechange', () => {
        if (w.state === 'installed' && navigator.serviceWorker.controller) offer(w);
      });
    });
  }).catch(() => { /* no service worker (private mode, file://): online only */ });
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (asked) location.reload();
  });
}
