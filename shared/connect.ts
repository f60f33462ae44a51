/**
 * `GET /api/connect`: what the "Connect this device" page needs to walk a phone through trusting
 * the hub and on to its HTTPS address (design.md, HTTPS). Public, and served over plain HTTP.
 */
export interface ConnectInfo {
  /** The app over HTTPS, on the name or address this request was sent to. */
  httpsOrigin: string;
  /** The hub's own CA; null when the owner's certificate (trusted already) is served instead. */
  ca: { fingerprint: string; subject: string } | null;
}
