/** The API's version, kept apart so the start-up path reads it without loading the app. */
export const API_VERSION = '0.1.0';
