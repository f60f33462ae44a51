/** Response shapes of the Discogs API endpoints the hub reads (as recorded in 2026). */
export interface ApiPagination {
  page: number;
  pages: number;
  per_page: number;
  items: number;
  urls: Record<string, string>;
}

/** An item of `GET /users/{u}/collection/folders/{f}/releases`. */
export interface ApiInstance {
  id: number;
  instance_id: number;
  folder_id: number;
  rating: number;
  date_added: string;
  /** Absent when no field has a value. */
  notes?: Array<{ field_id: number; value: string }>;
  basic_information: Record<string, unknown>;
}

/** An item of `GET /users/{u}/wants`. */
export interface ApiWant {
  id: number;
  rating: number;
  notes?: string;
  date_added: string;
  basic_information: Record<string, unknown>;
}
