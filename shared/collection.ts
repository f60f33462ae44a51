/** The user's collection as the hub keeps it (Discogs API shapes where Discogs defines them). */
export interface Folder {
  id: number;
  name: string;
  count: number;
}

export interface Field {
  id: number;
  name: string;
  type: 'dropdown' | 'textarea' | string;
  position: number;
  public: boolean;
  options?: string[];
  lines?: number;
}

/**
 * What the hub and the app read of a listing's basic_information (Discogs' shape, every field
 * possibly absent); `basic` itself is kept as Discogs sent it.
 */
export interface BasicInformation {
  title?: string;
  year?: number;
  artists?: Array<{ name: string; anv?: string; join?: string }>;
  labels?: Array<{ name: string; catno?: string }>;
  formats?: Array<{ name: string; qty?: string; descriptions?: string[] }>;
  genres?: string[];
  styles?: string[];
}

export interface Instance {
  instance_id: number;
  release_id: number;
  folder_id: number;
  rating: number;
  date_added: string;
  /** Field values by field id. */
  notes: Record<string, string>;
  /** The listing's basic_information: title, artists, labels, formats, cover URLs. */
  basic: Record<string, unknown>;
}

export interface Want {
  release_id: number;
  rating: number;
  notes: string;
  /** Null when Discogs does not say (its own documented example has none). */
  date_added: string | null;
  basic: Record<string, unknown>;
}
