type InstallEvent = Event & {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
};

/** The browser's offer to install the app, kept until the person chooses to (Chromium). */
export class InstallPrompt {
  available = $state(false);
  installed = $state(matchMedia('(display-mode: standalone)').matches);
  #event: InstallEvent | null = null;

  start(): () => void {
    const offer = (e: Event) => {
      e.preventDefault();
      this.#event = e as InstallEvent;
      this.available = true;
    };
    const done = () => {
      this.installed = true;
      this.available = false;
    };
    window.addEventListener('beforeinstallprompt', offer);
    window.addEventListener('appinstalled', done);
    return () => {
      window.removeEventListener('beforeinstallprompt', offer);
      window.removeEventListener('appinstalled', done);
    };
  }

  async install(): Promise<void> {
    if (!this.#event) return;
    await this.#event.prompt();
    if ((await this.#event.userChoice).outcome === 'accepted') this.installed = true;
    this.#event = null;
    this.available = false;
  }
}
