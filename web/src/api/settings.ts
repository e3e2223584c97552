// Where the API is and which key this tab uses: the page's only configuration.

const KEY_STORAGE = 'track-studio.api-key';

/**
 * The API's origin: the `track-api-url` meta tag of index.html when a deployment sets it
 * (a studio served by another origin), else the origin that served this page.
 */
export function apiBaseUrl(): string {
  const configured = document
    .querySelector<HTMLMetaElement>('meta[name="track-api-url"]')
    ?.content.trim();
  return (configured || window.location.origin).replace(/\/+$/, '');
}

/** The API key of this tab (sessionStorage: gone when the tab closes, never in a URL). */
export function storedKey(): string | undefined {
  try {
    return sessionStorage.getItem(KEY_STORAGE) ?? undefined;
  } catch {
    return undefined; // storage disabled: the key lives only until reload
  }
}

export function storeKey(key: string | undefined): void {
  try {
    if (key === undefined) sessionStorage.removeItem(KEY_STORAGE);
    else sessionStorage.setItem(KEY_STORAGE, key);
  } catch {
    // storage disabled: nothing to keep
  }
}
