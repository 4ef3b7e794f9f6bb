let coop: Promise<boolean> | undefined;
let known: boolean | undefined;

/**
 * Whether this page sends `Cross-Origin-Opener-Policy: same-origin`, which cuts it off from any popup
 * that navigates to another origin: the popup then looks closed at once and cannot post back.
 * Asked only when a popup looks closed, and once per page.
 */
export function pageSeversPopups(): Promise<boolean> {
  coop ??= fetch(location.href, { method: 'HEAD', cache: 'no-store', credentials: 'same-origin' }).then(
    (response) => {
      const policy = (response.headers.get('cross-origin-opener-policy') ?? '').split(';')[0]!.trim().toLowerCase();
      return (known = policy === 'same-origin');
    },
    () => (known = false),
  );
  return coop;
}

/**
 * The answer of {@link pageSeversPopups} if it has arrived (the element asks when the pointer or the
 * focus reaches a library-flow button), so a click can tell at once, before opening a popup that
 * could only strand the user on a consent page whose answer can never come back.
 */
export function knownPageSeversPopups(): boolean | undefined {
  return known;
}

export const COOP_MESSAGE =
  'this page sends Cross-Origin-Opener-Policy: same-origin, which cuts it off from the login popup; send Cross-Origin-Opener-Policy: same-origin-allow-popups (or no such header) on this page';
