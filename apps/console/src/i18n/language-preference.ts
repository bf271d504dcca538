import { stringifyDocument } from '@urql/core';
import { accessToken, currentSession } from '../auth/session';
import { graphql } from '../gql';

/**
 * Where the chosen language is remembered: per user by the API (`me.locale`, set with updateMyProfile), so
 * it follows the user to any browser; and the last choice on this device in localStorage, for the sign-in
 * page before anyone has signed in. Only the language code is stored in the browser, never a token.
 */
const DEVICE_KEY = 'deskforce.language';

const UpdateMyProfileMutation = graphql(`
  mutation UpdateMyLocale($input: UpdateMyProfileInput!) {
    updateMyProfile(input: $input) {
      user {
        id
        locale
      }
    }
  }
`);

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null; // storage disabled: the choice lasts for this page only
  }
}

/** The signed-in user's own choice when they made one, else this device's last choice. */
export function rememberedLanguage(): string | null {
  return currentSession()?.user.locale ?? read(DEVICE_KEY);
}

export function rememberLanguage(language: string): void {
  try {
    window.localStorage.setItem(DEVICE_KEY, language);
  } catch {
    // storage disabled: nothing to remember it in on this device
  }
  const token = accessToken();
  const user = currentSession()?.user;
  if (!token || !user) return;
  user.locale = language;
  void fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: stringifyDocument(UpdateMyProfileMutation),
      variables: { input: { locale: language } },
    }),
  })
    // Read the answer to the end: an unread body keeps the request open in the browser.
    .then((response) => response.text())
    .catch(() => undefined);
}
