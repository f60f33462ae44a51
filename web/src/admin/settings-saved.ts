/** Dispatched on `window` after settings are saved, for panels that show what they decide. */
export const SETTINGS_SAVED = 'vinylvault:settings-saved';
