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

export class Router {
  route = $state<Route>(parseRoute(location.hash));

  start(): () => void {
    const onChange = () => {
      this.route = parseRoute(location.hash);
      window.scrollTo(0, 0);
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }
}
