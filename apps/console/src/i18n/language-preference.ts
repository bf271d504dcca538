/**
 * Where the chosen language is remembered: the one place to change when the API stores a per-user `locale`
 * on `me`. Until then it is kept in this browser's localStorage, per user (and the last choice on this
 * device, for the sign-in page). Only the language code is stored here, never a token.
 */
const DEVICE_KEY = 'deskforce.language';
const userKey = (userId: string) => `deskforce.language.${userId}`;

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null; // storage disabled: the choice lasts for this page only
  }
}

export function rememberedLanguage(userId?: string): string | null {
  return (userId ? read(userKey(userId)) : null) ?? read(DEVICE_KEY);
}

export function rememberLanguage(language: string, userId?: string): void {
  try {
    window.localStorage.setItem(DEVICE_KEY, language);
    if (userId) window.localStorage.setItem(userKey(userId), language);
  } catch {
    // storage disabled: nothing to remember it in
  }
}
