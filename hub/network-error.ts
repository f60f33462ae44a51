/**
 * Why a fetch() got no answer, in words an owner can act on. Node reports these as
 * "fetch failed" with the system error in `cause`; the host and the likely fix are what a
 * Pi owner needs to see on the admin page.
 */
export function whyUnanswered(err: Error, url: string): string {
  if (err.name === 'TimeoutError') return 'no answer in time';
  const code = (err.cause as { code?: string } | undefined)?.code;
  const host = new URL(url).host;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return `${host} could not be looked up (is the hub connected to the internet?)`;
  if (code === 'ECONNREFUSED') return `${host} refused the connection`;
  if (code === 'ECONNRESET') return `${host} closed the connection`;
  return String(err.cause ?? err.message);
}
