/** `GET /api/admin/sessions`: where the admin is signed in (the admin page's Security panel). */
export interface AdminSession {
  id: string;
  /** Null for sessions begun before the hub kept this. */
  createdAt: string | null;
  expiresAt: string;
  /** The browser's User-Agent when the session began, to tell devices apart. */
  userAgent: string | null;
  /** The session this request was made with. */
  current: boolean;
}
