import { z } from 'zod';

/** A paired device as the admin page lists it (`GET /api/devices`); its token only the device holds. */
export const pairedDeviceSchema = z.object({
  id: z.string(),
  name: z.string(),
  paired_at: z.string(),
  last_seen_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
});
export type PairedDevice = z.infer<typeof pairedDeviceSchema>;

/** `POST /api/admin/pairing`: a one-time code, and the link and QR code that carry it. */
export interface Pairing {
  code: string;
  expiresAt: string;
  url: string;
  qrSvg: string;
}

/** `POST /api/pair`: the device's id and its token (shown once). */
export interface PairResult {
  deviceId: string;
  token: string;
}
