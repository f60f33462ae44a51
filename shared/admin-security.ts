/** `GET /api/admin/security`: how devices reach the hub securely (the admin page's Security panel). */
export interface HubSecurity {
  /** The hub's own CA; null when the owner's certificate is served. */
  ca: { fingerprint: string; subject: string; validTo: string } | null;
  /** The certificate the HTTPS port presents now. */
  server: { names: string[]; validTo: string };
  /** Where a phone starts: the trust page over HTTP, then the app over HTTPS (as printed at start). */
  network: Array<{ trust: string | null; app: string }>;
}
