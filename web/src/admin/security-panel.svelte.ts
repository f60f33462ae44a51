import type { AdminSession } from '../../../shared/admin-sessions.ts';
import type { HubSecurity } from '../../../shared/admin-security.ts';
import { adminApi } from './admin-api.ts';
import { Feedback } from './feedback.svelte.ts';

/** The security panel's state: how devices reach the hub securely, and where the admin is signed in. */
export class SecurityModel {
  security = $state<HubSecurity | null>(null);
  sessions = $state<AdminSession[]>([]);
  readonly feedback = new Feedback();
  readonly passwordFeedback = new Feedback();

  load(): Promise<boolean> {
    return this.feedback.run(async () => {
      this.security = await adminApi('GET /api/admin/security');
      this.sessions = (await adminApi('GET /api/admin/sessions')).sessions;
    });
  }

  /** Changes the admin password; every other session is signed out. */
  async changePassword(current: string, password: string): Promise<boolean> {
    const done = await this.passwordFeedback.run(
      () => adminApi('POST /api/admin/password', { body: { current, password } }),
      'Password changed. Every other session was signed out.',
    );
    if (done) await this.load();
    return done;
  }

  /** Signs out another browser's session; `who` names it in the notice. */
  async endSession(session: AdminSession, who: string): Promise<void> {
    if (
      await this.feedback.run(
        () => adminApi('DELETE /api/admin/sessions/:id', { params: { id: session.id } }),
        `Signed out ${who}.`,
      )
    )
      await this.load();
  }
}
