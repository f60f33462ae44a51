/** The app's screens, addressed by the URL's hash so every screen works offline from one page. */
export type Route =
  | { screen: 'collection' }
  | { screen: 'release'; releaseId: number }
  | { screen: 'master'; masterId: number }
  | { screen: 'discography'; kind: 'artist' | 'label'; id: number }
  | { screen: 'scan' }
  | { screen: 'wants' }
  | { screen: 'stats' }
  | { screen: 'sync' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  const release = /^release\/(\d+)$/.exec(path);
  if (release) return { screen: 'release', releaseId: Number(release[1]) };
  const master = /^master\/(\d+)$/.exec(path);
  if (master) return { screen: 'master', masterId: Number(master[1]) };
  const discography = /^(artist|label)\/(\d+)$/.exec(path);
  if (discography)
    return {
      screen: 'discography',
      kind: discography[1] as 'artist' | 'label',
      id: Number(discography[2]),
    };
  if (path === 'wants' || path === 'stats' || path === 'sync' || path === 'scan')
    return { screen: path };
  // Includes "#pair=CODE", the link in the hub's QR code: the pairing form reads it.
  return { screen: 'collection' };
}

export function href(r: Route): string {
  switch (r.screen) {
    case 'release':
      return `#/release/${r.releaseId}`;
    case 'master':
      return `#/master/${r.masterId}`;
    case 'discography':
      return `#/${r.kind}/${r.id}`;
    case 'collection':
      return '#/';
    default:
      return `#/${r.screen}`;
  }
}

/** What each screen is called: in page titles and in the way back to it. */
export const SCREEN_NAMES: Record<Route['screen'], string> = {
  collection: 'Collection',
  release: 'Release',
  master: 'All versions',
  discography: 'Discography',
  scan: 'Scan',
  wants: 'Wantlist',
  stats: 'Stats',
  sync: 'Sync',
};

/** Each screen titles the page with what it shows: tabs, history and the switcher tell them apart. */
export function setPageTitle(name: string): void {
  document.title = `${name} · VinylVault`;
}

/** The screen this one was opened from in this visit, if any: where "back" leads. */
export const cameFrom = $state<{ route: Route | null }>({ route: null });

export class Router {
  route = $state<Route>(parseRoute(location.hash));

  start(): () => void {
    const onChange = () => {
      cameFrom.route = this.route;
      this.route = parseRoute(location.hash);
      window.scrollTo(0, 0);
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }
}
