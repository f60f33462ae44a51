/**
 * Whether the service worker controls this page. Covers are fetched only then: the worker adds
 * the device's token that an <img> cannot send (see sw.ts), and before it does the hub says 401.
 */
class WorkerReady {
  controlled = $state(typeof navigator !== 'undefined' && !!navigator.serviceWorker?.controller);

  constructor() {
    navigator.serviceWorker?.addEventListener(
      'controllerchange',
      () => (this.controlled = !!navigator.serviceWorker.controller),
    );
  }
}

export const workerReady = new WorkerReady();
